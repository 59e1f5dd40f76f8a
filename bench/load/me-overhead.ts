/**
 * The gateway's overhead on `me { id displayName }` against a held bench stack (`npm run bench -- --hold`), as the
 * full run's overhead phase measures it (10 s uncounted, then `seconds` of pairs): for A/B runs of one change.
 *
 *   npx tsx bench/load/me-overhead.ts [seconds=10]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HEADERS } from '@tandem/contracts';
import { measureOverhead } from './overhead';

const hold = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../.data/bench/hold.json'), 'utf8')) as {
  gateway: string;
  gatewaySecret: string;
  identity: string;
  scenarios: Array<{ token: string; principalHeader: string }>;
};
const seconds = Number(process.argv[2] ?? 10);
const body = JSON.stringify({ query: '{ me { id displayName } }' });
const [mentee] = hold.scenarios;
const gateway = { url: hold.gateway, headers: { authorization: `Bearer ${mentee.token}` }, body };
const direct = {
  url: hold.identity,
  headers: { [HEADERS.gatewaySecret]: hold.gatewaySecret, [HEADERS.principal]: mentee.principalHeader },
  body,
};
await measureOverhead(gateway, direct, 10, 0, 1);
const o = await measureOverhead(gateway, direct, seconds);
console.log(
  `me overhead: paired ${o.pairedOverheadMs.toFixed(3)} ms, medians ${o.gateway.median} vs ${o.direct.median} ms, gateway p99 ${o.gateway.p99} ms (${o.pairs} pairs, ${o.errors} errors)`,
);
