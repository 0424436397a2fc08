// `npm run bench`: Portcullis's token endpoint, search and discovery under load, side by side with
// reference token servers, on loopback, in one run. Writes bench/results/results.md, results.json
// and chart.png. `npm run bench -- --soak` runs the 10-minute soak at 70% of the measured peak.
//
// Needs: a build (done first), PostgreSQL (BENCH_DATABASE_URL, DATABASE_URL, the local server at
// 127.0.0.1:5432, or an embedded one), Debian's docker-registry for the crawl, and Chromium for
// the chart (skipped with a warning when absent).
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parse } from 'yaml';
import { renderChart } from './chart.mjs';
import { bareCrawl } from './crawler.mjs';
import { imageUnavailable, measureImage } from './image.mjs';
import { openLoad, percentile } from './open-load.mjs';
import { benchRepository, fillRepositories, pullManifest, startRegistry } from './registry.mjs';
import { SEED, WORDS, seed } from './seed.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'bench', 'results');
const require = createRequire(import.meta.url);
const SOAK = process.argv.includes('--soak');
const SOAK_MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 64;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const FIXED_RATE = 1000;
/**
 * Clients at the fixed rate. autocannon starts its connections together and paces each alike, so
 * they fire in step: more connections make bursts, not load. By Little's law, 1,000 tokens/s
 * answered in about a millisecond keep one or two requests in flight; ten is already generous.
 */
const FIXED_RATE_CONNECTIONS = 10;
/** Tokens a second asked for while the first search loads the index, and for how long. */
const LOAD_TOKEN_RATE = 200;
const LOAD_TOKEN_SECONDS = 20;
/**
 * BENCH_ONLY=tokens|expiry|churn|search|crawl: that part alone (for profiling); no results are written.
 * BENCH_ONLY=image: the container image alone, its figures written into the last results.
 */
const ONLY = process.env.BENCH_ONLY;
/** The verified-credentials cache's lifetime in the expiry measure (seconds). */
const EXPIRY_TTL = 5;
const CRAWL_REPOSITORIES = Number(process.env.BENCH_CRAWL_REPOSITORIES ?? 2000);
/** The larger registry's first crawl (0: none). */
const CRAWL_LARGE_REPOSITORIES = Number(process.env.BENCH_CRAWL_LARGE_REPOSITORIES ?? 20_000);
/** Repositories crawled in parallel: DISCOVERY_CONCURRENCY's default, and the bare crawler's. */
const CRAWL_CONCURRENCY = 8;
const ADMIN_PASSWORD = 'bench-admin-password';
const BENCH_USER = 'bench';
const BENCH_PASSWORD = 'bench-user-password';
const SERVICE = 'bench.test';
const children = new Set();

const log = (message) => process.stdout.write(`[bench] ${message}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const basic = (login, secret) => `Basic ${Buffer.from(`${login}:${secret}`).toString('base64')}`;
const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
/** The middle value (the upper middle of an even count). */
const medianOf = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** Of load runs, the one whose p99 (or `key`) is the median. */
const medianRun = (runs, key = 'p99') => [...runs].sort((a, b) => a[key] - b[key])[Math.floor(runs.length / 2)];

async function freePort() {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

function stopAll() {
  for (const child of children) child.kill('SIGTERM');
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

/** A PostgreSQL server URL on which the bench may create a database of its own. */
async function postgresServer() {
  const configured = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) return { url: configured, stop: async () => undefined, kind: 'configured' };
  const local = 'postgresql://postgres@127.0.0.1:5432/postgres';
  const probe = new pg.Client({ connectionString: local, connectionTimeoutMillis: 1000 });
  try {
    await probe.connect();
    await probe.end();
    return { url: local, stop: async () => undefined, kind: 'local server' };
  } catch {
    const { EmbeddedPostgresServer } = require(join(root, 'dist/apps/api/apps/api/src/database/embedded-postgres.js'));
    const server = new EmbeddedPostgresServer(await mkdtemp(join(tmpdir(), 'portcullis-bench-pg-')));
    return { url: await server.start(), stop: () => server.stop(), kind: 'embedded' };
  }
}

async function createDatabase(serverUrl) {
  const name = `portcullis_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function waitFor(url, ok = (status) => status === 200, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (ok((await fetch(url)).status)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in time`);
    await sleep(20);
  }
}

/** Node's flags for Portcullis, as the image's entrypoint and `npm start` give them (read once built). */
const nodeFlags = () => require(join(root, 'dist/apps/api/apps/api/src/common/node-flags.js')).NODE_FLAGS;
/** Starts of Portcullis on the seeded database whose median is the start-up figure. */
const STARTS = ONLY ? 1 : 9;

/** Starts Portcullis as its own process (as in production); resolves when it is ready. */
function startPortcullis(databaseUrl, dataDir, port, env = {}) {
  // BENCH_PROFILE=<dir>: a V8 CPU profile of Portcullis, written there when it stops.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  return startServer([...profile, ...nodeFlags(), join(root, 'dist/apps/api/apps/api/src/main.js')], port, {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://localhost:${port}`,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    // The schedule's proportions (a thirtieth re-read per crawl, as with 2 min and 1 h), its
    // crawls too rare to run during the bench: the bench asks for them (?mode=due).
    DISCOVERY_INTERVAL: '3600',
    DISCOVERY_VERIFY_INTERVAL: String(30 * 3600),
    ...env,
    REDIS_URL: '',
  });
}

/**
 * Starts the stack's floor (bench/stack-floor.mjs) with Portcullis's Node flags and database, and
 * the two runtime settings Portcullis makes itself, given here as Node flags: WebAssembly kept in
 * its baseline tier (apps/api/src/common/wasm-tiering.ts) and `gc` for the one collection a
 * second after listening (common/start-up-garbage.ts). Without them the floor would count, as the stack's, the
 * memory Portcullis saves by them.
 */
function startStackFloor(databaseUrl, port) {
  const { WASM_TIERING_BUDGET } = require(join(root, 'dist/apps/api/apps/api/src/common/wasm-tiering.js'));
  const flags = [`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`, '--expose-gc'];
  return startServer([...nodeFlags(), ...flags, join(root, 'bench/stack-floor.mjs')], port, {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
  });
}

/** Spawns `node <args>`; resolves when its /health/ready answers 200, with the time that took. */
async function startServer(args, port, env) {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const url = `http://localhost:${port}`;
  await waitFor(`${url}/health/ready`);
  return {
    url,
    pid: child.pid,
    startupMs: performance.now() - started,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

async function startReference(mode, port, key) {
  const child = spawn(
    process.execPath,
    [
      join(root, 'bench/reference-server.mjs'),
      String(port),
      mode,
      key.keyFile,
      key.certFile,
      key.kid,
      BENCH_USER,
      BENCH_PASSWORD,
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  children.add(child);
  child.on('exit', () => children.delete(child));
  await once(child, 'message');
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    },
  };
}

async function api(url, path, { method = 'GET', token, body, headers = {} } = {}) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** autocannon, with every response's latency (ms, sub-millisecond) and status collected. */
async function load({ url, headers, durationSeconds = DURATION, connections = CONNECTIONS, overallRate, requests }) {
  const latencies = [];
  const statuses = new Map();
  const instance = autocannon({
    url,
    headers,
    connections,
    duration: durationSeconds,
    ...(overallRate ? { overallRate } : {}),
    ...(requests ? { requests } : {}),
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    latencies.push(ms);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const ok = statuses.get(200) ?? 0;
  return {
    requestsPerSecond: round(ok / durationSeconds, 0),
    p50: round(percentile(latencies, 50), 3),
    p95: round(percentile(latencies, 95), 3),
    p99: round(percentile(latencies, 99), 3),
    max: round(latencies.at(-1) ?? 0, 3),
    ok,
    errors: result.errors + result.timeouts + [...statuses].filter(([s]) => s !== 200).reduce((n, [, c]) => n + c, 0),
    non2xx: result.non2xx,
  };
}

/**
 * Measures every server (`run(measure)` gives `measure` the server's URL), round after round, and
 * keeps for each the run whose `key` is the median of its rounds (every round's figure recorded).
 */
async function inRounds(servers, measure, key) {
  const runs = Object.fromEntries(servers.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of servers) runs[name].push(await run(measure));
  }
  return medianRounds(runs, key);
}

/** For each server's runs (`{ name: runs }`), the run whose `key` is the median, with every round's `key`. */
const medianRounds = (runs, key) =>
  Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [name, { ...medianRun(list, key), rounds: list.map((r) => r[key]) }]),
  );

/** Slices a round of the paired throughput measure is cut into, alternating the two servers. */
const SLICES = 5;

/**
 * Portcullis's token throughput and the bare reference's (`reference(measure)` starts it), in
 * rounds where the two alternate in slices of DURATION / SLICES seconds (P B, B P, P B, B P, P B:
 * each gets DURATION seconds a round, its earlier and later slices alike). This machine's speed
 * swings within minutes (the same build's CPU time per token went from 138 to 267 µs within half
 * an hour), and a ratio of two runs of DURATION seconds one after the other took such a swing in
 * whole: rounds of one run ranged from 47% to 74%. Same shape as inRounds's results.
 */
async function pairedThroughput(portcullisUrl, reference) {
  const names = ['portcullis', 'bare'];
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  for (let turn = 0; turn < ROUNDS; turn++) {
    await reference(async (bareUrl) => {
      const urls = { portcullis: portcullisUrl, bare: bareUrl };
      for (const name of names) await load({ ...benchTokenRequest(urls[name]), durationSeconds: 2 });
      const totals = Object.fromEntries(names.map((name) => [name, { ok: 0, errors: 0 }]));
      for (let slice = 0; slice < SLICES; slice++) {
        for (const name of slice % 2 === 0 ? names : [...names].reverse()) {
          const { ok, errors } = await load({ ...benchTokenRequest(urls[name]), durationSeconds: DURATION / SLICES });
          totals[name].ok += ok;
          totals[name].errors += errors;
        }
      }
      for (const name of names)
        runs[name].push({ requestsPerSecond: round(totals[name].ok / DURATION, 0), ...totals[name] });
      const [p, b] = names.map((name) => runs[name].at(-1).requestsPerSecond);
      log(`  round ${turn + 1}: Portcullis ${p} tokens/s, bare ${b} tokens/s (${round((p / b) * 100, 1)}%)`);
    });
  }
  return medianRounds(runs, 'requestsPerSecond');
}

/** The bench user's token request to `url` (one repository scope, Basic auth): `{ url, headers }`. */
const benchTokenRequest = (url) => ({
  url: `${url}/token?service=${SERVICE}&scope=repository:users/${BENCH_USER}/app:pull,push`,
  headers: { authorization: basic(BENCH_USER, BENCH_PASSWORD) },
});

async function tokenLoad(url, options = {}) {
  // Warm-up: JIT, caches, connections.
  await load({
    ...benchTokenRequest(url),
    durationSeconds: 2,
    ...options,
  });
  return load({ ...benchTokenRequest(url), ...options });
}

/** A process's resident memory as the kernel counts it: in all, anonymous, and file-backed pages. */
function residentMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mib = (field) => round(Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024, 1);
  return { rssMiB: mib('VmRSS'), rssAnonMiB: mib('RssAnon'), rssFileMiB: mib('RssFile') };
}

/** Where start-up time goes, and V8's heap, read off the running process's metrics. */
async function footprint(portcullis) {
  const mib = async (name) => round((await metric(portcullis.url, name)) / 2 ** 20, 1);
  return {
    modulesMs: round((await metric(portcullis.url, 'portcullis_startup_seconds{phase="modules"}')) * 1000, 0),
    readyMs: round((await metric(portcullis.url, 'portcullis_startup_seconds{phase="ready"}')) * 1000, 0),
    heapUsedMiB: await mib('portcullis_nodejs_heap_size_used_bytes'),
    heapTotalMiB: await mib('portcullis_nodejs_heap_size_total_bytes'),
  };
}

async function metric(url, name) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

async function signingKey(databaseUrl, dir) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(
    'SELECT kid, private_key_pem, certificate_pem FROM signing_key WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1',
  );
  await client.end();
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  await writeFile(keyFile, rows[0].private_key_pem, { mode: 0o600 });
  await writeFile(certFile, rows[0].certificate_pem);
  return { kid: rows[0].kid, keyFile, certFile };
}

function machine() {
  const node = process.version;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${node}`;
}

async function main() {
  if (process.argv.includes('--report')) {
    // Writes the markdown again from the JSON of the last runs (after a change to the report).
    const read = async (name) => JSON.parse(await readFile(join(resultsDir, name), 'utf8'));
    await writeFile(join(resultsDir, 'results.md'), markdown(await read('results.json')));
    await writeFile(join(resultsDir, 'soak.md'), soakMarkdown(await read('soak.json')));
    return;
  }
  if (spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' }).status !== 0) {
    throw new Error('build failed');
  }
  await mkdir(resultsDir, { recursive: true });
  const server = await postgresServer();
  log(`PostgreSQL: ${server.kind}`);
  const db = await createDatabase(server.url);
  const work = await mkdtemp(join(tmpdir(), 'portcullis-bench-'));
  const port = await freePort();
  const results = { date: new Date().toISOString(), machine: machine(), seed: SEED, durationSeconds: DURATION };
  try {
    // No crawls until the seed has told the schedule to leave the seeded registry alone.
    let portcullis = await startPortcullis(db.url, join(work, 'data'), port, { DISCOVERY_INTERVAL: '0' });
    // A session lasts SESSION_TTL (15 minutes): each part that calls the API signs in afresh.
    const signIn = async () =>
      (
        await api(portcullis.url, '/api/v1/auth/login', {
          method: 'POST',
          body: { username: 'admin', password: ADMIN_PASSWORD },
        })
      ).accessToken;
    const admin = await signIn();
    await api(portcullis.url, '/api/v1/groups', { method: 'POST', token: admin, body: { name: 'bench-team' } });
    await api(portcullis.url, '/api/v1/registries', {
      method: 'POST',
      token: admin,
      body: { service: SERVICE, url: 'http://127.0.0.1:9', publications: ['bench-team'] },
    });
    await api(portcullis.url, '/api/v1/users', {
      method: 'POST',
      token: admin,
      body: {
        name: BENCH_USER,
        password: BENCH_PASSWORD,
        groups: ['bench-team'],
        privileges: ['DockerRegistriesPuller', 'DockerRegistriesPusher'],
      },
    });
    log(
      `Seeding ${SEED.users} users, ${SEED.groups} groups, ${SEED.apps} apps, ${SEED.robots} robots, ${SEED.rules} rules, ${SEED.repositories} repositories`,
    );
    const seeded = performance.now();
    await seed(db.url, { benchUser: BENCH_USER, registryService: SERVICE });
    log(`Seeded in ${round((performance.now() - seeded) / 1000, 1)} s`);

    // Start-up and idle memory on the seeded database, as a replica restarting would see them. One
    // start swings by a few hundred milliseconds with the machine (1,346 to 1,732 ms in one run of
    // five), and its resident memory 10 s later by several MiB (when V8 and glibc happen to return
    // pages): the median of nine starts is kept for each. The stack's floor (NestJS on Fastify and the Prisma client, nothing of
    // Portcullis) starts in turn with it, on the same database, and is measured the same way.
    const startups = [];
    const idle = [];
    const floorStartups = [];
    const floorIdle = [];
    for (let start = 0; start < STARTS; start++) {
      await portcullis.stop();
      const floor = await startStackFloor(db.url, port);
      floorStartups.push(round(floor.startupMs, 0));
      await sleep(10_000);
      floorIdle.push(residentMemory(floor.pid));
      await floor.stop();
      portcullis = await startPortcullis(db.url, join(work, 'data'), port);
      startups.push(round(portcullis.startupMs, 0));
      await sleep(10_000);
      idle.push(residentMemory(portcullis.pid));
    }
    results.startups = startups;
    results.startupMs = medianOf(startups);
    results.idleRssRounds = idle.map((sample) => sample.rssMiB);
    results.idleRssMiB = medianRun(idle, 'rssMiB').rssMiB;
    results.footprint = { ...(await footprint(portcullis)), ...medianRun(idle, 'rssMiB') };
    log(`Start-up ${results.startupMs} ms, idle RSS ${results.idleRssMiB} MiB: ${JSON.stringify(results.footprint)}`);
    results.stackFloor = {
      startups: floorStartups,
      startupMs: medianOf(floorStartups),
      idleRssRounds: floorIdle.map((sample) => sample.rssMiB),
      ...medianRun(floorIdle, 'rssMiB'),
    };
    log(`Stack floor: start-up ${results.stackFloor.startupMs} ms, idle RSS ${results.stackFloor.rssMiB} MiB`);

    if (process.env.BENCH_PAUSE) {
      // Leaves the seeded instance running for a look (until Ctrl-C).
      log(`Paused: ${portcullis.url} on ${db.url}`);
      await new Promise(() => undefined);
    }
    const key = await signingKey(db.url, work);

    if (SOAK) {
      results.soak = await soak(portcullis.url);
    } else {
      // Rounds, each server in turn, and the median of each: this machine's speed drifts over
      // minutes (other tenants), and comparing servers measured at different times would show it.
      // A reference runs only while measured: a bcrypt one keeps hashing its backlog after the load
      // stops, and would slow whatever is measured next.
      const reference = (mode) => async (measure) => {
        const server = await startReference(mode, await freePort(), key);
        try {
          return await measure(server.url);
        } finally {
          await server.stop();
        }
      };
      const servers = [
        ['portcullis', (measure) => measure(portcullis.url)],
        ['bare', reference('bare')],
        ['bcrypt5', reference('bcrypt5')],
        ['bcrypt10', reference('bcrypt10')],
      ];
      const part = (name) => ONLY === undefined || ONLY === name;
      if (part('tokens')) {
        log(`Token throughput, ${CONNECTIONS} connections, ${DURATION} s each, ${ROUNDS} rounds`);
        results.throughput = {
          ...(await pairedThroughput(portcullis.url, reference('bare'))),
          ...(await inRounds(servers.slice(2), (url) => tokenLoad(url), 'requestsPerSecond')),
        };
        for (const [name] of servers) log(`  ${name}: ${results.throughput[name].requestsPerSecond} tokens/s`);
        log(`Token latency at a fixed ${FIXED_RATE} tokens/s, ${ROUNDS} rounds`);
        results.fixedRate = await inRounds(
          servers,
          (url) => tokenLoad(url, { overallRate: FIXED_RATE, connections: FIXED_RATE_CONNECTIONS }),
          'p99',
        );
        for (const [name] of servers) {
          log(`  ${name}: p50 ${results.fixedRate[name].p50} ms, p99 ${results.fixedRate[name].p99} ms`);
        }
        results.cacheHitRatio = await cacheHitRatio(portcullis.url);
      }

      if (part('expiry')) results.expiry = await expiry(db.url, work);
      if (part('churn')) results.churn = await churn(portcullis.url, await signIn(), db.url);

      if (part('search')) results.search = await search(portcullis.url);
      if (part('crawl')) results.crawl = await crawl(portcullis.url, await signIn(), work, key);
      results.loadedRssMiB = round(
        (await metric(portcullis.url, 'portcullis_process_resident_memory_bytes')) / 2 ** 20,
        1,
      );
    }
    await portcullis.stop();
    // Last: the image's build takes every core for minutes.
    if (!SOAK && (ONLY === undefined || ONLY === 'image')) {
      const unavailable = imageUnavailable();
      if (unavailable) log(`No container image figures: ${unavailable}`);
      else results.image = await measureImage({ root, databaseUrl: db.url, work, freePort, metric, log });
    }
  } finally {
    stopAll();
    await db.drop().catch(() => undefined);
    await server.stop();
  }
  if (ONLY === 'image' && results.image) {
    const last = JSON.parse(await readFile(join(resultsDir, 'results.json'), 'utf8'));
    last.image = results.image;
    await writeFile(join(resultsDir, 'results.json'), JSON.stringify(last, null, 2) + '\n');
    await writeFile(join(resultsDir, 'results.md'), markdown(last));
    log(`Wrote the image's figures into ${join(resultsDir, 'results.md')}`);
  }
  if (ONLY !== undefined) return;
  if (SOAK) {
    await writeFile(join(resultsDir, 'soak.json'), JSON.stringify(results, null, 2) + '\n');
    await writeFile(join(resultsDir, 'soak.md'), soakMarkdown(results));
    log(`Wrote ${join(resultsDir, 'soak.md')}`);
  } else {
    results.targets = targets(results);
    await writeFile(join(resultsDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
    await writeFile(join(resultsDir, 'results.md'), markdown(results));
    try {
      await renderChart(results, join(resultsDir, 'chart.png'));
    } catch (error) {
      log(`No chart: ${error.message}`);
    }
    log(`Wrote ${join(resultsDir, 'results.md')}`);
    for (const target of results.targets) log(`${target.met ? 'MET ' : 'MISS'} ${target.name}: ${target.value}`);
  }
}

async function cacheHitRatio(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const count = (result) =>
    Number(
      text
        .split('\n')
        .find((l) => l.startsWith(`portcullis_credential_cache_lookups_total{result="${result}"}`))
        ?.split(' ')[1] ?? 0,
    );
  const hits = count('hit');
  const misses = count('miss');
  return hits + misses === 0 ? 0 : round(hits / (hits + misses), 5);
}

/** Rounds of the expiry measure, each a run on both servers. */
const EXPIRY_ROUNDS = 3;

/**
 * One credential under a steady 1,000 tokens/s across several lifetimes of its cache entry, on a
 * Portcullis of its own whose CREDENTIAL_CACHE_TTL is a few seconds, against the same load for as
 * long on a second Portcullis whose lifetime outlasts the run (the login verified once, before:
 * the whole run is inside one lifetime). Same length, same load, the only difference the expiries;
 * rounds alternate the two (each run after 2 s of the same load on its server) and each keeps its
 * median p99.
 */
async function expiry(databaseUrl, work) {
  const servers = [];
  try {
    for (const [name, ttl] of [
      ['inside', 3600],
      ['across', EXPIRY_TTL],
    ]) {
      const port = await freePort();
      const server = await startPortcullis(databaseUrl, join(work, `data-expiry-${name}`), port, {
        CREDENTIAL_CACHE_TTL: String(ttl),
      });
      servers.push(server);
    }
    const [inside, across] = servers;
    const seconds = EXPIRY_TTL * 5;
    log(
      `Expiry: ${EXPIRY_ROUNDS} rounds of ${seconds} s at ${FIXED_RATE} tokens/s on one credential, cache lifetime ${EXPIRY_TTL} s against one longer than the run`,
    );
    const runs = { inside: [], across: [] };
    for (let round = 0; round < EXPIRY_ROUNDS; round++) {
      for (const [name, server] of [
        ['inside', inside],
        ['across', across],
      ]) {
        // The load is steady on the server measured: it ran on the other one meanwhile, and the
        // login's entry, unused for as long, expired (the first request after a pause verifies it
        // again, as it should; that is not what this measures).
        await openLoad({ ...benchTokenRequest(server.url), rate: FIXED_RATE, durationSeconds: 2 });
        runs[name].push(
          await openLoad({ ...benchTokenRequest(server.url), rate: FIXED_RATE, durationSeconds: seconds }),
        );
      }
      log(
        `  round ${round + 1}: p99 inside one lifetime ${runs.inside[round].p99} ms, across: ${runs.across[round].p99} ms`,
      );
    }
    return {
      ttlSeconds: EXPIRY_TTL,
      seconds,
      inside: { ...medianRun(runs.inside), rounds: runs.inside.map((r) => r.p99) },
      across: { ...medianRun(runs.across), rounds: runs.across.map((r) => r.p99) },
    };
  } finally {
    for (const server of servers) await server.stop();
  }
}

/** Changes a second the API makes during the churn measure. */
const CHURN_RATE = 10;

/**
 * Token latency for one login at 1,000/s (open-loop) with and without the API making 10 changes a
 * second that do not concern it, in turn: another user's memberships, a rule created or deleted,
 * a user created. Rounds alternate the two; each keeps its median p99.
 */
async function churn(url, admin, databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(`SELECT id FROM "user" WHERE name LIKE 'user-%' ORDER BY id LIMIT 2000`);
  await client.end();
  const userIds = rows.map((r) => r.id);
  const group = (i) => `g-${String((i % SEED.groups) + 1).padStart(5, '0')}`;
  const rules = [];
  let made = 0;
  let failed = 0;
  const change = async (i) => {
    const kind = i % 3;
    const turn = Math.floor(i / 3);
    if (kind === 0) {
      const id = userIds[turn % userIds.length];
      await api(url, `/api/v1/users/${id}`, {
        method: 'PATCH',
        token: admin,
        body: { groups: [group(i), group(i + 7)] },
      });
    } else if (kind === 1 && turn % 2 === 1 && rules.length > 0) {
      await api(url, `/api/v1/rules/${rules.shift()}`, { method: 'DELETE', token: admin });
    } else if (kind === 1) {
      const rule = await api(url, '/api/v1/rules', {
        method: 'POST',
        token: admin,
        body: { match: { account: `churn-${i}` }, actions: ['pull'], comment: 'bench churn' },
      });
      rules.push(rule.id);
    } else {
      await api(url, '/api/v1/users', {
        method: 'POST',
        token: admin,
        body: { name: `churn-${Date.now()}-${i}`, password: 'churn-user-password', groups: [group(i)] },
      });
    }
  };
  const options = { ...benchTokenRequest(url), rate: FIXED_RATE, durationSeconds: DURATION };
  await openLoad({ ...options, durationSeconds: 2 });
  // Warm-up of the changes too: the first change of each kind after a start has Prisma compile its
  // queries (its query compiler is WebAssembly, run on the main thread: 60-110 ms once per process
  // and query, measured in a profile of this part); the token load above warms up the same way.
  const WARM_UP_CHANGES = 6;
  for (let i = 0; i < WARM_UP_CHANGES; i++) await change(i);
  const quiet = [];
  const churned = [];
  log(`Churn: ${FIXED_RATE} tokens/s for one login, ${ROUNDS} rounds without and with ${CHURN_RATE} changes a second`);
  let next = WARM_UP_CHANGES;
  for (let round = 0; round < ROUNDS; round++) {
    quiet.push(await openLoad(options));
    const pending = [];
    const driver = setInterval(() => {
      pending.push(
        change(next++).then(
          () => made++,
          () => failed++,
        ),
      );
    }, 1000 / CHURN_RATE);
    try {
      churned.push(await openLoad(options));
    } finally {
      clearInterval(driver);
      await Promise.all(pending);
    }
  }
  const loadMs = async (kind) => {
    const count = await metric(url, `portcullis_policy_snapshot_load_seconds_count{kind="${kind}"}`);
    const sum = await metric(url, `portcullis_policy_snapshot_load_seconds_sum{kind="${kind}"}`);
    return { count, meanMs: count ? round((sum / count) * 1000, 1) : undefined };
  };
  const result = {
    changesPerSecond: CHURN_RATE,
    changes: made,
    failedChanges: failed,
    quiet: { ...medianRun(quiet), rounds: quiet.map((r) => r.p99) },
    churned: {
      ...medianRun(churned),
      rounds: churned.map((r) => r.p99),
      max: Math.max(...churned.map((r) => r.max)),
      over100ms: churned.reduce((n, r) => n + r.over100ms, 0),
    },
    // The policy applied after a change of registries, apps or rules, and loaded whole (at start).
    snapshotChanges: await loadMs('changes'),
    snapshotFull: await loadMs('full'),
  };
  log(
    `  p99 ${result.quiet.p99} ms without, ${result.churned.p99} ms with churn (max ${result.churned.max} ms, ${result.churned.over100ms} over 100 ms); ${made} changes (${failed} failed); policy snapshot: ${result.snapshotChanges.meanMs} ms per change applied, ${result.snapshotFull.meanMs} ms whole`,
  );
  return result;
}

/**
 * `/v1/search` and the registry's filtered catalog (`/v2/_catalog` as the provisioned front asks
 * for it) over the seeded repositories, as a user in 50 groups, in rounds (the median p95 kept:
 * one 10-second run shows a slow minute of the machine), and the heap the catalog's in-memory
 * index takes, from the heap before the first search and after (each the least of a few samples,
 * so that garbage not yet collected counts as little as it can).
 */
async function search(url) {
  const heap = async () => {
    let least = Infinity;
    for (let i = 0; i < 5; i++, await sleep(1000))
      least = Math.min(least, await metric(url, 'portcullis_nodejs_heap_size_used_bytes'));
    return least;
  };
  const before = await heap();
  log(`/v1/search and the filtered catalog at ${SEED.repositories} repositories, as a user in 50 groups`);
  // Stems (about a thousandth of the repositories each), whole words (a tenth) and namespaces.
  const terms = WORDS.flatMap((word, i) => [
    `${word}-${i * 37}`,
    `${word}-${i * 91 + 5}`,
    word,
    `library/${word}-${i}`,
    `g-00001/${word}`,
  ]);
  const searchOptions = {
    url,
    headers: { authorization: basic(BENCH_USER, BENCH_PASSWORD) },
    connections: 4,
    requests: terms.map((q) => ({ method: 'GET', path: `/v1/search?q=${encodeURIComponent(q)}&n=25` })),
  };
  // The first search loads the index from the database; tokens keep being asked for meanwhile (a
  // replica answers both), and their latency shows whether the load holds up the event loop.
  const tokenOptions = { ...benchTokenRequest(url), rate: LOAD_TOKEN_RATE };
  // Warm first: the first tokens after start-up load the policy and compile its rules.
  await openLoad({ ...tokenOptions, durationSeconds: 2 });
  const tokensMeanwhile = openLoad({ ...tokenOptions, durationSeconds: LOAD_TOKEN_SECONDS });
  await sleep(1000);
  const started = performance.now();
  await api(url, '/v1/search?q=nginx&n=25', { headers: searchOptions.headers });
  const firstMs = round(performance.now() - started, 0);
  const { p50, p99, max, over100ms } = await tokensMeanwhile;
  const tokensDuringLoad = { rate: LOAD_TOKEN_RATE, seconds: LOAD_TOKEN_SECONDS, p50, p99, max, over100ms };
  log(`  first search ${firstMs} ms; tokens meanwhile: ${JSON.stringify(tokensDuringLoad)}`);
  if (firstMs + 1000 > LOAD_TOKEN_SECONDS * 1000) log('  (the first search outlasted the tokens asked meanwhile)');
  await load({ ...searchOptions, durationSeconds: 2 });
  const indexMiB = ((await heap()) - before) / 2 ** 20;
  const result = {
    repositories: SEED.repositories,
    firstSearchMs: firstMs,
    tokensDuringLoad,
    indexMiBPer100k: round(indexMiB / (SEED.repositories / 100_000), 1),
    ...(await inRounds([['portcullis', (measure) => measure(url)]], () => load(searchOptions), 'p95')).portcullis,
  };
  // Pages of the catalog as podman search and crane read it, from the start and after names
  // anywhere in it: the front sends the asker's token and names the registry.
  const { token } = await api(url, `/token?service=${SERVICE}&scope=registry:catalog:*`, {
    headers: searchOptions.headers,
  });
  const catalogOptions = {
    url,
    headers: { authorization: `Bearer ${token}`, 'x-portcullis-registry': SERVICE },
    connections: 4,
    requests: ['', ...terms.map((term) => `library/${term.split('/').at(-1)}`), 'groups/g-00001/', 'users/'].map(
      (last) => ({ method: 'GET', path: `/v2/_catalog?n=100${last ? `&last=${encodeURIComponent(last)}` : ''}` }),
    ),
  };
  await load({ ...catalogOptions, durationSeconds: 2 });
  result.catalog = (
    await inRounds([['portcullis', (measure) => measure(url)]], () => load(catalogOptions), 'p95')
  ).portcullis;
  log(`  ${JSON.stringify({ search: result.p95, catalog: result.catalog.p95, index: result.indexMiBPer100k })}`);
  if (result.errors > 0 || result.catalog.errors > 0)
    throw new Error(`search: ${result.errors} errors, catalog: ${result.catalog.errors} errors`);
  log(
    `  search p50 ${result.p50} ms, p95 ${result.p95} ms, ${result.requestsPerSecond}/s (first ${firstMs} ms, index ${result.indexMiBPer100k} MiB per 100,000 names); catalog p50 ${result.catalog.p50} ms, p95 ${result.catalog.p95} ms, ${result.catalog.requestsPerSecond}/s`,
  );
  return result;
}

/**
 * The crawl of a real registry: first, then with nothing changed, as the schedule runs it (the
 * registry sends its notifications to Portcullis, so the crawl trusts them and re-reads a rolling
 * thirtieth, as with the defaults of a crawl every 2 minutes and a re-read every hour), and a full
 * re-read on demand; the bare crawler's time on the same registry is the floor. Then the first
 * crawl of a registry ten times larger, with its floor.
 */
async function crawl(portcullisUrl, admin, work, key) {
  const discover = (id, query = '') =>
    api(portcullisUrl, `/api/v1/registries/${id}/discover${query}`, { method: 'POST', token: admin });
  const small = await crawledRegistry(portcullisUrl, admin, work, CRAWL_REPOSITORIES);
  const result = {};
  try {
    const first = await discover(small.id);
    if (first.fetched !== first.tags || first.tags !== CRAWL_REPOSITORIES)
      throw new Error(`the first crawl read ${first.fetched} of ${first.tags} manifests: something crawled before it`);
    // A pull the registry notifies: its receipt shows Portcullis that the notifications arrive.
    await pullManifest(portcullisUrl, small.registry, basic('admin', ADMIN_PASSWORD), benchRepository(0), 'latest');
    const path = `/api/v1/registries/${small.id}/repositories/${encodeURIComponent(benchRepository(0))}`;
    for (let tries = 0; (await api(portcullisUrl, path, { token: admin })).pullCount < 1; tries++) {
      if (tries > 200) throw new Error('the registry did not notify the pull within 10 s');
      await sleep(50);
    }
    const due = await discover(small.id, '?mode=due');
    if (!due.light) throw new Error('the scheduled crawl did not trust the notifications');
    const full = await discover(small.id);
    // Last: the registry notifies Portcullis of every manifest the bare crawler reads, one event at
    // a time, and the pull above must not wait behind those.
    const floor = await bareCrawl({
      registryUrl: small.registry.url,
      service: small.service,
      key,
      concurrency: CRAWL_CONCURRENCY,
    });
    log(
      `  first crawl ${first.durationMs} ms (${first.repositories} repositories; bare crawler ${round(floor.ms, 0)} ms), no-change crawl ${due.durationMs} ms (${due.verified} repositories re-read), full re-read ${full.durationMs} ms`,
    );
    Object.assign(result, {
      repositories: first.repositories,
      tags: first.tags,
      firstMs: first.durationMs,
      floorMs: round(floor.ms, 0),
      noChangeMs: due.durationMs,
      noChangeVerified: due.verified,
      fullNoChangeMs: full.durationMs,
    });
  } finally {
    await small.registry.stop();
  }
  if (CRAWL_LARGE_REPOSITORIES === 0) return result;
  const large = await crawledRegistry(portcullisUrl, admin, work, CRAWL_LARGE_REPOSITORIES);
  try {
    // As a job: a crawl of minutes outlives an HTTP client's patience.
    const { id: job } = await api(portcullisUrl, `/api/v1/registries/${large.id}/discover`, {
      method: 'POST',
      token: admin,
      headers: { prefer: 'respond-async' },
    });
    let state;
    while ((state = await api(portcullisUrl, `/api/v1/jobs/${job}`, { token: admin })).state === 'running')
      await sleep(500);
    if (state.state !== 'succeeded' || state.result.fetched !== CRAWL_LARGE_REPOSITORIES)
      throw new Error(`the crawl of ${CRAWL_LARGE_REPOSITORIES} repositories: ${JSON.stringify(state)}`);
    const floor = await bareCrawl({
      registryUrl: large.registry.url,
      service: large.service,
      key,
      concurrency: CRAWL_CONCURRENCY,
    });
    log(
      `  first crawl ${state.result.durationMs} ms (${state.result.repositories} repositories; bare crawler ${round(floor.ms, 0)} ms)`,
    );
    result.large = {
      repositories: state.result.repositories,
      firstMs: state.result.durationMs,
      floorMs: round(floor.ms, 0),
    };
  } finally {
    await large.registry.stop();
  }
  return result;
}

/**
 * A registry of `count` repositories, then declared to Portcullis and started again with auth and
 * the notifications Portcullis generates. Filled before Portcullis knows it (no auth, no
 * notifications), so that nothing is learnt before the first crawl, neither by notification nor by
 * the schedule.
 */
async function crawledRegistry(portcullisUrl, admin, work, count) {
  const port = await freePort();
  const service = `localhost:${port}`;
  const dir = join(work, `registry-${count}`);
  let registry = await startRegistry(portcullisUrl, port, dir, { auth: false });
  log(`Filling ${service} with ${count} repositories`);
  await fillRepositories(registry, dir, count);
  await registry.stop();
  const { id } = await api(portcullisUrl, '/api/v1/registries', {
    method: 'POST',
    token: admin,
    body: { service, url: `http://${service}` },
  });
  const { configYml } = await api(portcullisUrl, `/api/v1/registries/${id}/config`, { token: admin });
  registry = await startRegistry(portcullisUrl, port, dir, { notifications: parse(configYml).notifications });
  return { id, service, registry };
}

async function soak(url) {
  log('Peak before the soak');
  const peak = await tokenLoad(url);
  const rate = Math.round(peak.requestsPerSecond * 0.7);
  log(`Soak: ${SOAK_MINUTES} min at ${rate} tokens/s (70% of ${peak.requestsPerSecond})`);
  const samples = [];
  const sampler = setInterval(async () => {
    const rss = await metric(url, 'portcullis_process_resident_memory_bytes').catch(() => undefined);
    const heap = await metric(url, 'portcullis_nodejs_heap_size_used_bytes').catch(() => undefined);
    if (rss !== undefined)
      samples.push({
        t: samples.length * 10,
        rssMiB: round(rss / 2 ** 20, 1),
        heapMiB: round((heap ?? 0) / 2 ** 20, 1),
      });
  }, 10_000);
  const run = await load({
    ...benchTokenRequest(url),
    durationSeconds: SOAK_MINUTES * 60,
    overallRate: rate,
    connections: 32,
  });
  clearInterval(sampler);
  return { minutes: SOAK_MINUTES, peak: peak.requestsPerSecond, rate, ...run, samples };
}

/**
 * Memory over the soak. RSS saw-tooths with each major GC, so single samples say little: the
 * growth compares the mean of the second minute (after warm-up) with the mean of the last one.
 */
function memoryOf(samples) {
  const mean = (list, key) => round(list.reduce((sum, s) => sum + s[key], 0) / list.length, 1);
  const last = samples.at(-1).t;
  const second = samples.filter((s) => s.t >= 60 && s.t < 120);
  const final = samples.filter((s) => s.t > last - 60);
  const warm = samples.filter((s) => s.t >= 60);
  return {
    secondMinuteRss: mean(second, 'rssMiB'),
    lastMinuteRss: mean(final, 'rssMiB'),
    secondMinuteHeap: mean(second, 'heapMiB'),
    lastMinuteHeap: mean(final, 'heapMiB'),
    maxRss: Math.max(...warm.map((s) => s.rssMiB)),
    growthPercent: round(((mean(final, 'rssMiB') - mean(second, 'rssMiB')) / mean(second, 'rssMiB')) * 100, 1),
  };
}

/**
 * Portcullis's throughput over the bare reference's, round by round (the two alternate in slices
 * within a round, pairedThroughput, so a drift of the machine's speed touches both alike), and the
 * median of those ratios. The ratio of the two medians would compare runs minutes apart.
 */
function pairedRatio(t) {
  const ratios = t.portcullis.rounds.map((p, i) => p / t.bare.rounds[i]);
  return {
    ratios: ratios.map((x) => round(x * 100, 1)),
    median: medianOf(ratios),
  };
}

function targets(r) {
  const t = r.throughput;
  const f = r.fixedRate;
  const paired = pairedRatio(t);
  return [
    {
      name: 'token throughput ≥ 60% of the bare reference',
      value: `${round(paired.median * 100, 1)}% (median of the rounds' ${paired.ratios.join(' / ')}%)`,
      met: paired.median >= 0.6,
    },
    { name: `median at ${FIXED_RATE} tokens/s < 3 ms`, value: `${f.portcullis.p50} ms`, met: f.portcullis.p50 < 3 },
    {
      name: `p99 at ${FIXED_RATE} tokens/s ≤ 3 × the bare reference's p99`,
      value: `${f.portcullis.p99} ms vs ${round(3 * f.bare.p99, 3)} ms`,
      met: f.portcullis.p99 <= 3 * f.bare.p99,
    },
    ...(r.expiry
      ? [
          {
            name: `p99 across ${r.expiry.seconds / r.expiry.ttlSeconds} cache lifetimes ≤ 1.5 × the p99 inside one (as long)`,
            value: `${r.expiry.across.p99} ms vs ${r.expiry.inside.p99} ms`,
            met: r.expiry.across.p99 <= 1.5 * r.expiry.inside.p99,
          },
        ]
      : []),
    ...(r.churn
      ? [
          {
            name: `p99 with ${r.churn.changesPerSecond} API changes/s ≤ 3 × the p99 without`,
            value: `${r.churn.churned.p99} ms vs ${r.churn.quiet.p99} ms`,
            met: r.churn.churned.p99 <= 3 * r.churn.quiet.p99,
          },
          {
            name: `no token over 100 ms with ${r.churn.changesPerSecond} API changes/s`,
            value: `${r.churn.churned.over100ms} over (max ${r.churn.churned.max} ms)`,
            met: r.churn.churned.over100ms === 0,
          },
        ]
      : []),
    {
      name: `/v1/search p95 < 20 ms at ${r.search.repositories?.toLocaleString('en') ?? '100,000'} repositories`,
      value: `${r.search.p95} ms`,
      met: r.search.p95 < 20,
    },
    ...(r.search.catalog
      ? [
          {
            name: `filtered catalog p95 < 20 ms at ${r.search.repositories.toLocaleString('en')} repositories`,
            value: `${r.search.catalog.p95} ms`,
            met: r.search.catalog.p95 < 20,
          },
        ]
      : []),
    ...(r.crawl.floorMs
      ? [
          {
            name: `first crawl of ${r.crawl.repositories.toLocaleString('en')} repositories ≤ 2 × the bare crawler's`,
            value: `${r.crawl.firstMs} ms vs ${r.crawl.floorMs} ms (${round(r.crawl.firstMs / r.crawl.floorMs, 2)}×)`,
            met: r.crawl.firstMs <= 2 * r.crawl.floorMs,
          },
        ]
      : []),
    {
      name: 'no-change crawl < 10% of the first crawl',
      value: `${round((r.crawl.noChangeMs / r.crawl.firstMs) * 100, 1)}%`,
      met: r.crawl.noChangeMs < 0.1 * r.crawl.firstMs,
    },
    { name: 'start-up < 1.5 s (seeded database)', value: `${r.startupMs} ms`, met: r.startupMs < 1500 },
    { name: 'idle RSS < 150 MiB', value: `${r.idleRssMiB} MiB`, met: r.idleRssMiB < 150 },
  ];
}

function markdown(r) {
  const t = r.throughput;
  const f = r.fixedRate;
  const row = (name, label) =>
    `| ${label} | ${t[name].requestsPerSecond} | ${round((t[name].requestsPerSecond / t.bare.requestsPerSecond) * 100, 1)}% | ${f[name].p50} | ${f[name].p99} | ${t[name].errors} |`;
  return `# Benchmark results

Run ${r.date} by \`npm run bench\` on ${r.machine}; load generator (autocannon) and servers on the
same machine over loopback. Seeded: ${r.seed.users.toLocaleString('en')} users, ${r.seed.groups.toLocaleString('en')} groups, ${r.seed.apps} apps,
${r.seed.robots === undefined ? '' : `${r.seed.robots.toLocaleString('en')} robots, `}${r.seed.rules.toLocaleString('en')} custom rules, ${r.seed.repositories.toLocaleString('en')} catalog repositories. Each load runs ${r.durationSeconds} s after a 2 s warm-up.

## Token issuance

Basic auth, one repository scope (\`repository:users/bench/app:pull,push\`), ${CONNECTIONS} connections for
throughput; latency at a fixed ${FIXED_RATE} tokens/s (${FIXED_RATE_CONNECTIONS} connections). The references sign the same
JWT with the same key, the same way; "bcrypt" ones also check a bcrypt password on every request, as
docker_auth does. Each server's figure is the median of ${t.portcullis.rounds.length} rounds (every round's in results.json);
Portcullis's throughput over the bare reference's, round by round (the two alternating in slices of ${round(r.durationSeconds / SLICES, 1)} s within
each round): ${pairedRatio(t).ratios.join(' / ')}%.

| server | tokens/s | vs bare | p50 at ${FIXED_RATE}/s (ms) | p99 at ${FIXED_RATE}/s (ms) | errors |
|---|---|---|---|---|---|
${row('portcullis', 'Portcullis')}
${row('bare', 'bare reference (no framework, no database, no auth)')}
${row('bcrypt5', 'reference + bcrypt cost 5')}
${row('bcrypt10', 'reference + bcrypt cost 10')}

Verified-credentials cache hit ratio during the runs: ${r.cacheHitRatio}.
${expiryMarkdown(r.expiry)}${churnMarkdown(r.churn)}
## Search and discovery

The no-change crawl as the schedule runs it lists the whole catalog and re-reads the tags of the
least recently read thirtieth of the repositories, trusting the registry's notifications for the
rest (README, "Light crawls for registries that notify"); a full re-read is what an on-demand crawl,
or any crawl of a registry that sends no notifications, does.

| measure | value |
|---|---|
| \`/v1/search\` p50 / p95 / p99 (ms), ${(r.search.repositories ?? 100_000).toLocaleString('en')} repositories, user in 50 groups, 4 connections (median p95 of ${r.search.rounds?.length ?? 1} rounds: ${(r.search.rounds ?? [r.search.p95]).join(' / ')}) | ${r.search.p50} / ${r.search.p95} / ${r.search.p99} |
| \`/v1/search\` throughput (4 connections) | ${r.search.requestsPerSecond} searches/s |
${
  r.search.catalog
    ? `| filtered \`/v2/_catalog\` pages of 100 as the front asks, p50 / p95 / p99 (ms), same user (median p95 of ${r.search.catalog.rounds.length} rounds: ${r.search.catalog.rounds.join(' / ')}) | ${r.search.catalog.p50} / ${r.search.catalog.p95} / ${r.search.catalog.p99} |
| filtered catalog throughput (4 connections) | ${r.search.catalog.requestsPerSecond} pages/s |
| first search (the index loaded from the database) | ${r.search.firstSearchMs} ms |${
        r.search.tokensDuringLoad
          ? `
| tokens asked for meanwhile (${r.search.tokensDuringLoad.rate}/s open-loop over ${r.search.tokensDuringLoad.seconds} s): p50 / p99 / max (ms), over 100 ms | ${r.search.tokensDuringLoad.p50} / ${r.search.tokensDuringLoad.p99} / ${r.search.tokensDuringLoad.max}, ${r.search.tokensDuringLoad.over100ms} |`
          : ''
      }
| the index's heap per 100,000 names | ${r.search.indexMiBPer100k} MiB |
`
    : ''
}| first crawl of ${r.crawl.repositories} repositories (${r.crawl.tags} tags)${r.crawl.floorMs ? `; the bare crawler: ${r.crawl.floorMs} ms` : ''} | ${r.crawl.firstMs} ms |${
    r.crawl.large
      ? `
| first crawl of ${r.crawl.large.repositories.toLocaleString('en')} repositories; the bare crawler: ${r.crawl.large.floorMs} ms | ${r.crawl.large.firstMs} ms |`
      : ''
  }
| no-change crawl, as scheduled (the registry notifies; ${r.crawl.noChangeVerified} repositories re-read) | ${r.crawl.noChangeMs} ms |
| no-change crawl, full re-read on demand | ${r.crawl.fullNoChangeMs} ms |
| start-up (process start to ready, seeded database; median of ${(r.startups ?? [r.startupMs]).join(' / ')} ms) | ${r.startupMs} ms |
| idle memory (RSS, 10 s after start; median of ${(r.startups ?? [r.startupMs]).length} starts) | ${r.idleRssMiB} MiB |
| memory after the runs (RSS) | ${r.loadedRssMiB} MiB |
${footprintMarkdown(r)}${imageMarkdown(r.image)}
## Targets

| target | measured | met |
|---|---|---|
${r.targets.map((x) => `| ${x.name} | ${x.value} | ${x.met ? 'yes' : '**no**'} |`).join('\n')}

![Tokens per second and latency at ${FIXED_RATE} tokens/s](chart.png)
`;
}

function footprintMarkdown(r) {
  const f = r.footprint;
  if (!f) return '';
  return `
### Where start-up and idle memory go

Read off the running process (its start-up phases, /proc, V8's heap), 10 s after it started; resident memory of the
start with the median RSS of ${(r.startups ?? [r.startupMs]).length} (${r.idleRssRounds?.join(' / ')} MiB), the rest of the last start.

| measure | value |
|---|---|
| start-up as Portcullis counts it (process start to listening) | ${f.readyMs} ms |
| of which loading the code (Node.js, NestJS, Fastify, Prisma, class-validator and the rest, before any of Portcullis runs) | ${f.modulesMs} ms |
| idle RSS: anonymous (V8's heap, native allocations) | ${f.rssAnonMiB} MiB |
| idle RSS: file-backed (the node binary and its libraries, shared by processes of one image on a host) | ${f.rssFileMiB} MiB |
| V8 heap used / committed | ${f.heapUsedMiB} / ${f.heapTotalMiB} MiB |
${
  r.stackFloor
    ? `
The stack's floor (bench/stack-floor.mjs: NestJS on Fastify with one controller and the Prisma client Portcullis
generates, answering \`/health/ready\` with one query; nothing of Portcullis), started in turn with Portcullis on the
same database with the same Node flags and the two runtime settings Portcullis makes itself (WebAssembly in its
baseline tier, one garbage collection a second after listening):

| | start-up (median of ${(r.startups ?? [r.startupMs]).length}) | idle RSS (median of ${(r.startups ?? [r.startupMs]).length}) | anonymous | file-backed |
|---|---|---|---|---|
| the stack's floor (${r.stackFloor.startups.join(' / ')} ms; ${r.stackFloor.idleRssRounds?.join(' / ')} MiB) | ${r.stackFloor.startupMs} ms | ${r.stackFloor.rssMiB} MiB | ${r.stackFloor.rssAnonMiB} MiB | ${r.stackFloor.rssFileMiB} MiB |
| Portcullis | ${r.startupMs} ms | ${r.idleRssMiB} MiB | ${f.rssAnonMiB} MiB | ${f.rssFileMiB} MiB |
| Portcullis's own (the difference) | ${round(r.startupMs - r.stackFloor.startupMs, 0)} ms | ${round(r.idleRssMiB - r.stackFloor.rssMiB, 1)} MiB | | |
`
    : ''
}
Loading the code takes ${f.modulesMs} ms of the 1,500 ms start-up target before any of Portcullis runs; the
node binary's pages and V8's heap in use come to ${round(f.rssFileMiB + f.heapUsedMiB, 0)} MiB of the 150 MiB memory target.
README, "Benchmark it", says what this leaves and what was tried.
`;
}

function expiryMarkdown(e) {
  if (!e) return '';
  return `
### One credential across its cache's lifetimes

One login at ${FIXED_RATE} tokens/s, open-loop (requests leave on schedule whatever the answers; latency counts
from when each was due: bench/open-load.mjs), for ${e.seconds} s on each of two Portcullis: one with
\`CREDENTIAL_CACHE_TTL=${e.ttlSeconds}\` (the run spans ${e.seconds / e.ttlSeconds} lifetimes: the login is verified again in the
background ahead of each expiry), one whose lifetime outlasts the run (verified once, before it). Rounds alternate the two;
the median p99 of each is kept (rounds: inside ${e.inside.rounds.join(' / ')} ms, across ${e.across.rounds.join(' / ')} ms).

| run | p50 (ms) | p99 (ms) | max (ms) | over 100 ms | errors |
|---|---|---|---|---|---|
| inside one lifetime | ${e.inside.p50} | ${e.inside.p99} | ${e.inside.max} | ${e.inside.over100ms} | ${e.inside.errors} |
| across ${e.seconds / e.ttlSeconds} lifetimes | ${e.across.p50} | ${e.across.p99} | ${e.across.max} | ${e.across.over100ms} | ${e.across.errors} |
`;
}

function churnMarkdown(c) {
  if (!c) return '';
  return `
### Tokens while the API changes access

${FIXED_RATE} tokens/s open-loop for the bench user (one login, in 50 groups), ${c.quiet.rounds.length} rounds without changes and ${c.churned.rounds.length} with
${c.changesPerSecond} API changes a second by an admin script (group memberships of other users, rules created and
deleted, users created: ${c.changes} changes, ${c.failedChanges} failed). A change drops only the cached logins and
policy it touches (per user, group, robot, app or registry); rule changes re-read the rules alone.
Before the rounds, one change of each kind warms up (the first after a start has Prisma compile its
queries, WebAssembly on the main thread: 60 to 110 ms once per process), as the token load does.

| run | p50 (ms) | p99 (ms) | max (ms) | over 100 ms |
|---|---|---|---|---|
| no changes (median p99 of ${c.quiet.rounds.join(' / ')} ms) | ${c.quiet.p50} | ${c.quiet.p99} | ${c.quiet.max} | ${c.quiet.over100ms} |
| ${c.changesPerSecond} changes/s (median p99 of ${c.churned.rounds.join(' / ')} ms) | ${c.churned.p50} | ${c.churned.p99} | ${c.churned.max} | ${c.churned.over100ms} |

The policy snapshot: ${c.snapshotChanges.meanMs} ms on average to apply a change (${c.snapshotChanges.count} applied), ${c.snapshotFull.meanMs} ms to load whole.
`;
}

function imageMarkdown(i) {
  if (!i) return '';
  return `
## Container image

Built from the Containerfile by buildah on the local base (Debian bookworm minbase, Node 24, npm:
what \`node:24-bookworm-slim\` holds; deploy/container/build-base.sh), saved as an OCI layout,
unpacked, and started ${i.startups.length} times from its filesystem with chroot (read-only root, tmpfs /tmp,
user 10001) against the seeded database; measured ${i.date}.

| measure | value |
|---|---|
| image, compressed (as pushed and pulled) | ${i.compressedMiB} MiB: base ${i.baseCompressedMiB} MiB, Portcullis's layers ${i.appCompressedMiB} MiB |
| image, unpacked | ${i.unpackedMiB} MiB, of which /app ${i.appUnpackedMiB} MiB (node_modules ${i.nodeModulesMiB} MiB) |
| start-up (process start to ready, seeded database; median of ${i.startups.join(' / ')} ms) | ${i.startupMs} ms |
| idle memory (RSS, 10 s after start; median of ${i.idleRssRounds?.join(' / ') ?? 'the last start'} MiB) | ${i.idleRssMiB} MiB |
| build time in this run (buildah; its layer cache may already hold the base and the dependencies) | ${i.buildSeconds} s |
`;
}

function soakMarkdown(r) {
  const s = r.soak;
  const m = memoryOf(s.samples);
  return `# Soak test

Run ${r.date} by \`npm run bench -- --soak\` on ${r.machine}: ${s.minutes} minutes of token requests
at ${s.rate} tokens/s, 70% of the peak measured just before (${s.peak} tokens/s), against a
database seeded as for the benchmark.

| measure | value |
|---|---|
| requests answered 200 | ${s.ok} |
| errors (non-200, socket errors, timeouts) | ${s.errors} |
| latency p50 / p95 / p99 (ms) | ${s.p50} / ${s.p95} / ${s.p99} |
| RSS, mean of the second minute (after warm-up) | ${m.secondMinuteRss} MiB |
| RSS, mean of the last minute | ${m.lastMinuteRss} MiB |
| heap used, mean of the second and of the last minute | ${m.secondMinuteHeap} / ${m.lastMinuteHeap} MiB |
| highest RSS after warm-up | ${m.maxRss} MiB |
| RSS growth after warm-up | ${m.growthPercent}% (target: under 10%) |

RSS and heap every 10 s (MiB):

| t (s) | RSS | heap used |
|---|---|---|
${s.samples.map((x) => `| ${x.t} | ${x.rssMiB} | ${x.heapMiB} |`).join('\n')}
`;
}

main().catch((error) => {
  process.stderr.write(`[bench] failed: ${error.stack ?? error}\n`);
  stopAll();
  process.exit(1);
});
