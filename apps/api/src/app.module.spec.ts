import { MODULE_METADATA } from '@nestjs/common/constants';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { loadConfig } from './config/app-config';

type Provider = { provide?: unknown; useClass?: unknown } | (abstract new (...args: never[]) => unknown);
type ModuleRef = { module?: unknown; imports?: unknown[]; providers?: Provider[] } | (new () => unknown);

/** Every module the application is built from, with the providers it declares itself. */
function modulesOf(root: ModuleRef): Map<string, Provider[]> {
  const found = new Map<string, Provider[]>();
  const visit = (ref: unknown) => {
    if (ref === undefined || ref === null) return;
    const dynamic = typeof ref === 'object' && 'module' in ref ? (ref as { module: object }) : undefined;
    const type = (dynamic?.module ?? ref) as { name: string };
    if (typeof type !== 'function' || found.has(type.name)) return;
    const providers = [
      ...((Reflect.getMetadata(MODULE_METADATA.PROVIDERS, type) as Provider[] | undefined) ?? []),
      ...((dynamic as { providers?: Provider[] } | undefined)?.providers ?? []),
    ];
    found.set(type.name, providers);
    const imports = [
      ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) as unknown[] | undefined) ?? []),
      ...((dynamic as { imports?: unknown[] } | undefined)?.imports ?? []),
    ];
    imports.forEach(visit);
  };
  visit(root);
  return found;
}

function nameOf(provider: Provider): string | undefined {
  const token = typeof provider === 'function' ? provider : (provider.useClass ?? provider.provide);
  return typeof token === 'function' ? token.name : undefined;
}

describe('The module map', () => {
  const modules = modulesOf(AppModule.forRoot(loadConfig({})));

  it('should provide each repository (and every other class) in exactly one module', () => {
    const owners = new Map<string, string[]>();
    for (const [module, providers] of modules) {
      for (const provider of providers) {
        const name = nameOf(provider);
        if (name !== undefined) owners.set(name, [...(owners.get(name) ?? []), module]);
      }
    }
    const twice = [...owners].filter(([, where]) => where.length > 1);
    expect(twice).toEqual([]);
    // The check sees the repositories at all.
    expect(owners.get('RegistriesRepository')).toEqual(['RegistriesModule']);
    expect([...owners.keys()].filter((name) => name.endsWith('Repository')).length).toBeGreaterThan(20);
  });

  it('should have one module per folder, named after it, in the application', () => {
    const src = __dirname;
    const folders = readdirSync(src, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'common')
      .map((entry) => entry.name);
    const pascal = (folder: string) =>
      folder.replace(/(^|-)([a-z])/g, (_all, _dash: string, letter: string) => letter.toUpperCase());
    for (const folder of folders) {
      expect(readdirSync(join(src, folder))).toContain(`${folder}.module.ts`);
      expect([...modules.keys()]).toContain(`${pascal(folder)}Module`);
    }
  });
});
