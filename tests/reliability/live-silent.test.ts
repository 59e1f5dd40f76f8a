/**
 * A live-updates connection that dies without a word (a database failover behind a proxy, a dropped NAT entry: no
 * FIN, no error) is noticed: the gateway stops sharing answers it can no longer hear changes to, and listens again
 * on a new connection. Between the gateway and the database here, a TCP proxy that can freeze its connections.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { testDatabaseUrl } from '@tandem/testkit';
import { LiveStreams } from '../../apps/gateway/src/live';
import { SharedEntities } from '../../apps/gateway/src/shared-entities';

const MENTEE = { userId: 'mentee-1', roles: ['MENTEE' as const], organizationId: null };

/** A proxy to the test database whose open connections can be frozen: nothing passes, nothing is closed. */
async function freezingProxy() {
  const target = new URL(testDatabaseUrl());
  const pairs: Array<[net.Socket, net.Socket]> = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    client.pipe(upstream);
    upstream.pipe(client);
    const quiet = () => {};
    client.on('error', quiet);
    upstream.on('error', quiet);
    pairs.push([client, upstream]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    freeze() {
      for (const [client, upstream] of pairs.splice(0)) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
        frozen.push(client, upstream);
      }
    },
    async close() {
      for (const socket of frozen) socket.destroy();
      for (const pair of pairs) for (const socket of pair) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
const frozen: net.Socket[] = [];

describe('a live connection that dies without a word', () => {
  it('should stop sharing answers and listen again on a new connection', async () => {
    const proxy = await freezingProxy();
    const shared = new SharedEntities();
    const live = new LiveStreams({
      databaseUrl: proxy.url,
      log: pino({ level: 'silent' }),
      verify: async () => null,
      forget: () => {},
      shared,
      before: [],
      heartbeatMs: 60_000,
      recheckMs: 60_000,
      maxPerPerson: 1,
      listenCheckMs: 200,
    });
    live.start();
    try {
      await expect.poll(() => live.available, { timeout: 15_000 }).toBe(true);
      expect(shared.serves(MENTEE)).toBe(true);
      shared.keep('fetch', 'mentor-1', { displayName: 'A' }, shared.mark);

      proxy.freeze();
      // within a check or two it is given up: nothing kept, nothing served
      await expect.poll(() => shared.serves(MENTEE), { timeout: 5_000, interval: 20 }).toBe(false);
      expect(shared.get('fetch', 'mentor-1')).toBeUndefined();
      // and a new connection listens again
      await expect.poll(() => live.available, { timeout: 15_000 }).toBe(true);
      expect(shared.serves(MENTEE)).toBe(true);
    } finally {
      await live.stop();
      await proxy.close();
    }
  }, 60_000);
});
