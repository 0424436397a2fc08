import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RunningPortcullis,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  startPortcullis,
} from '@portcullis/testing';

/**
 * Hostile input is a 4xx, never a 5xx: every operation of the committed OpenAPI document is called
 * with values built from its own parameter and body schemas, turned hostile (NUL characters, ids
 * beyond 2^31, wrong types, huge and odd strings, prototype keys, alias bombs where YAML is read),
 * by an admin (who reaches furthest), anonymously and with hostile credentials. The server must
 * answer each with less than 500 and stay ready.
 */

interface Schema {
  type?: string;
  $ref?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
}

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: Schema;
}

interface OperationSpec {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const spec = JSON.parse(readFileSync(join(__dirname, '../openapi/portcullis.json'), 'utf8')) as {
  paths: Record<string, Record<string, OperationSpec>>;
  components: { schemas: Record<string, Schema> };
};

function resolve(schema: Schema | undefined): Schema {
  if (schema?.$ref) return resolve(spec.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema?.allOf?.length === 1) return resolve(schema.allOf[0]);
  return schema ?? {};
}

/** Strings no route should choke on: mostly hostile, sometimes plain. */
const hostileString = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '\u0000',
      'a\u0000b',
      '%00',
      '../../../etc/passwd',
      '__proto__',
      'constructor',
      '${account}',
      '/(a+)+$/',
      '**',
      '\'; DROP TABLE "user"; --',
      '\ud800',
      'é'.repeat(300),
      'x'.repeat(5000),
      '💥'.repeat(50),
      '   ',
      '',
    ),
  },
  { weight: 2, arbitrary: fc.string().map((text) => `${text}\u0000${text}`) },
  { weight: 2, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** Numbers and number-like strings around every boundary an id or a count has. */
const hostileNumber = fc.oneof(
  fc.integer({ min: -3, max: 6 }),
  fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 53, -(2 ** 31), 1e308, 0.5, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.double(),
);

const YAML_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  ...'bcdefghij'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(',')}]`),
].join('\n');

function valueOf(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const anything = fc.jsonValue({ maxDepth: 2 });
  if (depth > 3) return anything;
  const typed = ((): fc.Arbitrary<unknown> => {
    if (s.enum) return fc.oneof(fc.constantFrom(...s.enum), hostileString);
    switch (s.type) {
      case 'string':
        return hostileString;
      case 'number':
      case 'integer':
        return hostileNumber;
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(valueOf(s.items, depth + 1), { maxLength: 4 });
      case 'object':
      case undefined:
        if (!s.properties) return anything;
        return fc
          .record(Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, valueOf(v, depth + 1)])), {
            requiredKeys: s.required ?? [],
          })
          .chain((record) =>
            fc.oneof(
              fc.constant(record),
              fc.dictionary(hostileString, anything, { maxKeys: 2 }).map((extra) => ({ ...extra, ...record })),
            ),
          );
      default:
        return anything;
    }
  })();
  // Now and then the wrong type altogether, or null.
  return fc.oneof(
    { weight: 6, arbitrary: typed },
    { weight: 1, arbitrary: anything },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

/** A value the schema takes (the first enum value, `a`, 1, true, the required fields). */
function validOf(schema: Schema | undefined): unknown {
  const s = resolve(schema);
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'string':
      return 'a';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default:
      return Object.fromEntries((s.required ?? []).map((name) => [name, validOf(s.properties?.[name])]));
  }
}

/** A value as a query string or path carries it. */
function textOf(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

interface HostileRequest {
  url: string;
  body?: { type: string; body: string };
}

/**
 * One request for an operation: in most runs every input is valid or left out but one, which is
 * hostile (so validation of the others cannot hide what the hostile one does); in some, all of
 * them are random. A body may also be no JSON at all, of another type, or a YAML bomb.
 */
function requestOf(path: string, operation: OperationSpec): fc.Arbitrary<HostileRequest> {
  const parameters = (operation.parameters ?? []).filter((p) => p.in !== 'header');
  const content = operation.requestBody ? Object.entries(operation.requestBody.content)[0] : undefined;
  const bodySchema = content ? resolve(content[1].schema) : undefined;
  const fields = Object.entries(bodySchema?.properties ?? {});
  const inputs: {
    kind: 'param' | 'field';
    name: string;
    schema: Schema | undefined;
    required: boolean;
    where?: string;
  }[] = [
    ...parameters.map((p) => ({
      kind: 'param' as const,
      name: p.name,
      schema: p.schema,
      required: p.required === true,
      where: p.in,
    })),
    ...fields.map(([name, schema]) => ({
      kind: 'field' as const,
      name,
      schema,
      required: bodySchema?.required?.includes(name) ?? false,
    })),
  ];
  const build = (values: Map<string, unknown>): HostileRequest => {
    let url = path;
    const query = new URLSearchParams();
    for (const p of parameters) {
      const value = values.get(`param:${p.name}`);
      if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(textOf(value).toWellFormed()));
      else if (value !== undefined)
        for (const item of Array.isArray(value) ? value : [value]) query.append(p.name, textOf(item));
    }
    const search = query.toString();
    if (search !== '') url = `${url}?${search}`;
    if (!content) return { url };
    const body = Object.fromEntries(
      fields.flatMap(([name]) => (values.has(`field:${name}`) ? [[name, values.get(`field:${name}`)]] : [])),
    );
    const [type] = content;
    if (type === 'application/x-www-form-urlencoded') {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(body)) form.append(k, textOf(v));
      return { url, body: { type, body: form.toString() } };
    }
    return { url, body: { type, body: JSON.stringify(body) } };
  };
  const oneHostile = (inputs.length === 0 ? fc.constant(-1) : fc.integer({ min: 0, max: inputs.length - 1 })).chain(
    (index) =>
      (index < 0 ? fc.constant(undefined) : valueOf(inputs[index]!.schema)).map((hostile) => {
        const values = new Map<string, unknown>();
        inputs.forEach((input, i) => {
          const key = `${input.kind}:${input.name}`;
          if (i === index) values.set(key, hostile);
          else if (input.required || input.where === 'path') values.set(key, validOf(input.schema));
        });
        return build(values);
      }),
  );
  const allRandom = fc
    .tuple(...inputs.map((input) => fc.option(valueOf(input.schema), { nil: undefined })))
    .map((randoms) => {
      const values = new Map<string, unknown>();
      inputs.forEach((input, i) => {
        if (randoms[i] !== undefined || input.where === 'path') values.set(`${input.kind}:${input.name}`, randoms[i]);
      });
      return build(values);
    });
  const reads = fields.some(([name]) => name === 'yaml' || name === 'htpasswd');
  const odd = content
    ? [
        {
          weight: 1,
          arbitrary: hostileString.map((body) => ({
            url: path.replace(/\{[^}]+\}/g, '1'),
            body: { type: content[0], body },
          })),
        },
        {
          weight: 1,
          arbitrary: fc.constant({ url: path.replace(/\{[^}]+\}/g, '1'), body: { type: 'text/plain', body: '{}' } }),
        },
        ...(reads
          ? [
              {
                weight: 2,
                arbitrary: fc.constant({
                  url: path,
                  body: { type: content[0], body: JSON.stringify({ yaml: YAML_BOMB, htpasswd: YAML_BOMB }) },
                }),
              },
            ]
          : []),
      ]
    : [];
  return fc.oneof({ weight: 6, arbitrary: oneHostile }, { weight: 2, arbitrary: allRandom }, ...odd);
}

/** Operations that change who may do what for everyone last, so the others run against a usable instance. */
const LAST = ['setSignInSettings', 'deleteUser', 'logout', 'refreshSession'];

const operations = Object.entries(spec.paths)
  .flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, o]) => ({ path, method: method.toUpperCase(), o })),
  )
  .sort(
    (a, b) =>
      Number(LAST.includes(a.o.operationId)) - Number(LAST.includes(b.o.operationId)) ||
      Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
  );

describe('Hostile input on every operation of the OpenAPI document', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({
      DATABASE_URL: db.url,
      // Hostile sign-ins must not lock the test's own admin out.
      LOCKOUT_ACCOUNT_FAILURES: '1000',
      LOCKOUT_ADDRESS_FAILURES: '100000',
      LOCKOUT_ACCOUNT_WIDE_FAILURES: '100000',
    });
    // Something to find behind valid ids; the registry's address awaits approval (a manager
    // declared it), so no call leaves for it.
    const yaml = `
groups: [{ name: team }]
users:
${Array.from({ length: 8 }, (_, i) => `  - { name: filler-${i}, password: filler-password }`).join('\n')}
  - { name: mgr, password: mgr-password, groups: [team], primaryGroup: team, privileges: [DockerRegistriesManager] }
  # The admin the test calls as: an id beyond the small ids hostile requests change or delete.
  - { name: tester, password: tester-password, admin: true }
apps: [{ name: shop, responsibles: [team] }]
services: [{ name: web1, app: shop, secret: web1-secret }]
robots: [{ name: ci, app: shop, secret: ci-secret, permissions: [{ repositories: "apps/shop/**", actions: [pull] }] }]
rules: [{ match: { account: nobody }, actions: [] }]
`;
    await portcullis.applyConfig(yaml);
    await fetch(`${portcullis.url}/api/v1/registries`, {
      method: 'POST',
      headers: await portcullis.apiHeaders('mgr', 'mgr-password'),
      body: JSON.stringify({ service: 'hostile.test', url: 'http://127.0.0.1:9' }),
    });
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
  });

  const callers = fc.oneof(
    { weight: 4, arbitrary: fc.constant('admin') },
    fc.constant('anonymous'),
    hostileString.map((s) => `basic:${s}`),
    hostileString.map((s) => `bearer:${s}`),
  );

  it.each(operations.map((o) => [o.o.operationId, o] as const))('%s', async (_, { path, method, o }) => {
    const admin = await portcullis.apiHeaders('tester', 'tester-password');
    const answered: number[] = [];
    await fc.assert(
      fc.asyncProperty(requestOf(path, o), callers, async ({ url, body }, caller) => {
        const headers: Record<string, string> = {};
        if (caller === 'admin') headers.authorization = admin.authorization!;
        else if (caller.startsWith('basic:')) headers.authorization = basicAuthorization(`${caller.slice(6)}:x`);
        else if (caller.startsWith('bearer:'))
          headers.authorization = `Bearer ${caller.slice(7).replace(/[^\x20-\x7e]/g, '')}`;
        if (body) headers['content-type'] = body.type;
        const response = await fetch(`${portcullis.url}${url}`, {
          method,
          headers,
          ...(body && !['GET', 'HEAD'].includes(method) ? { body: body.body } : {}),
        });
        const text = await response.text();
        answered.push(response.status);
        if (response.status >= 500)
          throw new Error(`${method} ${url} as ${caller}: ${response.status} ${text.slice(0, 300)}`);
      }),
      { numRuns: 40, endOnFailure: true },
    );
    expect(answered.every((status) => status < 500)).toBe(true);
    expect((await fetch(`${portcullis.url}/health/ready`)).status).toBe(200);
  });
});
