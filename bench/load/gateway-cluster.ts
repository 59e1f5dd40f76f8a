/**
 * An experiment for `npm run bench -- --gateway-workers N`: Tandem's gateway, unchanged, run as N node:cluster
 * workers sharing one port (the primary only forks and restarts). `GATEWAY_ENTRY` is the gateway's entry
 * (the production bundle by default).
 */
import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const workers = Number(process.env.GATEWAY_WORKERS ?? 2);
if (cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', () => {
    if (!stopping) cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await import(pathToFileURL(resolve(process.env.GATEWAY_ENTRY ?? 'dist/main.js')).href);
}
