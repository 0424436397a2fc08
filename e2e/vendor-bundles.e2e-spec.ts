import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { TEST_ADMIN_PASSWORD, TestDatabase, createTestDatabase, freePort } from '@portcullis/testing';

const run = promisify(execFile);
const DIST = join(__dirname, '../dist/apps/api');
const MAIN = join(DIST, 'apps/api/src/main.js');
const HOOK = join(DIST, 'apps/api/src/common/vendor-bundles.js');
const VENDOR = join(DIST, 'vendor');
const manifest = JSON.parse(readFileSync(join(VENDOR, 'manifest.json'), 'utf8')) as Record<
  string,
  { file: string; format: string }
>;

/** What a process sees of `specifier`: where it resolves, and the names `require` and `import` give. */
async function seen(specifier: string, withBundles: boolean) {
  const script = `
    import { createRequire } from 'node:module';
    const require = createRequire(${JSON.stringify(join(__dirname, '../package.json'))});
    if (${withBundles}) require(${JSON.stringify(HOOK)}).useVendorBundles(${JSON.stringify(VENDOR)});
    const names = (m) => Object.keys(m).filter((k) => !['default', '__esModule', 'module.exports'].includes(k)).sort();
    const required = require(${JSON.stringify(specifier)});
    const imported = await import(${JSON.stringify(specifier)});
    console.log(JSON.stringify({ url: import.meta.resolve(${JSON.stringify(specifier)}), required: names(required), imported: names(imported) }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: join(__dirname, '..') });
  return JSON.parse(stdout) as { url: string; required: string[]; imported: string[] };
}

/**
 * The built server resolves a few packages made of hundreds of small modules to one-file bundles
 * (scripts/build-vendor.mjs, apps/api/src/common/vendor-bundles.ts). A bundle must stand in for
 * its package whoever loads it and however: same names by `require` and by `import`, and the
 * server built with them validates, documents and parses YAML as the sources do.
 */
describe('Vendor bundles', () => {
  it('should bundle NestJS, Fastify, es-toolkit/compat, rxjs, class-validator, yaml, semver, pg and the rest', () => {
    expect(Object.keys(manifest).sort()).toEqual([
      '@fastify/middie',
      '@fastify/static',
      '@nestjs/common',
      '@nestjs/core',
      '@nestjs/jwt',
      '@nestjs/passport',
      '@nestjs/platform-fastify',
      '@nestjs/schedule',
      '@nestjs/swagger',
      '@opentelemetry/api',
      'class-validator',
      'es-toolkit/compat',
      'fastify',
      'fastify/lib/reply.js',
      'fastify/lib/symbols.js',
      'find-my-way/lib/url-sanitizer.js',
      'jsonwebtoken',
      'pg',
      'prom-client',
      'rxjs',
      'rxjs/operators',
      'semver',
      'yaml',
    ]);
  });

  it('should keep one rxjs: rxjs/operators gives the operators rxjs gives', async () => {
    const script = `
      const { useVendorBundles } = require(${JSON.stringify(HOOK)});
      useVendorBundles(${JSON.stringify(VENDOR)});
      const rxjs = require('rxjs');
      const operators = require('rxjs/operators');
      console.log(JSON.stringify({ same: rxjs.map === operators.map && rxjs.tap === operators.tap, observable: rxjs.isObservable(rxjs.of(1).pipe(operators.map((x) => x))) }));`;
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: join(__dirname, '..') });
    expect(JSON.parse(stdout)).toEqual({ same: true, observable: true });
  });

  it('should keep one NestJS and one Fastify: nothing of them loaded from their files, and working together', async () => {
    // NestJS's packages import each other's internal files, and @nestjs/platform-fastify imports
    // Fastify's: were one of them left out of its group, those files would load beside the bundle,
    // a second copy of part of NestJS, or Fastify's symbols other than those Fastify uses.
    const script = `
      const { registerHooks } = require('node:module');
      const { useVendorBundles } = require(${JSON.stringify(HOOK)});
      useVendorBundles(${JSON.stringify(VENDOR)});
      const files = [];
      const watched = /\\/node_modules\\/(@nestjs|fastify|find-my-way|avvio|@fastify\\/middie)\\//;
      registerHooks({ load(url, context, nextLoad) { if (watched.test(url)) files.push(url); return nextLoad(url, context); } });
      require('reflect-metadata');
      const { Controller, ForbiddenException, Get, Module } = require('@nestjs/common');
      const { NestFactory } = require('@nestjs/core');
      const { FastifyAdapter } = require('@nestjs/platform-fastify');
      for (const name of ['jwt', 'passport', 'schedule', 'swagger']) require('@nestjs/' + name);
      class Denying { get() { throw new ForbiddenException('no'); } }
      Reflect.decorate([Get('denied')], Denying.prototype, 'get', Object.getOwnPropertyDescriptor(Denying.prototype, 'get'));
      const controller = Reflect.decorate([Controller()], Denying);
      const module = Reflect.decorate([Module({ controllers: [controller] })], class App {});
      (async () => {
        const app = await NestFactory.create(module, new FastifyAdapter(), { logger: false });
        await app.init();
        const answer = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/denied' });
        await app.close();
        console.log(JSON.stringify({ status: answer.statusCode, files }));
      })();`;
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: join(__dirname, '..') });
    expect(JSON.parse(stdout)).toEqual({ status: 403, files: [] });
  });

  it.each(Object.keys(manifest))('should give %s the names of the package, required or imported', async (specifier) => {
    const [bundled, plain] = await Promise.all([seen(specifier, true), seen(specifier, false)]);
    expect(bundled.url).toBe(pathToFileURL(join(VENDOR, manifest[specifier]!.file)).href);
    expect(plain.url).toContain('/node_modules/');
    expect(plain.required.length).toBeGreaterThan(0);
    expect(bundled.required).toEqual(plain.required);
    // By import, every name the package gives (Node's lexer reads more names in a bundle than in
    // some packages, such as semver, whose exports it cannot all read).
    expect(bundled.imported).toEqual(expect.arrayContaining(plain.imported));
  });

  describe('the built server', () => {
    let db: TestDatabase;
    let server: ChildProcess;
    let url: string;
    let headers: Record<string, string>;

    beforeAll(async () => {
      db = await createTestDatabase();
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      server = spawn(process.execPath, [MAIN], {
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          PORT: String(port),
          HOST: '127.0.0.1',
          PUBLIC_URL: `http://localhost:${port}`,
          ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
          DATA_DIR: await mkdtemp(join(tmpdir(), 'portcullis-vendor-')),
          DISCOVERY_INTERVAL: '0',
          SHUTDOWN_DELAY: '0',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      const deadline = Date.now() + 60_000;
      while ((await fetch(`${url}/health/ready`).catch(() => undefined))?.status !== 200) {
        if (server.exitCode !== null || Date.now() > deadline) throw new Error('the built server did not start');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    });

    afterAll(async () => {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      await db?.drop();
    });

    it('should validate bodies with class-validator', async () => {
      const response = await fetch(`${url}/api/v1/usage`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ kind: 'node', reporter: 'n1', images: [[]] }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toContain('images must be an object');
    });

    it('should parse and apply portcullis.yaml, and name a YAML error', async () => {
      const applied = await fetch(`${url}/api/v1/config/apply`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ yaml: 'groups:\n  - name: bundled-team\n' }),
      });
      expect(applied.status).toBe(200);
      const groups = (await (await fetch(`${url}/api/v1/groups?q=bundled-team`, { headers })).json()) as {
        items: { name: string }[];
      };
      expect(groups.items.map((g) => g.name)).toEqual(['bundled-team']);
      const broken = await fetch(`${url}/api/v1/config/apply`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ yaml: 'groups: [\n' }),
      });
      expect(broken.status).toBe(400);
      expect(((await broken.json()) as { message: string }).message).toContain('YAML: Flow sequence');
    });

    it('should document the API with @nestjs/swagger', async () => {
      const response = await fetch(`${url}/api/docs-json`);
      expect(response.status).toBe(200);
      const document = (await response.json()) as { paths: Record<string, unknown> };
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/usage', '/api/v1/config/apply']));
    });
  });
});
