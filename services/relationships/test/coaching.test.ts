/* eslint-disable @typescript-eslint/no-explicit-any */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS } from '@tandem/contracts';
import { principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import { caseloadSignals } from '../src/modules/caseload/caseload.live';
import { CONFIRM, eventsFor, LOG, meetingInput, ok, publishProgramme, startRelationship } from './fixtures';

let stack: Stack;
let scan: (now: Date) => Promise<void>;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [relationships] });
  // the scheduled job's own function, built on the running service's runtime
  const parts = await relationships.create(stack.services.relationships.runtime as any);
  const job = parts.jobs!.find((j) => j.name === 'at-risk-scan')!;
  scan = job.run as (now: Date) => Promise<void>;
});
afterAll(async () => {
  relationships.clock = () => new Date();
  await stack?.stop();
});

/** What travels around a payload (for the live signals an event raises). */
const envelope = { id: randomUUID(), version: 1, occurredAt: new Date().toISOString(), producer: 'relationships' };

const LIST = `query ($org: ID, $status: RelationshipStatus, $atRisk: Boolean, $first: Int, $after: String) {
  organizationRelationships(organizationId: $org, status: $status, atRisk: $atRisk, first: $first, after: $after) {
    nodes { id status atRisk atRiskFlags { code reason since } mentee { id } mentor { id } progress { confirmedHours pace } } pageInfo { hasNextPage endCursor } } }`;

describe('coach support', () => {
  it("should list the coach's own organisation's relationships, paginated and filtered by status", async () => {
    const org = randomUUID();
    const a = await startRelationship(stack, { organizationId: org, confirmedAt: '2026-03-01T10:00:00Z' });
    const b = await startRelationship(stack, { organizationId: org, confirmedAt: '2026-03-02T10:00:00Z' });
    const c = await startRelationship(stack, { organizationId: org, confirmedAt: '2026-03-03T10:00:00Z' });
    await startRelationship(stack, { confirmedAt: '2026-03-03T10:00:00Z' }); // another organisation
    await ok(stack, `mutation ($id: ID!) { pauseRelationship(id: $id) { errors { code } } }`, { id: b.id }, b.mentor);

    const coach = principal('COACH', org);
    const p1 = (await ok(stack, LIST, { first: 2 }, coach)).organizationRelationships;
    expect(p1.nodes.map((n: any) => n.id)).toEqual([c.id, b.id]);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await ok(stack, LIST, { first: 2, after: p1.pageInfo.endCursor }, coach)).organizationRelationships;
    expect(p2.nodes.map((n: any) => n.id)).toEqual([a.id]);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect(
      (await ok(stack, LIST, { status: 'PAUSED' }, coach)).organizationRelationships.nodes.map((n: any) => n.id),
    ).toEqual([b.id]);

    // another organisation's coach sees none of them, and cannot ask for this organisation
    const other = principal('COACH', randomUUID());
    expect((await ok(stack, LIST, {}, other)).organizationRelationships.nodes).toEqual([]);
    const forced = await stack.gql(LIST, { org }, { as: other });
    expect(forced.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // admins choose the organisation; mentees and analysts get nothing
    expect((await ok(stack, LIST, { org }, principal('ADMIN'))).organizationRelationships.nodes).toHaveLength(3);
    expect((await ok(stack, LIST, { org }, principal('PROGRAMME_ADMIN'))).organizationRelationships.nodes).toHaveLength(
      3,
    );
    for (const who of [principal('ANALYST'), a.mentee])
      expect((await stack.gql(LIST, { org }, { as: who })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('should let the coach of the organisation record check-ins, visible to staff only', async () => {
    const pair = await startRelationship(stack);
    const RECORD = `mutation ($id: ID!, $input: CheckInInput!) { recordCheckIn(relationshipId: $id, input: $input) { checkIn { heldOn notes followUp followUpOn coach { id } } errors { field code } } }`;
    const bad = await ok(
      stack,
      RECORD,
      { id: pair.id, input: { heldOn: '2099-01-01', notes: ' ', followUpOn: '2098-01-01' } },
      pair.coach,
    );
    expect(bad.recordCheckIn.errors.map((e: any) => `${e.field}:${e.code}`).sort()).toEqual([
      'input.followUpOn:BEFORE_CHECK_IN',
      'input.heldOn:IN_THE_FUTURE',
      'input.notes:REQUIRED',
    ]);
    const res = await ok(
      stack,
      RECORD,
      {
        id: pair.id,
        input: {
          heldOn: '2026-06-10',
          notes: 'Both happy; meeting every two weeks',
          followUp: 'Ask about the agreement',
          followUpOn: '2026-07-10',
        },
      },
      pair.coach,
    );
    expect(res.recordCheckIn.checkIn).toEqual({
      heldOn: '2026-06-10',
      notes: 'Both happy; meeting every two weeks',
      followUp: 'Ask about the agreement',
      followUpOn: '2026-07-10',
      coach: { id: pair.coach.userId },
    });
    // the fact leaves relationships (ids and dates, never the notes) and refreshes the organisation's caseloads
    const [recorded, ...more] = await eventsFor(stack, 'CheckInRecorded', pair.id);
    expect(more).toEqual([]);
    expect(recorded.payload).toEqual({
      relationshipId: pair.id,
      menteeId: pair.menteeId,
      mentorId: pair.mentorId,
      programmeId: pair.programmeId,
      organizationId: pair.organizationId,
      checkInId: expect.any(String),
      coachId: pair.coach.userId,
      heldOn: '2026-06-10',
      followUpOn: '2026-07-10',
      recordedAt: expect.any(String),
    });
    expect(caseloadSignals({ ...envelope, name: 'CheckInRecorded', payload: recorded.payload as any })).toEqual([
      { kind: 'CASELOAD', id: pair.id, to: [], staffOf: pair.organizationId },
    ]);
    const READ = `query ($id: ID!) { relationship(id: $id) { checkIns { notes } } }`;
    expect((await ok(stack, READ, { id: pair.id }, pair.coach)).relationship.checkIns).toEqual([
      { notes: 'Both happy; meeting every two weeks' },
    ]);
    expect((await ok(stack, READ, { id: pair.id }, principal('ADMIN'))).relationship.checkIns).toHaveLength(1);
    expect((await ok(stack, READ, { id: pair.id }, pair.mentee)).relationship.checkIns).toBeNull();
    for (const who of [pair.mentee, principal('COACH', randomUUID())]) {
      expect(
        (await stack.gql(RECORD, { id: pair.id, input: { heldOn: '2026-06-10', notes: 'x' } }, { as: who })).errors?.[0]
          .extensions?.code,
      ).toBe('NOT_FOUND');
    }
  });

  it('should flag relationships at risk with the reason for each flag, publish RelationshipAtRisk when flags change, and clear them', async () => {
    const org = randomUUID();
    const programmeId = await publishProgramme(stack, {
      targetHours: 24,
      durationWeeks: 16,
      minMeetings: 0,
      hoursOrMeetings: false,
    });
    const risky = await startRelationship(stack, {
      programmeId,
      organizationId: org,
      confirmedAt: '2026-01-05T10:00:00Z',
    });
    const fresh = await startRelationship(stack, {
      programmeId,
      organizationId: org,
      confirmedAt: '2026-02-10T10:00:00Z',
    });
    relationships.clock = () => new Date('2026-01-12T10:00:00Z');
    const logged = await ok(
      stack,
      LOG,
      { id: risky.id, input: meetingInput({ occurredOn: '2026-01-10' }) },
      risky.mentee,
    );
    relationships.clock = () => new Date();

    const now = new Date('2026-02-20T06:00:00Z');
    await scan(now);
    const coach = principal('COACH', org);
    let list = (await ok(stack, LIST, { atRisk: true }, coach)).organizationRelationships.nodes;
    expect(list.map((n: any) => n.id)).toEqual([risky.id]);
    const flags = Object.fromEntries(list[0].atRiskFlags.map((f: any) => [f.code, f]));
    expect(Object.keys(flags).sort()).toEqual([
      'AGREEMENT_UNSIGNED',
      'BEHIND_PACE',
      'MEETING_AWAITING_CONFIRMATION',
      'NO_CONFIRMED_MEETING',
    ]);
    expect(flags.NO_CONFIRMED_MEETING.reason).toBe(
      'No meeting confirmed by both in the 46 days since the start on 2026-01-05.',
    );
    expect(flags.MEETING_AWAITING_CONFIRMATION.reason).toBe(
      '1 logged meeting(s) awaiting confirmation, the oldest for 38 days.',
    );
    expect(flags.BEHIND_PACE.reason).toBe(
      'Pace AT_RISK: 0 of 24 hours confirmed, 9.86 expected by today, 46 of 112 days elapsed.',
    );
    expect(flags.AGREEMENT_UNSIGNED.reason).toBe(
      'The partnership agreement is not signed by both 46 days after the start on 2026-01-05.',
    );
    expect(flags.AGREEMENT_UNSIGNED.since).toBe('2026-02-20');
    expect(
      (await ok(stack, LIST, { atRisk: false }, coach)).organizationRelationships.nodes.map((n: any) => n.id),
    ).toEqual([fresh.id]);

    let events = await eventsFor(stack, 'RelationshipAtRisk', risky.id);
    expect(events).toHaveLength(1);
    expect((events[0].payload.reasons as string[]).sort()).toEqual([
      'AGREEMENT_UNSIGNED',
      'BEHIND_PACE',
      'MEETING_AWAITING_CONFIRMATION',
      'NO_CONFIRMED_MEETING',
    ]);
    // each reason travels with its figures, so identity words it in each coach's language (issue 22)
    const details = Object.fromEntries(
      (events[0].payload.details as Array<{ code: string; reason: string; params?: unknown }>).map((d) => [d.code, d]),
    );
    expect(details.AGREEMENT_UNSIGNED).toEqual({
      code: 'AGREEMENT_UNSIGNED',
      reason: 'The partnership agreement is not signed by both 46 days after the start on 2026-01-05.',
      params: { days: 46, startedOn: '2026-01-05' },
    });
    expect(details.MEETING_AWAITING_CONFIRMATION.params).toEqual({ meetings: 1, days: 38 });
    expect(details.BEHIND_PACE.params).toMatchObject({ pace: 'AT_RISK', confirmedHours: 0, targetHours: 24 });
    await scan(new Date('2026-02-21T06:00:00Z'));
    expect(await eventsFor(stack, 'RelationshipAtRisk', risky.id)).toHaveLength(1); // same flags: no new event
    expect(await eventsFor(stack, 'RelationshipAtRisk', fresh.id)).toHaveLength(0);

    // the partners act: the meeting is confirmed and the agreement signed
    await ok(stack, CONFIRM, { id: logged.logMeeting.meeting.id }, risky.mentor);
    const input = {
      topGoals: ['Find a job in my field'],
      meetingPlace: 'Video',
      meetingTime: 'Mondays 7 pm',
      meetingLengthMinutes: 60,
      meetingFrequency: 'Weekly',
      initiator: 'EITHER',
      confidentiality: 'STAYS_BETWEEN_US',
      durationWeeks: 16,
    };
    await ok(
      stack,
      `mutation ($id: ID!, $input: AgreementInput!) { draftAgreement(relationshipId: $id, input: $input) { errors { code } } }`,
      { id: risky.id, input },
      risky.mentee,
    );
    for (const who of [risky.mentee, risky.mentor])
      await ok(
        stack,
        `mutation ($id: ID!) { signAgreement(relationshipId: $id, version: 1) { errors { code } } }`,
        { id: risky.id },
        who,
      );
    await scan(new Date('2026-02-22T06:00:00Z'));
    list = (await ok(stack, LIST, { atRisk: true }, coach)).organizationRelationships.nodes;
    expect(list[0].atRiskFlags.map((f: any) => [f.code, f.since]).sort()).toEqual([
      ['BEHIND_PACE', '2026-02-20'],
      ['NO_CONFIRMED_MEETING', '2026-02-20'],
    ]);
    expect(list[0].atRiskFlags.find((f: any) => f.code === 'NO_CONFIRMED_MEETING').reason).toBe(
      'No meeting confirmed by both since 2026-01-10 (43 days).',
    );
    events = await eventsFor(stack, 'RelationshipAtRisk', risky.id);
    expect(events).toHaveLength(2);
    expect((events[1].payload.reasons as string[]).sort()).toEqual(['BEHIND_PACE', 'NO_CONFIRMED_MEETING']);

    // paused: no flags, and consumers hear that it is no longer at risk
    await ok(
      stack,
      `mutation ($id: ID!) { pauseRelationship(id: $id) { errors { code } } }`,
      { id: risky.id },
      risky.mentor,
    );
    await scan(new Date('2026-02-23T06:00:00Z'));
    expect((await ok(stack, LIST, { atRisk: true }, coach)).organizationRelationships.nodes).toEqual([]);
    events = await eventsFor(stack, 'RelationshipAtRisk', risky.id);
    expect(events.map((e) => e.payload.reasons)).toEqual([expect.any(Array), expect.any(Array), []]);
  });

  it("should serve the coach's list with its detail fields in a fixed number of SQL statements, whatever the page size", async () => {
    const org = randomUUID();
    const pairs = [];
    for (let i = 0; i < 8; i++)
      pairs.push(await startRelationship(stack, { organizationId: org, confirmedAt: '2026-05-01T09:00:00Z' }));
    for (const p of pairs.slice(0, 3)) await ok(stack, LOG, { id: p.id, input: meetingInput() }, p.mentee);
    const Q = `query ($first: Int) { organizationRelationships(first: $first) { nodes { id atRiskFlags { code } progress { confirmedHours pace }
      agreement { current { version } } goals { id milestones { id } } meetings { id } checkIns { id } feedback { id } } } }`;
    const coach = principal('COACH', org);
    const counts: number[] = [];
    for (const first of [2, 8]) {
      const res = await stack.subgraph<any>('relationships', Q, { first }, { as: coach });
      expect(res.errors).toBeUndefined();
      expect(res.data.organizationRelationships.nodes).toHaveLength(first);
      counts.push(Number(res.headers.get(HEADERS.sqlStatements)));
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[1]).toBeLessThanOrEqual(9);
  });
});
