import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@tandem/testkit';
import { createDataSource, UNPREPARED } from '../src';
import { MAX_TEXT, statementName } from '../src/prepared-statements';

// a schema of its own in the shared test database, dropped afterwards
const schema = `kit_prep_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const dataSource = createDataSource({ url: testDatabaseUrl(), schema, entities: [], migrations: [], poolSize: 1 });

beforeAll(async () => {
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA "${schema}"`);
  await dataSource.query(`CREATE TABLE "${schema}".item (id int PRIMARY KEY, label text NOT NULL)`);
  await dataSource.query(`INSERT INTO "${schema}".item VALUES (1, 'one'), (2, 'two')`);
});
afterAll(async () => {
  await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await dataSource.destroy();
});

/** The statements prepared on the pool's only connection. */
const prepared = async (): Promise<string[]> =>
  (await dataSource.query(`SELECT statement FROM pg_prepared_statements`)).map(
    (r: { statement: string }) => r.statement,
  );

describe('prepared statements', () => {
  it('should prepare a parameterised statement once per connection and answer it like an unnamed one', async () => {
    const text = `SELECT label FROM "${schema}".item WHERE id = $1`;
    expect(await dataSource.query(text, [1])).toEqual([{ label: 'one' }]);
    expect(await dataSource.query(text, [2])).toEqual([{ label: 'two' }]);
    expect(await prepared()).toContain(text);
    expect((await prepared()).filter((s) => s === text)).toHaveLength(1);
  });

  it('should leave statements without parameters, marked unprepared or too long unnamed', async () => {
    const marked = `${UNPREPARED} SELECT label FROM "${schema}".item WHERE id = $1`;
    const long = `SELECT label FROM "${schema}".item WHERE id = $1 /* ${'x'.repeat(MAX_TEXT)} */`;
    const plain = `SELECT count(*)::int AS n FROM "${schema}".item`;
    expect(await dataSource.query(marked, [1])).toEqual([{ label: 'one' }]);
    expect(await dataSource.query(long, [2])).toEqual([{ label: 'two' }]);
    expect(await dataSource.query(plain)).toEqual([{ n: 2 }]);
    const now = await prepared();
    for (const text of [marked, long, plain]) expect(now).not.toContain(text);
    expect(statementName(marked)).toBeNull();
    expect(statementName(long)).toBeNull();
  });

  it('should keep answering a prepared SELECT * after a migration changed its table', async () => {
    const text = `SELECT * FROM "${schema}".item WHERE id = $1`;
    expect(await dataSource.query(text, [1])).toEqual([{ id: 1, label: 'one' }]);
    await dataSource.query(`ALTER TABLE "${schema}".item ADD COLUMN note text NOT NULL DEFAULT 'new'`);
    // Postgres refuses the cached plan ("cached plan must not change result type"); the client runs it unnamed
    expect(await dataSource.query(text, [1])).toEqual([{ id: 1, label: 'one', note: 'new' }]);
    expect(await dataSource.query(text, [2])).toEqual([{ id: 2, label: 'two', note: 'new' }]);
  });

  it('should be switched off by preparedStatements: false', async () => {
    const off = createDataSource({
      url: testDatabaseUrl(),
      schema,
      entities: [],
      migrations: [],
      poolSize: 1,
      preparedStatements: false,
    });
    await off.initialize();
    try {
      const text = `SELECT id FROM "${schema}".item WHERE label = $1`;
      expect(await off.query(text, ['two'])).toEqual([{ id: 2 }]);
      expect(
        (await off.query(`SELECT statement FROM pg_prepared_statements`)).map(
          (r: { statement: string }) => r.statement,
        ),
      ).not.toContain(text);
    } finally {
      await off.destroy();
    }
  });
});
