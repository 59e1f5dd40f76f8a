/** One timed run: autocannon in a process of its own (bench/load/worker.ts), every connection with its own headers and body. */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DATA_DIR } from '../lib/local-env';
import { REPO_ROOT } from '../lib/services';
import { CONNECTIONS } from './options';

export interface LoadResult {
  requests: number;
  rps: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  graphqlErrors: number;
  non2xx: number;
  timeouts: number;
}

/** `target`: one address, or several that share the connections (autocannon spreads them evenly). */
export async function load(
  target: string | string[],
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
