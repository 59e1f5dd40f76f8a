/**
 * `npm run bench -- --replicas N`: what N replicas of every subgraph and of the gateway, on the one database, give on
 * this machine. One scenario (`--only`, default the dashboard) is loaded through the first gateway replica alone
 * (its subgraph replicas serve; the others idle) and through all N at once (autocannon spreads the connections over
 * them), in rotating order for ROUNDS rounds; the median of each is reported with the ratio. The point of replicas is
 * correctness and availability (tests/reliability/replicas.test.ts); on two cores more processes add little.
 */
import { CONNECTIONS, DURATION, ONLY, REPLICAS, ROUNDS, say, SCENARIO_KEYS } from './options';
import { load, type LoadResult } from './load';
import type { Proc } from './processes';
import { medianRounds, type Round } from './report';
import { sampler } from './resources';

export interface ReplicaComparison {
  scenario: string;
  replicas: number;
  one: LoadResult;
  all: LoadResult;
  /** Throughput through all replicas over through one. */
  ratio: number;
  rounds: Round[];
}

export async function compareReplicas(
  prepared: Array<{ scenario: { name: string }; connections: Array<{ token: string; body: string }> }>,
  gateways: string[],
  watched: Proc[],
): Promise<ReplicaComparison[]> {
  const keys = (ONLY ?? 'dashboard').split(',');
  const chosen = prepared.filter((_, i) => keys.includes(SCENARIO_KEYS[i]));
  const out: ReplicaComparison[] = [];
  for (const { scenario, connections } of chosen) {
    const perConnection = connections.map((c) => ({ headers: { authorization: `Bearer ${c.token}` }, body: c.body }));
    const targets = [
      { target: 'one replica', address: gateways[0] as string | string[] },
      { target: `${REPLICAS} replicas`, address: gateways },
    ];
    const rounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < targets.length; k++) {
        const { target, address } = targets[(k + round) % targets.length];
        await load(address, perConnection, 3); // warm-up: JIT, plan caches, pools
        const stop = sampler(watched);
        const result = await load(address, perConnection, DURATION);
        rounds.push({ scenario: scenario.name, target, result, resources: stop() });
        say(
          `${scenario.name} via ${target}: ${result.rps.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors}`,
        );
      }
    }
    const runs = medianRounds(rounds);
    const one = runs.find((r) => r.target === targets[0].target)!.result;
    const all = runs.find((r) => r.target === targets[1].target)!.result;
    out.push({ scenario: scenario.name, replicas: REPLICAS, one, all, ratio: all.rps / one.rps, rounds });
  }
  return out;
}

/** The comparison as a table. */
export function replicasMarkdown(list: ReplicaComparison[]): string {
  const lines = [
    `| scenario (${CONNECTIONS} connections, ${DURATION} s × ${ROUNDS} rounds, median) | through | req/s | p50 ms | p99 ms | errors |`,
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const c of list) {
    for (const [label, r] of [
      ['one gateway (its subgraph replicas)', c.one],
      [`${c.replicas} gateways, ${c.replicas} of each subgraph`, c.all],
    ] as const)
      lines.push(
        `| ${c.scenario} | ${label} | ${r.rps.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${r.errors} |`,
      );
    lines.push(`| ${c.scenario} | ratio | ${c.ratio.toFixed(2)}× | | | |`);
  }
  return lines.join('\n') + '\n';
}
