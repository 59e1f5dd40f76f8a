/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The coach's caseload (issue 19): the running pairs of the coach's organisation, most urgent first (at-risk flags,
 * then check-ins due), with counts, each pair's last confirmed meeting and the check-in the coach owes it; its
 * export returns the same pairs and records itself (CaseloadExported, for the staff audit log) in the same request.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import { ok, startRelationship } from './fixtures';

let stack: Stack;
let scan: (now: Date) => Promise<void>;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [relationships] });
  const parts = await relationships.create(stack.services.relationships.runtime as any);
  scan = parts.jobs!.find((j) => j.name === 'at-risk-scan')!.run as (now: Date) => Promise<void>;
});
afterAll(async () => {
  await stack?.stop();
});

const CASELOAD = `query ($org: ID, $first: Int, $after: String) {
  caseload(organizationId: $org, first: $first, after: $after) {
    totalCount atRiskCount checkInsDueCount pausedCount
    edges { node { id status atRiskFlags { code reason } lastConfirmedMeetingOn
      checkInDue { reason dueOn overdueDays followUp lastCheckInOn } } }
    pageInfo { hasNextPage endCursor } } }`;
const RECORD = `mutation ($id: ID!, $input: CheckInInput!) { recordCheckIn(relationshipId: $id, input: $input) { errors { field code } } }`;
const at = (days: number) => `${daysFromToday(days)}T10:00:00Z`;

describe('the caseload', () => {
  it('should list the running pairs most urgent first, with the check-ins due, counts and pages', async () => {
    const org = randomUUID();
    const calm = await startRelationship(stack, { organizationId: org, confirmedAt: at(-10) });
    const flagged = await startRelationship(stack, { organizationId: org, confirmedAt: at(-45) });
    const followUp = await startRelationship(stack, { organizationId: org, confirmedAt: at(-3) });
    const paused = await startRelationship(stack, { organizationId: org, confirmedAt: at(-2) });
    const ended = await startRelationship(stack, { organizationId: org, confirmedAt: at(-5) });
    const elsewhere = await startRelationship(stack, { confirmedAt: at(-60) });
    await ok(
      stack,
      `mutation ($id: ID!) { pauseRelationship(id: $id) { errors { code } } }`,
      { id: paused.id },
      paused.mentor,
    );
    await ok(
      stack,
      `mutation ($id: ID!) { withdrawFromRelationship(id: $id, reason: "Moved away") { errors { code } } }`,
      { id: ended.id },
      ended.mentee,
    );
    const recorded = await ok(
      stack,
      RECORD,
      {
        id: followUp.id,
        input: {
          heldOn: daysFromToday(-1),
          notes: 'Agreement draft',
          followUp: 'Ask if it is signed',
          followUpOn: daysFromToday(0),
        },
      },
      followUp.coach,
    );
    expect(recorded.recordCheckIn.errors).toEqual([]);
    await scan(new Date());

    const coach = principal('COACH', org);
    const all = (await ok(stack, CASELOAD, {}, coach)).caseload;
    expect(all.edges.map((e: any) => e.node.id)).toEqual([flagged.id, followUp.id, calm.id, paused.id]);
    expect(all).toMatchObject({ totalCount: 4, atRiskCount: 1, checkInsDueCount: 2, pausedCount: 1 });
    const [first, second, third] = all.edges.map((e: any) => e.node);
    expect(first.atRiskFlags.map((f: any) => f.code)).toContain('NO_CONFIRMED_MEETING');
    expect(first.atRiskFlags.every((f: any) => f.reason.length > 0)).toBe(true);
    expect(first.lastConfirmedMeetingOn).toBeNull();
    // 45 days without a check-in since the start: due 15 days ago
    expect(first.checkInDue).toEqual({
      reason: 'NO_RECENT_CHECK_IN',
      dueOn: daysFromToday(-15),
      overdueDays: 15,
      followUp: null,
      lastCheckInOn: null,
    });
    expect(second.checkInDue).toEqual({
      reason: 'FOLLOW_UP',
      dueOn: daysFromToday(0),
      overdueDays: 0,
      followUp: 'Ask if it is signed',
      lastCheckInOn: daysFromToday(-1),
    });
    expect(third.checkInDue).toBeNull();

    // pages follow the same order
    const p1 = (await ok(stack, CASELOAD, { first: 3 }, coach)).caseload;
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await ok(stack, CASELOAD, { first: 3, after: p1.pageInfo.endCursor }, coach)).caseload;
    expect(p2.edges.map((e: any) => e.node.id)).toEqual([paused.id]);
    expect(p2.pageInfo.hasNextPage).toBe(false);

    // admins name the organisation; another organisation's coach neither sees these pairs nor may ask for them
    expect((await ok(stack, CASELOAD, { org }, principal('ADMIN'))).caseload.totalCount).toBe(4);
    // but not every organisation's at once
    const unnamed = await stack.gql(CASELOAD, { org: null }, { as: principal('ADMIN') });
    expect(unnamed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(unnamed.errors?.[0]?.extensions)).toContain('organizationId');
    const other = principal('COACH', elsewhere.organizationId);
    expect((await ok(stack, CASELOAD, {}, other)).caseload.edges.map((e: any) => e.node.id)).toEqual([elsewhere.id]);
    for (const who of [other, principal('ANALYST'), calm.mentee])
      expect((await stack.gql(CASELOAD, { org }, { as: who })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // the partners see their last confirmed meeting, never the coach's check-in due
    const mine = await ok(
      stack,
      `query ($id: ID!) { relationship(id: $id) { lastConfirmedMeetingOn checkInDue { dueOn } } }`,
      { id: flagged.id },
      flagged.mentee,
    );
    expect(mine.relationship).toEqual({ lastConfirmedMeetingOn: null, checkInDue: null });
  });

  it('should export every pair of the caseload in its order, with its access, and record the export in the same request', async () => {
    const org = randomUUID();
    const EXPORT = `mutation ($org: ID, $format: ListExportFormat!) {
      exportCaseload(organizationId: $org, format: $format) { pairs { id status mentee { id } } errors { field code } } }`;
    const old = await startRelationship(stack, { organizationId: org, confirmedAt: at(-45) });
    const mid = await startRelationship(stack, { organizationId: org, confirmedAt: at(-20) });
    const fresh = await startRelationship(stack, { organizationId: org, confirmedAt: at(-1) });
    await startRelationship(stack, { confirmedAt: at(-30) }); // another organisation
    const coach = principal('COACH', org);
    const exported = (await ok(stack, EXPORT, { format: 'XLSX' }, coach)).exportCaseload;
    expect(exported.errors).toEqual([]);
    // the same pairs as the pages, in the same order (this organisation's only)
    const pages = (await ok(stack, CASELOAD, { first: 100 }, coach)).caseload.edges.map((e: any) => e.node.id);
    expect(exported.pairs.map((p: any) => p.id)).toEqual(pages);
    expect(new Set(pages)).toEqual(new Set([old.id, mid.id, fresh.id]));
    expect(exported.pairs.find((p: any) => p.id === old.id).mentee).toEqual({ id: old.menteeId });

    const recorded = async () =>
      (
        await stack.sql<{ payload: Record<string, unknown> }>(
          `SELECT payload FROM relationships.event_log WHERE name = 'CaseloadExported' AND payload->>'organizationId' = $1
           ORDER BY occurred_at`,
          [org],
        )
      ).map((e) => e.payload);
    expect(await recorded()).toEqual([
      {
        exportedBy: coach.userId,
        organizationId: org,
        format: 'XLSX',
        rowCount: 3,
        exportedAt: expect.any(String),
      },
    ]);
    // an admin names the organisation: recorded as theirs
    const admin = principal('ADMIN');
    expect((await ok(stack, EXPORT, { org, format: 'CSV' }, admin)).exportCaseload.pairs).toHaveLength(3);
    expect((await recorded()).map((p) => [p.exportedBy, p.format, p.rowCount])).toEqual([
      [coach.userId, 'XLSX', 3],
      [admin.userId, 'CSV', 3],
    ]);

    // refused as the caseload is: nothing returned, nothing recorded
    for (const who of [principal('COACH', randomUUID()), principal('ANALYST'), old.mentee, old.mentor]) {
      const refused = await stack.gql<any>(EXPORT, { org, format: 'CSV' }, { as: who });
      expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(refused.data?.exportCaseload ?? null).toBeNull();
    }
    expect(await recorded()).toHaveLength(2);
  });
});
