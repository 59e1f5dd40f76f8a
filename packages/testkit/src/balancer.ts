/**
 * A round-robin HTTP balancer in front of a subgraph's instances, as a Kubernetes Service (or a mesh) spreads the
 * gateways' requests over a Deployment's pods: each request goes to the next instance in turn, so two requests of
 * one journey, even of one query plan, may reach different instances.
 */
import http from 'node:http';

export interface Balancer {
  /** The balancer's address, with the instances' path (`/graphql`). */
  url: string;
  /** Requests sent to each instance so far, in the order of the targets. */
  readonly served: number[];
  stop(): Promise<void>;
}

export async function startBalancer(targets: string[]): Promise<Balancer> {
  if (targets.length === 0) throw new Error('a balancer needs at least one instance');
  const agent = new http.Agent({ keepAlive: true });
  const served = targets.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    const i = next++ % targets.length;
    served[i]++;
    const target = new URL(req.url ?? '/', targets[i]);
    const upstream = http.request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // an instance that is down answers 502, as a Service with no ready endpoint would refuse the connection
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const path = new URL(targets[0]).pathname;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    served,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
