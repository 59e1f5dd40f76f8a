/**
 * The coach thread, through the gateway (issue 19): the coach of the relationship's organisation writes to the
 * pair in the thread they share, both partners read it and answer, everyone but the author is notified (the
 * partners with a link to the thread). The partners' private thread stays theirs; a coach of another
 * organisation neither reads nor writes; an admin reads but does not write.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { coachedPair } from '../support/programme-setup';
import { ADMIN_PASSWORD, adminEnv, call, login, type Person } from '../support/world';

let stack: Stack;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@coach-thread.test`;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
  });
});
afterAll(async () => {
  await stack?.stop();
});

const THREAD = `query ($id: ID!) { relationship(id: $id) { coachThread { edges { node { body author { id } } } } messages { edges { node { body } } } } }`;
const WRITE = `mutation ($id: ID!, $body: String!) { sendCoachThreadMessage(relationshipId: $id, body: $body) { errors { field code } message { id body author { id } } } }`;
const NOTIFICATIONS = `{ me { notifications(first: 20) { edges { node { kind title link } } } } }`;

describe('the coach thread', () => {
  let admin: Person;
  let coachA: Person;
  let coachB: Person;
  let mentor: Person;
  let mentee: Person;
  let relationshipId: string;

  beforeAll(async () => {
    admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    ({ coachA, coachB, mentor, mentee, relationshipId } = await coachedPair(stack, admin));
    await call(
      stack,
      `mutation ($id: ID!) { sendMessage(relationshipId: $id, body: "Just between us.") { errors { field code } } }`,
      { id: relationshipId },
      mentee.token,
    );
  });

  it('should let the coach write to both partners, who read it and answer, and notify the others', async () => {
    const sent = await call(stack, WRITE, { id: relationshipId, body: '  How is it going, you two?  ' }, coachA.token);
    expect(sent.sendCoachThreadMessage.message).toMatchObject({
      body: 'How is it going, you two?',
      author: { id: coachA.userId },
    });
    await call(stack, WRITE, { id: relationshipId, body: 'Very well, thanks!' }, mentor.token);

    const expected = [
      { body: 'Very well, thanks!', author: { id: mentor.userId } },
      { body: 'How is it going, you two?', author: { id: coachA.userId } },
    ];
    for (const partner of [mentee, mentor]) {
      const r = (await call(stack, THREAD, { id: relationshipId }, partner.token)).relationship;
      expect(r.coachThread.edges.map((e: { node: unknown }) => e.node)).toEqual(expected);
      // the private thread is unchanged by the coach thread
      expect(r.messages.edges.map((e: { node: unknown }) => e.node)).toEqual([{ body: 'Just between us.' }]);
    }
    // the coach reads the coach thread, never the partners' private one
    const asCoach = (await call(stack, THREAD, { id: relationshipId }, coachA.token)).relationship;
    expect(asCoach.coachThread.edges.map((e: { node: unknown }) => e.node)).toEqual(expected);
    expect(asCoach.messages).toBeNull();

    const kinds = async (who: Person) =>
      (await call(stack, NOTIFICATIONS, {}, who.token)).me.notifications.edges
        .map((e: { node: { kind: string; title: string; link: string | null } }) => e.node)
        .filter((n: { kind: string }) => n.kind === 'COACH_THREAD_MESSAGE');
    await eventually(
      async () => {
        // the coach's message reaches both partners, the mentor's answer the mentee and the coach
        expect(await kinds(mentee)).toHaveLength(2);
        expect(await kinds(mentor)).toEqual([
          {
            kind: 'COACH_THREAD_MESSAGE',
            title: 'Coach Ada wrote in the coach thread of Mentee Mo and Mentor Mia',
            link: `/relationships/${relationshipId}#coach-thread`,
          },
        ]);
        expect(await kinds(coachA)).toEqual([
          {
            kind: 'COACH_THREAD_MESSAGE',
            title: 'Mentor Mia wrote in the coach thread of Mentee Mo and Mentor Mia',
            link: `admin:/relationships/${relationshipId}#coach-thread`,
          },
        ]);
      },
      15_000,
      200,
    );
  });

  it('should keep the thread from a coach of another organisation, and let an admin read but not write', async () => {
    const other = await stack.gql(THREAD, { id: relationshipId }, { token: coachB.token });
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const refused = await stack.gql(WRITE, { id: relationshipId, body: 'Hello?' }, { token: coachB.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const asAdmin = (await call(stack, THREAD, { id: relationshipId }, admin.token)).relationship;
    expect(asAdmin.coachThread.edges.length).toBeGreaterThanOrEqual(2);
    expect(asAdmin.messages).toBeNull();
    const adminWrites = await stack.gql(WRITE, { id: relationshipId, body: 'Hi' }, { token: admin.token });
    expect(adminWrites.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('should refuse an empty message without writing', async () => {
    const d = await call(stack, THREAD, { id: relationshipId }, mentee.token);
    const before = d.relationship.coachThread.edges.length;
    const res = await stack.gql<{ sendCoachThreadMessage: { errors: unknown[]; message: null } }>(
      WRITE,
      { id: relationshipId, body: '   ' },
      { token: mentee.token },
    );
    expect(res.data?.sendCoachThreadMessage).toEqual({ message: null, errors: [{ field: 'body', code: 'REQUIRED' }] });
    const after = (await call(stack, THREAD, { id: relationshipId }, mentee.token)).relationship.coachThread.edges;
    expect(after).toHaveLength(before);
  });
});
