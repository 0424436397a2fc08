import { DeclarativeConfigError, parseDeclarativeConfig } from './declarative-config.parser';

/** The example of the access-model issue, verbatim but for a real bcrypt hash. */
const EXAMPLE = `
groups: [{ name: dev }, { name: ops }]
users:
  - { name: alice, password: alice-pw, email: alice@example.com, groups: [dev], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
  - { name: root2, passwordHash: "$2y$05$CeqDkJ9.fBWQVXlPpJq2wuWmZl4Vc6jsfXhPPAf3.G6T1m7ZAUq6W", admin: true }
apps:
  - { name: shop, responsibles: [dev], publications: [ops] }
registries:
  - { service: registry.test, url: "http://localhost:5000/", insecure: true, restricted: false,
      responsibles: [ops], publications: [dev, ops], anonymousPull: ["public/**"] }
services:
  - { name: web1, app: shop, secret: web1-secret }
robots:
  - { name: ci-shop, app: shop, secret: ci-secret, permissions: [{ repositories: "apps/shop/**", actions: [pull, push] }] }
rules:
  - { match: { account: bob, name: "releases/**" }, actions: [pull], comment: "bob reads releases" }
`;

function problemsOf(text: string): string[] {
  try {
    parseDeclarativeConfig(text);
  } catch (error) {
    if (error instanceof DeclarativeConfigError) return error.problems;
    throw error;
  }
  throw new Error('the document was accepted');
}

describe('parseDeclarativeConfig', () => {
  it('should read the documented example', () => {
    const config = parseDeclarativeConfig(EXAMPLE);
    expect(config.groups?.map((g) => g.name)).toEqual(['dev', 'ops']);
    expect(config.users?.[1]).toMatchObject({ name: 'root2', admin: true });
    expect(config.registries?.[0]).toMatchObject({
      service: 'registry.test',
      url: 'http://localhost:5000',
      anonymousPull: ['public/**'],
    });
    expect(config.robots?.[0]?.permissions[0]).toMatchObject({
      repositories: 'apps/shop/**',
      actions: ['pull', 'push'],
    });
    expect(config.rules?.[0]?.match).toMatchObject({ account: 'bob', name: 'releases/**' });
  });

  it('should accept an empty document', () => {
    expect(parseDeclarativeConfig('')).toEqual({});
  });

  it.each([
    [
      'users: [{ name: alice, password: long-enough, privileges: [DockerRegistriesPuller, Root] }]',
      'users[0].privileges',
    ],
    ['users: [{ name: Alice }]', 'users[0].name'],
    ['users: [{ name: alice, nickname: al }]', 'users[0].nickname: property nickname should not exist'],
    ['groups: [{ name: dev }, { name: dev }]', 'groups[1].name: "dev" is declared twice'],
    ['registries: [{ service: r.test, url: "not a url" }]', 'registries[0].url'],
    [
      'registries: [{ service: r.test, url: "http://r", anonymousPull: ["Public/**"] }]',
      'registries[0].anonymousPull[0]: can never match',
    ],
    [
      'robots: [{ name: ci, app: shop, permissions: [{ repositories: "/(/", actions: [pull] }] }]',
      'robots[0].permissions[0].repositories: is not a valid regular expression',
    ],
    [
      'robots: [{ name: ci, app: shop, permissions: [{ repositories: "apps/**", actions: [fly] }] }]',
      'robots[0].permissions[0].actions',
    ],
    ['rules: [{ match: { name: "/[/" }, actions: [pull] }]', 'rules[0].match.name: is not a valid regular expression'],
    ['rules: [{ match: { ip: "300.1.1.1" }, actions: [] }]', 'rules[0].match.ip'],
    ['rules: [{ match: { kind: martian }, actions: [] }]', 'rules[0].match.kind'],
    ['rules: [{ match: { nme: x }, actions: [] }]', 'rules[0].match.nme: property nme should not exist'],
    ['users: [{ name: a, passwordHash: "plain" }]', 'users[0].passwordHash: must be an argon2id or bcrypt'],
    [
      'users: [{ name: a, password: long-enough, passwordHash: "$2y$05$CeqDkJ9.fBWQVXlPpJq2wuWmZl4Vc6jsfXhPPAf3.G6T1m7ZAUq6W" }]',
      'users[0]: give password or passwordHash, not both',
    ],
    [
      'services: [{ name: w, app: shop, secret: long-enough-1, secretHash: "x" }]',
      'services[0]: give secret or secretHash, not both',
    ],
    ['widgets: []', 'widgets: property widgets should not exist'],
    ['- just\n- a list', 'the document must be a mapping'],
    ['groups: [{ name: dev }\n', 'YAML:'],
    ['a: 1\na: 2', 'YAML:'],
  ])('should refuse %j naming %s', (text, expected) => {
    expect(problemsOf(text).join('\n')).toContain(expected);
  });
});
