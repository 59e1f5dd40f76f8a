/**
 * CPU per request of every process of a held bench stack (`npm run bench -- --hold` in another terminal): sends N
 * requests of one scenario (4 kept-alive connections) through the gateway or straight to its subgraph, and divides
 * each process's user and system CPU (from /proc, PostgreSQL's processes summed) by N. This is how the node:http
 * change was measured against the build before it: hold one build, run this a few times, hold the other, repeat.
 * The first runs after the stack starts read up to 1.5× higher (JIT, caches): compare settled runs.
 *
 * Its four connections send one scenario with one token, so the gateway's deduplication (fetcher.ts) answers their
 * concurrent identical subgraph queries once: hold the stack with `DEDUPE_SUBGRAPH_QUERIES=false npm run bench --
 * --hold` for the CPU a request costs when every caller is different (as under the bench's 50 users). Measured on
 * the dashboard: 2.8–3.5 ms with deduplication, 6.2–6.9 ms without (stop 34).
 *
 *   npx tsx bench/load/cpu-per-request.ts <dashboard|search|coach|stats|me> [requests=2000] [gateway|direct]
 */
import { execSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import { resolve } from 'node:path';
import { HEADERS } from '@tandem/contracts';

interface Held {
  gateway: string;
  gatewaySecret: string;
  scenarios: Array<{ name: string; single: string | null; token: string; principalHeader: string; body: string }>;
  [subgraph: string]: unknown;
}

const hold = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../.data/bench/hold.json'), 'utf8')) as Held;
const [which = 'dashboard', count = '2000', target = 'gateway'] = process.argv.slice(2);
const KEYS: Record<string, string> = {
  dashboard: 'mentee dashboard',
  search: 'searchMentors',
  coach: 'coach view',
  stats: 'programStats',
};
const scenario =
  which === 'me'
    ? {
        ...hold.scenarios[0],
        name: 'me { id displayName }',
        single: 'identity',
        body: JSON.stringify({ query: '{ me { id displayName } }' }),
      }
    : hold.scenarios.find((s) => s.name.includes(KEYS[which] ?? which));
if (!scenario) throw new Error(`no scenario ${which}`);
if (target === 'direct' && !scenario.single)
  throw new Error(`${scenario.name} crosses subgraphs: only through the gateway`);
const n = Number(count);

/**
 * The stack's processes, labelled by their working directory (the service) or as postgres: the postmaster and its
 * live backends (`postgres: …`), so the machine's own idle PostgreSQL, if any, is counted too.
 */
const processes = execSync('ps -eo pid,args')
  .toString()
  .split('\n')
  .slice(1)
  .map((line) => line.trim().split(/\s+/))
  .filter(([pid, ...args]) => pid && /dist\/main\.js|src\/main\.ts|bin\/postgres|^postgres:/.test(args.join(' ')))
  .map(([pid, ...args]) => ({
    pid,
    label: /postgres/.test(args[0]) ? 'postgres' : readlinkSync(`/proc/${pid}/cwd`).split('/').pop()!,
  }));

function ticks(): Map<string, { user: number; system: number }> {
  const out = new Map<string, { user: number; system: number }>();
  for (const { pid, label } of processes) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      const sum = out.get(label) ?? { user: 0, system: 0 };
      // own CPU plus that of exited children (PostgreSQL's backends come and go)
      sum.user += Number(fields[11]) + Number(fields[13]);
      sum.system += Number(fields[12]) + Number(fields[14]);
      out.set(label, sum);
    } catch {
      // the process has exited
    }
  }
  return out;
}

const address = new URL(target === 'gateway' ? hold.gateway : String(hold[scenario.single!]));
const headers: Record<string, string> =
  target === 'gateway'
    ? { authorization: `Bearer ${scenario.token}` }
    : { [HEADERS.gatewaySecret]: hold.gatewaySecret, [HEADERS.principal]: scenario.principalHeader };
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const body = Buffer.from(scenario.body);
const post = () =>
  new Promise<void>((done, fail) => {
    const req = http.request(
      {
        agent,
        host: address.hostname,
        port: address.port,
        path: address.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => done());
      },
    );
    req.on('error', fail);
    req.end(body);
  });
let sent = 0;
const run = (total: number) =>
  Promise.all(
    Array.from({ length: 4 }, async () => {
      while (sent < total) {
        sent++;
        await post();
      }
    }),
  );

await run(200); // warm-up
sent = 0;
const before = ticks();
const started = performance.now();
await run(n);
const seconds = (performance.now() - started) / 1000;
const after = ticks();
const TICK_MS = 10; // USER_HZ 100
let total = 0;
const rows = [...after].map(([label, b]) => {
  const a = before.get(label) ?? { user: 0, system: 0 };
  const user = ((b.user - a.user) * TICK_MS) / n;
  const system = ((b.system - a.system) * TICK_MS) / n;
  total += user + system;
  return `${label} ${user.toFixed(2)} + ${system.toFixed(2)}`;
});
console.log(
  `${scenario.name} via ${target}: ${Math.round(n / seconds)} req/s; ms of CPU per request (user + system): ${rows.join(' | ')} | total ${total.toFixed(2)}`,
);
agent.destroy();
