/**
 * What the gateway's session check (SESSION_CHECK) costs a request: the token check alone (a token already
 * verified, as for every request after a client's first), then with the account's state remembered (the cache
 * hit of nearly every request), then with the state asked of a local HTTP server every time (TTL 0, the cost
 * of a miss without the network). CPU time per request, in the gateway's process.
 *
 *   npx tsx bench/http/session-check.ts [iterations]      (default 200,000; a miss is measured 1/50 as often)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Principal, SessionState } from '@tandem/contracts';
import { generateSigningKeys, signAccessToken } from '@tandem/testkit';
import { AccountStates } from '../../apps/gateway/src/account-states';
import { createTokenVerifier } from '../../apps/gateway/src/auth';
import { verifySession } from '../../apps/gateway/src/session-check';

const iterations = Number(process.argv[2] ?? 200_000);
const USERS = 1000;
const SECRET = 'bench-secret-of-enough-length';

const keys = await generateSigningKeys();
const verify = await createTokenVerifier(keys.publicKey);
const principals: Principal[] = Array.from({ length: USERS }, () => ({
  userId: randomUUID(),
  roles: ['MENTEE'],
  organizationId: null,
}));
const bearers = await Promise.all(principals.map(async (p) => `Bearer ${await signAccessToken(keys.privateKey, p)}`));

// identity's route, played by a bare node:http server answering one state
const state: SessionState = { active: true, sessionVersion: 0, roles: ['MENTEE'], organizationId: null };
const body = JSON.stringify(state);
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const identityUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
const remembering = new AccountStates({ identityUrl, gatewaySecret: SECRET, ttlMs: 60_000 });
const asking = new AccountStates({ identityUrl, gatewaySecret: SECRET, ttlMs: 0 });

async function measure(name: string, n: number, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(n, 5000); i++) await run(i); // warm-up (and fills the caches)
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < n; i++) await run(i);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / n;
  console.log(
    `${name.padEnd(44)} ${cpuUs.toFixed(2).padStart(8)} µs CPU  ${((wall * 1000) / n).toFixed(2).padStart(8)} µs wall`,
  );
  return cpuUs;
}

console.log(`${iterations} requests over ${USERS} users (node ${process.version})`);
const base = await measure('token check only (verified token cached)', iterations, (i) => verify(bearers[i % USERS]));
const hit = await measure('+ session check, state remembered (hit)', iterations, (i) =>
  verifySession(verify, remembering, bearers[i % USERS]),
);
const miss = await measure('+ session check, state asked every time', Math.ceil(iterations / 50), (i) =>
  verifySession(verify, asking, bearers[i % USERS]),
);
console.log(
  `session check per request: ${(hit - base).toFixed(2)} µs on a hit, ${(miss - base).toFixed(0)} µs on a miss (local HTTP)`,
);
server.close();
process.exit(0);
