/* eslint-disable @typescript-eslint/no-explicit-any */
/** The lists that can grow, as Relay connections, and the plain lists they replace (deprecated, still answering). */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import { as, meetingConfirmedByBoth, ok, startRelationship } from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [relationships] });
});
afterAll(async () => {
  await stack?.stop();
});

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

/** Every node of a connection field, reading pages of `first` until the last. */
async function readAll(stack: Stack, query: string, vars: Record<string, unknown>, who: any, pick: (d: any) => any) {
  const nodes: any[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = pick(await ok(stack, query, { ...vars, after }, who));
    nodes.push(...page.edges.map((e: any) => e.node));
    totals.push(page.totalCount);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { nodes, totals };
}

describe('connections', () => {
  it("should page a relationship's goals, meetings and messages with a total, the deprecated lists answering alike", async () => {
    const pair = await startRelationship(stack, { confirmedAt: `${daysFromToday(-10)}T09:00:00Z` });
    const CREATE = `mutation ($id: ID!, $input: SmartGoalInput!) { createGoal(relationshipId: $id, input: $input) { errors { code } } }`;
    for (const title of ['one', 'two', 'three']) {
      const input = { title, specific: 's', measure: 'm', target: '1', attainable: 'a', relevant: 'r' };
      await ok(stack, CREATE, { id: pair.id, input: { ...input, dueOn: daysFromToday(30) } }, pair.mentee);
    }
    for (const startTime of ['08:00', '10:00', '12:00'])
      // yesterday: a meeting is logged once it has ended, and today's 12:00 may not have come yet
      await meetingConfirmedByBoth(stack, pair.id, pair.mentee, pair.mentor, {
        occurredOn: daysFromToday(-1),
        startTime,
      });
    const SEND = `mutation ($id: ID!, $body: String!) { sendMessage(relationshipId: $id, body: $body) { errors { code } } }`;
    for (const body of ['m1', 'm2', 'm3']) await ok(stack, SEND, { id: pair.id, body }, pair.mentor);

    const Q = `query ($id: ID!, $after: String) { relationship(id: $id) {
      goalsConnection(first: 2, after: $after) { totalCount edges { cursor node { title } } ${PAGE_INFO} } } }`;
    const goals = await readAll(stack, Q, { id: pair.id }, pair.mentor, (d) => d.relationship.goalsConnection);
    expect(goals.nodes.map((g) => g.title)).toEqual(['one', 'two', 'three']);
    expect(goals.totals).toEqual([3, 3]);

    const M = `query ($id: ID!, $after: String) { relationship(id: $id) {
      meetingsConnection(first: 2, after: $after) { totalCount edges { node { startTime } } ${PAGE_INFO} } } }`;
    const meetings = await readAll(stack, M, { id: pair.id }, pair.coach, (d) => d.relationship.meetingsConnection);
    expect(meetings.nodes.map((m) => m.startTime)).toEqual(['08:00', '10:00', '12:00']);
    expect(meetings.totals).toEqual([3, 3]);

    const S = `query ($id: ID!, $after: String) { relationship(id: $id) {
      messages(first: 2, after: $after) { totalCount edges { node { body } } ${PAGE_INFO} } } }`;
    const messages = await readAll(stack, S, { id: pair.id }, pair.mentee, (d) => d.relationship.messages);
    expect(messages.nodes.map((m) => m.body)).toEqual(['m3', 'm2', 'm1']);
    expect(messages.totals).toEqual([3, 3]);

    const OLD = `query ($id: ID!) { relationship(id: $id) { goals { title } meetings { startTime } messages { nodes { body } } } }`;
    expect((await ok(stack, OLD, { id: pair.id }, pair.mentee)).relationship).toEqual({
      goals: goals.nodes,
      meetings: meetings.nodes,
      messages: { nodes: messages.nodes },
    });
  });

  it("should page a person's relationships for the person and admins, null for others, the deprecated list answering alike", async () => {
    const menteeId = randomUUID();
    const ids: string[] = [];
    for (const daysAgo of [30, 20, 10])
      ids.push((await startRelationship(stack, { menteeId, confirmedAt: `${daysFromToday(-daysAgo)}T09:00:00Z` })).id);
    const mentee = as('MENTEE', null, menteeId);
    const Q = `query ($id: ID!, $after: String) { relationship(id: $id) { mentee {
      relationshipsConnection(first: 2, after: $after) { totalCount edges { node { id } } ${PAGE_INFO} } } } }`;
    const page = (d: any) => d.relationship.mentee.relationshipsConnection;
    for (const who of [mentee, principal('ADMIN')]) {
      const all = await readAll(stack, Q, { id: ids[0] }, who, page);
      expect(all.nodes.map((r) => r.id)).toEqual([...ids].reverse());
      expect(all.totals).toEqual([3, 3]);
    }
    // the mentor sees the relationship, not the mentee's list
    const mentor = (
      await ok(stack, `query ($id: ID!) { relationship(id: $id) { mentor { id } } }`, { id: ids[0] }, mentee)
    ).relationship.mentor.id;
    expect(page(await ok(stack, Q, { id: ids[0], after: null }, as('MENTOR', null, mentor)))).toBeNull();
    const OLD = `query ($id: ID!) { relationship(id: $id) { mentee { relationships { id } } } }`;
    expect(
      (await ok(stack, OLD, { id: ids[0] }, mentee)).relationship.mentee.relationships.map((r: any) => r.id),
    ).toEqual([...ids].reverse());
  });

  it("should give the coach's list edges and a total beside the deprecated nodes", async () => {
    const organizationId = randomUUID();
    for (let i = 0; i < 3; i++) await startRelationship(stack, { organizationId });
    const coach = principal('COACH', organizationId);
    const Q = `query ($after: String) { organizationRelationships(first: 2, after: $after) {
      totalCount nodes { id } edges { node { id } } ${PAGE_INFO} } }`;
    const first = (await ok(stack, Q, { after: null }, coach)).organizationRelationships;
    expect(first.totalCount).toBe(3);
    expect(first.nodes).toEqual(first.edges.map((e: any) => e.node));
    const all = await readAll(stack, Q, {}, coach, (d) => d.organizationRelationships);
    expect(all.nodes).toHaveLength(3);
  });
});
