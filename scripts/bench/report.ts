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
  const dashboard = ratios[0];
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
