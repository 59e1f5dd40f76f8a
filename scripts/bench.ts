/**
 * `npm run bench`: load benchmark of the platform on the `npm run seed:large` data. Starts the four subgraphs
 * and the gateway as separate processes (like `npm start`, with EXPOSE_SQL_COUNT=false, LOG_LEVEL=warn and
 * rate limits out of the way), then, with autocannon in its own process and every connection holding its
 * own token, runs each scenario for a fixed duration: the mentee dashboard (all four subgraphs),
 * `searchMentors` with the mentee's defaults, a coach's 50 relationships, and `programStats` of a programme
 * over a year by month. For each: requests/s, p50/p99, errors, peak CPU and RSS of every process (sampled
 * from /proc every 250 ms). Then the same scenarios through Hive Gateway on the same supergraph file, and
 * the single-subgraph ones straight to their subgraph. Writes bench/results/<timestamp>.json and
 * bench/results/latest.md.
 *
 *   npm run bench -- [--duration 20] [--connections 50] [--rounds 3] [--no-hive] [--tsx] [--undici-fetcher] [--gateway-workers N] [--only-overhead]
 *                    [--only dashboard|search|coach|stats]   (one scenario: an experiment, latest.md is left as it is)
 *   npm run bench -- --hold   starts the stack as for a run and keeps it up until Ctrl-C (experiments by hand): the URLs, the
 *                             gateway secret and, per scenario, a token, its principal header and its body are in .data/bench/hold.json
 *   BENCH_CPU_PROF=<dir> npm run bench -- …   writes a CPU profile of the gateway and each subgraph (with --tsx, frames keep their package paths)
 *   (database: DATABASE_URL, else the one recorded by seed:large in .data/seed-large.json)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { resolve } from 'node:path';
import { encodePrincipal, HEADERS, SUBGRAPHS, type Principal } from '@tandem/contracts';
import { createLogger, migrateService } from '@tandem/subgraph-kit';
import { composeSupergraph, signAccessToken } from '@tandem/testkit';
import { DEFAULT_SIZE, SyntheticPlatform, type PlatformSize } from '@tandem/synthetic';
import { subgraphSdls } from './compose';
import { DATA_DIR, localAdmin, localDatabase, localKeys } from './lib/local-env';
import { NODE_RUNTIME_FLAGS } from './lib/node-flags';
import { measureOverhead, type LatencyStats } from '../bench/load/overhead';
import { loadServiceDefinition, REPO_ROOT, serviceDir } from './lib/services';

const say = (line: string) => process.stdout.write(`\x1b[36m[bench]\x1b[0m ${line}\n`);
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DURATION = arg('duration', 20);
const ROUNDS = Math.max(1, arg('rounds', 3));
const CONNECTIONS = arg('connections', 50);
const WITH_HIVE = !process.argv.includes('--no-hive');
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const SCENARIO_KEYS = ['dashboard', 'search', 'coach', 'stats'] as const;
const BASE_PORT = Number(process.env.BENCH_PORT_BASE ?? 4600);
const PORTS = {
  gateway: BASE_PORT,
  hive: BASE_PORT + 10,
  identity: BASE_PORT + 1,
  matching: BASE_PORT + 2,
  relationships: BASE_PORT + 3,
  reporting: BASE_PORT + 4,
} as const;
const url = (port: number) => `http://127.0.0.1:${port}/graphql`;

// ---------------------------------------------------------------- the operations
export const DASHBOARD = `query Dashboard($from: LocalDate!, $to: LocalDate!) {
  me {
    id displayName
    menteeProfile { headline skills industry { code label } }
    relationships {
      id status startedOn
      mentor { id displayName mentorProfile { headline } }
      goals { title status milestones { title dueOn } }
      meetings { occurredOn durationMinutes status }
      progress { confirmedHours confirmedMeetings termsMet pace }
    }
    cpdHours
    cpdStatement(from: $from, to: $to) { verifiedHours verifiedMeetings }
  }
}`;
export const SEARCH = `query Search { searchMentors(first: 20) { edges { node { displayName headline score skills explanation { criterion contribution } } } } }`;
export const COACH = `query Coach { organizationRelationships(first: 50) { nodes { id status startedOn atRisk atRiskFlags { code }
  mentee { displayName } mentor { displayName } progress { confirmedHours confirmedMeetings pace } } } }`;
export const STATS = `query Stats($programId: ID!) { programStats(from: "2025-11-01", to: "2026-10-31", groupBy: MONTH, filter: { programId: $programId }) {
  groupKey matches activeRelationships relationshipsCompleted meetingsConfirmed hoursConfirmed matchRate medianDaysToMatch } }`;

interface Scenario {
  name: string;
  query: string;
  /** The subgraph it touches alone, if it does (then it is also run straight to it). */
  single?: (typeof SUBGRAPHS)[number];
  principal(i: number): Principal;
  variables(i: number): Record<string, unknown>;
}

function scenarios(p: SyntheticPlatform): Scenario[] {
  const { mentees, organizations, programmes } = p.size;
  // spread the virtual users over the platform: mentee k * stride, so each has its own relationships
  const stride = Math.max(1, Math.floor(mentees / CONNECTIONS));
  const mentee = (i: number): Principal => {
    const m = p.mentee((i * stride) % mentees);
    return { userId: m.id, roles: ['MENTEE'], organizationId: m.organizationId };
  };
  return [
    {
      name: 'mentee dashboard',
      query: DASHBOARD,
      principal: mentee,
      variables: () => ({ from: '2023-01-01', to: '2026-12-31' }),
    },
    {
      name: 'searchMentors (mentee defaults)',
      query: SEARCH,
      single: 'matching',
      principal: mentee,
      variables: () => ({}),
    },
    {
      name: 'coach view (50 relationships)',
      query: COACH,
      principal: (i) => ({
        userId: p.coachId(i % organizations),
        roles: ['COACH'],
        organizationId: p.id('org', i % organizations),
      }),
      variables: () => ({}),
    },
    {
      name: 'analyst programStats (year by month)',
      query: STATS,
      single: 'reporting',
      principal: (i) => ({
        userId: `${p.id('analyst', 0).slice(0, 24)}${i.toString(16).padStart(12, '0')}`,
        roles: ['ANALYST'],
        organizationId: null,
      }),
      variables: (i) => ({ programId: p.programme(i % programmes).id }),
    },
  ];
}

// ---------------------------------------------------------------- processes and their resources
interface Proc {
  name: string;
  child: ChildProcess;
  log: string[];
}
const procs: Proc[] = [];

/** Starts a process; Tandem's own run with the V8 settings they run with everywhere (scripts/lib/node-flags.ts). */
function start(
  name: string,
  cwd: string,
  args: string[],
  env: Record<string, string>,
  plain = false,
  tandem = true,
): Proc {
  // BENCH_CPU_PROF=<dir>: every Tandem process writes a V8 CPU profile there when it exits (open in Chrome's DevTools)
  const profile =
    tandem && process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF, name)}`]
      : [];
  const child = spawn(
    process.execPath,
    [...(tandem ? NODE_RUNTIME_FLAGS : []), ...profile, ...(plain ? args : ['--import', 'tsx', ...args])],
    { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const proc = { name, child, log: [] as string[] };
  const keep = (d: Buffer) => {
    proc.log.push(d.toString());
    if (proc.log.length > 50) proc.log.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('exit', (code) => {
    if (!stopping) say(`${name} exited (${code}): ${proc.log.join('').slice(-2000)}`);
  });
  procs.push(proc);
  return proc;
}

let stopping = false;
let embedded: { stop(): Promise<void> } | null = null;
async function stopAll() {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    procs.map(
      ({ child }) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
  await embedded?.stop();
}

async function waitReady(target: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(target);
      if (res.ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${target} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const TICKS = os.constants ? 100 : 100; // USER_HZ on Linux
/** CPU seconds and RSS of a process and its children (cluster workers), summed. */
function readTree(pid: number): { cpu: number; rssMb: number } | null {
  const own = readProc(pid);
  if (!own) return null;
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // no children file: count the process alone
  }
  for (const c of children) {
    const r = readTree(c);
    if (r) {
      own.cpu += r.cpu;
      own.rssMb += r.rssMb;
    }
  }
  return own;
}

/**
 * CPU seconds (user + system) and RSS of a process from /proc; with `reaped`, plus the CPU of its children that
 * have exited (PostgreSQL's postmaster: the backends that closed and the parallel workers that came and went).
 */
function readProc(pid: number, reaped = false): { cpu: number; rssMb: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpu =
      (Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0)) / TICKS;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    return { cpu, rssMb: rss ? Number(rss[1]) / 1024 : 0 };
  } catch {
    return null;
  }
}

/** CPU seconds of every PostgreSQL process on the machine (the embedded server's backends come and go). */
function postgresCpu(): number {
  let cpu = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    cpu += readProc(Number(entry), true)?.cpu ?? 0;
  }
  return cpu;
}

/**
 * Samples every 250 ms; returns, per process, peak CPU (% of one core over a 250 ms window), mean CPU over the
 * whole run and peak RSS (MB), plus PostgreSQL's mean CPU (all its processes), so CPU per request can be read.
 */
function sampler(targets: Proc[]) {
  const last = new Map<string, { cpu: number; at: number }>();
  const first = new Map<string, { cpu: number; at: number }>();
  const peak = new Map<string, { cpuPct: number; rssMb: number }>();
  const pgStart = { cpu: postgresCpu(), at: performance.now() };
  const tick = () => {
    const now = performance.now();
    for (const t of targets) {
      const r = t.child.pid ? readTree(t.child.pid) : null;
      if (!r) continue;
      const prev = last.get(t.name);
      const p = peak.get(t.name) ?? { cpuPct: 0, rssMb: 0 };
      if (prev) p.cpuPct = Math.max(p.cpuPct, ((r.cpu - prev.cpu) / ((now - prev.at) / 1000)) * 100);
      p.rssMb = Math.max(p.rssMb, r.rssMb);
      peak.set(t.name, p);
      last.set(t.name, { cpu: r.cpu, at: now });
      if (!first.has(t.name)) first.set(t.name, { cpu: r.cpu, at: now });
    }
  };
  tick();
  const timer = setInterval(tick, 250);
  return () => {
    clearInterval(timer);
    tick();
    const mean = (a: { cpu: number; at: number }, b: { cpu: number; at: number }) =>
      Math.round(((b.cpu - a.cpu) / ((b.at - a.at) / 1000)) * 100);
    const out: Record<string, { peakCpuPct: number; meanCpuPct: number; peakRssMb: number }> = Object.fromEntries(
      [...peak].map(([k, v]) => [
        k,
        {
          peakCpuPct: Math.round(v.cpuPct),
          meanCpuPct: mean(first.get(k)!, last.get(k)!),
          peakRssMb: Math.round(v.rssMb),
        },
      ]),
    );
    out.postgres = {
      peakCpuPct: 0,
      meanCpuPct: mean(pgStart, { cpu: postgresCpu(), at: performance.now() }),
      peakRssMb: 0,
    };
    return out;
  };
}

// ---------------------------------------------------------------- load
interface LoadResult {
  requests: number;
  rps: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  graphqlErrors: number;
  non2xx: number;
  timeouts: number;
}

async function load(
  target: string,
  perConnection: Array<{ headers: Record<string, string>; body: string }>,
  seconds: number,
  connections = CONNECTIONS,
): Promise<LoadResult> {
  const dir = resolve(DATA_DIR, 'bench');
  await mkdir(dir, { recursive: true });
  const jobFile = resolve(dir, `job-${process.pid}.json`);
  await writeFile(jobFile, JSON.stringify({ url: target, connections, durationSeconds: seconds, perConnection }));
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'bench/load/worker.ts'), jobFile], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const code = await new Promise<number>((done) => child.once('exit', (c) => done(c ?? 1)));
  if (code !== 0) throw new Error(`load generator failed: ${err}`);
  return JSON.parse(out.trim().split('\n').pop()!) as LoadResult;
}

async function main() {
  const recorded = existsSync(resolve(DATA_DIR, 'seed-large.json'))
    ? (JSON.parse(await readFile(resolve(DATA_DIR, 'seed-large.json'), 'utf8')) as {
        size: PlatformSize;
        databaseUrl: string;
        embedded?: boolean;
        timingsMs?: Record<string, number>;
      })
    : null;
  // the database seed:large filled: DATABASE_URL, else the one it recorded (the embedded one is started again)
  if (!process.env.DATABASE_URL && recorded?.embedded) {
    embedded = (await localDatabase(say)).embedded;
  }
  const databaseUrl = process.env.DATABASE_URL ?? recorded?.databaseUrl;
  if (!databaseUrl) throw new Error('no database: set DATABASE_URL or run `npm run seed:large` first');
  const size = recorded?.size ?? DEFAULT_SIZE;
  const platform = new SyntheticPlatform(size);
  say(
    `database ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}; sizes ${JSON.stringify(size)}; ${CONNECTIONS} connections, ${DURATION} s per run`,
  );

  // the seeded database may predate migrations that landed since: a service answers /ready only when its schema is current
  for (const name of SUBGRAPHS) {
    const applied = await migrateService(
      await loadServiceDefinition(serviceDir(name)),
      databaseUrl,
      createLogger('migrate', 'warn'),
    );
    if (applied.length) say(`${name}: applied ${applied.length} migration(s)`);
  }
  const keys = await localKeys();
  const admin = await localAdmin();
  const privateKey = await readFile(keys.privateKeyFile, 'utf8');
  const secret = randomBytes(24).toString('hex');
  for (const name of SUBGRAPHS) process.env[`${name.toUpperCase()}_URL`] = url(PORTS[name]);
  const supergraphPath = resolve(DATA_DIR, 'bench', 'supergraph.graphql');
  await mkdir(resolve(DATA_DIR, 'bench'), { recursive: true });
  await writeFile(supergraphPath, composeSupergraph(await subgraphSdls()));

  // the production bundles (dist/main.js, as in the container images) unless --tsx: plain node, no transpiler in memory
  const useTsx = process.argv.includes('--tsx');
  if (!useTsx) {
    for (const dir of [...SUBGRAPHS.map((n) => serviceDir(n)), resolve(REPO_ROOT, 'apps/gateway')]) {
      const built = spawnSync(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'scripts/bundle.ts')], {
        cwd: dir,
        stdio: 'pipe',
      });
      if (built.status !== 0) throw new Error(`bundling ${dir} failed: ${built.stderr}`);
    }
    say('bundled the subgraphs and the gateway (dist/main.js)');
  }
  const entry = useTsx ? ['src/main.ts'] : ['dist/main.js'];
  const common = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    GATEWAY_SECRET: secret,
    LOG_LEVEL: 'warn',
    EXPOSE_SQL_COUNT: 'false',
    APOLLO_TELEMETRY_DISABLED: 'true',
  };
  const subgraphs = SUBGRAPHS.map((name) =>
    start(
      name,
      serviceDir(name),
      entry,
      {
        ...common,
        PORT: String(PORTS[name]),
        MAIL_DIR: resolve(DATA_DIR, 'bench', 'mail'),
        // the same first admin as `npm start` on this database (.data/admin.json), so its printed sign-in keeps working
        ...(name === 'identity'
          ? { JWT_PRIVATE_KEY_FILE: keys.privateKeyFile, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password }
          : {}),
      },
      !useTsx,
    ),
  );
  await Promise.all(SUBGRAPHS.map((n) => waitReady(`http://127.0.0.1:${PORTS[n]}/ready`)));
  const undiciFetcher = process.argv.includes('--undici-fetcher');
  const gatewayWorkers = arg('gateway-workers', 0);
  const gatewayArgs =
    gatewayWorkers > 0
      ? [resolve(REPO_ROOT, 'bench/load/gateway-cluster.ts')]
      : undiciFetcher
        ? [resolve(REPO_ROOT, 'bench/load/gateway-undici.ts')]
        : entry;
  const gateway = start(
    'gateway',
    resolve(REPO_ROOT, 'apps/gateway'),
    gatewayArgs,
    {
      GATEWAY_WORKERS: String(gatewayWorkers),
      GATEWAY_ENTRY: resolve(REPO_ROOT, 'apps/gateway', useTsx ? 'src/main.ts' : 'dist/main.js'),
      ...common,
      PORT: String(PORTS.gateway),
      SUPERGRAPH_PATH: supergraphPath,
      JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
      // the bench signs its tokens once for a run that may outlast identity's 15 minutes
      ACCESS_TOKEN_MAX_SECONDS: '7200',
      RATE_LIMIT_PER_USER_PER_MINUTE: '100000000',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000000',
      ...Object.fromEntries(SUBGRAPHS.map((n) => [`${n.toUpperCase()}_URL`, url(PORTS[n])])),
    },
    !useTsx && !undiciFetcher && gatewayWorkers === 0,
  );
  await waitReady(`http://127.0.0.1:${PORTS.gateway}/health`);
  say('subgraphs and gateway ready');

  let hive: Proc | null = null;
  let hiveProblem: string | null = null;
  const hiveBin = resolve(REPO_ROOT, 'bench/hive/node_modules/@graphql-hive/gateway/dist/bin.js');
  if (WITH_HIVE) {
    if (!existsSync(hiveBin)) hiveProblem = '@graphql-hive/gateway is not installed (npm ci --prefix bench/hive)';
    else {
      hive = start(
        'hive',
        resolve(REPO_ROOT, 'bench/hive'),
        [
          hiveBin,
          'supergraph',
          supergraphPath,
          '--port',
          String(PORTS.hive),
          '--fork',
          '1',
          '-c',
          resolve(REPO_ROOT, 'bench/hive/gateway.config.ts'),
        ],
        {
          NODE_ENV: 'production',
          SUPERGRAPH_PATH: supergraphPath,
          JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
          GATEWAY_SECRET: secret,
          PORT: String(PORTS.hive),
        },
        true,
        false,
      );
      try {
        await waitReady(`http://127.0.0.1:${PORTS.hive}/healthcheck`);
      } catch (error) {
        hiveProblem = `Hive Gateway did not start: ${(error as Error).message}: ${hive.log.join('').slice(-1500)}`;
        hive = null;
      }
    }
    if (hiveProblem) say(hiveProblem);
  }

  // one token per virtual connection, signed with the dev key as identity signs them
  const list = scenarios(platform);
  const prepared = await Promise.all(
    list.map(async (s) => ({
      scenario: s,
      connections: await Promise.all(
        Array.from({ length: CONNECTIONS }, async (_, i) => ({
          principal: s.principal(i),
          token: await signAccessToken(privateKey, s.principal(i), '2h'),
          body: JSON.stringify({ query: s.query, variables: s.variables(i) }),
        })),
      ),
    })),
  );

  if (process.argv.includes('--hold')) {
    const file = resolve(DATA_DIR, 'bench', 'hold.json');
    const held = {
      gateway: url(PORTS.gateway),
      ...Object.fromEntries(SUBGRAPHS.map((n) => [n, url(PORTS[n])])),
      gatewaySecret: secret,
      scenarios: prepared.map(({ scenario, connections: [c] }) => ({
        name: scenario.name,
        single: scenario.single ?? null,
        token: c.token,
        principalHeader: encodePrincipal(c.principal),
        body: c.body,
      })),
    };
    await writeFile(file, JSON.stringify(held, null, 2));
    say(`holding the stack (Ctrl-C stops it); URLs, secret and one token per scenario in ${file}`);
    await new Promise(() => {});
  }

  // every scenario answers without errors before it is timed
  for (const { scenario, connections } of prepared) {
    const res = await fetch(url(PORTS.gateway), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${connections[0].token}` },
      body: connections[0].body,
    });
    const body = (await res.json()) as { data?: unknown; errors?: unknown };
    if (body.errors) throw new Error(`${scenario.name}: ${JSON.stringify(body.errors).slice(0, 500)}`);
    say(`${scenario.name}: sample answer ${JSON.stringify(body.data).length} bytes`);
  }

  const watched = [gateway, ...subgraphs, ...(hive ? [hive] : [])];
  // every (scenario, target) is run ROUNDS times, the targets in a rotating order, and the run with the median
  // throughput is reported (all rounds are kept in the JSON): this machine's speed drifts by ±10 % from one
  // minute to the next, enough to flip a ratio measured once
  const rounds: Array<{
    scenario: string;
    target: string;
    result: LoadResult;
    resources: Record<string, { peakCpuPct: number; meanCpuPct?: number; peakRssMb: number }>;
  }> = [];
  const run = async (
    scenario: string,
    target: string,
    address: string,
    perConnection: Array<{ headers: Record<string, string>; body: string }>,
  ) => {
    // a short warm-up (JIT, plan caches, connection pools), then the timed run
    await load(address, perConnection, 3);
    const stop = sampler(watched);
    const result = await load(address, perConnection, DURATION);
    const resources = stop();
    rounds.push({ scenario, target, result, resources });
    say(
      `${scenario} via ${target}: ${result.rps.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors}`,
    );
  };
  const onlyOverhead = process.argv.includes('--only-overhead');
  const timed = onlyOverhead ? [] : ONLY ? prepared.filter((_, i) => SCENARIO_KEYS[i] === ONLY) : prepared;
  for (const { scenario, connections } of timed) {
    const viaGateway = connections.map((c) => ({ headers: { authorization: `Bearer ${c.token}` }, body: c.body }));
    const targets: Array<() => Promise<void>> = [() => run(scenario.name, 'gateway', url(PORTS.gateway), viaGateway)];
    if (hive) targets.push(() => run(scenario.name, 'hive', url(PORTS.hive), viaGateway));
    if (scenario.single) {
      const direct = connections.map((c) => ({
        headers: { [HEADERS.gatewaySecret]: secret, [HEADERS.principal]: encodePrincipal(c.principal) },
        body: c.body,
      }));
      targets.push(() => run(scenario.name, `direct:${scenario.single}`, url(PORTS[scenario.single!]), direct));
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < targets.length; k++) await targets[(k + round) % targets.length]();
    }
  }
  const runs = [...new Set(rounds.map((r) => `${r.scenario}\u0000${r.target}`))].map((key) => {
    const all = rounds.filter((r) => `${r.scenario}\u0000${r.target}` === key);
    const median = [...all].sort((a, b) => a.result.rps - b.result.rps)[Math.floor((all.length - 1) / 2)];
    return { ...median, roundsRps: all.map((r) => Math.round(r.result.rps)) };
  });
  // the gateway's own cost, without queueing: one connection each, single-subgraph operations, gateway and
  // subgraph in turns, timed to the microsecond (bench/load/overhead.ts)
  const overhead: Array<{
    scenario: string;
    pairs: number;
    gateway: LatencyStats;
    direct: LatencyStats;
    overheadMedianMs: number;
    pairedOverheadMs: number;
    errors: number;
  }> = [];
  const probe: Scenario = {
    name: 'me { displayName } (identity only)',
    query: `{ me { id displayName } }`,
    single: 'identity',
    principal: list[0].principal,
    variables: () => ({}),
  };
  // the first probe after start-up or after the load runs measured about 1 ms more than the same probe repeated
  // a minute later (2.2 vs 1.0 ms for `me`, either principal first): 10 s of it, uncounted, before any is kept
  if (!ONLY) {
    const token = await signAccessToken(privateKey, probe.principal(0), '2h');
    const body = JSON.stringify({ query: probe.query });
    await measureOverhead(
      { url: url(PORTS.gateway), headers: { authorization: `Bearer ${token}` }, body },
      {
        url: url(PORTS.identity),
        headers: { [HEADERS.gatewaySecret]: secret, [HEADERS.principal]: encodePrincipal(probe.principal(0)) },
        body,
      },
      10,
      0,
      1,
    );
  }
  for (const s of ONLY ? [] : [probe, ...list.filter((x) => x.single)]) {
    const c = {
      principal: s.principal(0),
      token: await signAccessToken(privateKey, s.principal(0), '2h'),
      body: JSON.stringify({ query: s.query, variables: s.variables(0) }),
    };
    const o = await measureOverhead(
      { url: url(PORTS.gateway), headers: { authorization: `Bearer ${c.token}` }, body: c.body },
      {
        url: url(PORTS[s.single!]),
        headers: { [HEADERS.gatewaySecret]: secret, [HEADERS.principal]: encodePrincipal(c.principal) },
        body: c.body,
      },
      Math.max(5, Math.round(DURATION / 2)),
    );
    overhead.push({
      scenario: s.name,
      pairs: o.pairs,
      gateway: o.gateway,
      direct: o.direct,
      overheadMedianMs: o.medianOverheadMs,
      pairedOverheadMs: o.pairedOverheadMs,
      errors: o.errors,
    });
    say(
      `overhead at 1 connection, ${s.name}: gateway median ${o.gateway.median} ms vs direct ${o.direct.median} ms (${o.pairs} pairs, ${o.errors} errors)`,
    );
  }
  await stopAll();

  // ---------------------------------------------------------------- results
  const at = new Date().toISOString();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1e9),
    node: process.version,
    loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
  };
  const find = (scenario: string, target: string) => runs.find((r) => r.scenario === scenario && r.target === target);
  const ratios = list.map((s) => {
    const g = find(s.name, 'gateway');
    const h = find(s.name, 'hive');
    const d = s.single ? find(s.name, `direct:${s.single}`) : undefined;
    return {
      scenario: s.name,
      gatewayVsHiveThroughput: g && h ? Math.round((g.result.rps / h.result.rps) * 100) / 100 : null,
      gatewayOverMedianMs: g && d ? g.result.latency.p50 - d.result.latency.p50 : null,
      gatewayVsDirectThroughput: g && d ? Math.round((g.result.rps / d.result.rps) * 100) / 100 : null,
    };
  });
  const maxRss = Math.max(
    ...rounds.flatMap((r) =>
      Object.entries(r.resources)
        .filter(([n]) => n !== 'hive')
        .map(([, v]) => v.peakRssMb),
    ),
  );
  const dashboard = ratios[0];
  void onlyOverhead;
  const gDash = find(list[0].name, 'gateway');
  const targets = {
    dashboardThroughputVsHive: {
      target: '>= 1.0',
      measured: dashboard.gatewayVsHiveThroughput,
      met: dashboard.gatewayVsHiveThroughput === null ? null : dashboard.gatewayVsHiveThroughput >= 1,
    },
    dashboardP99Ms: {
      target: '< 250',
      measured: gDash?.result.latency.p99 ?? null,
      met: gDash ? gDash.result.latency.p99 < 250 : null,
    },
    singleSubgraphOverheadMs: {
      target: '< 2 (median, 1 connection)',
      measured: overhead.map((o) => ({ scenario: o.scenario, ms: o.overheadMedianMs })),
      met: overhead.length ? overhead.every((o) => o.overheadMedianMs < 2) : null,
    },
    errors: {
      target: '0',
      measured: rounds.filter((r) => r.target === 'gateway').reduce((n, r) => n + r.result.errors, 0),
      met: rounds.filter((r) => r.target === 'gateway').every((r) => r.result.errors === 0),
    },
    memory: { target: '< 300 MB per Tandem process (gateway, subgraphs)', measuredMaxMb: maxRss, met: maxRss < 300 },
  };
  const result = {
    at,
    machine,
    size,
    seedTimingsMs: recorded?.timingsMs ?? null,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    rounds: ROUNDS,
    hive: hive ? 'ran' : (hiveProblem ?? 'skipped'),
    processes: `${useTsx ? 'tsx (sources)' : 'bundled dist/main.js'} with ${NODE_RUNTIME_FLAGS.join(' ')}${undiciFetcher ? '; gateway with the undici fetcher (experiment)' : ''}${gatewayWorkers ? `; gateway as ${gatewayWorkers} cluster workers (experiment)` : ''}`,
    runs,
    ratios,
    overhead,
    targets,
  };
  const outDir = resolve(REPO_ROOT, 'bench/results');
  await mkdir(outDir, { recursive: true });
  const stamp = at.replace(/[:.]/g, '-');
  // experiments (a patched gateway, the overhead phase alone) never replace the latest full table
  const experiment =
    onlyOverhead || !!ONLY || process.argv.includes('--undici-fetcher') || process.argv.includes('--gateway-workers');
  await writeFile(
    resolve(outDir, `${stamp}${experiment ? '-experiment' : ''}.json`),
    JSON.stringify(result, null, 2) + '\n',
  );
  if (!experiment) await writeFile(resolve(outDir, 'latest.md'), markdown(result));
  say(
    `results: bench/results/${stamp}${experiment ? '-experiment' : ''}.json${experiment ? '' : ' and bench/results/latest.md'}`,
  );
  process.stdout.write('\n' + markdown(result));
}

function markdown(r: {
  at: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; loadAverage: number[] };
  size: PlatformSize;
  connections: number;
  durationSeconds: number;
  rounds?: number;
  hive: string;
  runs: Array<{
    scenario: string;
    target: string;
    result: LoadResult;
    roundsRps?: number[];
    resources: Record<string, { peakCpuPct: number; meanCpuPct?: number; peakRssMb: number }>;
  }>;
  ratios: Array<{
    scenario: string;
    gatewayVsHiveThroughput: number | null;
    gatewayOverMedianMs: number | null;
    gatewayVsDirectThroughput: number | null;
  }>;
  overhead: Array<{
    scenario: string;
    pairs: number;
    gateway: LatencyStats;
    direct: LatencyStats;
    overheadMedianMs: number;
    pairedOverheadMs: number;
    errors: number;
  }>;
  processes: string;
  targets: Record<string, { target: string; met: boolean | null } & Record<string, unknown>>;
}) {
  const lines = [
    `Measured ${r.at} on ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node} (load average at the end: ${r.machine.loadAverage.join(' / ')}); ` +
      `data: ${r.size.mentors.toLocaleString('en')} mentors, ${r.size.mentees.toLocaleString('en')} mentees, ${r.size.relationships.toLocaleString('en')} relationships, ${r.size.meetings.toLocaleString('en')} meetings; ` +
      `${r.connections} concurrent connections (each its own token), ${r.durationSeconds} s per run after a 3 s warm-up, ${r.rounds ?? 1} rounds per target in rotating order (the median round is shown); load generator: autocannon in its own process; processes: ${r.processes}. Hive Gateway: ${r.hive}.`,
    '',
    '| Scenario | Via | req/s (median round) | every round | p50 ms | p99 ms | errors | mean CPU % of a core (gateway · identity · matching · relationships · reporting · hive · postgres) | peak RSS MB (gateway · … · hive) |',
    '|---|---|---:|---|---:|---:|---:|---|---|',
  ];
  const order = ['gateway', 'identity', 'matching', 'relationships', 'reporting', 'hive'];
  for (const run of r.runs) {
    // mean over the run (results before this column existed have only the 250 ms peaks)
    const cpu = [...order, 'postgres'].map((n) => run.resources[n]?.meanCpuPct ?? '–').join(' · ');
    const rss = order.map((n) => run.resources[n]?.peakRssMb ?? '–').join(' · ');
    lines.push(
      `| ${run.scenario} | ${run.target} | ${run.result.rps.toFixed(0)} | ${run.roundsRps?.join(' / ') ?? '–'} | ${run.result.latency.p50} | ${run.result.latency.p99} | ${run.result.errors} | ${cpu} | ${rss} |`,
    );
  }
  lines.push(
    '',
    '| Scenario | gateway ÷ Hive throughput | gateway − direct median (ms) | gateway ÷ direct throughput |',
    '|---|---:|---:|---:|',
  );
  for (const x of r.ratios)
    lines.push(
      `| ${x.scenario} | ${x.gatewayVsHiveThroughput ?? '–'} | ${x.gatewayOverMedianMs ?? '–'} | ${x.gatewayVsDirectThroughput ?? '–'} |`,
    );
  lines.push(
    '',
    '| Gateway overhead, 1 connection, in turns | pairs | gateway median ms | direct median ms | difference of medians ms | median of paired differences ms | gateway p90 ms | direct p90 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const o of r.overhead)
    lines.push(
      `| ${o.scenario} | ${o.pairs} | ${o.gateway.median.toFixed(2)} | ${o.direct.median.toFixed(2)} | ${o.overheadMedianMs.toFixed(2)} | ${o.pairedOverheadMs?.toFixed(2) ?? '–'} | ${o.gateway.p90.toFixed(2)} | ${o.direct.p90.toFixed(2)} |`,
    );
  lines.push('', '| Target | Goal | Measured | Met |', '|---|---|---|---|');
  for (const [name, t] of Object.entries(r.targets)) {
    const { target, met, ...measured } = t;
    lines.push(
      `| ${name} | ${target} | ${JSON.stringify(measured.measured ?? measured.measuredMaxMb)} | ${met === null ? 'not measured' : met ? 'yes' : 'no'} |`,
    );
  }
  return lines.join('\n') + '\n';
}

// Ctrl-C (or a kill) stops the servers and the embedded PostgreSQL before exiting, in a run as in --hold
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void stopAll().then(() => process.exit(130)));

main().catch(async (error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  await stopAll();
  process.exit(1);
});
