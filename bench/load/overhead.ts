/**
 * The gateway's own cost on a single-subgraph operation, measured without queueing and at microsecond
 * resolution: one kept-alive connection to each side, requests one at a time, the gateway and the subgraph
 * taken in turns (the order flips every pair) so drift in the machine's speed touches both alike.
 * autocannon's histogram counts whole milliseconds, which turns a 0.5 ms direct median into 0 and a 2.1 ms
 * gateway median into 2; this measures both to the microsecond.
 */
import http from 'node:http';

export interface ProbeTarget {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface LatencyStats {
  median: number;
  p90: number;
  p99: number;
  mean: number;
}

export interface OverheadResult {
  pairs: number;
  gateway: LatencyStats;
  direct: LatencyStats;
  /** Median of gateway − median of direct, ms (the target's own terms). */
  medianOverheadMs: number;
  /** Median of the per-pair differences, ms: steadier when the operation's own time varies a lot. */
  pairedOverheadMs: number;
  errors: number;
}

function post(agent: http.Agent, target: ProbeTarget): Promise<{ ms: number; ok: boolean }> {
  const url = new URL(target.url);
  const body = Buffer.from(target.body);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, ...target.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - started;
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ ms, ok: res.statusCode === 200 && !text.includes('"errors"') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

function stats(values: number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    median: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

/** Runs pairs for `seconds` (and at least `minPairs`) after `warmupSeconds` of uncounted ones (JIT, plan caches). */
export async function measureOverhead(
  gateway: ProbeTarget,
  direct: ProbeTarget,
  seconds: number,
  warmupSeconds = 3,
  minPairs = 100,
): Promise<OverheadResult> {
  const agents = [
    new http.Agent({ keepAlive: true, maxSockets: 1 }),
    new http.Agent({ keepAlive: true, maxSockets: 1 }),
  ];
  const g: number[] = [];
  const d: number[] = [];
  let errors = 0;
  try {
    let deadline = Infinity;
    const warmUntil = performance.now() + warmupSeconds * 1000;
    let counted = false;
    for (let i = 0; ; i++) {
      counted ||= i >= 5 && performance.now() >= warmUntil;
      if (counted && deadline === Infinity) deadline = performance.now() + seconds * 1000;
      if (counted && performance.now() >= deadline && g.length >= minPairs) break;
      for (const side of i % 2 === 0 ? (['g', 'd'] as const) : (['d', 'g'] as const)) {
        const r = await post(side === 'g' ? agents[0] : agents[1], side === 'g' ? gateway : direct);
        if (!r.ok) errors += 1;
        if (counted) (side === 'g' ? g : d).push(r.ms);
      }
    }
  } finally {
    for (const a of agents) a.destroy();
  }
  const gs = stats(g);
  const ds = stats(d);
  const paired = stats(g.map((ms, i) => ms - d[i])).median;
  return {
    pairs: g.length,
    gateway: gs,
    direct: ds,
    medianOverheadMs: round(gs.median - ds.median),
    pairedOverheadMs: paired,
    errors,
  };
}
