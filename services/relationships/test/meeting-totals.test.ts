/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * A relationship's meeting totals are summed two ways: by the database (`MeetingTotalsRepository`) when a request
 * asks only for progress, and from the meeting log already read (`totalsOfMeetings`) when it lists the meetings
 * too (the dashboard). Both must give the same figures over every status a meeting can be in.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import type { MeetingRow } from '../src/modules/meetings/meeting.repository';
import { noMeetings, totalsOfMeetings } from '../src/modules/relationships/relationship-totals.repository';
import {
  as,
  CONFIRM,
  LOG,
  meetingConfirmedByBoth,
  meetingInput,
  ok,
  publishProgramme,
  startRelationship,
} from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [relationships] });
});
afterAll(async () => {
  await stack?.stop();
});

const FIGURES = `progress { confirmedHours confirmedMeetings notCountingMeetings awaitingConfirmation termsMet pace }
  lastConfirmedMeetingOn`;
const PROGRESS_ONLY = `query ($id: ID!) { relationship(id: $id) { ${FIGURES} } }`;
const WITH_MEETINGS = `query ($id: ID!) { relationship(id: $id) { meetings { id status } ${FIGURES} } }`;
// the progress asked before the meetings: the totals must not depend on which field the request reads first
const MEETINGS_AFTER = `query ($id: ID!) { relationship(id: $id) { ${FIGURES} meetings { id } } }`;

async function both(id: string, who: Parameters<typeof ok>[3]) {
  const alone = await stack.gql<any>(PROGRESS_ONLY, { id }, { as: who });
  const withLog = await stack.gql<any>(WITH_MEETINGS, { id }, { as: who });
  const logAfter = await stack.gql<any>(MEETINGS_AFTER, { id }, { as: who });
  for (const res of [alone, withLog, logAfter]) expect(res.errors).toBeUndefined();
  return { alone, withLog, logAfter };
}

describe('meeting totals from the database and from the log read', () => {
  it('should give the same progress with and without the meeting log, over every status', async () => {
    const programmeId = await publishProgramme(
      stack,
      { targetHours: 6, durationWeeks: 26, minMeetings: 3, hoursOrMeetings: true },
      { requireSignedAgreement: false },
    );
    const pair = await startRelationship(stack, { programmeId, confirmedAt: '2026-05-01T12:00:00Z' });
    // counted: two confirmed meetings, the later one amended (a confirmed amendment supersedes its first revision)
    await meetingConfirmedByBoth(stack, pair.id, pair.mentee, pair.mentor, { occurredOn: '2026-05-04' });
    const second = await meetingConfirmedByBoth(stack, pair.id, pair.mentee, pair.mentor, {
      occurredOn: '2026-05-11',
      durationMinutes: 90,
    });
    const amended = await ok(
      stack,
      `mutation ($id: ID!, $input: MeetingInput!) { amendMeeting(meetingId: $id, input: $input) { meeting { id } errors { code } } }`,
      { id: second, input: meetingInput({ occurredOn: '2026-05-11', durationMinutes: 120 }) },
      pair.mentee,
    );
    expect(amended.amendMeeting.errors).toEqual([]);
    expect(
      (await ok(stack, CONFIRM, { id: amended.amendMeeting.meeting.id }, pair.mentor)).confirmMeeting.errors,
    ).toEqual([]);
    // awaiting the other side, twice; one disputed
    for (const occurredOn of ['2026-05-18', '2026-05-25', '2026-06-01']) {
      const logged = await ok(stack, LOG, { id: pair.id, input: meetingInput({ occurredOn }) }, pair.mentor);
      expect(logged.logMeeting.errors).toEqual([]);
      if (occurredOn === '2026-06-01') {
        const disputed = await ok(
          stack,
          `mutation ($id: ID!) { disputeMeeting(meetingId: $id, reason: "We did not meet") { errors { code } } }`,
          { id: logged.logMeeting.meeting.id },
          pair.mentee,
        );
        expect(disputed.disputeMeeting.errors).toEqual([]);
      }
    }
    // confirmed but not counting (the programme asked for a signed agreement when it was confirmed)
    const notCounting = await meetingConfirmedByBoth(stack, pair.id, pair.mentee, pair.mentor, {
      occurredOn: '2026-06-08',
    });
    await stack.sql(`UPDATE relationships.meeting SET counted_at = NULL WHERE id = $1`, [notCounting]);

    const { alone, withLog, logAfter } = await both(pair.id, pair.mentee);
    expect(alone.data.relationship).toEqual({
      progress: {
        confirmedHours: 3, // 60 + the amended 120 minutes; the superseded 90 not at all
        confirmedMeetings: 2,
        notCountingMeetings: 1,
        awaitingConfirmation: 2,
        termsMet: false,
        pace: expect.any(String),
      },
      lastConfirmedMeetingOn: '2026-06-08',
    });
    const { meetings, ...figures } = withLog.data.relationship;
    expect(meetings.map((m: any) => m.status).sort()).toEqual([
      'AWAITING_CONFIRMATION',
      'AWAITING_CONFIRMATION',
      'CONFIRMED',
      'CONFIRMED',
      'CONFIRMED',
      'DISPUTED',
    ]);
    expect(figures).toEqual(alone.data.relationship);
    const { meetings: _, ...after } = logAfter.data.relationship;
    expect(after).toEqual(alone.data.relationship);
    // the log read for the meetings is the one the totals are summed from: listing it costs no statement more
    expect(withLog.sqlStatements).toEqual(alone.sqlStatements);
    expect(logAfter.sqlStatements).toEqual(alone.sqlStatements);
  });

  it('should sum in the database the totals of a relationship whose log the request does not read', async () => {
    const started = { confirmedAt: '2026-05-01T12:00:00Z' };
    const [listed, summed] = [await startRelationship(stack, started), await startRelationship(stack, started)];
    for (const pair of [listed, summed])
      await meetingConfirmedByBoth(stack, pair.id, pair.mentee, pair.mentor, { occurredOn: '2026-05-04' });
    await meetingConfirmedByBoth(stack, summed.id, summed.mentee, summed.mentor, {
      occurredOn: '2026-05-11',
      durationMinutes: 30,
    });
    const admin = as('ADMIN', null, randomUUID());
    const both = await stack.gql<any>(
      `query ($a: ID!, $b: ID!) { a: relationship(id: $a) { meetings { id } ${FIGURES} } b: relationship(id: $b) { ${FIGURES} } }`,
      { a: listed.id, b: summed.id },
      { as: admin },
    );
    expect(both.errors).toBeUndefined();
    const alone = await stack.gql<any>(PROGRESS_ONLY, { id: summed.id }, { as: admin });
    expect(both.data.b).toEqual(alone.data.relationship);
    expect(both.data.b.progress).toMatchObject({ confirmedHours: 1.5, confirmedMeetings: 2 });
    expect(both.data.a.progress).toMatchObject({ confirmedHours: 1, confirmedMeetings: 1 });
  });

  it('should give a relationship without meetings no totals either way', async () => {
    const pair = await startRelationship(stack);
    const { alone, withLog } = await both(pair.id, pair.mentor);
    expect(alone.data.relationship.progress).toMatchObject({ confirmedMeetings: 0, awaitingConfirmation: 0 });
    expect(alone.data.relationship.lastConfirmedMeetingOn).toBeNull();
    const { meetings, ...figures } = withLog.data.relationship;
    expect(meetings).toEqual([]);
    expect(figures).toEqual(alone.data.relationship);
  });
});

describe(totalsOfMeetings.name, () => {
  const row = (over: Partial<MeetingRow>): MeetingRow =>
    ({
      relationshipId: 'r',
      occurredOn: '2026-05-01',
      durationMinutes: 60,
      status: 'CONFIRMED',
      countedAt: new Date('2026-05-02T00:00:00Z'),
      loggedAt: new Date('2026-05-01T20:00:00Z'),
      ...over,
    }) as MeetingRow;

  it('should keep the last confirmed day and the oldest meeting still awaiting', () => {
    const t = totalsOfMeetings('r', [
      row({ occurredOn: '2026-05-09', countedAt: null }),
      row({ occurredOn: '2026-05-03', durationMinutes: 45 }),
      row({ status: 'AWAITING_CONFIRMATION', countedAt: null, loggedAt: new Date('2026-05-20T10:00:00Z') }),
      row({ status: 'AWAITING_CONFIRMATION', countedAt: null, loggedAt: new Date('2026-05-12T10:00:00Z') }),
      row({ status: 'SUPERSEDED', occurredOn: '2026-06-01', loggedAt: new Date('2026-04-01T00:00:00Z') }),
      row({ status: 'DISPUTED', countedAt: null, loggedAt: new Date('2026-04-01T00:00:00Z') }),
    ]);
    expect(t).toEqual({
      relationshipId: 'r',
      confirmedMinutes: 45,
      confirmedMeetings: 1,
      notCountingMeetings: 1,
      awaitingMeetings: 2,
      lastConfirmedOn: '2026-05-09',
      oldestAwaitingLoggedAt: new Date('2026-05-12T10:00:00Z'),
    });
    expect(totalsOfMeetings('r', [])).toEqual(noMeetings('r'));
  });
});
