/** The kit's persistence surface: what every module's repositories, loaders, lists and consumers are built on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@tandem/testkit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { EventEnvelope } from '@tandem/contracts';
import {
  AppError,
  bindConsumers,
  byKey,
  consumedEvents,
  consumers,
  createDataSource,
  Database,
  groupedByKey,
  LoaderRegistry,
  migrate,
  outcome,
  readPage,
  refuse,
  requireUuid,
  rowsLoader,
  toConnection,
  isTimeIdCursor,
  encodeCursor,
  type Tx,
} from '../src';

class Things1700000000003 implements MigrationInterface {
  name = 'Things1700000000003';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE thing (id int PRIMARY KEY, owner text NOT NULL, label text NOT NULL)`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE thing`);
  }
}

let db: Database;
let commits = 0;

beforeAll(async () => {
  const dataSource = createDataSource({
    url: testDatabaseUrl(),
    schema: 'kit_persistence',
    migrations: [Things1700000000003],
    poolSize: 2,
  });
  await migrate(dataSource);
  await dataSource.initialize();
  db = new Database(dataSource, () => commits++);
});
afterAll(async () => {
  await db?.dataSource.destroy();
});

describe(Database.name, () => {
  it('should give rows for every statement, the RETURNING rows of an UPDATE included, and counts from execute', async () => {
    await db.transaction(async (tx) => {
      expect(await tx.execute(`INSERT INTO thing VALUES (1, 'a', 'one'), (2, 'a', 'two'), (3, 'b', 'three')`)).toBe(3);
      const updated = await tx.query<{ id: number }>(
        `UPDATE thing SET label = upper(label) WHERE owner = $1 RETURNING id`,
        ['a'],
      );
      expect(updated.map((r) => r.id).sort()).toEqual([1, 2]);
      expect(await tx.execute(`UPDATE thing SET label = label WHERE owner = 'nobody'`)).toBe(0);
    });
    expect(await db.one<{ label: string }>(`SELECT label FROM thing WHERE id = $1`, [1])).toEqual({ label: 'ONE' });
    expect(await db.one(`SELECT label FROM thing WHERE id = $1`, [99])).toBeNull();
  });

  it('should roll back everything a failed transaction wrote and call afterCommit only on commit', async () => {
    const before = commits;
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(`INSERT INTO thing VALUES (10, 'c', 'ten')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.one(`SELECT 1 FROM thing WHERE id = 10`)).toBeNull();
    expect(commits).toBe(before);
    await db.transaction(async () => {});
    expect(commits).toBe(before + 1);
  });
});

describe('loaders', () => {
  it('should line rows up with the keys asked for, repeated and missing keys included', () => {
    const rows = [
      { id: 'b', owner: 'x' },
      { id: 'a', owner: 'x' },
      { id: 'c', owner: 'y' },
    ];
    expect(byKey(rows, (r) => r.id, ['a', 'zz', 'a']).map((r) => r?.id ?? null)).toEqual(['a', null, 'a']);
    expect(groupedByKey(rows, (r) => r.owner, ['y', 'x', 'none']).map((g) => g.map((r) => r.id))).toEqual([
      ['c'],
      ['b', 'a'],
      [],
    ]);
  });

  it('should fetch the rows of one batch of keys in one call per request', async () => {
    const calls: string[][] = [];
    const ctx = { loaders: new LoaderRegistry() };
    const load = () =>
      rowsLoader(
        ctx,
        'things:byOwner',
        (r: { owner: string; id: number }) => r.owner,
        async (owners) => {
          calls.push([...owners]);
          return db.query<{ owner: string; id: number }>(
            `SELECT owner, id FROM thing WHERE owner = ANY($1) ORDER BY id`,
            [owners],
          );
        },
      );
    const [a, b] = await Promise.all([load().load('a'), load().load('b')]);
    expect(a.map((r) => r.id)).toEqual([1, 2]);
    expect(b.map((r) => r.id)).toEqual([3]);
    expect(calls).toEqual([['a', 'b']]);
  });
});

describe('connections', () => {
  it('should page with an extra row, count only when asked, and refuse a foreign cursor naming the argument', async () => {
    let counted = 0;
    const page = readPage({ first: 2, after: null }, isTimeIdCursor);
    const connection = toConnection(
      [{ id: 1 }, { id: 2 }, { id: 3 }],
      page,
      (r) => ['t', String(r.id)],
      (r) => ({ n: r.id }),
      async () => (counted++, 3),
    );
    expect(connection.edges.map((e) => e.node.n)).toEqual([1, 2]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(counted).toBe(0);
    expect(await connection.totalCount).toBe(3);
    await connection.totalCount;
    expect(counted).toBe(1);
    expect(readPage({ first: 1, after: connection.edges[1].cursor }, isTimeIdCursor).after).toEqual(['t', '2']);
    const foreign = (() => {
      try {
        readPage({ after: encodeCursor({ other: true }) }, isTimeIdCursor);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(foreign?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
  });
});

describe('ids and results', () => {
  it('should refuse a malformed id as bad input on its field', () => {
    expect(requireUuid('7c9e6679-7425-40de-944b-e07fc1f90ae7', 'id')).toBe('7c9e6679-7425-40de-944b-e07fc1f90ae7');
    expect(() => requireUuid("1' OR '1'='1", 'input.mentorId')).toThrow(/input\.mentorId/);
  });

  it('should turn a refusal into a payload with its field error, and pass anything else through', async () => {
    expect(await outcome('goal', async () => ({ id: 'g' }))).toEqual({ goal: { id: 'g' }, errors: [] });
    expect(
      await outcome('goal', async () => Promise.reject(refuse('input.dueOn', 'IN_THE_PAST', 'Pick a later date.'))),
    ).toMatchObject({
      goal: null,
      errors: [{ field: 'input.dueOn', code: 'IN_THE_PAST' }],
    });
    await expect(outcome('goal', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
  });
});

describe('module consumers', () => {
  it('should derive the events from the modules and run every module handler of an event in list order', async () => {
    const order: string[] = [];
    const load = consumers<{ tag: string }>({
      RelationshipStarted: async (event, _tx, deps) =>
        void order.push(`load:${deps.tag}:${event.payload.relationshipId}`),
    });
    const readModel = consumers<{ tag: string }>({
      RelationshipStarted: async () => void order.push('read-model'),
      MeetingConfirmed: async () => void order.push('meeting'),
    });
    expect(consumedEvents([load, readModel])).toEqual(['MeetingConfirmed', 'RelationshipStarted']);
    const bound = bindConsumers([load, readModel], { tag: 'T' });
    const event = { payload: { relationshipId: 'r1' } } as unknown as EventEnvelope;
    await bound.get('RelationshipStarted')!(event, {} as Tx);
    expect(order).toEqual(['load:T:r1', 'read-model']);
  });
});
