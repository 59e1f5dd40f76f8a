/**
 * The gateway's own cost, without queueing: one connection each, single-subgraph operations, gateway and
 * subgraph in turns, timed to the microsecond (bench/load/overhead.ts).
 */
import { encodePrincipal, HEADERS } from '@tandem/contracts';
import { signAccessToken } from '@tandem/testkit';
import { measureOverhead } from '../../bench/load/overhead';
import { DURATION, PORTS, say, url } from './options';
import type { Overhead } from './report';
import type { Scenario } from './scenarios';

export async function measureGatewayOverhead(list: Scenario[], privateKey: string, secret: string) {
  const overhead: Overhead[] = [];
  const probe: Scenario = {
    name: 'me { displayName } (identity only)',
    query: `{ me { id displayName } }`,
    single: 'identity',
    principal: list[0].principal,
    variables: () => ({}),
  };
  // the first probe after start-up or after the load runs measured about 1 ms more than the same probe repeated
  // a minute later (2.2 vs 1.0 ms for `me`, either principal first): 10 s of it, uncounted, before any is kept
  const token = await signAccessToken(privateKey, probe.principal(0), '2h');
  const body = JSON.stringify({ query: probe.query });
  await measureOverhead(
    { url: url(PORTS.gateway), headers: { authorization: `Bearer ${token}` }, body },
    {
      url: url(PORTS.identity),
      headers: { [HEADERS.gatewaySecret]: secret, [HEADERS.principal]: encodePrincipal(probe.principal(0)) },
      body,
    },
    10,
    0,
    1,
  );
  for (const s of [probe, ...list.filter((x) => x.single)]) {
    const c = {
      principal: s.principal(0),
      token: await signAccessToken(privateKey, s.principal(0), '2h'),
      body: JSON.stringify({ query: s.query, variables: s.variables(0) }),
    };
    const o = await measureOverhead(
      { url: url(PORTS.gateway), headers: { authorization: `Bearer ${c.token}` }, body: c.body },
      {
        url: url(PORTS[s.single!]),
        headers: { [HEADERS.gatewaySecret]: secret, [HEADERS.principal]: encodePrincipal(c.principal) },
        body: c.body,
      },
      Math.max(5, Math.round(DURATION / 2)),
    );
    overhead.push({
      scenario: s.name,
      pairs: o.pairs,
      gateway: o.gateway,
      direct: o.direct,
      overheadMedianMs: o.medianOverheadMs,
      pairedOverheadMs: o.pairedOverheadMs,
      errors: o.errors,
    });
    say(
      `overhead at 1 connection, ${s.name}: gateway median ${o.gateway.median} ms vs direct ${o.direct.median} ms (${o.pairs} pairs, ${o.errors} errors)`,
    );
  }
  return overhead;
}
