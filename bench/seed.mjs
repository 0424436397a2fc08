// Seeds a Portcullis database for the benchmark in a few set-based SQL statements, at the size of
// a large organisation: 100,000 users, 10,000 groups, 500 apps, 1,000 robots, 5,000 custom rules
// and 1,000,000 catalog repositories (a tag each). The bench user, created through the API
// beforehand, is put in 50 groups; every seeded user and robot shares its password hash (hashing
// 100,000 passwords would only slow the seeding down).
import pg from 'pg';

export const SEED = {
  users: 100_000,
  groups: 10_000,
  apps: 500,
  robots: 1_000,
  rules: 5_000,
  repositories: 1_000_000,
  benchGroups: 50,
};
/** Image names: a thousand distinct stems (`nginx-7`, `api-41`…), each in about a thousand repositories. */
export const WORDS = ['nginx', 'redis', 'postgres', 'api', 'web', 'worker', 'batch', 'cache', 'proxy', 'db'];
export const STEMS = 1000;

export async function seed(databaseUrl, { benchUser, registryService }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('SELECT id, password_hash FROM "user" WHERE name = $1', [benchUser]);
    const bench = rows[0];
    const registry = (await client.query('SELECT id FROM registry WHERE service = $1', [registryService])).rows[0];
    await client.query(
      `INSERT INTO "group" (name) SELECT 'g-' || lpad(i::text, 5, '0') FROM generate_series(1, $1) i
       ON CONFLICT (name) DO NOTHING`,
      [SEED.groups],
    );
    await client.query(
      `INSERT INTO "user" (name, password_hash, privileges, updated_at)
       SELECT 'user-' || lpad(i::text, 6, '0'), $2,
              ARRAY['DockerRegistriesPuller', 'DockerRegistriesPusher']::privilege[], now()
       FROM generate_series(1, $1) i`,
      [SEED.users - 1, bench.password_hash],
    );
    // Five groups per user, spread over all of them.
    await client.query(
      `INSERT INTO group_membership (user_id, group_id)
       SELECT DISTINCT u.id, g.id FROM "user" u
       CROSS JOIN generate_series(0, 4) k
       JOIN "group" g ON g.name = 'g-' || lpad((((u.id * 7 + k * 211) % $1) + 1)::text, 5, '0')
       WHERE u.name LIKE 'user-%'
       ON CONFLICT DO NOTHING`,
      [SEED.groups],
    );
    await client.query(
      `INSERT INTO group_membership (user_id, group_id)
       SELECT $1, g.id FROM "group" g WHERE g.name <= 'g-' || lpad($2::text, 5, '0') AND g.name LIKE 'g-%'
       ON CONFLICT DO NOTHING`,
      [bench.id, SEED.benchGroups],
    );
    await client.query(`INSERT INTO app (name) SELECT 'app-' || lpad(i::text, 3, '0') FROM generate_series(1, $1) i`, [
      SEED.apps,
    ]);
    for (const table of ['app_responsible', 'app_publication']) {
      await client.query(
        `INSERT INTO ${table} (app_id, group_id)
         SELECT a.id, g.id FROM app a JOIN "group" g
           ON g.name = 'g-' || lpad((((a.id * 13 + ${table === 'app_responsible' ? 0 : 5}) % $1) + 1)::text, 5, '0')
         ON CONFLICT DO NOTHING`,
        [SEED.groups],
      );
    }
    await client.query(
      `INSERT INTO robot (name, app_id, secret_hash, permissions, updated_at)
       SELECT 'robot-' || lpad(i::text, 4, '0'), a.id, $2,
              jsonb_build_array(jsonb_build_object('repositories', 'apps/' || a.name || '/**', 'actions', jsonb_build_array('pull', 'push'))),
              now()
       FROM generate_series(1, $1) i JOIN app a ON a.name = 'app-' || lpad((((i - 1) % $3) + 1)::text, 3, '0')`,
      [SEED.robots, bench.password_hash, SEED.apps],
    );
    // Rules that never match the bench user: every decision walks all of them.
    await client.query(
      `INSERT INTO rule (position, match, actions, comment, updated_at)
       SELECT i, jsonb_build_object('account', 'user-' || lpad(i::text, 6, '0')), ARRAY['pull'], 'bench rule ' || i, now()
       FROM generate_series(1, $1) i`,
      [SEED.rules],
    );
    // 40% library/…, 30% groups/…, 20% apps/…, 10% users/…; names from a thousand stems, so a
    // stem matches about a thousand repositories and a word (\`nginx\`) about a hundred thousand.
    await client.query(
      `INSERT INTO repository (registry_id, name, description)
       SELECT $1,
         CASE
           WHEN i % 10 < 4 THEN 'library/' || w || '-' || i
           WHEN i % 10 < 7 THEN 'groups/g-' || lpad(((i % $3) + 1)::text, 5, '0') || '/' || w || '-' || i
           WHEN i % 10 < 9 THEN 'apps/app-' || lpad(((i % $4) + 1)::text, 3, '0') || '/' || w || '-' || i
           ELSE 'users/user-' || lpad(((i % ($5 - 1)) + 1)::text, 6, '0') || '/' || w || '-' || i
         END,
         'a ' || w || ' image'
       FROM generate_series(1, $2) i,
         -- The word does not follow the namespace: every namespace holds every kind of image.
         LATERAL (SELECT ($6::text[])[((i / 10) % 10) + 1] || '-' || ((i / 100) % ($7 / 10)) AS w) words`,
      [registry.id, SEED.repositories, SEED.groups, SEED.apps, SEED.users, WORDS, STEMS],
    );
    await client.query(
      `INSERT INTO tag (repository_id, name, digest, media_type, size)
       SELECT id, 'latest', 'sha256:' || encode(sha256(name::bytea), 'hex'),
              'application/vnd.oci.image.manifest.v1+json', 1000 + id
       FROM repository WHERE registry_id = $1`,
      [registry.id],
    );
    await client.query(
      `INSERT INTO registry_publication (registry_id, group_id)
       SELECT $1, g.id FROM "group" g WHERE g.name LIKE 'g-000%' ON CONFLICT DO NOTHING`,
      [registry.id],
    );
    // Its address leads nowhere (the catalog is seeded): the schedule is to leave it alone. Fronted,
    // as a provisioned registry is: its catalog is Portcullis's, filtered for each asker.
    await client.query(
      "UPDATE registry SET next_discovery_at = now() + interval '100 years', fronted = true WHERE id = $1",
      [registry.id],
    );
    await client.query('COMMIT');
    // The state autovacuum keeps a live database in: statistics, and the trigram indexes' pending
    // lists merged (100,000 fresh rows leave megabytes of them, which every search would scan).
    await client.query('VACUUM ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
