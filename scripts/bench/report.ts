/** A run's results: the median round per target, the ratios against Hive and the subgraphs, the targets, latest.md. */
import type { PlatformSize } from '@tandem/synthetic';
import type { LatencyStats } from '../../bench/load/overhead';
import type { LoadResult } from './load';
import type { Scenario } from './scenarios';

export type Resources = Record<string, { peakCpuPct: number; meanCpuPct?: number; peakRssMb: number }>;

export interface Round {
  scenario: string;
  target: string;
  result: LoadResult;
  resources: Resources;
}

export interface Run extends Round {
  roundsRps?: number[];
}

export interface Ratio {
  scenario: string;
  gatewayVsHiveThroughput: number | null;
  gatewayOverMedianMs: number | null;
  gatewayVsDirectThroughput: number | null;
}

export interface Overhead {
  scenario: string;
  pairs: number;
  gateway: LatencyStats;
  direct: LatencyStats;
  overheadMedianMs: number;
  pairedOverheadMs: number;
  errors: number;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  loadAverage: number[];
}

/** Each (scenario, target): the round with the median throughput, with every round's req/s beside it. */
export function medianRounds(rounds: Round[]) {
  return [...new Set(rounds.map((r) => `${r.scenario}\u0000${r.target}`))].map((key) => {
    const all = rounds.filter((r) => `${r.scenario}\u0000${r.target}` === key);
    const median = [...all].sort((a, b) => a.result.rps - b.result.rps)[Math.floor((all.length - 1) / 2)];
    return { ...median, roundsRps: all.map((r) => Math.round(r.result.rps)) };
  });
}

/** The gateway against Hive and against the subgraph alone, and the targets the platform holds itself to. */
export function verdict(list: Scenario[], runs: Run[], rounds: Round[], overhead: Overhead[]) {
  const find = (scenario: string, target: string) => runs.find((r) => r.scenario === scenario && r.target === target);
  const ratios: Ratio[] = list.map((s) => {
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
  const byName = (name: string) => ratios.find((x) => x.scenario === name);
  const gateway = (name: string) => find(name, 'gateway');
  const DASH = list[0].name;
  const searches = list.filter((x) => x.name.startsWith('searchMentors')).map((x) => x.name);
  // CPU per request under the load: every Tandem process and PostgreSQL (mean % of a core over the run) ÷ req/s
  const cpuMsPerRequest = (run: Run | undefined) => {
    if (!run || !run.result.rps) return null;
    const pct = Object.entries(run.resources)
      .filter(([n]) => n !== 'hive')
      .reduce((sum, [, v]) => sum + (v.meanCpuPct ?? 0), 0);
    return Math.round(((pct / 100) * 1000 * 100) / run.result.rps) / 100;
  };
  const check = <T>(target: string, measured: T, met: boolean | null) => ({ target, measured, met });
  const atLeast = (v: number | null | undefined, goal: number) => (v === null || v === undefined ? null : v >= goal);
  const oneConnection = searches.map((name) => {
    const o = overhead.find((x) => x.scenario === name);
    return { scenario: name, p50: o?.gateway.median ?? null, p99: o?.gateway.p99 ?? null };
  });
  const fifty = searches.map((name) => {
    const run = gateway(name);
    return { scenario: name, rps: run ? Math.round(run.result.rps) : null, p99: run?.result.latency.p99 ?? null };
  });
  const me = overhead.find((o) => o.scenario.startsWith('me '));
  const dashRun = gateway(DASH);
  const dashCpu = cpuMsPerRequest(dashRun);
  // issue 24's targets, each with what this run measured (null: not measured in this run, e.g. --only or --no-hive)
  const targets = {
    searchOneConnection: check(
      'p50 <= 20 ms and p99 <= 60 ms through the gateway (1 connection, requests in turns)',
      oneConnection,
      oneConnection.every((x) => x.p50 !== null) ? oneConnection.every((x) => x.p50! <= 20 && x.p99! <= 60) : null,
    ),
    searchFiftyConnections: check(
      '>= 300 req/s and p99 <= 400 ms through the gateway (50 connections)',
      fifty,
      fifty.every((x) => x.rps !== null) ? fifty.every((x) => x.rps! >= 300 && x.p99! <= 400) : null,
    ),
    dashboardP99Ms: check(
      '<= 200',
      dashRun?.result.latency.p99 ?? null,
      dashRun ? dashRun.result.latency.p99 <= 200 : null,
    ),
    dashboardThroughputVsHive: check(
      '>= 2.0',
      byName(DASH)?.gatewayVsHiveThroughput ?? null,
      atLeast(byName(DASH)?.gatewayVsHiveThroughput, 2),
    ),
    dashboardCpuMsPerRequest: check(
      '<= 9 (all Tandem processes and PostgreSQL, under the load)',
      dashCpu,
      dashCpu === null ? null : dashCpu <= 9,
    ),
    coachThroughputVsHive: check(
      '>= 1.5',
      byName('coach view (50 relationships)')?.gatewayVsHiveThroughput ?? null,
      atLeast(byName('coach view (50 relationships)')?.gatewayVsHiveThroughput, 1.5),
    ),
    programStatsGatewayVsDirect: check(
      '>= 0.95 (throughput)',
      byName('analyst programStats (year by month)')?.gatewayVsDirectThroughput ?? null,
      atLeast(byName('analyst programStats (year by month)')?.gatewayVsDirectThroughput, 0.95),
    ),
    meOverheadMs: check(
      '<= 0.4 (median of paired differences, 1 connection)',
      me?.pairedOverheadMs ?? null,
      me ? me.pairedOverheadMs <= 0.4 : null,
    ),
    errors: check(
      '0',
      rounds.filter((r) => r.target === 'gateway').reduce((n, r) => n + r.result.errors, 0),
      rounds.filter((r) => r.target === 'gateway').every((r) => r.result.errors === 0),
    ),
    memory: check(
      '< 300 MB per Tandem process (gateway, subgraphs)',
      rounds.length ? maxRss : null,
      rounds.length ? maxRss < 300 : null,
    ),
  };
  return { ratios, targets };
}

/** bench/results/latest.md (and the table printed at the end of a run). */
export function markdown(r: {
  at: string;
  machine: Machine;
  size: PlatformSize;
  connections: number;
  durationSeconds: number;
  rounds?: number;
  hive: string;
  runs: Run[];
  ratios: Ratio[];
  overhead: Overhead[];
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
    '| Gateway overhead, 1 connection, in turns | pairs | gateway median ms | direct median ms | difference of medians ms | median of paired differences ms | gateway p90 ms | direct p90 ms | gateway p99 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const o of r.overhead)
    lines.push(
      `| ${o.scenario} | ${o.pairs} | ${o.gateway.median.toFixed(2)} | ${o.direct.median.toFixed(2)} | ${o.overheadMedianMs.toFixed(2)} | ${o.pairedOverheadMs?.toFixed(2) ?? '–'} | ${o.gateway.p90.toFixed(2)} | ${o.direct.p90.toFixed(2)} | ${o.gateway.p99?.toFixed(2) ?? '–'} |`,
    );
  lines.push('', '| Target | Goal | Measured | Met |', '|---|---|---|---|');
  for (const [name, t] of Object.entries(r.targets)) {
    const { target, met, ...measured } = t;
    lines.push(
      `| ${name} | ${target} | ${JSON.stringify(measured.measured)} | ${met === null ? 'not measured' : met ? 'yes' : 'no'} |`,
    );
  }
  return lines.join('\n') + '\n';
}
