import { DeclarativeConfigError } from './declarative-config.parser';
import { dockerAuthToConfig, htpasswdToConfig } from './importers';

const BCRYPT = '$2y$05$CeqDkJ9.fBWQVXlPpJq2wuWmZl4Vc6jsfXhPPAf3.G6T1m7ZAUq6W';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof DeclarativeConfigError) return error.problems;
    throw error;
  }
  throw new Error('accepted');
}

describe('htpasswdToConfig', () => {
  it('should read bcrypt entries, skipping blanks and comments', () => {
    expect(htpasswdToConfig(`# team\nalice:${BCRYPT}\n\nbob:${BCRYPT.replace('$2y$', '$2b$')}\n`)).toEqual({
      users: [
        { name: 'alice', passwordHash: BCRYPT },
        { name: 'bob', passwordHash: BCRYPT.replace('$2y$', '$2b$') },
      ],
    });
  });

  it.each([
    ['alice:$apr1$abc$def', 'line 1: alice is not bcrypt-hashed'],
    ['alice:{SHA}abc=', 'line 1: alice is not bcrypt-hashed'],
    [`ok:${BCRYPT}\nBad Name:${BCRYPT}`, 'line 2: "Bad Name" is not a valid user name'],
    ['nocolon', 'line 1'],
  ])('should refuse %j', (text, problem) => {
    expect(problemsOf(() => htpasswdToConfig(text)).join('\n')).toContain(problem);
  });
});

describe('dockerAuthToConfig', () => {
  const config = `
server: { addr: ":5001" }
users:
  "admin": { password: "${BCRYPT}" }
  "": {}
acl:
  - match: { account: "admin" }
    actions: ["*"]
    comment: "Admin has full access to everything."
  - match: { account: "/.+/", name: "\${account}/*" }
    actions: ["*"]
  - match: { account: "" , name: "hello-world" }
    actions: ["pull"]
  - match: { account: "/^ci-/", type: registry, name: catalog }
    actions: ["*"]
`;

  it('should import static users and turn the ACL into rules with the same meaning', () => {
    const result = dockerAuthToConfig(config);
    expect(result.users).toEqual([{ name: 'admin', passwordHash: BCRYPT }]);
    expect(result.rules).toEqual([
      { match: { account: 'admin' }, actions: ['*'], comment: 'Admin has full access to everything.' },
      // docker_auth regexes match substrings; ours are anchored, so they are widened explicitly.
      { match: { account: '/.*(?:.+).*/', name: '${account}/*' }, actions: ['*'] },
      { match: { kind: 'anonymous', name: 'hello-world' }, actions: ['pull'] },
      { match: { account: '/.*(?:^ci-).*/', type: 'registry', name: 'catalog' }, actions: ['*'] },
    ]);
  });

  it.each([
    [
      'acl: [{ match: { labels: { group: admins } }, actions: [pull] }]',
      'acl[0].match.labels: has no Portcullis equivalent',
    ],
    [
      'acl: [{ match: { name: "${labels:project}/*" }, actions: [pull] }]',
      'placeholder ${labels} has no Portcullis equivalent',
    ],
    ['acl: [{ match: {}, actions: pull }]', 'acl[0].actions: must be a list'],
    ['users: { alice: { password: plain } }', 'users.alice.password: must be a bcrypt hash'],
    ['acl: {}', 'acl: must be a list'],
  ])('should refuse %j', (text, problem) => {
    expect(problemsOf(() => dockerAuthToConfig(text)).join('\n')).toContain(problem);
  });

  it('should leave the rules alone without an acl, and replace them with an empty one', () => {
    expect(dockerAuthToConfig('users: {}')).not.toHaveProperty('rules');
    expect(dockerAuthToConfig('acl: []')).toEqual({ users: [], rules: [] });
  });
});
