/**
 * More than one machine (issue 24): two instances of every subgraph and two gateways on one database, as a
 * Kubernetes deployment with two replicas of each runs them. The instances of a subgraph consume the same inbox
 * (pg-boss's job table), the gateways reach them through a round-robin balancer per subgraph, and the test's
 * client alternates between the gateways. Through them it builds the world of tests/support/world.ts (registration,
 * requests, a relationship, meetings logged and confirmed), then runs a burst of parallel logs, confirmations and
 * messages, delivers every event published so far a second and a third time (at-least-once delivery, both replicas
 * fetching at once), and proves:
 * - every event is applied once in effect: one CPD entry per person per confirmed meeting, one notification per
 *   recipient per source event, none lost, each consumer's consumed-event ids unique, no table of any service
 *   changed by the redeliveries;
 * - a session ended through one gateway is refused by the other within the session-state window (2 s);
 * - the read models answer alike through either gateway, and agree with the data they are built from.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@tandem/contracts';
import { eventually, startStack, type Stack, testDatabaseUrl, zoneWhereTodayIsPastTen } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { addDays, adminEnv, buildWorld, call, creditMeetings, PASSWORD, type World } from '../support/world';

const REPLICAS = 2;
/** The gateways' session-state cache, as in production (SESSION_STATE_TTL_MS's default). */
const SESSION_WINDOW_MS = 2_000;
const SERVICES = [identity, matching, relationships, reporting];
const SCHEMAS = SERVICES.map((s) => s.schema);
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@replicas.test`;

let stack: Stack;
/** Events applied, and batches of deliveries fetched from the inbox, per instance (`service#replica`), from their logs. */
const applied = new Map<string, number>();
const fetched = new Map<string, number>();

/** The instances log at debug level; only these two kinds of line are counted, the rest are dropped. */
const logCounter = {
  write(line: string) {
    const counter = line.includes('"event applied"')
      ? applied
      : line.includes('"events fetched"') && line.includes('_inbox"')
        ? fetched
        : null;
    if (!counter) return;
    const { service, replica } = JSON.parse(line) as { service: string; replica: number };
    const key = `${service}#${replica}`;
    counter.set(key, (counter.get(key) ?? 0) + 1);
  },
};
/** Deliveries a consumer takes at a time (the kit's inbox batch). */
const CONSUMER_BATCH = 25;

/** The stack as seen by a client that sends each request to the next gateway in turn. */
function alternating(): Stack {
  let turn = 0;
  return {
    ...stack,
    gql: (query, variables, auth = {}) => stack.gql(query, variables, { ...auth, via: turn++ % REPLICAS }),
  };
}
/** The stack as seen through one gateway. */
const via = (gateway: number): Stack => ({
  ...stack,
  gql: (query, variables, auth = {}) => stack.gql(query, variables, { ...auth, via: gateway }),
});

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: SERVICES,
    env: adminEnv(ADMIN_EMAIL),
    sessionCheck: true,
    replicas: REPLICAS,
    gatewayEnv: { SESSION_STATE_TTL_MS: String(SESSION_WINDOW_MS) },
    log: { destination: logCounter, level: 'debug' },
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const E = 'errors { field code message }';
const LOG = `mutation ($id: ID!, $input: MeetingInput!) { logMeeting(relationshipId: $id, input: $input) { ${E} meeting { id } } }`;
const CONFIRM = `mutation ($id: ID!) { confirmMeeting(meetingId: $id) { ${E} } }`;
const SEND = `mutation ($id: ID!, $body: String!) { sendMessage(relationshipId: $id, body: $body) { ${E} } }`;
const COACH_SEND = `mutation ($id: ID!, $body: String!) { sendCoachThreadMessage(relationshipId: $id, body: $body) { ${E} } }`;
const BURST = 10;

/** The k-th meeting of the burst: 15 minutes from 02:20 local, 20 minutes apart (the world's end by 02:10). */
function burstMeeting(today: string, k: number) {
  const minutes = 140 + 20 * k;
  const startTime = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return {
    occurredOn: today,
    startTime,
    timeZone: zoneWhereTodayIsPastTen(),
    durationMinutes: 15,
    mode: 'VIDEO',
    topics: ['Audit practice'],
  };
}

/**
 * Every table of every service (pg-boss's queue aside), as its row count and a digest of its rows: what an event's
 * effect can change, a counter bumped twice as much as a row added twice.
 */
async function tableStates(): Promise<Record<string, string>> {
  const tables = await stack.sql<{ t: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables WHERE schemaname = ANY($1) ORDER BY 1`,
    [SCHEMAS],
  );
  const rows = await stack.sql<{ t: string; state: string }>(
    tables
      .map(
        ({ t }) =>
          `SELECT '${t}' AS t, count(*) || ' rows ' || coalesce(md5(string_agg(r::text, ',' ORDER BY r::text)), '') AS state FROM ${t} r`,
      )
      .join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.state]));
}

/** Every event the services published (their event logs), as the envelope their outbox delivered. */
async function published(): Promise<EventEnvelope[]> {
  const rows = await Promise.all(
    SCHEMAS.map((schema) =>
      stack.sql<{ id: string; name: string; version: number; payload: unknown; occurredAt: Date }>(
        `SELECT id, name, version, payload, occurred_at AS "occurredAt" FROM ${schema}.event_log`,
      ),
    ),
  );
  return rows.flatMap((list, i) =>
    list.map(
      (r) =>
        ({
          id: r.id,
          name: r.name,
          version: r.version,
          occurredAt: r.occurredAt.toISOString(),
          producer: SERVICES[i].name,
          payload: r.payload,
        }) as EventEnvelope,
    ),
  );
}

describe(`${REPLICAS} replicas of each subgraph and of the gateway on one database`, () => {
  let world: World;
  const loggedIds: string[] = [];

  beforeAll(async () => {
    world = await buildWorld(alternating(), ADMIN_EMAIL);
    await creditMeetings(alternating(), world, [world.meetingId]);

    // a burst through both gateways at once: meetings logged by either partner and coach-thread messages…
    const client = alternating();
    const partners = [world.mentee, world.mentor];
    const logs = Array.from({ length: BURST }, (_, k) =>
      call(client, LOG, { id: world.relationshipId, input: burstMeeting(world.today, k) }, partners[k % 2].token).then(
        (d) => ({ id: d.logMeeting.meeting.id as string, confirmer: partners[(k + 1) % 2] }),
      ),
    );
    const notes = Array.from({ length: BURST }, (_, k) =>
      call(client, COACH_SEND, { id: world.relationshipId, body: `Note ${k} for the coach` }, partners[k % 2].token),
    );
    const [logged] = await Promise.all([Promise.all(logs), Promise.all(notes)]);
    loggedIds.push(...logged.map((l) => l.id));
    // …then each confirmed by the other partner, beside private messages
    await Promise.all([
      ...logged.map(({ id, confirmer }) => call(client, CONFIRM, { id }, confirmer.token)),
      ...Array.from({ length: BURST }, (_, k) =>
        call(client, SEND, { id: world.relationshipId, body: `Message ${k}` }, partners[k % 2].token),
      ),
    ]);
    await stack.settle(30_000);
  }, 150_000);

  it('should spread the requests and the events over both instances of every subgraph', () => {
    console.info(
      `replicas: requests per instance ${JSON.stringify(Object.fromEntries(Object.entries(stack.balancers).map(([n, b]) => [n, b.served])))}, events applied per instance ${JSON.stringify(Object.fromEntries([...applied].sort()))}`,
    );
    for (const { name } of SERVICES) {
      const served = stack.balancers[name].served;
      expect(served.length, name).toBe(REPLICAS);
      for (const n of served) expect(n, `${name} requests per instance: ${served}`).toBeGreaterThan(0);
    }
    // every service applied events (which instance took which is a race: see the redeliveries below)
    for (const { name } of SERVICES) {
      const perReplica = Array.from({ length: REPLICAS }, (_, r) => applied.get(`${name}#${r}`) ?? 0);
      expect(
        perReplica.reduce((a, b) => a + b),
        name,
      ).toBeGreaterThan(0);
    }
  });

  it('should apply every event once in effect, also when each is delivered twice more to both replicas', async () => {
    const events = await published();
    // the inboxes each event goes to, as the outbox addressed it
    const subscriptions = await stack.sql<{ event: string; name: string }>(
      `SELECT event, name FROM pgboss.subscription`,
    );
    const inboxesOf = new Map<string, string[]>();
    for (const s of subscriptions) inboxesOf.set(s.event, [...(inboxesOf.get(s.event) ?? []), s.name]);
    const before = await tableStates();

    // at-least-once delivery, made to happen: every event published so far, at least twice more in every inbox it
    // went to, and more than a consumer's batch in each inbox, so that both replicas of each service take some
    const addressedTo = (inbox: string) => events.filter((e) => inboxesOf.get(e.name)?.includes(inbox));
    const jobs = SERVICES.flatMap(({ name }) => {
      const queue = `${name}_inbox`;
      const addressed = addressedTo(queue);
      const copies = Math.max(2, Math.ceil((CONSUMER_BATCH + 1) / addressed.length));
      return addressed.flatMap((e) => Array.from({ length: copies }, () => ({ queue, e })));
    });
    const fetchedBefore = new Map(fetched);
    const inserted = await stack.sql<{ id: string }>(
      `INSERT INTO pgboss.job (name, data, retry_limit, retry_delay, retry_backoff, expire_in)
       SELECT j->>'queue', j->'e', 12, 1, false, interval '30 seconds' FROM jsonb_array_elements($1::jsonb) j
       RETURNING id`,
      [JSON.stringify(jobs)],
    );
    expect(inserted.length).toBe(jobs.length);
    for (const s of Object.values(stack.instances).flat()) s.runtime.events.wake();
    await stack.settle(45_000);
    // every redelivery was taken by a replica and completed
    const done = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE id = ANY($1::uuid[]) AND state = 'completed'`,
      [inserted.map((j) => j.id)],
    );
    expect(done[0].n).toBe(jobs.length);
    console.info(
      `replicas: ${jobs.length} redeliveries; inbox batches fetched per instance over the run ${JSON.stringify(Object.fromEntries([...fetched].sort()))}`,
    );
    // both replicas of every service took a share of them from the one inbox
    for (const { name } of SERVICES) {
      const perReplica = Array.from(
        { length: REPLICAS },
        (_, r) => (fetched.get(`${name}#${r}`) ?? 0) - (fetchedBefore.get(`${name}#${r}`) ?? 0),
      );
      for (const n of perReplica) expect(n, `${name} batches fetched per instance: ${perReplica}`).toBeGreaterThan(0);
    }

    // nothing lost, nothing given up: no delivery failed for good
    const failed = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE '%\\_inbox' AND state = 'failed'`,
    );
    expect(failed[0].n).toBe(0);
    // no service's table changed, not a row nor a counter: the redeliveries had no effect at all
    expect(await tableStates()).toEqual(before);

    // each consumer: its consumed ids unique, and every event addressed to it among them
    for (const { name, schema } of SERVICES) {
      const [{ total, distinct }] = await stack.sql<{ total: number; distinct: number }>(
        `SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct FROM ${schema}.processed_event`,
      );
      expect(total, name).toBe(distinct);
      const consumed = new Set(
        (await stack.sql<{ id: string }>(`SELECT event_id AS id FROM ${schema}.processed_event`)).map((r) => r.id),
      );
      const addressed = addressedTo(`${name}_inbox`);
      expect(addressed.length, name).toBeGreaterThan(0);
      expect(
        addressed.filter((e) => !consumed.has(e.id)).map((e) => e.name),
        `${name} lost events`,
      ).toEqual([]);
    }
  });

  it('should hold one CPD entry per person per confirmed meeting', async () => {
    const confirmed = await stack.sql<{ id: string }>(
      `SELECT m.id FROM relationships.meeting m WHERE m.relationship_id = $1 AND m.status = 'CONFIRMED'`,
      [world.relationshipId],
    );
    expect(confirmed.length).toBe(BURST + 1);
    const entries = await stack.sql<{ meetingId: string; people: number; entries: number }>(
      `SELECT meeting_id AS "meetingId", count(DISTINCT user_id)::int AS people, count(*)::int AS entries
         FROM reporting.cpd_entry WHERE relationship_id = $1 GROUP BY meeting_id`,
      [world.relationshipId],
    );
    expect(entries.map((e) => e.meetingId).sort()).toEqual(confirmed.map((m) => m.id).sort());
    for (const e of entries) expect(e, e.meetingId).toMatchObject({ people: 2, entries: 2 });
  });

  it('should hold one notification per recipient of each logged meeting and coach-thread message, none lost', async () => {
    const events = (await published()).filter((e) => e.name === 'MeetingLogged' || e.name === 'CoachThreadMessageSent');
    expect(events.length).toBeGreaterThanOrEqual(2 * BURST);
    const rows = await stack.sql<{ sourceEventId: string; userId: string; kind: string }>(
      `SELECT source_event_id AS "sourceEventId", user_id AS "userId", kind FROM identity.notification
        WHERE source_event_id = ANY($1::uuid[])`,
      [events.map((e) => e.id)],
    );
    const got = rows.map((r) => `${r.sourceEventId} ${r.userId} ${r.kind}`).sort();
    const expected = events
      .flatMap((e) => {
        const p = e.payload as Record<string, string>;
        if (e.name === 'MeetingLogged') return [`${e.id} ${p.awaitingUserId} MEETING_AWAITING_CONFIRMATION`];
        // the partners and the coach of the pair's organisation, but the author
        return [world.mentee.userId, world.mentor.userId, world.coachA.userId]
          .filter((u) => u !== p.authorId)
          .map((u) => `${e.id} ${u} COACH_THREAD_MESSAGE`);
      })
      .sort();
    expect(got).toEqual(expected);
  });

  it('should answer the read models alike through either gateway, as the data they are built from says', async () => {
    const from = addDays(world.today, -30);
    const to = addDays(world.today, 1);
    const read = async (gateway: number) => {
      const client = via(gateway);
      const [coach, mentor, mentee, stats] = await Promise.all([
        call(
          client,
          `{ caseload(first: 50) { totalCount pausedCount atRiskCount edges { node { id status } } } }`,
          {},
          world.coachA.token,
        ),
        call(
          client,
          `{ me { activeMentees cpdHours relationships { id status } notifications(first: 1) { totalCount } } }`,
          {},
          world.mentor.token,
        ),
        call(client, `{ me { cpdHours notifications(first: 1) { totalCount } } }`, {}, world.mentee.token),
        call(
          client,
          `query ($from: LocalDate!, $to: LocalDate!, $p: ID!) { programmeStats(from: $from, to: $to, filter: { programmeId: $p }) { meetingsConfirmed hoursConfirmed relationshipsStarted activeRelationships } }`,
          { from, to, p: world.programmeId },
          world.admin.token,
        ),
      ]);
      return { coach, mentor, mentee, stats };
    };
    const [a, b] = [await read(0), await read(1)];
    expect(b).toEqual(a);

    // and they say what the owners' tables say
    const [truth] = await stack.sql<{ meetings: number; hours: number; active: number }>(
      `SELECT (SELECT count(*)::int FROM relationships.meeting WHERE relationship_id = $1 AND status = 'CONFIRMED') AS meetings,
              (SELECT sum(duration_minutes)::float / 60 FROM relationships.meeting WHERE relationship_id = $1 AND status = 'CONFIRMED') AS hours,
              (SELECT count(*)::int FROM relationships.relationship WHERE mentor_id = $2 AND status = 'ACTIVE') AS active`,
      [world.relationshipId, world.mentor.userId],
    );
    expect(a.stats.programmeStats).toEqual([
      expect.objectContaining({
        meetingsConfirmed: truth.meetings,
        hoursConfirmed: truth.hours,
        relationshipsStarted: 1,
      }),
    ]);
    expect(a.mentee.me.cpdHours).toBe(truth.hours);
    expect(a.mentor.me.cpdHours).toBe(truth.hours);
    expect(a.mentor.me.activeMentees).toBe(truth.active);
    expect(a.coach.caseload.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(world.relationshipId);
  });

  it('should refuse, through the other gateway, a session ended through one, within the session-state window', async () => {
    const person = world.otherMentee;
    const ME = `{ me { id } }`;
    // both gateways know the account's state (cached for up to the window)
    for (const g of [0, 1]) expect((await call(via(g), ME, {}, person.token)).me.id).toBe(person.userId);

    const changed = await call(
      via(0),
      `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { ${E} session { accessToken } } }`,
      { c: PASSWORD, n: `Replica-pass-${randomUUID().slice(0, 8)}` },
      person.token,
    );
    const changedAt = Date.now();
    // the old token, on the other gateway: refused at once (identity's account signal reaches every gateway), at
    // the latest once the state it cached before the change is older than the window
    const refusedAfter = await eventually(
      async () => {
        const sentAt = Date.now();
        const res = await stack.gql(ME, {}, { token: person.token, via: 1 });
        expect(res.status).toBe(401);
        expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        return sentAt - changedAt;
      },
      SESSION_WINDOW_MS + 2_000,
      50,
    );
    // (the margin is the polling's: a poll takes time on a loaded machine; the check past the window is exact)
    expect(refusedAfter).toBeLessThanOrEqual(SESSION_WINDOW_MS + 1_000);
    // past the window, whatever either gateway cached, both refuse it; the new session works on both
    await new Promise((r) => setTimeout(r, Math.max(0, changedAt + SESSION_WINDOW_MS - Date.now())));
    const fresh = changed.changePassword.session.accessToken as string;
    for (const g of [0, 1]) {
      const again = await stack.gql(ME, {}, { token: person.token, via: g });
      expect(again.status, `gateway ${g}: ${JSON.stringify(again.errors ?? again.data)}`).toBe(401);
      expect((await call(via(g), ME, {}, fresh)).me.id).toBe(person.userId);
    }
    console.info(`replicas: a session ended through gateway 0 was refused by gateway 1 after ${refusedAfter} ms`);
  });
});
