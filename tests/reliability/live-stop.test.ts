/**
 * A gateway stopped while its live-updates connection is still being opened stops: the connection that was on its
 * way is ended, not waited on. (Under a loaded machine a stack stopped soon after it started waited for ever: the
 * loop had connected after stop() looked for a connection to end, and then waited for that connection to drop.)
 */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import pg from 'pg';
import { testDatabaseUrl } from '@tandem/testkit';
import { LiveStreams } from '../../apps/gateway/src/live';

const liveStreams = () =>
  new LiveStreams({
    databaseUrl: testDatabaseUrl(),
    log: pino({ level: 'silent' }),
    verify: async () => null,
    forget: () => {},
    before: [],
    heartbeatMs: 60_000,
    recheckMs: 60_000,
    maxPerPerson: 1,
  });

/** The backends listening as the gateway's live connection (application_name gateway-live) with this pid set. */
async function liveBackends(): Promise<number> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'gateway-live' AND backend_type = 'client backend'`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/** Resolves to 'stopped', or to 'hung' when stop() has not returned after `ms` (the bug waited for ever). */
const settles = (stop: Promise<void>, ms: number) =>
  Promise.race([stop.then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('hung'), ms).unref())]);

describe('live updates stopping', () => {
  it('should stop at once when stopped while its connection is being opened, and leave no connection behind', async () => {
    const before = await liveBackends();
    for (let i = 0; i < 5; i++) {
      const live = liveStreams();
      live.start();
      // stopped in the same tick as started: the connection is on its way
      expect(await settles(live.stop(), 15_000)).toBe('stopped');
    }
    const once = liveStreams();
    once.start();
    // and stopped once it listens
    await expect.poll(() => once.available, { timeout: 15_000 }).toBe(true);
    expect(await settles(once.stop(), 15_000)).toBe('stopped');
    await expect.poll(liveBackends, { timeout: 15_000 }).toBeLessThanOrEqual(before);
  }, 120_000);
});
