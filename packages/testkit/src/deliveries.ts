/**
 * Property-based deliveries of events (at least once, in any order: what the outbox promises consumers), and a
 * service's consumers applied straight to its database, without the queue, to compare read models built from them.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { EventEnvelope, EventName, EventPayloads } from '@tandem/contracts';
import { bindConsumers, createDataSource, Database, type ConsumerSet } from '@tandem/subgraph-kit';

/** One event as a producer publishes it, before its envelope. */
export type PublishedEvent = { [N in EventName]: { name: N; payload: EventPayloads[N] } }[EventName];

/**
 * A delivery of n events, as the indices of the events in the order they arrive: every one at least once (up to a
 * third of them twice, as a redelivery under a new event id would be), in any order.
 */
export function deliveryOrder(n: number): fc.Arbitrary<number[]> {
  return fc
    .tuple(
      fc.array(fc.nat({ max: n - 1 }), { maxLength: Math.ceil(n / 3) }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2 * n, maxLength: 2 * n }),
    )
    .map(([again, keys]) =>
      [...Array.from({ length: n }, (_, i) => i), ...again]
        .map((index, k) => ({ index, key: keys[k] }))
        .sort((a, b) => a.key - b.key)
        .map(({ index }) => index),
    );
}

/** A universe of ids: logical names to fresh uuids and back, so one journey can be played twice and compared. */
export class LogicalIds {
  private readonly byName = new Map<string, string>();
  private readonly byId = new Map<string, string>();

  of(name: string): string {
    let id = this.byName.get(name);
    if (!id) {
      id = randomUUID();
      this.byName.set(name, id);
      this.byId.set(id, name);
    }
    return id;
  }

  /** The logical name of a uuid of this universe (other values as they are). */
  name<T>(value: T): T | string {
    return typeof value === 'string' ? (this.byId.get(value) ?? value) : value;
  }

  get all(): string[] {
    return [...this.byName.values()];
  }
}

export interface ConsumerHarness {
  db: Database;
  /** Applies the event as the kit would (every module's handler in list order, one transaction), under a new id. */
  deliver(event: PublishedEvent): Promise<void>;
  stop(): Promise<void>;
}

/** The service's consumer sets over its schema of the test database (migrations already applied). */
export async function consumerHarness<D>(
  databaseUrl: string,
  schema: string,
  sets: ReadonlyArray<ConsumerSet<D>>,
  deps: (db: Database) => D,
): Promise<ConsumerHarness> {
  const dataSource = createDataSource({ url: databaseUrl, schema, migrations: [], poolSize: 2 });
  await dataSource.initialize();
  const db = new Database(dataSource);
  const handlers = bindConsumers(sets, deps(db));
  return {
    db,
    async deliver(event) {
      const handler = handlers.get(event.name);
      if (!handler) return;
      const envelope: EventEnvelope = {
        id: randomUUID(),
        name: event.name,
        version: 1,
        occurredAt: new Date().toISOString(),
        producer: 'test',
        payload: event.payload,
      };
      await db.transaction((tx) => handler(envelope, tx));
    },
    stop: () => dataSource.destroy(),
  };
}
