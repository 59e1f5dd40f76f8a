/**
 * Live updates through the gateway (issue 23): a message reaches the partner's open stream as a signal (the kind
 * and the relationship, never the text), a stranger's stream gets nothing, a caseload change reaches the coach of
 * the pair's organisation only, a stream whose account's sessions end is closed; two gateway replicas on one
 * database each deliver to their own clients; a reconnect with Last-Event-ID gets what it missed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { gatewayEnvSchema, startGateway, type RunningGateway } from '@tandem/gateway';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { pino } from 'pino';
import { coachedPair } from '../support/programme-setup';
import { openLive, type LiveClient } from '../support/live';
import { ADMIN_PASSWORD, adminEnv, call, login, type Person } from '../support/world';

let stack: Stack;
let second: RunningGateway;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@live.test`;
const open: LiveClient[] = [];

/** A second gateway replica on the same database and subgraphs, as a deployment with two would run. */
async function secondGateway(): Promise<RunningGateway> {
  const env = gatewayEnvSchema.parse({
    NODE_ENV: 'test',
    PORT: '0',
    GATEWAY_SECRET: stack.secret,
    SUPERGRAPH_PATH: stack.supergraphPath,
    JWT_PUBLIC_KEY: stack.keys.publicKey,
    LOG_LEVEL: 'silent',
    SESSION_CHECK: 'true',
    SESSION_STATE_TTL_MS: '0',
    LIVE_DATABASE_URL: stack.databaseUrl,
    LIVE_MAX_STREAMS_PER_PERSON: '2',
    ...Object.fromEntries(Object.entries(stack.services).map(([name, s]) => [`${name.toUpperCase()}_URL`, s.url])),
  });
  return startGateway(env, pino({ level: 'silent' }), stack.keys.publicKey);
}

async function live(gateway: { url: string }, token: string | null, headers?: Record<string, string>) {
  const client = await openLive(gateway.url, token, headers);
  open.push(client);
  return client;
}

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
    sessionCheck: true,
  });
  second = await secondGateway();
  await eventually(() => {
    expect(stack.gateway.live.available && second.live.available).toBe(true);
  });
}, 240_000);
afterAll(async () => {
  for (const c of open) c.close();
  await second?.stop();
  await stack?.stop();
});

const SEND = `mutation ($id: ID!, $body: String!) { sendMessage(relationshipId: $id, body: $body) { errors { code } message { id } } }`;
const COACH_SEND = `mutation ($id: ID!, $body: String!) { sendCoachThreadMessage(relationshipId: $id, body: $body) { errors { code } } }`;

describe('live updates', () => {
  let admin: Person;
  let coachA: Person;
  let coachB: Person;
  let mentor: Person;
  let mentee: Person;
  let relationshipId: string;

  beforeAll(async () => {
    admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    ({ coachA, coachB, mentor, mentee, relationshipId } = await coachedPair(stack, admin));
  }, 120_000);

  it('should refuse a stream without a valid token, as /graphql does', async () => {
    expect((await live(stack.gateway, null)).status).toBe(401);
    expect((await live(stack.gateway, 'not-a-token')).status).toBe(401);
  });

  it("should signal a message to the partner's open stream, and nothing to a stranger's", async () => {
    const partner = await live(stack.gateway, mentor.token);
    const stranger = await live(stack.gateway, coachB.token);
    const coach = await live(stack.gateway, coachA.token);
    expect(partner.status).toBe(200);
    await partner.next((e) => e.event === 'ready');

    const sent = await call(stack, SEND, { id: relationshipId, body: 'Are we still on for Thursday?' }, mentee.token);
    expect(sent.sendMessage.errors).toEqual([]);

    const signal = await partner.next((e) => e.event === 'signal');
    expect(JSON.parse(signal.data)).toEqual({ kind: 'MESSAGE', id: relationshipId });
    // a signal, not the message: no text travels on the stream
    expect(partner.events.some((e) => e.data.includes('Thursday'))).toBe(false);

    // the coach thread reaches the partners and the coach of the pair's organisation, never another's coach
    await call(stack, COACH_SEND, { id: relationshipId, body: 'All well?' }, mentee.token);
    await coach.next((e) => e.event === 'signal' && JSON.parse(e.data).kind === 'COACH_MESSAGE');
    await partner.next((e) => e.event === 'signal' && JSON.parse(e.data).kind === 'COACH_MESSAGE');
    // the private message never reached the coach, and nothing reached the stranger
    expect(coach.signals().filter((s) => s.kind === 'MESSAGE')).toEqual([]);
    expect(stranger.signals()).toEqual([]);
  });

  it('should signal a new notification to its reader', async () => {
    const stream = await live(stack.gateway, mentor.token);
    await stream.next((e) => e.event === 'ready');
    // the coach writes in the coach thread: identity notifies both partners (an event later)
    await call(stack, COACH_SEND, { id: relationshipId, body: 'A word for you both.' }, coachA.token);
    const signal = await stream.next((e) => e.event === 'signal' && JSON.parse(e.data).kind === 'NOTIFICATION', 15_000);
    expect(JSON.parse(signal.data)).toEqual({ kind: 'NOTIFICATION', id: mentor.userId });
  });

  it("should signal a caseload change to the coaches of the pair's organisation only", async () => {
    const coach = await live(stack.gateway, coachA.token);
    const otherCoach = await live(stack.gateway, coachB.token);
    await Promise.all([coach.next((e) => e.event === 'ready'), otherCoach.next((e) => e.event === 'ready')]);
    await call(
      stack,
      `mutation ($id: ID!) { pauseRelationship(id: $id) { errors { code } } }`,
      { id: relationshipId },
      mentor.token,
    );
    const signal = await coach.next((e) => e.event === 'signal' && JSON.parse(e.data).kind === 'CASELOAD');
    expect(JSON.parse(signal.data)).toEqual({ kind: 'CASELOAD', id: relationshipId });
    expect(otherCoach.signals()).toEqual([]);
    await call(
      stack,
      `mutation ($id: ID!) { resumeRelationship(id: $id) { errors { code } } }`,
      { id: relationshipId },
      mentor.token,
    );
  });

  it('should deliver from either gateway replica to the clients of each', async () => {
    const onFirst = await live(stack.gateway, mentee.token);
    const onSecond = await live(second, mentor.token);
    await Promise.all([onFirst.next((e) => e.event === 'ready'), onSecond.next((e) => e.event === 'ready')]);

    // written through the second replica, heard by the client of the first, and the other way round
    const viaSecond = await fetch(second.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${mentor.token}` },
      body: JSON.stringify({ query: SEND, variables: { id: relationshipId, body: 'Through the other door' } }),
    });
    expect(viaSecond.status).toBe(200);
    await onFirst.next((e) => e.event === 'signal' && JSON.parse(e.data).kind === 'MESSAGE');
    await call(stack, SEND, { id: relationshipId, body: 'And back' }, mentee.token);
    await onSecond.next((e) => e.event === 'signal' && JSON.parse(e.data).kind === 'MESSAGE');
  });

  it('should replay what a reconnecting client missed on the same replica, and ask another replica to resync', async () => {
    const first = await live(stack.gateway, mentor.token);
    const ready = await first.next((e) => e.event === 'ready');
    first.close();
    await call(stack, SEND, { id: relationshipId, body: 'While you were away' }, mentee.token);

    await eventually(async () => {
      const again = await live(stack.gateway, mentor.token, { 'last-event-id': ready.id! });
      try {
        await again.next((e) => e.event === 'signal', 300);
      } finally {
        again.close();
      }
    });
    const elsewhere = await live(second, mentor.token, { 'last-event-id': ready.id! });
    await elsewhere.next((e) => e.event === 'resync');
    elsewhere.close();
  });

  it('should cap the streams one person opens on a replica', async () => {
    const streams = [await live(second, coachB.token), await live(second, coachB.token)];
    expect(streams.map((s) => s.status)).toEqual([200, 200]);
    const third = await live(second, coachB.token);
    expect(third.status).toBe(429);
    streams[0].close();
    await eventually(async () => {
      const again = await live(second, coachB.token);
      expect(again.status).toBe(200);
    });
  });

  it('should close the stream of an account whose sessions end', async () => {
    const stream = await live(stack.gateway, mentee.token);
    await stream.next((e) => e.event === 'ready');
    const suspended = await call(
      stack,
      `mutation ($id: ID!) { suspendUser(userId: $id) { errors { code } } }`,
      { id: mentee.userId },
      admin.token,
    );
    expect(suspended.suspendUser.errors).toEqual([]);
    const closed = await stream.next((e) => e.event === 'closed');
    expect(JSON.parse(closed.data)).toEqual({ reason: 'SESSION_ENDED' });
    await stream.ended;
    // and it cannot open again with that token
    expect((await live(stack.gateway, mentee.token)).status).toBe(401);
  });

  it('should tell every stream why it ends when a replica shuts down, and answer 503 after', async () => {
    const stream = await live(second, mentor.token);
    await stream.next((e) => e.event === 'ready');
    await second.live.stop();
    const closed = await stream.next((e) => e.event === 'closed');
    expect(JSON.parse(closed.data)).toEqual({ reason: 'SHUTDOWN' });
    expect((await live(second, mentor.token)).status).toBe(503);
  });
});
