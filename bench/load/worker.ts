/**
 * The load generator of `npm run bench`, in its own process: autocannon against one URL for a fixed duration,
 * each connection with its own headers (its own token) and body. Reads its job as JSON from argv[2] (a file),
 * prints the result as one JSON line on stdout.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

interface Job {
  /** One address, or several sharing the connections evenly (gateway replicas). */
  url: string | string[];
  connections: number;
  durationSeconds: number;
  /** One entry per connection (cycled if fewer). */
  perConnection: Array<{ headers: Record<string, string>; body: string }>;
}

const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Job;
let next = 0;
const instance = autocannon(
  {
    url: job.url,
    method: 'POST',
    connections: job.connections,
    duration: job.durationSeconds,
    pipelining: 1,
    setupClient(client) {
      const mine = job.perConnection[next++ % job.perConnection.length];
      client.setHeaders({ 'content-type': 'application/json', ...mine.headers });
      client.setBody(mine.body);
    },
    // GraphQL answers 200 with errors: a body that carries "errors" counts as an error (a mismatch)
    verifyBody: (body: string) => !body.includes('"errors"'),
  },
  (error, result) => {
    if (error) {
      process.stderr.write(String(error));
      process.exit(1);
    }
    process.stdout.write(
      JSON.stringify({
        requests: result.requests.total,
        rps: result.requests.average,
        latency: {
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
          mean: result.latency.average,
        },
        errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
        transportErrors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        graphqlErrors: result.mismatches,
      }) + '\n',
    );
  },
);
process.once('SIGTERM', () => instance.stop());
