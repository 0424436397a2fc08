import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CONSOLE_TEST_ADMIN_PASSWORD, CONSOLE_TEST_URL } from '../../test-server-env';
import { AuditStore } from './audit/audit.store';
import { API_BASE_URL, SessionStore } from './core/session.store';
import { RobotsStore } from './machines/robots.store';
import { RegistriesStore, RegistryStore } from './registries/registries.store';
import { RulesStore } from './rules/rules.store';

/**
 * The feature stores against the built server (the project's global setup starts it): what they
 * keep after each call, and what they say when the API refuses.
 */
describe('Feature stores', () => {
  const url = process.env[CONSOLE_TEST_URL]!;
  /** A unique suffix: the server is shared by every console spec. */
  const run = Date.now().toString(36);

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        RegistriesStore,
        RegistryStore,
        RulesStore,
        RobotsStore,
        AuditStore,
        { provide: API_BASE_URL, useValue: url },
      ],
    });
    await TestBed.inject(SessionStore).signIn('admin', CONSOLE_TEST_ADMIN_PASSWORD);
  });

  it('should create and change a registry, and list registries filtered by service', async () => {
    const one = TestBed.inject(RegistryStore);
    const created = await one.create({ service: `one-${run}.test`, url: 'http://127.0.0.1:9' });
    expect(one.registry()).toEqual(created);
    await one.update(created.id, { restricted: true, publications: [] });
    expect(one.registry()).toMatchObject({ service: `one-${run}.test`, restricted: true });
    await one.create({ service: `two-${run}.test`, url: 'http://127.0.0.1:9' });

    const list = TestBed.inject(RegistriesStore);
    list.query.set(run);
    await list.list.reload();
    expect(list.list.items().map((r) => r.service)).toEqual([`one-${run}.test`, `two-${run}.test`]);
    list.query.set(`two-${run}`);
    await list.list.reload();
    expect(list.list.items().map((r) => r.service)).toEqual([`two-${run}.test`]);
  });

  it('should follow a discovery job to its end, and show why a registry cannot be crawled', async () => {
    const one = TestBed.inject(RegistryStore);
    const registry = await one.create({ service: `down-${run}.test`, url: 'http://127.0.0.1:9' });
    await one.discover(registry.id);
    expect(one.discovery()).toMatchObject({ kind: 'registry.discover', state: 'succeeded' });
    // The crawl ran and failed against the registry: the registry says so, and stays.
    expect(one.registry()).toMatchObject({ discoveryState: 'down', lastDiscoveryError: expect.any(String) });
    await one.load(999_999);
    expect(one.problem()).toMatchObject({ status: 404, code: 'REGISTRY_NOT_FOUND' });
  });

  it('should keep rules in order, roll a refused reorder back, and explain', async () => {
    const rules = TestBed.inject(RulesStore);
    await rules.save(null, { match: { name: `first-${run}/**` }, actions: ['pull'] });
    await rules.save(null, { match: { name: `second-${run}/**` }, actions: [] });
    const mine = () => rules.rules().filter((r) => r.match.name?.includes(run));
    expect(mine().map((r) => r.match.name)).toEqual([`first-${run}/**`, `second-${run}/**`]);

    const ids = rules.rules().map((r) => r.id);
    const swapped = [...ids];
    const [a, b] = [swapped.indexOf(mine()[0].id), swapped.indexOf(mine()[1].id)];
    [swapped[a], swapped[b]] = [swapped[b], swapped[a]];
    await rules.reorder(swapped);
    expect(mine().map((r) => r.match.name)).toEqual([`second-${run}/**`, `first-${run}/**`]);

    const before = rules.rules();
    await rules.reorder([...swapped, 999_999]);
    expect(rules.problem()).toMatchObject({ status: 400 });
    expect(rules.rules()).toEqual(before);

    const explained = await rules.explain({
      account: '',
      service: `one-${run}.test`,
      scope: [`repository:second-${run}/x:pull`],
    });
    expect(explained.resources[0]).toMatchObject({ granted: [], decisions: [{ action: 'pull', granted: false }] });
  });

  it('should give a robot its secret once, and revoke it', async () => {
    await fetch(`${url}/api/v1/apps`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TestBed.inject(SessionStore).token()!}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `app-${run}` }),
    });
    const robots = TestBed.inject(RobotsStore);
    await robots.load();
    expect(robots.apps()).toContain(`app-${run}`);
    await robots.create({
      name: `bot-${run}`,
      app: `app-${run}`,
      permissions: [{ repositories: `apps/app-${run}/**`, actions: ['pull'] }],
    });
    expect(robots.created()).toMatchObject({ login: `robot/bot-${run}`, secret: expect.any(String) });
    const robot = robots.list.items().find((r) => r.name === `bot-${run}`)!;
    expect(robot).not.toHaveProperty('secret');
    await robots.revoke(robot.id);
    expect(robots.list.items().find((r) => r.name === `bot-${run}`)).toMatchObject({ revoked: true });
    await expect(robots.create({ name: `bot-${run}`, app: `app-${run}`, permissions: [] })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('should page the audit log by filter, and gather every matching event for an export', async () => {
    const audit = TestBed.inject(AuditStore);
    audit.filter.set({ category: 'login', actor: 'admin' });
    await audit.list.reload();
    expect(audit.list.items().length).toBeGreaterThan(0);
    expect(audit.list.items().every((e) => e.category === 'login' && e.actor === 'admin')).toBe(true);
    const { events, complete } = await audit.all({ category: 'login', actor: 'admin' });
    expect(complete).toBe(true);
    expect(events.length).toBeGreaterThanOrEqual(audit.list.items().length);
  });
});
