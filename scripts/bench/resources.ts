/** CPU and memory of the processes under load, read from /proc. */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import type { Proc } from './processes';

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
export function sampler(targets: Proc[]) {
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
