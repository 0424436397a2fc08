import { X509Certificate, createPublicKey, verify as verifySignature } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  OciImage,
  RegistryServer,
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  credsFlag,
  decodeJwt,
  skopeo,
  startPortcullis,
  startRegistry,
  writeOciImage,
} from '@portcullis/testing';
import { generateKeyPair } from '../apps/api/src/signing/key-store';

const ALICE_PASSWORD = 'alice-password-1';
const ALICE = `alice:${ALICE_PASSWORD}`;

interface TokenBody {
  token: string;
  access_token: string;
  expires_in: number;
  issued_at: string;
  refresh_token?: string;
  scope?: string;
}

async function getToken(portcullis: RunningPortcullis, query: string, creds?: string): Promise<Response> {
  return fetch(
    `${portcullis.url}/token?${query}`,
    creds ? { headers: { authorization: basicAuthorization(creds) } } : {},
  );
}

async function declareRegistry(portcullis: RunningPortcullis, registry: RegistryServer): Promise<void> {
  const response = await fetch(`${portcullis.url}/api/v1/registries`, {
    method: 'POST',
    headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD),
    body: JSON.stringify({ service: registry.host, url: registry.url }),
  });
  expect(response.status).toBe(201);
}

/** The registry's `auth.token` settings for a Portcullis instance. */
async function trustOf(portcullis: RunningPortcullis) {
  return {
    realm: `${portcullis.url}/token`,
    issuer: 'portcullis',
    rootCertBundle: await (await fetch(`${portcullis.url}/token/certs`)).text(),
  };
}

describe('Docker token service with a real registry and skopeo', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let registry: RegistryServer;
  let image: OciImage;

  const push = (creds: string | undefined, repository: string, target: RegistryServer = registry) =>
    skopeo([
      'copy',
      '--dest-tls-verify=false',
      ...credsFlag('dest', creds),
      `oci:${image.dir}:${image.tag}`,
      `docker://${target.host}/${repository}`,
    ]);

  const pull = async (creds: string | undefined, repository: string, target: RegistryServer = registry) => {
    const dir = await mkdtemp(join(tmpdir(), 'portcullis-pulled-'));
    const result = await skopeo([
      'copy',
      '--src-tls-verify=false',
      ...credsFlag('src', creds),
      `docker://${target.host}/${repository}`,
      `oci:${dir}:pulled`,
    ]);
    return { ...result, dir };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    registry = await startRegistry(await trustOf(portcullis));
    await declareRegistry(portcullis, registry);
    const created = await fetch(`${portcullis.url}/api/v1/users`, {
      method: 'POST',
      headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD),
      body: JSON.stringify({ name: 'alice', password: ALICE_PASSWORD }),
    });
    expect(created.status).toBe(201);
    image = await writeOciImage(await mkdtemp(join(tmpdir(), 'portcullis-image-')), { tag: 'v1' });
  });

  afterAll(async () => {
    await registry?.stop();
    await portcullis?.close();
    await db?.drop();
  });

  it('should let admin push an image and pull the same manifest back', async () => {
    const pushed = await push(TEST_ADMIN, 'users/admin/hello:v1');
    expect(pushed).toMatchObject({ code: 0 });
    const pulled = await pull(TEST_ADMIN, 'users/admin/hello:v1');
    expect(pulled.code).toBe(0);
    const index = JSON.parse(await readFile(join(pulled.dir, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[];
    };
    expect(index.manifests[0]?.digest).toBe(image.manifestDigest);
  });

  it('should refuse a wrong password', async () => {
    const result = await pull(`admin:not-the-password`, 'users/admin/hello:v1');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unauthorized|invalid username\/password/i);
  });

  it('should refuse an anonymous pull', async () => {
    await push(TEST_ADMIN, 'library/public:v1');
    const result = await pull(undefined, 'library/public:v1');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/denied|unauthorized/i);
  });

  it("should refuse another user's push", async () => {
    const result = await push(ALICE, 'users/alice/hello:v1');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/denied|unauthorized/i);
  });

  it('should give admin the catalog and nobody else', async () => {
    await push(TEST_ADMIN, 'users/admin/listed:v1');
    const scope = `service=${encodeURIComponent(registry.host)}&scope=${encodeURIComponent('registry:catalog:*')}`;
    const catalog = async (creds: string) => {
      const { token } = (await (await getToken(portcullis, scope, creds)).json()) as TokenBody;
      return fetch(`${registry.url}/v2/_catalog`, { headers: { authorization: `Bearer ${token}` } });
    };
    const asAdmin = await catalog(TEST_ADMIN);
    expect(asAdmin.status).toBe(200);
    expect(((await asAdmin.json()) as { repositories: string[] }).repositories).toContain('users/admin/listed');
    expect((await catalog(ALICE)).status).toBe(401);
  });

  it('should support docker login, identity tokens and their revocation', async () => {
    const service = encodeURIComponent(registry.host);
    // docker login: no scope, offline_token=true, account = the Basic user.
    const login = await getToken(
      portcullis,
      `account=admin&client_id=docker&offline_token=true&service=${service}`,
      TEST_ADMIN,
    );
    expect(login.status).toBe(200);
    const body = (await login.json()) as TokenBody;
    expect(decodeJwt(body.token).claims.access).toEqual([]);
    expect(body.refresh_token).toMatch(/^pcr_/);
    const ping = await fetch(`${registry.url}/v2/`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(ping.status).toBe(200);

    // Later pulls: POST grant_type=refresh_token, as docker does with the stored identity token.
    const refresh = () =>
      fetch(`${portcullis.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: body.refresh_token!,
          client_id: 'docker',
          service: registry.host,
          scope: 'repository:users/admin/hello:pull',
        }),
      });
    const refreshed = await refresh();
    expect(refreshed.status).toBe(200);
    const renewed = (await refreshed.json()) as TokenBody;
    expect(renewed.refresh_token).toBe(body.refresh_token);
    // OAuth2's answer names the access granted.
    expect(renewed.scope).toBe('repository:users/admin/hello:pull');
    const manifest = await fetch(`${registry.url}/v2/users/admin/hello/manifests/v1`, {
      headers: {
        authorization: `Bearer ${renewed.access_token}`,
        accept: 'application/vnd.oci.image.manifest.v1+json',
      },
    });
    expect(manifest.status).toBe(200);

    const headers = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const { items: listed } = (await (await fetch(`${portcullis.url}/api/v1/refresh-tokens`, { headers })).json()) as {
      items: { id: string; clientId: string }[];
    };
    expect(listed.map((t) => t.clientId)).toContain('docker');
    for (const token of listed) {
      expect(
        (await fetch(`${portcullis.url}/api/v1/refresh-tokens/${token.id}`, { method: 'DELETE', headers })).status,
      ).toBe(204);
    }
    expect((await refresh()).status).toBe(401);
  });

  it('should decide anew after a policy change, for a login it has just answered the same request of', async () => {
    // Anonymous is one identity for every request: only the policy snapshot tells its decisions apart.
    const query = `service=${encodeURIComponent(registry.host)}&scope=repository:public/tools/jq:pull`;
    const actions = async (creds?: string) => {
      const { claims } = decodeJwt(((await (await getToken(portcullis, query, creds)).json()) as TokenBody).token);
      return (claims.access as { actions: string[] }[])[0]!.actions;
    };
    const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const registries = (await (await fetch(`${portcullis.url}/api/v1/registries`, { headers: admin })).json()) as {
      items: { id: number; service: string }[];
    };
    const id = registries.items.find((r) => r.service === registry.host)!.id;
    const anonymousPull = async (patterns: string[]) =>
      expect(
        (
          await fetch(`${portcullis.url}/api/v1/registries/${id}`, {
            method: 'PATCH',
            headers: admin,
            body: JSON.stringify({ anonymousPull: patterns }),
          })
        ).status,
      ).toBe(200);

    expect(await actions()).toEqual([]);
    expect(await actions()).toEqual([]);
    expect(await actions(ALICE)).toEqual([]);
    await anonymousPull(['public/**']);
    expect(await actions()).toEqual(['pull']);
    expect(await actions(ALICE)).toEqual(['pull']);
    await anonymousPull([]);
    expect(await actions()).toEqual([]);
    expect(await actions(ALICE)).toEqual([]);
  });

  it('should issue tokens the protocol facts describe', async () => {
    const response = await getToken(
      portcullis,
      `service=${encodeURIComponent(registry.host)}&scope=repository:users/admin/hello:pull,push&scope=${encodeURIComponent('registry:catalog:*')}`,
      TEST_ADMIN,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as TokenBody;
    expect(body.token).toBe(body.access_token);
    expect(Number.isInteger(body.expires_in)).toBe(true);
    expect(body.expires_in).toBe(300);
    expect(body.issued_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(body.refresh_token).toBeUndefined();

    const { header, claims } = decodeJwt(body.token);
    const certificate = new X509Certificate(Buffer.from((header.x5c as string[])[0]!, 'base64'));
    expect(header).toMatchObject({ typ: 'JWT', alg: 'ES256' });
    expect(header.kid).toMatch(/^[A-Z2-7]{4}(:[A-Z2-7]{4}){11}$/);
    expect(claims).toMatchObject({ iss: 'portcullis', sub: 'admin', aud: registry.host });
    expect((claims.exp as number) - (claims.iat as number)).toBe(300);
    expect(claims.access).toEqual([
      { type: 'repository', name: 'users/admin/hello', actions: ['pull', 'push'] },
      { type: 'registry', name: 'catalog', actions: ['*'] },
    ]);
    // ES256 signatures are raw r||s (64 bytes), verifiable with the published certificate.
    const [h, c, s] = body.token.split('.');
    const signature = Buffer.from(s!, 'base64url');
    expect(signature).toHaveLength(64);
    expect(
      verifySignature(
        'sha256',
        Buffer.from(`${h}.${c}`),
        { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' },
        signature,
      ),
    ).toBe(true);

    const jwks = (await (await fetch(`${portcullis.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    const jwk = jwks.keys.find((k) => k.kid === header.kid)!;
    expect(createPublicKey({ key: jwk, format: 'jwk' }).equals(certificate.publicKey)).toBe(true);
  });

  describe('with the x5c header switched off', () => {
    let kidOnly: RunningPortcullis;
    let kidRegistry: RegistryServer;
    let strangerRegistry: RegistryServer;

    beforeAll(async () => {
      // A second instance on the same database and keys, whose tokens carry only the libtrust kid.
      kidOnly = await startPortcullis({ DATABASE_URL: db.url, DATA_DIR: portcullis.dataDir, TOKEN_X5C: 'false' });
      kidRegistry = await startRegistry(await trustOf(kidOnly));
      await declareRegistry(kidOnly, kidRegistry);
      // A registry that trusts some other key: it must refuse the same tokens.
      const stranger = await generateKeyPair('ES256', 'stranger');
      strangerRegistry = await startRegistry({ ...(await trustOf(kidOnly)), rootCertBundle: stranger.certPem });
      await declareRegistry(kidOnly, strangerRegistry);
    });

    afterAll(async () => {
      await strangerRegistry?.stop();
      await kidRegistry?.stop();
      await kidOnly?.close();
    });

    it('should sign tokens whose header has a kid and no x5c', async () => {
      const response = await getToken(
        kidOnly,
        `service=${encodeURIComponent(kidRegistry.host)}&scope=repository:a:pull`,
        TEST_ADMIN,
      );
      const { header } = decodeJwt(((await response.json()) as TokenBody).token);
      expect(header.x5c).toBeUndefined();
      expect(header.kid).toMatch(/^[A-Z2-7]{4}(:[A-Z2-7]{4}){11}$/);
    });

    it('should push and pull through a registry that finds the key by kid alone', async () => {
      expect(await push(TEST_ADMIN, 'users/admin/by-kid:v1', kidRegistry)).toMatchObject({ code: 0 });
      const pulled = await pull(TEST_ADMIN, 'users/admin/by-kid:v1', kidRegistry);
      expect(pulled.code).toBe(0);
    });

    it('should be refused by a registry that trusts another key', async () => {
      const result = await push(TEST_ADMIN, 'users/admin/by-kid:v1', strangerRegistry);
      expect(result.code).not.toBe(0);
    });
  });

  describe('with an RS256 key', () => {
    let rsa: RunningPortcullis;
    let rsaRegistry: RegistryServer;

    beforeAll(async () => {
      rsa = await startPortcullis({ DATABASE_URL: db.url, TOKEN_ALGORITHM: 'RS256' });
      rsaRegistry = await startRegistry(await trustOf(rsa));
      await declareRegistry(rsa, rsaRegistry);
    });

    afterAll(async () => {
      await rsaRegistry?.stop();
      await rsa?.close();
    });

    it('should sign RS256 tokens the registry accepts for a push and a pull', async () => {
      const response = await getToken(
        rsa,
        `service=${encodeURIComponent(rsaRegistry.host)}&scope=repository:a:pull`,
        TEST_ADMIN,
      );
      expect(decodeJwt(((await response.json()) as TokenBody).token).header.alg).toBe('RS256');
      expect(await push(TEST_ADMIN, 'users/admin/rsa:v1', rsaRegistry)).toMatchObject({ code: 0 });
      expect((await pull(TEST_ADMIN, 'users/admin/rsa:v1', rsaRegistry)).code).toBe(0);
    });
  });
});
