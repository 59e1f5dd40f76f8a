/** The processes a bench run starts (subgraphs, gateway, Hive Gateway) and the embedded PostgreSQL, stopped together. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { NODE_RUNTIME_FLAGS } from '../lib/node-flags';
import { say } from './options';

export interface Proc {
  name: string;
  child: ChildProcess;
  log: string[];
}
const procs: Proc[] = [];

/** Starts a process; Tandem's own run with the V8 settings they run with everywhere (scripts/lib/node-flags.ts). */
export function start(
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

/** The embedded PostgreSQL the run started, stopped last by stopAll. */
export function stopWithTheRest(database: { stop(): Promise<void> } | null) {
  embedded = database;
}

export async function stopAll() {
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

export async function waitReady(target: string, timeoutMs = 90_000) {
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
