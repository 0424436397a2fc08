// `npm run demo`: a registry provisioned by Portcullis (`portcullis registries provision`), run as
// its files say (Debian's docker-registry behind nginx with TLS), with a sample image pushed and
// found by docker search through the front. Needs Portcullis running (`npm start`), ADMIN_PASSWORD,
// and Debian's docker-registry and nginx. Variables (README, "Try it"):
//   PORTCULLIS_URL        where Portcullis answers (http://localhost:8080)
//   ADMIN_PASSWORD        the password of the Portcullis user "admin"
//   DEMO_REGISTRY_PORT    the front's TLS port; the registry is localhost:<port> (5443)
//   DEMO_REGISTRY_LISTEN  where the registry itself listens, behind the front (127.0.0.1:5000)
//   DEMO_DIR              the demo's files (data/demo-registry)
// It refuses a busy port before starting anything, stops when the registry or nginx it started
// exits, and never changes a registry it did not create (it keeps the id of the one it creates).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const url = (process.env.PORTCULLIS_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
const password = process.env.ADMIN_PASSWORD;
const port = Number(process.env.DEMO_REGISTRY_PORT ?? 5443);
const listen = process.env.DEMO_REGISTRY_LISTEN ?? '127.0.0.1:5000';
const dir = resolve(process.env.DEMO_DIR ?? join(root, 'data', 'demo-registry'));
const service = `localhost:${port}`;
const registryDir = join(dir, 'registry');
const marker = join(dir, 'demo-registry.json');
const nginxBinary = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
const cliMain = join(root, 'dist/apps/cli/apps/cli/src/main.js');

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** Whether a TCP port can be listened on at `host` (nothing else uses it). */
function isFree(host, candidate) {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(candidate, host, () => server.close(() => done(true)));
  });
}

/** The portcullis CLI, signed in as admin with a login kept in the demo's directory. */
function cli(args) {
  const run = spawnSync(process.execPath, [cliMain, '--json', ...args], {
    env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'cli'), PORTCULLIS_PASSWORD: password },
    encoding: 'utf8',
  });
  if (run.status !== 0) fail(`portcullis ${args.join(' ')} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout || 'null');
}

// What is needed, and what is in the way, before anything starts.
if (!password) fail('Set ADMIN_PASSWORD to the password of the Portcullis user "admin".');
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`DEMO_REGISTRY_PORT is not a port: ${port}`);
const listenMatch = /^127\.0\.0\.1:(\d{1,5})$/.exec(listen);
if (!listenMatch) fail(`DEMO_REGISTRY_LISTEN must be 127.0.0.1:<port> (the registry stays on loopback): ${listen}`);
const listenPort = Number(listenMatch[1]);
if (listenPort === port) fail('DEMO_REGISTRY_PORT and DEMO_REGISTRY_LISTEN name the same port.');
for (const binary of ['docker-registry', nginxBinary]) {
  if (spawnSync(binary, ['-v']).error) fail(`${binary} is not installed: apt-get install docker-registry nginx`);
}
if (!(await isFree('127.0.0.1', port)))
  fail(`Port ${port} is in use: the demo's front needs it. Set DEMO_REGISTRY_PORT to a free port.`);
if (!(await isFree('127.0.0.1', listenPort)))
  fail(`Port ${listenPort} is in use: the demo's registry needs it. Set DEMO_REGISTRY_LISTEN to a free address.`);
const health = await fetch(`${url}/api/v1/health`).catch(() => undefined);
if (health?.status !== 200)
  fail(`Portcullis does not answer at ${url}: start it with npm start (or set PORTCULLIS_URL).`);
if (!existsSync(cliMain)) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) fail('Building the CLI failed.');
}

// The registry: the one this demo created before, or a new one; never someone else's.
await mkdir(dir, { recursive: true });
cli(['--url', url, 'login', '--user', 'admin']);
const existing = cli(['registries', 'ls', '--query', service]).items.find((r) => r.service === service);
const ours = existsSync(marker) ? JSON.parse(await readFile(marker, 'utf8')) : undefined;
if (existing && existing.id !== ours?.id) {
  fail(
    `Portcullis already has a registry ${service} that this demo did not create: it stays as it is.\n` +
      'Set DEMO_REGISTRY_PORT to another port.',
  );
}
const registryUrl = `http://${listen}`;
if (existing) cli(['registries', 'set', service, '--registry-url', registryUrl]);
else {
  const created = cli(['registries', 'add', service, registryUrl, '--fronted', '--anonymous-pull', 'demo/**']);
  await writeFile(marker, `${JSON.stringify({ id: created.id, service })}\n`);
}

// Its files, exactly as provision writes them, and a directory clients trust the front with.
cli([
  'registries',
  'provision',
  service,
  '--dir',
  registryDir,
  '--registry-listen',
  listen,
  '--storage',
  join(dir, 'storage'),
  '--force',
]);
await mkdir(join(dir, 'storage'), { recursive: true });
await mkdir(join(dir, 'trust'), { recursive: true });
await copyFile(join(registryDir, 'tls/server.crt'), join(dir, 'trust/ca.crt'));

// Both run in the foreground (nginx with `daemon off`), so the demo notices when one stops.
const children = [
  [
    'docker-registry',
    spawn('docker-registry', ['serve', join(registryDir, 'config.yml')], { stdio: ['ignore', 'ignore', 'inherit'] }),
  ],
  [
    'nginx',
    spawn(nginxBinary, ['-p', registryDir, '-c', 'nginx.conf', '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  ],
];
let stopping = false;
const stopAll = () => {
  stopping = true;
  for (const [, child] of children) if (child.exitCode === null) child.kill('SIGTERM');
};
for (const [name, child] of children) {
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${name} exited (${signal ?? `code ${code}`}): stopping the demo.\n`);
      process.exitCode = 1;
      stopAll();
    }
    if (children.every(([, c]) => c.exitCode !== null || c.signalCode !== null)) process.exit();
  });
}
await writeFile(
  join(dir, 'pids.json'),
  `${JSON.stringify(Object.fromEntries(children.map(([n, c]) => [n, c.pid])))}\n`,
);
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

const trusted = new Agent({ connect: { ca: await readFile(join(dir, 'trust/ca.crt'), 'utf8') } });
const front = (path, init = {}) => fetch(`https://${service}${path}`, { ...init, dispatcher: trusted });
for (let i = 0; ; i++) {
  if ((await front('/v2/').catch(() => undefined))?.status === 401) break;
  if (stopping) process.exit(1);
  if (i > 150) {
    stopAll();
    fail(`The registry does not answer through its front on ${service}: see ${registryDir}/logs/error.log.`);
  }
  await new Promise((r) => setTimeout(r, 100));
}

// A sample image, written and pushed without any container engine.
const { writeOciImage } = await import('../libs/testing/src/oci-image.ts');
const { pushWithToken } = await import('../libs/testing/src/raw-push.ts');
const image = await writeOciImage(join(dir, 'sample-image'), {
  tag: 'latest',
  files: { 'hello.txt': 'Hello from Portcullis\n' },
});
const tokenResponse = await fetch(`${url}/token?service=${service}&scope=repository:demo/hello:pull,push`, {
  headers: { authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` },
});
const { token } = await tokenResponse.json();
await pushWithToken(`http://${listen}`, 'demo/hello', 'latest', image, token);

// docker search through the front, as docker sends it signed out (demo/** is public).
let search;
for (let i = 0; i < 50; i++) {
  search = await (await front('/v1/search?q=hello&n=25', { headers: { authorization: 'Basic Og==' } })).json();
  if (search.num_results > 0) break;
  await new Promise((r) => setTimeout(r, 100));
}
process.stdout.write(`
The registry ${service} runs from the files Portcullis provisioned in ${registryDir}:
docker-registry on ${listen}, nginx in front of it with TLS on ${service}.

Pushed demo/hello:latest (${image.manifestDigest}).
docker search through the front, signed out (demo/** is public on this registry):
  ${JSON.stringify(search)}

Try (the front's certificate is in ${join(dir, 'trust')}):
  skopeo inspect --cert-dir ${join(dir, 'trust')} docker://${service}/demo/hello:latest
  skopeo list-tags --cert-dir ${join(dir, 'trust')} --creds admin:… docker://${service}/demo/hello
  curl --cacert ${join(dir, 'trust/ca.crt')} -u admin:… 'https://${service}/v1/search?q=hello'

Ctrl-C stops the registry and nginx.
`);
