/**
 * `npm run bench`: load benchmark of the platform on the `npm run seed:large` data. Starts the four subgraphs
 * and the gateway as separate processes (like `npm start`, with EXPOSE_SQL_COUNT=false, LOG_LEVEL=warn and
 * rate limits out of the way), then, with autocannon in its own process and every connection holding its
 * own token, runs each scenario for a fixed duration: the mentee dashboard (all four subgraphs),
 * `searchMentors` with the mentee's defaults, a coach's 50 relationships, and `programStats` of a programme
 * over a year by month. For each: requests/s, p50/p99, errors, peak CPU and RSS of every process (sampled
 * from /proc every 250 ms). Then the same scenarios through Hive Gateway on the same supergraph file, and
 * the single-subgraph ones straight to their subgraph. Writes bench/results/<timestamp>.json and
 * bench/results/latest.md. Its parts are in scripts/bench/: options, scenarios, stack (the processes under load),
 * load (one timed run), resources (CPU and RSS from /proc), overhead-phase and report (ratios, targets, table).
 *
 *   npm run bench -- [--duration 20] [--connections 50] [--rounds 3] [--no-hive] [--tsx] [--undici-fetcher] [--gateway-workers N] [--only-overhead]
 *                    [--only dashboard|search|coach|stats|search-text[,…]]   (some scenarios: an experiment, latest.md is left as it is)
 *   npm run bench -- --replicas 2 [--only dashboard]   2 instances of each subgraph and 2 gateways on the one database: the
 *                             scenario through one gateway replica against through both (scripts/bench/replicas-phase.ts)
 *   npm run bench -- --hold   starts the stack as for a run and keeps it up until Ctrl-C (experiments by hand): the URLs, the
 *                             gateway secret and, per scenario, a token, its principal header and its body are in .data/bench/hold.json
 *   BENCH_CPU_PROF=<dir> npm run bench -- …   writes a CPU profile of the gateway and each subgraph (with --tsx, frames keep their package paths)
 *   (database: DATABASE_URL, else the one recorded by seed:large in .data/seed-large.json)
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { resolve } from 'node:path';
import { encodePrincipal, HEADERS, SUBGRAPHS } from '@tandem/contracts';
import { signAccessToken } from '@tandem/testkit';
import { DEFAULT_SIZE, SyntheticPlatform, type PlatformSize } from '@tandem/synthetic';
import { DATA_DIR, localDatabase } from './lib/local-env';
import { NODE_RUNTIME_FLAGS } from './lib/node-flags';
import { REPO_ROOT } from './lib/services';
import { load } from './bench/load';
import { CONNECTIONS, DURATION, flag, ONLY, PORTS, REPLICAS, ROUNDS, say, SCENARIO_KEYS, url } from './bench/options';
import { measureGatewayOverhead } from './bench/overhead-phase';
import { stopAll, stopWithTheRest } from './bench/processes';
import { markdown, medianRounds, verdict, type Round } from './bench/report';
import { compareReplicas, replicasMarkdown } from './bench/replicas-phase';
import { sampler } from './bench/resources';
import { scenarios } from './bench/scenarios';
import { startStack } from './bench/stack';

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
    stopWithTheRest((await localDatabase(say)).embedded);
  }
  const databaseUrl = process.env.DATABASE_URL ?? recorded?.databaseUrl;
  if (!databaseUrl) throw new Error('no database: set DATABASE_URL or run `npm run seed:large` first');
  const size = recorded?.size ?? DEFAULT_SIZE;
  const platform = new SyntheticPlatform(size);
  say(
    `database ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}; sizes ${JSON.stringify(size)}; ${CONNECTIONS} connections, ${DURATION} s per run`,
  );

  const { gateways, subgraphs, hive, hiveProblem, secret, privateKey, useTsx, undiciFetcher, gatewayWorkers } =
    await startStack(databaseUrl);

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

  if (flag('hold')) {
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

  const watched = [...gateways.map((g) => g.proc), ...subgraphs, ...(hive ? [hive] : [])];
  if (REPLICAS > 1) {
    const comparison = await compareReplicas(
      prepared,
      gateways.map((g) => g.url),
      watched,
    );
    await stopAll();
    const at = new Date().toISOString();
    const outDir = resolve(REPO_ROOT, 'bench/results');
    await mkdir(outDir, { recursive: true });
    const file = `${at.replace(/[:.]/g, '-')}-replicas.json`;
    const machine = { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() };
    await writeFile(
      resolve(outDir, file),
      JSON.stringify({ at, machine, size, connections: CONNECTIONS, durationSeconds: DURATION, comparison }, null, 2) +
        '\n',
    );
    say(`results: bench/results/${file} (latest.md is left as it is)`);
    process.stdout.write('\n' + replicasMarkdown(comparison));
    return;
  }
  // every (scenario, target) is run ROUNDS times, the targets in a rotating order, and the run with the median
  // throughput is reported (all rounds are kept in the JSON): this machine's speed drifts by ±10 % from one
  // minute to the next, enough to flip a ratio measured once
  const rounds: Round[] = [];
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
  const onlyOverhead = flag('only-overhead');
  const timed = onlyOverhead
    ? []
    : ONLY
      ? prepared.filter((_, i) => (ONLY ?? '').split(',').includes(SCENARIO_KEYS[i]))
      : prepared;
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
  const runs = medianRounds(rounds);
  const overhead = ONLY ? [] : await measureGatewayOverhead(list, privateKey, secret);
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
  const { ratios, targets } = verdict(list, runs, rounds, overhead);
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
  const experiment = onlyOverhead || !!ONLY || flag('undici-fetcher') || flag('gateway-workers');
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

// Ctrl-C (or a kill) stops the servers and the embedded PostgreSQL before exiting, in a run as in --hold
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void stopAll().then(() => process.exit(130)));

main().catch(async (error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  await stopAll();
  process.exit(1);
});
