/** The bench's command line (see scripts/bench.ts for the whole list) and where each process listens. */
export const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
export const flag = (name: string) => process.argv.includes(`--${name}`);

export const DURATION = arg('duration', 20);
export const ROUNDS = Math.max(1, arg('rounds', 3));
export const CONNECTIONS = arg('connections', 50);
export const WITH_HIVE = !flag('no-hive');
export const ONLY = flag('only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
export const SCENARIO_KEYS = ['dashboard', 'search', 'coach', 'stats', 'search-text'] as const;
/**
 * `--replicas N`: N instances of each subgraph and N gateways on the one database, and one scenario (`--only`, default
 * the dashboard) measured through one gateway replica against through all of them (scripts/bench/replicas-phase.ts).
 */
export const REPLICAS = Math.max(1, arg('replicas', 1));
export const BASE_PORT = Number(process.env.BENCH_PORT_BASE ?? 4600);
export const PORTS = {
  gateway: BASE_PORT,
  hive: BASE_PORT + 10,
  identity: BASE_PORT + 1,
  matching: BASE_PORT + 2,
  relationships: BASE_PORT + 3,
  reporting: BASE_PORT + 4,
} as const;
export const url = (port: number) => `http://127.0.0.1:${port}/graphql`;
/** Where replica `k` (0 first) of a process listens: 20 ports above the previous replica's. */
export const replicaPort = (name: keyof typeof PORTS, k: number) => PORTS[name] + 20 * k;

export const say = (line: string) => process.stdout.write(`\x1b[36m[bench]\x1b[0m ${line}\n`);
