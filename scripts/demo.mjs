// `npm run demo`: starts Debian's docker-registry wired to a running Portcullis (the config.yml
// Portcullis generates), pushes a sample image, and shows it in the catalog and in docker search.
// Needs: Portcullis running (`npm start`), ADMIN_PASSWORD, and `docker-registry` on the PATH.
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const url = (process.env.PORTCULLIS_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
const port = Number(process.env.DEMO_REGISTRY_PORT ?? 5000);
const service = `localhost:${port}`;
const password = process.env.ADMIN_PASSWORD;

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (!password) fail('Set ADMIN_PASSWORD to the password of the Portcullis user "admin".');
if (spawnSync('docker-registry', ['--version']).error) {
  fail('docker-registry is not installed: apt-get install docker-registry (Debian and Ubuntu package it).');
}
const health = await fetch(`${url}/api/v1/health`).catch(() => undefined);
if (health?.status !== 200)
  fail(`Portcullis does not answer at ${url}: start it with npm start (or set PORTCULLIS_URL).`);

const login = await fetch(`${url}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password }),
});
if (login.status !== 200) fail('Signing in as admin failed: is ADMIN_PASSWORD right?');
const { accessToken } = await login.json();
const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };

// Declare the registry (idempotent) with a public path, through the declarative configuration.
const yaml = stringify({
  registries: [{ service, url: `http://${service}`, anonymousPull: ['demo/**'] }],
});
const applied = await fetch(`${url}/api/v1/config/apply`, { method: 'POST', headers, body: JSON.stringify({ yaml }) });
if (applied.status !== 200) fail(`Declaring ${service} failed: ${await applied.text()}`);
const registries = await (await fetch(`${url}/api/v1/registries?q=${service}`, { headers })).json();
const registry = registries.items.find((r) => r.service === service);

// The registry's own config.yml, as Portcullis generates it, with local paths.
const dir = resolve(root, 'data', 'demo-registry');
await mkdir(join(dir, 'storage'), { recursive: true });
await writeFile(join(dir, 'portcullis.pem'), await (await fetch(`${url}/token/certs`)).text());
const { configYml } = await (await fetch(`${url}/api/v1/registries/${registry.id}/config`, { headers })).json();
const config = parse(configYml);
config.storage.filesystem.rootdirectory = join(dir, 'storage');
config.http.addr = `127.0.0.1:${port}`;
config.log = { level: 'warn', accesslog: { disabled: true } };
config.auth.token.rootcertbundle = join(dir, 'portcullis.pem');
await writeFile(join(dir, 'config.yml'), stringify(config));

const registryProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => registryProcess.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (let i = 0; ; i++) {
  const ping = await fetch(`http://${service}/v2/`).catch(() => undefined);
  if (ping?.status === 401) break;
  if (i > 100) fail(`docker-registry did not start on ${service}`);
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
await pushWithToken(`http://${service}`, 'demo/hello', 'latest', image, token);
await new Promise((r) => setTimeout(r, 1000));

const catalog = await (await fetch(`${url}/api/v1/registries/${registry.id}/repositories`, { headers })).json();
const search = await (await fetch(`${url}/v1/search?q=hello`)).json();
process.stdout.write(`
The registry ${service} runs with the config.yml Portcullis generated (${join(dir, 'config.yml')}).
It asks ${url}/token for every token and notifies ${url}/registry/events of every change.

Pushed demo/hello:latest (${image.manifestDigest}). The catalog, learnt from the registry's notification:
${catalog.items.map((r) => `  ${r.name}: ${r.tags.map((t) => `${t.name} ${t.digest.slice(0, 19)}…`).join(', ')}`).join('\n')}

docker search, anonymously (demo/** is public on this registry):
  ${JSON.stringify(search)}

Try:
  skopeo inspect --tls-verify=false docker://${service}/demo/hello:latest
  skopeo copy --dest-tls-verify=false --dest-creds admin:… oci:${image.dir}:latest docker://${service}/users/admin/hello:1

Ctrl-C stops the registry.
`);
registryProcess.on('exit', () => process.exit(0));
