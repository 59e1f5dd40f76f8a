/**
 * Live signals (see `@tandem/contracts` live.ts): raised inside the transaction of the change they announce, as a
 * Postgres NOTIFY on {@link LIVE_CHANNEL}, which Postgres delivers to every listening gateway replica when (and
 * only if) the transaction commits, in commit order. A signal carries a kind, an id and its recipients' ids, never
 * personal data; a gateway that was not listening misses it, and its clients refetch when they reconnect.
 */
import { LIVE_CHANNEL, type LiveSignal } from '@tandem/contracts';
import type { EntityManager } from 'typeorm';
import { Tx } from './database';

/** Recipients per NOTIFY: a payload stays far below Postgres's 8,000-byte limit (100 uuids are about 4 kB). */
const RECIPIENTS_PER_NOTIFY = 100;

/** The NOTIFY payloads for these signals (recipients de-duplicated, long lists split). */
export function livePayloads(signals: readonly LiveSignal[]): string[] {
  const payloads: string[] = [];
  for (const signal of signals) {
    const to = [...new Set(signal.to.filter(Boolean))];
    if (to.length === 0 && !signal.staffOf) continue;
    for (let i = 0; i === 0 || i < to.length; i += RECIPIENTS_PER_NOTIFY) {
      const part = to.slice(i, i + RECIPIENTS_PER_NOTIFY);
      payloads.push(
        JSON.stringify({
          kind: signal.kind,
          id: signal.id,
          to: part,
          ...(i === 0 && signal.staffOf ? { staffOf: signal.staffOf } : {}),
        }),
      );
    }
  }
  return payloads;
}

/** Raises the signals in the caller's transaction: the gateways hear them when it commits, never if it rolls back. */
export async function signalLive(target: Tx | EntityManager, signals: readonly LiveSignal[]): Promise<void> {
  const payloads = livePayloads(signals);
  if (payloads.length === 0) return;
  const manager = target instanceof Tx ? target.manager : target;
  if (!manager.queryRunner?.isTransactionActive) throw new Error('signalLive must run inside a transaction');
  await manager.query(`SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p`, [LIVE_CHANNEL, payloads]);
}
