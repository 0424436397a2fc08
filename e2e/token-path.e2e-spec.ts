import {
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  decodeJwt,
  startPortcullis,
} from '@portcullis/testing';
import * as fastPath from '../apps/api/src/token/token-fast-path';
import { TokenController } from '../apps/api/src/token/token.controller';

const HANDLERS = ['getToken', 'postToken', 'getTokenAtAutoredirectPath', 'postTokenAtAutoredirectPath'] as const;
const SERVICE = 'paths.test';

/** A spy on a handler that keeps its route metadata, which Nest reads from the function itself. */
function spyOnHandler(name: (typeof HANDLERS)[number]) {
  const original = Object.getOwnPropertyDescriptor(TokenController.prototype, name)!.value as object;
  const spy = jest.spyOn(TokenController.prototype, name);
  for (const key of Reflect.getMetadataKeys(original) as unknown[]) {
    Reflect.defineMetadata(key, Reflect.getMetadata(key, original), spy);
  }
  return spy;
}

/**
 * The token endpoint is answered by TokenModule's own Fastify hook, ahead of Nest's guards,
 * interceptors and pipes; TokenController declares the same routes and answers the same when the
 * hook is not there.
 */
describe('The token endpoint, by its hook and by its controller', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  afterEach(() => jest.restoreAllMocks());

  /** What the endpoint answers to a few requests, in a form two instances can be compared by. */
  async function answers(portcullis: RunningPortcullis) {
    const declared = await fetch(`${portcullis.url}/api/v1/registries`, {
      method: 'POST',
      headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD),
      body: JSON.stringify({ service: SERVICE, url: 'http://127.0.0.1:9' }),
    });
    expect([201, 409]).toContain(declared.status);
    const admin = { authorization: basicAuthorization(TEST_ADMIN) };
    const form = (body: string) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const responses = [
      await fetch(`${portcullis.url}/token?service=${SERVICE}&scope=repository:team/app:pull,push`, { headers: admin }),
      await fetch(`${portcullis.url}/auth/token?service=${SERVICE}&scope=repository:team/app:pull`, { headers: admin }),
      await fetch(
        `${portcullis.url}/token`,
        form(`grant_type=password&username=admin&password=${TEST_ADMIN_PASSWORD}&service=${SERVICE}&client_id=t`),
      ),
      await fetch(`${portcullis.url}/auth/token`, form(`grant_type=nope&service=${SERVICE}`)),
      await fetch(`${portcullis.url}/token?service=${SERVICE}`, { headers: { authorization: 'Basic bm9wZTpub3Bl' } }),
    ];
    return Promise.all(
      responses.map(async (response) => {
        const body = (await response.json()) as { token?: string; access_token?: string; errors?: { code: string }[] };
        const token = body.token ?? body.access_token;
        return {
          status: response.status,
          cacheControl: response.headers.get('cache-control'),
          authenticate: response.headers.get('www-authenticate'),
          access: token === undefined ? undefined : decodeJwt(token).claims.access,
          error: body.errors?.[0]?.code,
        };
      }),
    );
  }

  it('should answer from the hook, never reaching the controller, and the same from the controller without it', async () => {
    const controller = HANDLERS.map(spyOnHandler);
    const hooked = await startPortcullis({ DATABASE_URL: db.url });
    let byHook: Awaited<ReturnType<typeof answers>>;
    try {
      byHook = await answers(hooked);
    } finally {
      await hooked.close();
    }
    for (const handler of controller) expect(handler).not.toHaveBeenCalled();
    expect(byHook.map((a) => a.status)).toEqual([200, 200, 200, 400, 401]);
    expect(byHook[0]).toMatchObject({
      cacheControl: 'no-store',
      access: [{ type: 'repository', name: 'team/app', actions: ['pull', 'push'] }],
    });
    expect(byHook[4]!.authenticate).toMatch(/^Basic /);

    // Without the hook, Nest routes the same requests to TokenController, which answers alike.
    jest.spyOn(fastPath, 'installTokenFastPath').mockImplementation(() => undefined);
    const plain = await startPortcullis({ DATABASE_URL: db.url });
    try {
      expect(await answers(plain)).toEqual(byHook);
    } finally {
      await plain.close();
    }
    expect(controller.map((handler) => handler.mock.calls.length)).toEqual([2, 1, 1, 1]);
  });
});
