/**
 * The stack under load, as `npm start` runs it (bundled dist/main.js unless --tsx) with EXPOSE_SQL_COUNT=false,
 * LOG_LEVEL=warn and rate limits out of the way, and Hive Gateway on the same supergraph file beside it.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SUBGRAPHS } from '@tandem/contracts';
import { createLogger, migrateService } from '@tandem/subgraph-kit';
import { composeSupergraph } from '@tandem/testkit';
import { subgraphSdls } from '../compose';
import { DATA_DIR, localAdmin, localKeys } from '../lib/local-env';
import { loadServiceDefinition, REPO_ROOT, serviceDir } from '../lib/services';
import { arg, flag, PORTS, REPLICAS, replicaPort, say, url, WITH_HIVE } from './options';
import { start, waitReady, type Proc } from './processes';

export interface Stack {
  /** The first gateway replica. */
  gateway: Proc;
  /** Every gateway replica with its address (one unless --replicas). */
  gateways: Array<{ proc: Proc; url: string }>;
  /** Every subgraph process, of every replica. */
  subgraphs: Proc[];
  hive: Proc | null;
  /** Why Hive Gateway is not in the run, if it is not. */
  hiveProblem: string | null;
  secret: string;
  privateKey: string;
  useTsx: boolean;
  undiciFetcher: boolean;
  gatewayWorkers: number;
}

export async function startStack(databaseUrl: string): Promise<Stack> {
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
  const useTsx = flag('tsx');
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
  // --replicas N: N of each on the one database, each consuming the same inbox (as a Deployment's pods do)
  const replicas = Array.from({ length: REPLICAS }, (_, k) => k);
  const subgraphs = replicas.flatMap((k) =>
    SUBGRAPHS.map((name) =>
      start(
        k ? `${name}#${k}` : name,
        serviceDir(name),
        entry,
        {
          ...common,
          PORT: String(replicaPort(name, k)),
          MAIL_DIR: resolve(DATA_DIR, 'bench', 'mail'),
          // the same first admin as `npm start` on this database (.data/admin.json), so its printed sign-in keeps working
          ...(name === 'identity'
            ? { JWT_PRIVATE_KEY_FILE: keys.privateKeyFile, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password }
            : {}),
        },
        !useTsx,
      ),
    ),
  );
  await Promise.all(
    replicas.flatMap((k) => SUBGRAPHS.map((n) => waitReady(`http://127.0.0.1:${replicaPort(n, k)}/ready`))),
  );
  const undiciFetcher = flag('undici-fetcher');
  const gatewayWorkers = arg('gateway-workers', 0);
  const gatewayArgs =
    gatewayWorkers > 0
      ? [resolve(REPO_ROOT, 'bench/load/gateway-cluster.ts')]
      : undiciFetcher
        ? [resolve(REPO_ROOT, 'bench/load/gateway-undici.ts')]
        : entry;
  // gateway replica k calls subgraph replica k (as pods that prefer their node's endpoints; no proxy hop in the figures)
  const gateways = replicas.map((k) => ({
    url: url(replicaPort('gateway', k)),
    proc: start(
      k ? `gateway#${k}` : 'gateway',
      resolve(REPO_ROOT, 'apps/gateway'),
      gatewayArgs,
      {
        GATEWAY_WORKERS: String(gatewayWorkers),
        GATEWAY_ENTRY: resolve(REPO_ROOT, 'apps/gateway', useTsx ? 'src/main.ts' : 'dist/main.js'),
        ...common,
        PORT: String(replicaPort('gateway', k)),
        SUPERGRAPH_PATH: supergraphPath,
        // as `npm start` and the k8s Deployment: the gateway hears the subgraphs' signals (live streams, and the
        // changes that end shared answers; SHARE_PUBLIC_ENTITIES=false in the bench's environment turns those off)
        LIVE_DATABASE_URL: databaseUrl,
        JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
        // the bench signs its tokens once for a run that may outlast identity's 15 minutes
        ACCESS_TOKEN_MAX_SECONDS: '7200',
        RATE_LIMIT_PER_USER_PER_MINUTE: '100000000',
        RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000000',
        ...Object.fromEntries(SUBGRAPHS.map((n) => [`${n.toUpperCase()}_URL`, url(replicaPort(n, k))])),
      },
      !useTsx && !undiciFetcher && gatewayWorkers === 0,
    ),
  }));
  await Promise.all(replicas.map((k) => waitReady(`http://127.0.0.1:${replicaPort('gateway', k)}/health`)));
  const gateway = gateways[0].proc;
  say(REPLICAS > 1 ? `${REPLICAS} replicas of the subgraphs and the gateway ready` : 'subgraphs and gateway ready');

  // a comparison of replicas (--replicas) runs no peer
  const { hive, hiveProblem } =
    WITH_HIVE && REPLICAS === 1
      ? await startHive(supergraphPath, keys.publicKeyFile, secret)
      : { hive: null, hiveProblem: null };
  return { gateway, gateways, subgraphs, hive, hiveProblem, secret, privateKey, useTsx, undiciFetcher, gatewayWorkers };
}

/** Hive Gateway (bench/hive, installed apart) on the same supergraph, keys and secret. */
async function startHive(
  supergraphPath: string,
  publicKeyFile: string,
  secret: string,
): Promise<{ hive: Proc | null; hiveProblem: string | null }> {
  let hive: Proc | null = null;
  let hiveProblem: string | null = null;
  const hiveBin = resolve(REPO_ROOT, 'bench/hive/node_modules/@graphql-hive/gateway/dist/bin.js');
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
        JWT_PUBLIC_KEY_FILE: publicKeyFile,
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
  return { hive, hiveProblem };
}
