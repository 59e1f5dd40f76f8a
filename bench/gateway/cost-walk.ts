/**
 * The gateway's actual-cost walk over the coach view's answer (50 relationships), per answer: each request planning
 * its own fields against the plans kept for the operation; and the dashboard's estimate, worked out for each request
 * against kept for the operation, as its variables size nothing (apps/gateway/src/cost.ts). Bundled first, as the gateway
 * runs (tsx wraps every closure in a naming helper that costs more than the walk itself):
 *
 *   npx esbuild bench/gateway/cost-walk.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=.data/cost-walk.mjs && node .data/cost-walk.mjs
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import federation from '@apollo/federation-internals';
import { parse, type OperationDefinitionNode } from 'graphql';
import { actualCost, costTable, estimateCost, estimateCostOnce } from '../../apps/gateway/src/cost';
import { COACH, DASHBOARD } from '../../scripts/bench/scenarios';

// run from the repository's root (the bundle lives elsewhere than this file)
const sdl = readFileSync(resolve('infra/supergraph/supergraph.graphql'), 'utf8');
const schema = federation.Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const operation = parse(COACH).definitions[0] as OperationDefinitionNode;
const relationship = (i: number) => ({
  id: `${i}`,
  status: 'ACTIVE',
  startedOn: '2026-01-01',
  atRisk: i % 5 === 0,
  atRiskFlags: i % 5 === 0 ? [{ code: 'NO_RECENT_MEETING' }] : [],
  mentee: { displayName: `Mentee ${i}` },
  mentor: { displayName: `Mentor ${i}` },
  progress: { confirmedHours: 3, confirmedMeetings: 2, pace: 'ON_TRACK' },
});
const data = { organizationRelationships: { nodes: Array.from({ length: 50 }, (_, i) => relationship(i)) } };
const walk = { schema, table: costTable(sdl), fragments: {}, variables: {}, operation };

for (const mode of [
  'planned per request',
  'plans kept',
  'planned per request',
  'plans kept',
  'planned per request',
  'plans kept',
]) {
  const n = 20_000;
  let cost = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++)
    cost = actualCost(mode === 'plans kept' ? { ...walk } : { ...walk, plans: new WeakMap() }, data);
  const us = Number(process.hrtime.bigint() - start) / n / 1000;
  console.log(`${mode}: ${us.toFixed(1)} µs per answer (actual cost ${cost})`);
}

const dashboard = {
  ...walk,
  operation: parse(DASHBOARD).definitions[0] as OperationDefinitionNode,
  variables: { from: '2023-01-01', to: '2026-12-31' },
};
for (const mode of ['estimated per request', 'estimate kept', 'estimated per request', 'estimate kept']) {
  const n = 20_000;
  let cost = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++)
    cost = mode === 'estimate kept' ? estimateCostOnce({ ...dashboard }) : estimateCost({ ...dashboard });
  const us = Number(process.hrtime.bigint() - start) / n / 1000;
  console.log(`dashboard, ${mode}: ${us.toFixed(2)} µs per request (estimate ${cost})`);
}
