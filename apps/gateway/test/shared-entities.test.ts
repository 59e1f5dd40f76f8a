import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SHARED_ENTITIES_EXTENSION, type Principal } from '@tandem/contracts';
import { SharedEntities } from '../src/shared-entities';
import { GatewayObservability } from '../src/observability';
import { AuthenticatedDataSource } from '../src/subgraph-source';
import { createSubgraphFetcher, type Fetcher } from '../src/fetcher';

const MENTEE: Principal = { userId: 'mentee-1', roles: ['MENTEE'], organizationId: null };
const COACH: Principal = { userId: 'coach-1', roles: ['COACH'], organizationId: 'org-1' };
const ANALYST: Principal = { userId: 'analyst-1', roles: ['ANALYST'], organizationId: null };
const API_KEY: Principal = { userId: 'key-1', roles: [], organizationId: 'org-1', apiKeyId: 'key-1' };
const FETCH =
  'query D__identity__2($representations:[_Any!]!){_entities(representations:$representations){...on User{displayName}}}';

const person = (id: string) => ({ __typename: 'User', id });

describe('SharedEntities', () => {
  it('should keep and serve nothing until it hears the signals, and forget everything when it stops', () => {
    const shared = new SharedEntities();
    expect(shared.serves(MENTEE)).toBe(false);
    shared.keep(FETCH, 'a', { displayName: 'A' }, shared.mark);
    expect(shared.size).toBe(0);

    shared.setListening(true);
    shared.keep(FETCH, 'a', { displayName: 'A' }, shared.mark);
    expect(shared.get(FETCH, 'a')).toEqual({ displayName: 'A' });
    shared.setListening(false);
    expect(shared.serves(MENTEE)).toBe(false);
    expect(shared.size).toBe(0);
  });

  it('should serve participants only: never an analyst, an API key or an anonymous caller', () => {
    const shared = new SharedEntities();
    shared.setListening(true);
    expect([MENTEE, COACH, ANALYST, API_KEY, null].map((p) => shared.serves(p))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(shared.serves({ ...ANALYST, roles: ['ANALYST', 'MENTOR'] })).toBe(true);
  });

  it('should fetch everything for a caller who just wrote, for a moment', () => {
    let now = 0;
    const shared = new SharedEntities({ writeWindowMs: 2_000, now: () => now });
    shared.setListening(true);
    shared.wrote(MENTEE);
    expect(shared.serves(MENTEE)).toBe(false);
    expect(shared.serves(COACH)).toBe(true);
    now = 2_001;
    expect(shared.serves(MENTEE)).toBe(true);
  });

  it('should forget a person in every fetch, and keep nothing from a fetch that started before a change', () => {
    const shared = new SharedEntities();
    shared.setListening(true);
    shared.keep(FETCH, 'a', { displayName: 'A' }, shared.mark);
    shared.keep('other fetch', 'a', { displayName: 'A' }, shared.mark);
    shared.keep(FETCH, 'b', { displayName: 'B' }, shared.mark);
    const started = shared.mark;
    shared.forget('a');
    expect(shared.get(FETCH, 'a')).toBeUndefined();
    expect(shared.get('other fetch', 'a')).toBeUndefined();
    expect(shared.get(FETCH, 'b')).toEqual({ displayName: 'B' });
    // an answer read before the change arrives after it: not kept
    shared.keep(FETCH, 'a', { displayName: 'A (old)' }, started);
    expect(shared.get(FETCH, 'a')).toBeUndefined();
  });

  it('should hand out a fresh object each time, drop the oldest past its bound and the stale past its age', () => {
    let now = 0;
    const shared = new SharedEntities({ maxPeople: 2, maxAgeMs: 1_000, now: () => now });
    shared.setListening(true);
    shared.keep(FETCH, 'a', { displayName: 'A' }, shared.mark);
    const first = shared.get(FETCH, 'a')!;
    first.displayName = 'changed by the caller';
    expect(shared.get(FETCH, 'a')).toEqual({ displayName: 'A' });

    shared.keep(FETCH, 'b', { displayName: 'B' }, shared.mark);
    shared.keep(FETCH, 'c', { displayName: 'C' }, shared.mark);
    expect(shared.size).toBe(2);
    expect(shared.get(FETCH, 'a')).toBeUndefined();
    // the bound counts people: another fetch's answer for one already held evicts nobody
    shared.keep('other fetch', 'c', { displayName: 'C' }, shared.mark);
    expect(shared.size).toBe(3);
    expect(shared.get(FETCH, 'b')).toEqual({ displayName: 'B' });
    now = 1_001;
    expect(shared.get(FETCH, 'b')).toBeUndefined();
  });
});

/**
 * identity's data source, sharing, over a double of identity that answers each representation with its display
 * name and lists what it calls shared.
 */
function identityDouble(sharedIds: Set<string>, failing = new Set<string>()) {
  const calls: string[][] = [];
  const fetcher = (async (_url: string, init?: { body?: unknown }) => {
    const { variables } = JSON.parse(String(init?.body)) as { variables: { representations: Array<{ id: string }> } };
    const ids = variables.representations.map((r) => r.id);
    calls.push(ids);
    const body = {
      data: { _entities: ids.map((id) => (failing.has(id) ? null : { displayName: `Name ${id}` })) },
      errors: ids.flatMap((id, i) =>
        failing.has(id) ? [{ message: 'failed', path: ['_entities', i, 'displayName'] }] : [],
      ),
      extensions: { [SHARED_ENTITIES_EXTENSION]: ids.flatMap((id, i) => (sharedIds.has(id) ? [i] : [])) },
    };
    if (body.errors.length === 0) delete (body as { errors?: unknown }).errors;
    return {
      ok: true,
      status: 200,
      headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/json' : null) },
      json: async () => body,
      text: async () => JSON.stringify(body),
    };
  }) as unknown as Fetcher;
  const shared = new SharedEntities();
  shared.setListening(true);
  const source = new AuthenticatedDataSource('http://identity', 'secret', undefined, 'identity', fetcher, shared);
  return { source, calls };
}

function fetchOf(source: AuthenticatedDataSource, principal: Principal, ids: string[]) {
  return source.process({
    kind: 'incoming operation',
    request: { query: FETCH, variables: { representations: ids.map(person) } },
    context: { principal },
    incomingRequestContext: { overallCachePolicy: { restrict() {} } },
  } as never);
}

describe('entity fetches with shared answers', () => {
  it('should fetch only the people it does not hold, for this caller, and answer in the order asked', async () => {
    const identity = identityDouble(new Set(['a', 'b']), new Set(['x']));
    const source = identity.source;

    await fetchOf(source, MENTEE, ['a', 'b']);
    const answer = await fetchOf(source, COACH, ['c', 'a', 'x', 'b']);
    expect(identity.calls).toEqual([
      ['a', 'b'],
      ['c', 'x'],
    ]);
    expect(answer.data).toEqual({
      _entities: [{ displayName: 'Name c' }, { displayName: 'Name a' }, null, { displayName: 'Name b' }],
    });
    // the error of the third person asked (second fetched) keeps its place in the plan's answer
    expect(answer.errors?.map((e) => e.path)).toEqual([['_entities', 2, 'displayName']]);

    // everyone held: no call at all
    const held = await fetchOf(source, MENTEE, ['b', 'a']);
    expect(identity.calls).toHaveLength(2);
    expect(held.data).toEqual({ _entities: [{ displayName: 'Name b' }, { displayName: 'Name a' }] });
  });

  it('should keep only what identity declares shared, and share nothing with an analyst', async () => {
    const identity = identityDouble(new Set(['a']));
    const source = identity.source;

    await fetchOf(source, MENTEE, ['a', 'b']);
    await fetchOf(source, ANALYST, ['a']);
    await fetchOf(source, MENTEE, ['a', 'b']);
    expect(identity.calls).toEqual([['a', 'b'], ['a'], ['b']]);
  });
});

describe('shared answers and the deduplication of identical fetches', () => {
  it('should not let a fetch sent after a change join one sent before it, nor keep the older answer', async () => {
    // identity answers each call with the name it has when the call arrives, a moment later
    let name = 'Old name';
    let calls = 0;
    let arrived = () => {};
    const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
    const server = http.createServer((req, res) => {
      calls += 1;
      const answer = name;
      arrived();
      req.resume();
      req.on('end', () =>
        setTimeout(() => {
          res.setHeader('content-type', 'application/json');
          res.end(
            JSON.stringify({
              data: { _entities: [{ displayName: answer }] },
              extensions: { [SHARED_ENTITIES_EXTENSION]: [0] },
            }),
          );
        }, 50),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const fetcher = createSubgraphFetcher({ dedupeQueries: true });
    const shared = new SharedEntities();
    shared.setListening(true);
    const source = new AuthenticatedDataSource(url, 'secret', undefined, 'identity', fetcher.fetch, shared);
    try {
      const before = fetchOf(source, MENTEE, ['a']); // reads the old name
      await firstArrived;
      name = 'New name';
      shared.forget('a'); // the change's signal, while the first fetch is under way
      const after = fetchOf(source, MENTEE, ['a']); // the same caller and body: must not join the first
      expect((await before).data).toEqual({ _entities: [{ displayName: 'Old name' }] });
      expect((await after).data).toEqual({ _entities: [{ displayName: 'New name' }] });
      expect(calls).toBe(2);
      expect(shared.get(FETCH, 'a')).toEqual({ displayName: 'New name' });
    } finally {
      fetcher.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('shared answers on /metrics', () => {
  it('should count hits, misses and forgets, and show what is held', async () => {
    const observability = new GatewayObservability({ tracing: false, metrics: true });
    const shared = new SharedEntities();
    observability.shareAnswers(shared);
    shared.setListening(true);
    shared.keep(FETCH, 'a', { displayName: 'A' }, shared.mark);
    shared.get(FETCH, 'a');
    shared.get(FETCH, 'a');
    shared.get(FETCH, 'b');
    const first = await observability.registry.metrics();
    expect(first).toMatch(/tandem_gateway_shared_answers_total\{outcome="hit",service="gateway"\} 2\n/);
    expect(first).toMatch(/tandem_gateway_shared_answers_total\{outcome="miss",service="gateway"\} 1\n/);
    expect(first).toMatch(/tandem_gateway_shared_answers_kept\{service="gateway"\} 1\n/);

    shared.forget('a');
    shared.get(FETCH, 'a');
    const second = await observability.registry.metrics();
    expect(second).toMatch(/tandem_gateway_shared_answers_total\{outcome="miss",service="gateway"\} 2\n/);
    expect(second).toMatch(/tandem_gateway_shared_answers_forgotten_total\{service="gateway"\} 1\n/);
    expect(second).toMatch(/tandem_gateway_shared_answers_kept\{service="gateway"\} 0\n/);
  });
});
