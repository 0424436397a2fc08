import { getDMMF } from '@prisma/internals';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestDatabase, createTestDatabase } from '@portcullis/testing';
import { findMigrationsDir, migrate } from './migrator';

const quiet = { log: () => undefined };

type DmmfModel = Awaited<ReturnType<typeof getDMMF>>['datamodel']['models'][number];
type DmmfField = DmmfModel['fields'][number];

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  DateTime: 'timestamp(3)',
  Float: 'double precision',
  Decimal: 'numeric',
  Json: 'jsonb',
  Bytes: 'bytea',
};

/** The PostgreSQL type Prisma gives a field, written as `describeColumn` writes it. */
function expectedType(field: DmmfField, enums: ReadonlyMap<string, string>): string {
  if (field.isList) return `${expectedType({ ...field, isList: false }, enums)}[]`;
  if (field.kind === 'enum') return enums.get(field.type) ?? field.type;
  const native = field.nativeType as [string, string[]] | null | undefined;
  if (native) {
    const [name, args] = native;
    switch (name) {
      case 'VarChar':
        return `varchar(${args[0]})`;
      case 'Char':
        return `char(${args[0]})`;
      case 'Uuid':
        return 'uuid';
      case 'Timestamptz':
        return `timestamptz(${args[0] ?? 6})`;
      case 'Timestamp':
        return `timestamp(${args[0] ?? 6})`;
      case 'Text':
        return 'text';
      default:
        return name.toLowerCase();
    }
  }
  const type = SCALAR_TYPES[field.type];
  if (!type) throw new Error(`add a mapping for ${field.type}`);
  return type;
}

interface ColumnRow {
  udt_name: string;
  table_name: string;
  column_name: string;
  data_type: string;
  character_maximum_length: number | null;
  datetime_precision: number | null;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
}

/** An array column's element type, by its internal name, as information_schema names scalar columns. */
const ARRAY_ELEMENTS: Record<string, string> = { int4: 'integer', int8: 'bigint' };

function describeColumn(c: ColumnRow): string {
  const type =
    c.data_type === 'ARRAY'
      ? `${ARRAY_ELEMENTS[c.udt_name.slice(1)] ?? c.udt_name.slice(1)}[]`
      : c.data_type === 'USER-DEFINED'
        ? c.udt_name
        : c.data_type === 'character varying'
          ? `varchar(${c.character_maximum_length})`
          : c.data_type === 'character'
            ? `char(${c.character_maximum_length})`
            : c.data_type === 'timestamp with time zone'
              ? `timestamptz(${c.datetime_precision})`
              : c.data_type === 'timestamp without time zone'
                ? `timestamp(${c.datetime_precision})`
                : c.data_type;
  return `${c.table_name}.${c.column_name} ${type} ${c.is_nullable === 'YES' ? 'null' : 'not null'} ${c.column_default === null ? 'no default' : 'default'}`;
}

describe('migrations', () => {
  let db: TestDatabase;
  let client: Client;
  let models: DmmfModel[];
  let enums: Map<string, string>;
  let indexes: Awaited<ReturnType<typeof getDMMF>>['datamodel']['indexes'];

  beforeAll(async () => {
    db = await createTestDatabase();
    const dmmf = await getDMMF({
      datamodel: readFileSync(join(__dirname, '../../../../prisma/schema.prisma'), 'utf8'),
    });
    models = [...dmmf.datamodel.models];
    enums = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
    indexes = [...dmmf.datamodel.indexes];
    expect(await migrate(db.url, findMigrationsDir(), quiet)).not.toHaveLength(0);
    client = new Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  const tableOf = (model: DmmfModel): string => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string): string => {
    const field = model.fields.find((f) => f.name === fieldName);
    if (!field) throw new Error(`${model.name}.${fieldName} not found`);
    return field.dbName ?? field.name;
  };

  it('should create exactly the tables of schema.prisma', async () => {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(models.map(tableOf).sort());
  });

  it('should give every column the type, nullability and default of schema.prisma', async () => {
    const expected = models.flatMap((model) =>
      model.fields
        .filter((f) => f.kind === 'scalar' || f.kind === 'enum')
        .map(
          (f) =>
            // Prisma keeps scalar-list columns nullable, as its own migrations do.
            `${tableOf(model)}.${f.dbName ?? f.name} ${expectedType(f, enums)} ${f.isRequired && !f.isList ? 'not null' : 'null'} ${f.hasDefaultValue ? 'default' : 'no default'}`,
        ),
    );
    const { rows } = await client.query<ColumnRow>(
      "SELECT * FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
    expect(rows.map(describeColumn).sort()).toEqual(expected.sort());
  });

  it('should create exactly the primary keys, unique and plain indexes of schema.prisma', async () => {
    const expected = indexes.map((index) => {
      const model = models.find((m) => m.name === index.model)!;
      const kind = index.type === 'id' ? 'primary' : index.type === 'unique' ? 'unique' : 'index';
      return `${tableOf(model)} ${kind} (${index.fields.map((f) => columnOf(model, f.name)).join(', ')})`;
    });
    const { rows } = await client.query<{ table: string; kind: string; columns: string }>(`
      SELECT t.relname AS table,
             CASE WHEN ix.indisprimary THEN 'primary' WHEN ix.indisunique THEN 'unique' ELSE 'index' END AS kind,
             '(' || string_agg(a.attname, ', ' ORDER BY k.ord) || ')' AS columns
      FROM pg_index ix
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE t.relname <> '_prisma_migrations'
      GROUP BY t.relname, ix.indexrelid, ix.indisprimary, ix.indisunique`);
    expect(rows.map((r) => `${r.table} ${r.kind} ${r.columns}`).sort()).toEqual(expected.sort());
  });

  it('should create the foreign keys of schema.prisma with their delete rules', async () => {
    const expected = models.flatMap((model) =>
      model.fields
        .filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0)
        .map((f) => {
          const target = models.find((m) => m.name === f.type)!;
          const from = f.relationFromFields!.map((n) => columnOf(model, n)).join(', ');
          const to = f.relationToFields!.map((n) => columnOf(target, n)).join(', ');
          const onDelete = (f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull'))
            .replace(/([a-z])([A-Z])/g, '$1 $2')
            .toUpperCase();
          return `${tableOf(model)} (${from}) -> ${tableOf(target)} (${to}) ON DELETE ${onDelete}`;
        }),
    );
    const { rows } = await client.query<{ fk: string }>(`
      SELECT src.relname || ' (' || string_agg(sa.attname, ', ' ORDER BY k.ord) || ') -> ' || dst.relname ||
             ' (' || string_agg(da.attname, ', ' ORDER BY k.ord) || ') ON DELETE ' ||
             CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'r' THEN 'RESTRICT' WHEN 'n' THEN 'SET NULL'
                                WHEN 'd' THEN 'SET DEFAULT' ELSE 'NO ACTION' END AS fk
      FROM pg_constraint c
      JOIN pg_class src ON src.oid = c.conrelid
      JOIN pg_class dst ON dst.oid = c.confrelid
      CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(s, d, ord)
      JOIN pg_attribute sa ON sa.attrelid = c.conrelid AND sa.attnum = k.s
      JOIN pg_attribute da ON da.attrelid = c.confrelid AND da.attnum = k.d
      WHERE c.contype = 'f'
      GROUP BY c.oid, src.relname, dst.relname, c.confdeltype`);
    expect(rows.map((r) => r.fk).sort()).toEqual(expected.sort());
  });

  it('should create the enums of schema.prisma with their values', async () => {
    const dmmf = await getDMMF({
      datamodel: readFileSync(join(__dirname, '../../../../prisma/schema.prisma'), 'utf8'),
    });
    const expected = dmmf.datamodel.enums.map(
      (e) => `${e.dbName ?? e.name}: ${e.values.map((v) => v.dbName ?? v.name).join(', ')}`,
    );
    const { rows } = await client.query<{ line: string }>(`
      SELECT t.typname || ': ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS line
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`);
    expect(rows.map((r) => r.line).sort()).toEqual(expected.sort());
  });

  it('should apply nothing the second time', async () => {
    expect(await migrate(db.url, findMigrationsDir(), quiet)).toEqual([]);
  });

  it('should refuse to start when an applied migration was edited', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portcullis-migrations-'));
    await cp(findMigrationsDir(), dir, { recursive: true });
    await writeFile(join(dir, '20261123000000_init', 'migration.sql'), '-- edited\n');
    await expect(migrate(db.url, dir, quiet)).rejects.toThrow(/was modified after it was applied/);
  });
});

describe('migrate', () => {
  it('should let replicas that start together migrate once', async () => {
    const db = await createTestDatabase();
    try {
      const results = await Promise.all([1, 2, 3].map(() => migrate(db.url, findMigrationsDir(), quiet)));
      expect(results.filter((applied) => applied.length > 0)).toHaveLength(1);
      const client = new Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query('SELECT migration_name FROM "_prisma_migrations"');
      await client.end();
      expect(rows).toHaveLength(results.flat().length);
    } finally {
      await db.drop();
    }
  });

  it('should roll back a failing migration and leave it pending', async () => {
    const db = await createTestDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'portcullis-migrations-'));
    try {
      await cp(findMigrationsDir(), dir, { recursive: true });
      const broken = join(dir, '29990101000000_broken');
      await (await import('node:fs/promises')).mkdir(broken);
      await writeFile(join(broken, 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n');
      await expect(migrate(db.url, dir, quiet)).rejects.toThrow(/29990101000000_broken failed/);
      const client = new Client({ connectionString: db.url });
      await client.connect();
      const tables = await client.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
      const recorded = await client.query(
        'SELECT 1 FROM "_prisma_migrations" WHERE migration_name = \'29990101000000_broken\'',
      );
      await client.end();
      expect([tables.rowCount, recorded.rowCount]).toEqual([0, 0]);
    } finally {
      await db.drop();
    }
  });
});
