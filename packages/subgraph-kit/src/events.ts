/**
 * Domain events over pg-boss (a maintained Postgres-backed queue). Publishing writes the jobs through the
 * caller's transaction, so a change and the events it causes commit together or not at all: pg-boss's
 * job table is the outbox. Each consumer service has one inbox queue subscribed to the events it handles;
 * delivery is at least once, and the consumer records each event id with its effect, in one transaction,
 * so a redelivered event changes nothing.
 */
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import type { EventEnvelope, EventName, EventPayloads } from '@tandem/contracts';

export type EventHandler<N extends EventName> = (event: EventEnvelope<N>, manager: EntityManager) => Promise<void>;
export type EventHandlers = { [N in EventName]?: EventHandler<N> };

export const EVENT_SCHEMA = 'pgboss';
const RETRY = { retryLimit: 12, retryDelay: 2, retryBackoff: true, expireInSeconds: 300 } as const;

/** Workers in this process, woken when a local transaction publishes (other processes poll). */
const localWorkers = new Set<{ boss: PgBoss; id: string }>();
function wakeLocalWorkers() {
  for (const w of localWorkers) w.boss.notifyWorker(w.id);
}

export interface EventBusOptions {
  /** The producing service (also names its inbox). */
  service: string;
  connectionString: string;
  log: Logger;
  pollSeconds?: number;
  /** Connections for pg-boss's own pool. */
  poolSize?: number;
}

export class EventBus {
  private readonly boss: PgBoss;
  private readonly inbox: string;
  private started = false;
  private workerId: string | null = null;

  constructor(private readonly options: EventBusOptions) {
    this.inbox = `${options.service}_inbox`;
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      schema: EVENT_SCHEMA,
      max: options.poolSize ?? 3,
      application_name: `${options.service}-events`,
      // each service supervises; pg-boss takes an advisory lock so only one runs maintenance at a time
      supervise: true,
      schedule: true,
    });
    this.boss.on('error', (error) => options.log.error({ err: error }, 'event queue error'));
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
  }

  /**
   * Declares this service's inbox and what it listens to. Idempotent; run at migration time and at
   * start, so a consumer's subscriptions exist before producers publish to it.
   */
  async install(events: EventName[]): Promise<void> {
    await this.start();
    if (!(await this.boss.getQueue(this.inbox))) await this.boss.createQueue(this.inbox);
    for (const name of events) await this.boss.subscribe(name, this.inbox);
  }

  /**
   * Publishes inside the caller's transaction: the event exists if and only if the change commits.
   * Also appended to the service's own event log (replay, audit, debugging).
   */
  async publish<N extends EventName>(manager: EntityManager, name: N, payload: EventPayloads[N]): Promise<EventEnvelope<N>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`EventBus.publish(${name}) must run inside a transaction (use transact)`);
    }
    const envelope: EventEnvelope<N> = {
      id: randomUUID(),
      name,
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: this.options.service,
      payload,
    };
    await manager.query(`INSERT INTO event_log (id, name, version, payload, occurred_at) VALUES ($1, $2, $3, $4, $5)`, [
      envelope.id, name, envelope.version, JSON.stringify(payload), envelope.occurredAt,
    ]);
    const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: await manager.query(text, values) }) };
    const subscribers: Array<{ name: string }> = await manager.query(`SELECT name FROM ${EVENT_SCHEMA}.subscription WHERE event = $1`, [name]);
    for (const { name: queue } of subscribers) {
      await this.boss.send(queue, envelope as unknown as object, { ...RETRY, db });
    }
    return envelope;
  }

  /** Starts the inbox worker: each event applied once, in its own transaction, in arrival order. */
  async consume(dataSource: DataSource, handlers: EventHandlers): Promise<void> {
    await this.install(Object.keys(handlers) as EventName[]);
    const log = this.options.log;
    this.workerId = await this.boss.work<EventEnvelope>(
      this.inbox,
      { batchSize: 25, pollingIntervalSeconds: this.options.pollSeconds ?? 0.5 },
      async (jobs) => {
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
        wakeLocalWorkers();
      },
    );
    localWorkers.add({ boss: this.boss, id: this.workerId });
  }

  /** Wraps `transact` so that local consumers hear about the new events at once instead of at their next poll. */
  transactor(dataSource: DataSource) {
    return async <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
      const result = await dataSource.transaction(work);
      wakeLocalWorkers();
      return result;
    };
  }

  /**
   * A recurring job of this service (cron syntax, UTC), run by one replica at a time: request expiry,
   * at-risk scans. Returns when the schedule is registered.
   */
  async every(job: string, cron: string, run: () => Promise<void>): Promise<void> {
    await this.start();
    const queue = `${this.options.service}_${job}`;
    if (!(await this.boss.getQueue(queue))) await this.boss.createQueue(queue, { name: queue, policy: 'singleton' });
    await this.boss.schedule(queue, cron, {}, { tz: 'UTC' });
    await this.boss.work(queue, { pollingIntervalSeconds: 5 }, async () => {
      await run();
    });
  }

  /** Polls the inbox now instead of at the next interval (tests, and after local publishes). */
  wake(): void {
    wakeLocalWorkers();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    for (const w of [...localWorkers]) if (w.boss === this.boss) localWorkers.delete(w);
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
    this.started = false;
  }
}
