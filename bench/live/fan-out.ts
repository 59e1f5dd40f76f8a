/**
 * What a live signal costs the gateway replica that fans it out (apps/gateway/src/live.ts): N open streams on a
 * local node:http server (each its own client connection), then signals dispatched as they come from the channel:
 * one for a single person (a message), and one for an organisation's staff (a caseload change, which looks at
 * every open stream). CPU time per signal in the gateway's process, from the NOTIFY payload to the writes.
 * No database: the LISTEN connection is played by calling the dispatcher directly.
 *
 *   npx tsx bench/live/fan-out.ts [streams] [signals]      (default 2,000 streams, 2,000 signals; a tenth as many to staff)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { Principal } from '@tandem/contracts';
import { LiveStreams } from '../../apps/gateway/src/live';

const streams = Number(process.argv[2] ?? 2000);
const signals = Number(process.argv[3] ?? 2000);
const ORG = randomUUID();
const people: Principal[] = Array.from({ length: streams }, (_, i) => ({
  userId: randomUUID(),
  roles: [i % 20 === 0 ? 'COACH' : 'MENTEE'],
  organizationId: ORG,
}));

const live = new LiveStreams({
  databaseUrl: undefined,
  log: pino({ level: 'silent' }),
  // the bearer is the person's index: the token check is measured elsewhere (bench/http/session-check.ts)
  verify: async (authorization) => people[Number(authorization?.slice(7))] ?? null,
  forget: () => {},
  before: [],
  heartbeatMs: 60_000,
  recheckMs: 600_000,
  maxPerPerson: 5,
});
(live as unknown as { listening: boolean }).listening = true;
const dispatch = (payload: string) => (live as unknown as { dispatch(p: string): void }).dispatch(payload);

const server = http.createServer(live.handle);
server.maxConnections = streams + 10;
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as AddressInfo).port;
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
let received = 0;
await Promise.all(
  people.map(
    (_, i) =>
      new Promise<void>((resolve, reject) => {
        const req = http.get({ port, path: '/live', agent, headers: { authorization: `Bearer ${i}` } }, (res) => {
          res.on('data', (chunk: Buffer) => (received += chunk.toString().split('event: signal').length - 1));
          resolve();
        });
        req.on('error', reject);
      }),
  ),
);
console.log(`${live.size} open streams (node ${process.version})`);

async function measure(name: string, signals: number, payload: (i: number) => string, deliveriesEach: number) {
  const before = received;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < signals; i++) dispatch(payload(i));
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / signals;
  const expected = before + signals * deliveriesEach;
  const deadline = Date.now() + 30_000;
  while (received < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  console.log(
    `${name.padEnd(46)} ${cpuUs.toFixed(1).padStart(8)} µs CPU/signal  ${((wall * 1000) / signals).toFixed(1).padStart(8)} µs wall  delivered ${received - before}/${signals * deliveriesEach}`,
  );
}

await measure(
  'a message to one person',
  signals,
  (i) => JSON.stringify({ kind: 'MESSAGE', id: 'r', to: [people[i % streams].userId] }),
  1,
);
const staff = people.filter((p) => p.roles.includes('COACH')).length;
await measure(
  `a caseload change to an organisation (${staff} staff)`,
  Math.ceil(signals / 10),
  () => JSON.stringify({ kind: 'CASELOAD', id: 'r', to: [], staffOf: ORG }),
  staff,
);
await live.stop();
server.closeAllConnections();
server.close();
agent.destroy();
