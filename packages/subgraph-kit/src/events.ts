/**
 * Domain events over pg-boss (a maintained Postgres-backed queue). Publishing writes the jobs through the
 * caller's transaction, so a change and the events it causes commit together or not at all: pg-boss's
 * job table is the outbox. Each consumer service has one inbox queue subscribed to the events it handles;
 * delivery is at least once, and the consumer records each event id with its effect, in one transaction,
 * so a redelivered event changes nothing.
 */
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import type { EventEnvelope, EventName, EventPayloads, LiveSignal } from '@tandem/contracts';
import { Database, Tx } from './database';
import { signalLive } from './live';

export type EventHandler<N extends EventName> = (event: EventEnvelope<N>, manager: EntityManager) => Promise<void>;
export type EventHandlers = { [N in EventName]?: EventHandler<N> };

export const EVENT_SCHEMA = 'pgboss';
const RETRY = { retryLimit: 12, retryDelay: 2, retryBackoff: true } as const;
/** Events per statement when publishing many (keeps each statement's parameters a few MB at most). */
const PUBLISH_CHUNK = 1000;

/** Consumers in this process, woken when a local transaction publishes (other processes poll). */
const localConsumers = new Set<EventBus>();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function wakeLocalConsumers() {
  for (const bus of localConsumers) bus.wake();
}

export interface EventBusOptions {
  /** The producing service (also names its inbox). */
  service: string;
  connectionString: string;
  log: Logger;
  pollSeconds?: number;
  /** Connections for pg-boss's own pool. */
  poolSize?: number;
  /**
   * How long a consumer may hold an event before it is considered lost (a crashed process, a dropped
   * connection) and delivered again. Handlers are short transactions; default 60 s.
   */
  jobTimeoutSeconds?: number;
  /** How often expired deliveries are swept back to the queue; default 30 s. */
  maintenanceSeconds?: number;
  /**
   * A pause before each batch of consumed events is applied (EVENT_CONSUMER_DELAY_MS; 0 in production). The
   * suite runs once with it set (`npm test -- --slow-events 400`) to prove no test, and no screen, assumes
   * that an event has already arrived.
   */
  consumerDelayMs?: number;
  /**
   * The live signals an event of this service raises (the service decides who hears of it; see live.ts), in the
   * transaction that publishes it.
   */
  liveSignals?: (event: EventEnvelope) => LiveSignal[];
}

export class EventBus {
  private readonly boss: PgBoss;
  private readonly inbox: string;
  private started = false;
  private starting?: Promise<void>;
  private stopping = false;
  private readonly loops: Array<Promise<void>> = [];
  /** The pauses of every sleeping loop (the consumer and each job), so a wake reaches all of them. */
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly options: EventBusOptions) {
    this.inbox = `${options.service}_inbox`;
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      schema: EVENT_SCHEMA,
      max: options.poolSize ?? 3,
      application_name: `${options.service}-events`,
      // each service supervises; pg-boss takes an advisory lock so only one runs maintenance at a time
      supervise: true,
      maintenanceIntervalSeconds: options.maintenanceSeconds ?? 30,
      schedule: true,
    });
    this.boss.on('error', (error) => options.log.error({ err: error }, 'event queue error'));
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.underSetupLock(() => this.startUnlocked());
  }

  private async startUnlocked(): Promise<void> {
    if (this.started) return;
    this.starting ??= this.boss.start().then(
      () => {
        this.started = true;
      },
      (error) => {
        this.starting = undefined;
        throw error;
      },
    );
    await this.starting;
  }

  /**
   * Runs pg-boss's set-up (its schema, queues, schedules) while holding a database-wide advisory lock, one
   * process at a time. Creating a queue attaches a partition to pg-boss's shared job table and inserts its row
   * with no lock of pg-boss's own, so services starting together on a fresh database deadlocked there (40P01;
   * retrying with back-off still failed five times in a row once in CI with eight services). The lock is a
   * session lock on a short-lived connection of its own: closing it releases the lock whatever happens.
   */
  private async underSetupLock<T>(work: () => Promise<T>): Promise<T> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: `${this.options.service}-events-setup`,
    });
    await client.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(hashtextextended('tandem.pgboss.setup', 0))`);
      return await work();
    } finally {
      await client.end().catch(() => {});
    }
  }

  /**
   * Creates a queue unless it exists; call it under the set-up lock. A deadlock with pg-boss's own work (40P01)
   * is still tried again, a few times.
   */
  private async ensureQueue(name: string, options?: PgBoss.Queue): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name, options);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
        this.options.log.warn({ queue: name, attempt }, 'deadlock creating an event queue; trying again');
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
      }
    }
  }

  /**
   * Declares this service's inbox and what it listens to. Idempotent; run at migration time and at
   * start, so a consumer's subscriptions exist before producers publish to it.
   */
  async install(events: EventName[]): Promise<void> {
    await this.underSetupLock(async () => {
      await this.startUnlocked();
      await this.ensureQueue(this.inbox);
    });
    for (const name of events) await this.boss.subscribe(name, this.inbox);
  }

  /**
   * Publishes inside the caller's transaction: the event exists if and only if the change commits.
   * Also appended to the service's own event log (replay, audit, debugging).
   */
  async publish<N extends EventName>(
    manager: Tx | EntityManager,
    name: N,
    payload: EventPayloads[N],
  ): Promise<EventEnvelope<N>> {
    const [envelope] = await this.publishMany(manager, name, [payload]);
    return envelope;
  }

  /**
   * Publishes many events of one kind in the caller's transaction with a fixed number of statements (the event
   * log, the subscribers, the outbox jobs in chunks), whatever their number: an audit cycle asks thousands of
   * people at once.
   */
  async publishMany<N extends EventName>(
    target: Tx | EntityManager,
    name: N,
    payloads: Array<EventPayloads[N]>,
  ): Promise<Array<EventEnvelope<N>>> {
    const manager = target instanceof Tx ? target.manager : target;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`EventBus.publish(${name}) must run inside a transaction (use transact)`);
    }
    if (payloads.length === 0) return [];
    const occurredAt = new Date().toISOString();
    const envelopes: Array<EventEnvelope<N>> = payloads.map((payload) => ({
      id: randomUUID(),
      name,
      version: 1,
      occurredAt,
      producer: this.options.service,
      payload,
    }));
    const subscribers: Array<{ name: string }> = await manager.query(
      `SELECT name FROM ${EVENT_SCHEMA}.subscription WHERE event = $1`,
      [name],
    );
    const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: await manager.query(text, values) }) };
    const expireInSeconds = this.options.jobTimeoutSeconds ?? 60;
    for (let i = 0; i < envelopes.length; i += PUBLISH_CHUNK) {
      const chunk = envelopes.slice(i, i + PUBLISH_CHUNK);
      await manager.query(
        `INSERT INTO event_log (id, name, version, payload, occurred_at)
         SELECT (e->>'id')::uuid, e->>'name', (e->>'version')::int, e->'payload', (e->>'occurredAt')::timestamptz FROM jsonb_array_elements($1::jsonb) e`,
        [JSON.stringify(chunk)],
      );
      const jobs = subscribers.flatMap(({ name: queue }) =>
        chunk.map((envelope) => ({ name: queue, data: envelope, ...RETRY, expireInSeconds })),
      );
      if (jobs.length) await this.boss.insert(jobs, { db });
    }
    const live = this.options.liveSignals;
    if (live)
      await signalLive(
        manager,
        envelopes.flatMap((e) => live(e as EventEnvelope)),
      );
    return envelopes;
  }

  /**
   * Starts the inbox consumer: each event applied once, in its own transaction, in arrival order.
   * The loop fetches and completes through pg-boss's API itself (rather than `boss.work`) so that a
   * database outage is waited out, never an unhandled rejection: a batch it could not complete is
   * delivered again after `jobTimeoutSeconds`, and the processed-event ids make that harmless.
   */
  async consume(dataSource: DataSource, handlers: EventHandlers): Promise<void> {
    await this.install(Object.keys(handlers) as EventName[]);
    const log = this.options.log;
    const apply = async (jobs: Array<PgBoss.Job<EventEnvelope>>) => {
      // Sequential: one failure fails the batch, which is retried; already-applied events are skipped.
      for (const job of jobs) {
        const event = job.data;
        const handler = handlers[event.name] as EventHandler<EventName> | undefined;
        if (!handler) continue;
        const applied = await dataSource.transaction(async (manager) => {
          const fresh = await manager.query(
            `INSERT INTO processed_event (event_id, name) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
            [event.id, event.name],
          );
          if (fresh.length === 0) return false;
          await handler(event, manager);
          return true;
        });
        if (applied) log.debug({ event: event.name, id: event.id }, 'event applied');
      }
    };
    localConsumers.add(this);
    this.loops.push(this.loop(this.inbox, 25, apply, (this.options.pollSeconds ?? 0.5) * 1000));
  }

  private async loop<T extends object>(
    queue: string,
    batchSize: number,
    run: (jobs: Array<PgBoss.Job<T>>) => Promise<void>,
    idleMs: number,
  ): Promise<void> {
    const log = this.options.log;
    let backoffMs = idleMs;
    while (!this.stopping) {
      let jobs: Array<PgBoss.Job<T>>;
      try {
        jobs = (await this.boss.fetch<T>(queue, { batchSize })) ?? [];
        backoffMs = idleMs;
      } catch (error) {
        log.warn({ err: error, queue }, 'event queue unreachable; retrying');
        backoffMs = Math.min(backoffMs * 2, 5_000);
        await this.pause(backoffMs);
        continue;
      }
      if (jobs.length === 0) {
        await this.pause(idleMs);
        continue;
      }
      const ids = jobs.map((j) => j.id);
      // which replica took which deliveries (each replica of a service polls the same queue)
      log.debug({ queue, jobs: ids.length }, 'events fetched');
      try {
        if (this.options.consumerDelayMs && queue === this.inbox) await sleep(this.options.consumerDelayMs);
        await run(jobs);
        await this.boss.complete(queue, ids);
        wakeLocalConsumers();
      } catch (error) {
        log.warn({ err: error, queue, jobs: ids.length }, 'event batch failed; it will be delivered again');
        await this.boss.fail(queue, ids).catch(() => {});
      }
    }
  }

  /**
   * How many events of these kinds wait in this service's inbox (not yet applied, or being applied now), and
   * when the oldest was published: what a read model built from them does not reflect yet.
   */
  async waiting(names: readonly EventName[]): Promise<{ count: number; oldestAt: Date | null }> {
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT count(*)::int AS count, min((data->>'occurredAt')::timestamptz) AS "oldestAt" FROM ${EVENT_SCHEMA}.job
       WHERE name = $1 AND state IN ('created', 'retry', 'active') AND data->>'name' = ANY($2::text[])`,
      [this.inbox, [...names]],
    );
    const row = rows[0] as { count: number; oldestAt: Date | null } | undefined;
    return { count: row?.count ?? 0, oldestAt: row?.oldestAt ?? null };
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  /** Every sleeping loop polls now instead of at its next interval (after a local publish, on stop, in tests). */
  wake(): void {
    for (const done of [...this.sleepers]) done();
  }

  /** The service's database, whose commits wake this process's consumers at once instead of at their next poll. */
  database(dataSource: DataSource): Database {
    return new Database(dataSource, wakeLocalConsumers);
  }

  /** Wraps `transact` so that local consumers hear about the new events at once instead of at their next poll. */
  transactor(dataSource: DataSource) {
    return async <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
      const result = await dataSource.transaction(work);
      wakeLocalConsumers();
      return result;
    };
  }

  /**
   * A recurring job of this service (cron syntax, UTC), run by one replica at a time: request expiry,
   * at-risk scans. Returns when the schedule is registered.
   */
  async every(job: string, cron: string, run: () => Promise<void>): Promise<void> {
    const queue = `${this.options.service}_${job}`;
    await this.underSetupLock(async () => {
      await this.startUnlocked();
      await this.ensureQueue(queue, { name: queue, policy: 'singleton' });
    });
    await this.boss.schedule(queue, cron, {}, { tz: 'UTC' });
    this.loops.push(this.loop(queue, 1, () => run(), 5_000));
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.stopping = true;
    localConsumers.delete(this);
    this.wake();
    await Promise.all(this.loops);
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
    this.started = false;
    this.starting = undefined;
  }
}
