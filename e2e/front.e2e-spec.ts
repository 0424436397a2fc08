import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Containerd,
  type OciImage,
  type Podman,
  type ProvisionedRegistry,
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  basicAuthorization,
  cliIn,
  createTestDatabase,
  freePort,
  podmanClient,
  runProvisioned,
  skopeo,
  startContainerd,
  startPortcullis,
  writeOciImage,
} from '@portcullis/testing';

/** A command's success, or its error output in the failure message. */
function expectSuccess(result: { code: number; stderr: string }): void {
  if (result.code !== 0) throw new Error(`exit code ${result.code}: ${result.stderr}`);
}

const ALICE = 'alice:alice-password';
const BOB = 'bob:bob-password';
const CAROL = 'carol:carol-password';
const MIRROR_PASSWORD = 'mirror-password';

/** A registry as provisioned for this test: its service, directory, and the CA its clients trust. */
interface Front {
  service: string;
  dir: string;
  registryListen: string;
  /** A directory holding the front's certificate as `ca.crt` (podman's and skopeo's --cert-dir). */
  certDir: string;
  running?: ProvisionedRegistry;
}

/**
 * Registries provisioned by the CLI and run from their files as written (Debian's docker-registry
 * and nginx), used through their fronts by real clients: podman, skopeo, containerd's ctr, and
 * docker's /v1/search. Two registries share one nginx; a third is a pull-through cache of the
 * second. Each asker sees, in search and in the catalog, what they may pull, on the registry asked.
 */
describe('Registries behind their provisioned fronts, with real clients', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let home: string;
  let image: OciImage;
  let a: Front;
  let b: Front;
  let cache: Front;
  const podmen: Podman[] = [];
  let containerd: Containerd | undefined;

  const cli = (args: string[], env: Record<string, string> = {}) => cliIn(home)(args, env);

  const provision = async (service: string, extra: string[] = [], env: Record<string, string> = {}) => {
    const dir = join(await mkdtemp(join(tmpdir(), 'portcullis-front-')), 'registry');
    const registryListen = `127.0.0.1:${await freePort()}`;
    const provisioned = await cli(
      [
        'registries',
        'provision',
        service,
        '--dir',
        dir,
        '--registry-listen',
        registryListen,
        '--storage',
        join(dir, 'data'),
        ...extra,
      ],
      env,
    );
    expectSuccess(provisioned);
    await mkdir(join(dir, 'data'));
    const certDir = await mkdtemp(join(tmpdir(), 'portcullis-front-ca-'));
    await copyFile(join(dir, 'tls/server.crt'), join(certDir, 'ca.crt'));
    return { service, dir, registryListen, certDir };
  };

  const repositoriesIn = async (service: string): Promise<string[]> => {
    const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const { items } = (await (
      await fetch(`${portcullis.url}/api/v1/registries?q=${encodeURIComponent(service)}`, { headers: admin })
    ).json()) as { items: { id: number }[] };
    const listed = (await (
      await fetch(`${portcullis.url}/api/v1/registries/${items[0]!.id}/repositories?limit=100`, { headers: admin })
    ).json()) as { items: { name: string }[] };
    return listed.items.map((r) => r.name).sort();
  };
  /** Waits until the registry's notifications told Portcullis about `names`. */
  const learnt = async (service: string, names: string[]) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const known = await repositoriesIn(service);
      if (names.every((name) => known.includes(name))) return;
      if (Date.now() > deadline) throw new Error(`${service} knows ${known.join(', ')}, not ${names.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  /** docker's /v1/search through a front, as docker sends it over https (Basic, `Og==` signed out). */
  const dockerSearch = async (front: Front, term: string, creds?: string) => {
    const response = await front.running!.front(`/v1/search?q=${encodeURIComponent(term)}&n=25`, {
      headers: {
        authorization: creds === undefined ? 'Basic Og==' : basicAuthorization(creds),
        'x-docker-token': 'true',
      },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { results: { name: string }[] }).results.map((r) => r.name).sort();
  };

  const podmanAs = async (creds: string | undefined, front: Front): Promise<Podman> => {
    const podman = await podmanClient(
      [a, b, cache].map((f) => ({ hostPort: f.service, caFile: join(f.certDir, 'ca.crt') })),
    );
    podmen.push(podman);
    if (creds !== undefined) {
      const [user, password] = creds.split(':') as [string, string];
      const login = await podman.run(['login', '-u', user, '-p', password, front.service]);
      expectSuccess(login);
    }
    return podman;
  };
  const podmanSearch = async (podman: Podman, front: Front, term: string) => {
    const searched = await podman.run(['search', '--no-trunc', '--format', '{{.Name}}', `${front.service}/${term}`]);
    expectSuccess(searched);
    return searched.stdout
      .split('\n')
      .filter(Boolean)
      .map((name) => name.slice(`${front.service}/`.length))
      .sort();
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    home = await mkdtemp(join(tmpdir(), 'portcullis-cli-home-'));
    // podman names an OCI layout after its path, which must be lower case.
    const imageDir = join(tmpdir(), `portcullis-front-image-${process.pid}-${Date.now()}`);
    image = await writeOciImage(imageDir, {
      tag: 'v1',
      files: { 'hello.txt': 'hello through the front\n' },
    });
    const [serviceA, serviceB, serviceCache] = [
      `localhost:${await freePort()}`,
      `localhost:${await freePort()}`,
      `localhost:${await freePort()}`,
    ];
    await portcullis.applyConfig(`
groups: [{ name: dev }, { name: ops }, { name: qa }]
users:
  - { name: alice, password: alice-password, groups: [dev], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
  - { name: bob, password: bob-password, groups: [ops], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
  - { name: carol, password: carol-password, groups: [qa], privileges: [DockerRegistriesPuller] }
  - { name: mirror, password: ${MIRROR_PASSWORD}, groups: [ops], privileges: [DockerRegistriesPuller] }
`);
    const login = await cli(['--url', portcullis.url, 'login', '--user', 'admin'], {
      PORTCULLIS_PASSWORD: TEST_ADMIN_PASSWORD,
    });
    expect(login.code).toBe(0);
    const declare = async (service: string, url: string, publications: string) => {
      const added = await cli([
        '--json',
        'registries',
        'add',
        service,
        url,
        '--fronted',
        '--publications',
        publications,
        '--responsibles',
        'ops',
        '--anonymous-pull',
        'public/**',
        ...(url.startsWith('https:') ? ['--insecure'] : []),
      ]);
      expectSuccess(added);
    };
    // A and B share A's nginx; the cache has its own. A's address for Portcullis is its raw
    // registry on loopback; the cache's is its front (the crawler reads the real catalog there
    // with the registry's discovery key).
    a = await (async () => {
      await declare(serviceA, 'http://127.0.0.1:9', 'dev,ops');
      return provision(serviceA);
    })();
    await declare(serviceB, 'http://127.0.0.1:9', 'dev,ops');
    b = await provision(serviceB, ['--front-dir', a.dir]);
    await declare(serviceCache, `https://${serviceCache}`, 'dev');
    cache = await provision(
      serviceCache,
      ['--proxy-remote', `http://${b.registryListen}`, '--proxy-username', 'mirror'],
      {
        PORTCULLIS_PROXY_PASSWORD: MIRROR_PASSWORD,
      },
    );
    // The registries' own addresses, now that they are chosen.
    for (const front of [a, b]) {
      expectSuccess(
        await cli(['registries', 'set', front.service, '--registry-url', `http://${front.registryListen}`]),
      );
    }
    a.running = await runProvisioned(a.dir, a.service);
    b.running = await runProvisioned(b.dir, b.service, { nginx: false });
    cache.running = await runProvisioned(cache.dir, cache.service);
  }, 120_000);

  afterAll(async () => {
    for (const podman of podmen) await podman.remove();
    await containerd?.stop();
    for (const front of [cache, b, a]) await front?.running?.stop();
    await portcullis?.close();
    await db?.drop();
  });

  it('should let podman log in, push and pull through the front', async () => {
    const alice = await podmanAs(ALICE, a);
    const stored = await alice.run(['pull', '--quiet', `oci:${image.dir}:v1`]);
    expectSuccess(stored);
    const id = stored.stdout.trim();
    for (const repository of ['users/alice/demo', 'users/alice/other']) {
      const pushed = await alice.run(['push', id, `docker://${a.service}/${repository}:v1`]);
      expectSuccess(pushed);
    }
    const fresh = await podmanAs(ALICE, a);
    expectSuccess(await fresh.run(['pull', `${a.service}/users/alice/demo:v1`]));
    // bob may not pull alice's home.
    const bob = await podmanAs(BOB, a);
    expect((await bob.run(['pull', `${a.service}/users/alice/demo:v1`])).code).not.toBe(0);
  }, 180_000);

  it('should let skopeo copy and list tags through the front', async () => {
    const copied = await skopeo([
      'copy',
      '--dest-cert-dir',
      a.certDir,
      '--dest-creds',
      TEST_ADMIN,
      `oci:${image.dir}:v1`,
      `docker://${a.service}/public/demo:v1`,
    ]);
    expectSuccess(copied);
    const tags = await skopeo([
      'list-tags',
      '--cert-dir',
      a.certDir,
      '--no-creds',
      `docker://${a.service}/public/demo`,
    ]);
    expectSuccess(tags);
    expect(JSON.parse(tags.stdout)).toMatchObject({ Tags: ['v1'] });
  }, 60_000);

  it("should let containerd's ctr pull through the front", async () => {
    containerd = await startContainerd();
    const pulled = await containerd.ctr([
      'images',
      'pull',
      '--hosts-dir',
      await containerd.hostsDir([{ hostPort: a.service, caFile: join(a.certDir, 'ca.crt') }]),
      '--user',
      ALICE,
      `${a.service}/users/alice/demo:v1`,
    ]);
    expectSuccess(pulled);
    const listed = await containerd.ctr(['images', 'ls', '-q']);
    expect(listed.stdout).toContain(`${a.service}/users/alice/demo:v1`);
  }, 60_000);

  it('should show each asker, in podman search and docker search, exactly what they may pull', async () => {
    await learnt(a.service, ['public/demo', 'users/alice/demo', 'users/alice/other']);
    const expected = {
      alice: ['public/demo', 'users/alice/demo'],
      bob: ['public/demo'],
      anonymous: ['public/demo'],
    };
    expect(await podmanSearch(await podmanAs(ALICE, a), a, 'demo')).toEqual(expected.alice);
    expect(await podmanSearch(await podmanAs(BOB, a), a, 'demo')).toEqual(expected.bob);
    expect(await podmanSearch(await podmanAs(undefined, a), a, 'demo')).toEqual(expected.anonymous);
    expect(await dockerSearch(a, 'demo', ALICE)).toEqual(expected.alice);
    expect(await dockerSearch(a, 'demo', BOB)).toEqual(expected.bob);
    expect(await dockerSearch(a, 'demo')).toEqual(expected.anonymous);
    // podman with no term lists the catalog: alice's three, filtered the same way.
    expect(await podmanSearch(await podmanAs(ALICE, a), a, '')).toEqual([
      'public/demo',
      'users/alice/demo',
      'users/alice/other',
    ]);
  }, 120_000);

  it('should keep two registries behind one nginx apart: each search and catalog shows only its own', async () => {
    const pushed = await skopeo([
      'copy',
      '--dest-cert-dir',
      b.certDir,
      '--dest-creds',
      BOB,
      `oci:${image.dir}:v1`,
      `docker://${b.service}/library/demo:v1`,
    ]);
    expectSuccess(pushed);
    await learnt(b.service, ['library/demo']);
    expect(await dockerSearch(b, 'demo', BOB)).toEqual(['library/demo']);
    expect(await dockerSearch(a, 'demo', BOB)).toEqual(['public/demo']);
    expect(await podmanSearch(await podmanAs(BOB, b), b, 'demo')).toEqual(['library/demo']);
    expect(await podmanSearch(await podmanAs(BOB, a), a, '')).toEqual(['public/demo']);
  }, 120_000);

  it("should serve, as a pull-through cache, an image it never held, fetched with Portcullis's token, and find it", async () => {
    // alice (dev) may pull from the cache; the cache reads B as mirror, whose token Portcullis signs.
    const alice = await podmanAs(ALICE, cache);
    const pulled = await alice.run(['pull', `${cache.service}/library/demo:v1`]);
    expectSuccess(pulled);
    // The cache's crawl goes through its front, which lets the discovery key through to the registry.
    const crawled = await cli(['--json', 'registries', 'discover', cache.service]);
    expectSuccess(crawled);
    expect(JSON.parse(crawled.stdout)).toMatchObject({ ok: true });
    expect(await repositoriesIn(cache.service)).toEqual(['library/demo']);
    expect(await podmanSearch(alice, cache, 'demo')).toEqual(['library/demo']);
    expect(await dockerSearch(cache, 'demo', ALICE)).toEqual(['library/demo']);
    // carol (qa) is not in the cache's audience: nothing, and podman finds nothing either.
    expect(await dockerSearch(cache, 'demo', CAROL)).toEqual([]);
    expect(await podmanSearch(await podmanAs(CAROL, cache), cache, 'demo')).toEqual([]);
  }, 120_000);
});
