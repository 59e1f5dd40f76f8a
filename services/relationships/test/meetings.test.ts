/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import {
  CONFIRM,
  eventsFor,
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

const PROGRESS = `query ($id: ID!) { relationship(id: $id) { progress { confirmedHours confirmedMeetings termsMet awaitingConfirmation pace } } }`;
const AMEND = `mutation ($id: ID!, $input: MeetingInput!) { amendMeeting(meetingId: $id, input: $input) { meeting { id status revision amendsMeetingId } errors { field code } } }`;

describe('the meeting log', () => {
  it('should validate a logged meeting field by field', async () => {
    const pair = await startRelationship(stack, { confirmedAt: '2026-05-01T09:00:00Z' });
    const res = await ok(
      stack,
      LOG,
      {
        id: pair.id,
        input: meetingInput({ occurredOn: '2026-04-01', startTime: '25:00', durationMinutes: 4, topics: [' '] }),
      },
      pair.mentee,
    );
    expect(res.logMeeting.errors.map((e: any) => `${e.field}:${e.code}`).sort()).toEqual([
      'input.durationMinutes:OUT_OF_RANGE',
      'input.occurredOn:BEFORE_START',
      'input.startTime:INVALID_TIME',
      'input.topics:REQUIRED',
    ]);
    const tooLong = await ok(
      stack,
      LOG,
      { id: pair.id, input: meetingInput({ occurredOn: '2099-01-01', durationMinutes: 601 }) },
      pair.mentee,
    );
    expect(tooLong.logMeeting.errors.map((e: any) => e.code).sort()).toEqual(['IN_THE_FUTURE', 'OUT_OF_RANGE']);
    // the programme's maximum (240 minutes until it says otherwise; see evidence-rules.test.ts for a programme's own)
    const overMax = await ok(
      stack,
      LOG,
      { id: pair.id, input: meetingInput({ durationMinutes: 241, startTime: '08:00' }) },
      pair.mentee,
    );
    expect(overMax.logMeeting.errors).toMatchObject([{ field: 'input.durationMinutes', code: 'TOO_LONG' }]);
    const ok240 = await ok(
      stack,
      LOG,
      { id: pair.id, input: meetingInput({ durationMinutes: 240, startTime: '08:00' }) },
      pair.mentee,
    );
    expect(ok240.logMeeting.errors).toEqual([]);
  });

  it('should count a meeting only when both sides confirmed it, and not let the logger confirm their own', async () => {
    const pair = await startRelationship(stack, { confirmedAt: '2026-05-01T09:00:00Z' });
    const logged = await ok(
      stack,
      LOG,
      { id: pair.id, input: meetingInput({ privateNote: 'Seemed nervous' }) },
      pair.mentor,
    );
    const meetingId = logged.logMeeting.meeting.id;
    expect(logged.logMeeting.meeting).toMatchObject({ status: 'AWAITING_CONFIRMATION', counts: false });
    expect((await ok(stack, PROGRESS, { id: pair.id }, pair.mentee)).relationship.progress).toMatchObject({
      confirmedHours: 0,
      confirmedMeetings: 0,
      awaitingConfirmation: 1,
    });

    const self = await ok(stack, CONFIRM, { id: meetingId }, pair.mentor);
    expect(self.confirmMeeting.errors).toEqual([{ field: 'meetingId', code: 'AWAITING_OTHER_SIDE' }]);
    const confirmed = await ok(stack, CONFIRM, { id: meetingId }, pair.mentee);
    expect(confirmed.confirmMeeting.meeting).toMatchObject({ status: 'CONFIRMED', counts: true });
    expect(confirmed.confirmMeeting.meeting.mentorConfirmedAt).not.toBeNull();
    expect(confirmed.confirmMeeting.meeting.menteeConfirmedAt).not.toBeNull();
    expect((await ok(stack, PROGRESS, { id: pair.id }, pair.mentee)).relationship.progress).toMatchObject({
      confirmedHours: 1,
      confirmedMeetings: 1,
      awaitingConfirmation: 0,
    });

    // immutable: no second confirmation, no dispute
    expect((await ok(stack, CONFIRM, { id: meetingId }, pair.mentee)).confirmMeeting.errors[0].code).toBe(
      'ALREADY_CONFIRMED',
    );
    const dispute = await ok(
      stack,
      `mutation ($id: ID!) { disputeMeeting(meetingId: $id, reason: "no") { errors { code } } }`,
      { id: meetingId },
      pair.mentee,
    );
    expect(dispute.disputeMeeting.errors[0].code).toBe('ALREADY_CONFIRMED');

    const [event] = await eventsFor(stack, 'MeetingConfirmed', pair.id);
    expect(event.payload).toMatchObject({
      meetingId,
      amendsMeetingId: null,
      revision: 1,
      occurredOn: '2026-06-01',
      startTime: '18:00',
      durationMinutes: 60,
      mode: 'IN_PERSON',
      menteeId: pair.menteeId,
      mentorId: pair.mentorId,
    });
    expect(event.payload.confirmedByMentorAt).toBeTruthy();
    expect(event.payload.confirmedByMenteeAt).toBeTruthy();
    expect(await eventsFor(stack, 'MeetingLogged', pair.id)).toHaveLength(1);

    // private notes: only their author sees them (not the partner, not the coach)
    const NOTE = `query ($id: ID!) { relationship(id: $id) { meetings { myPrivateNote } } }`;
    expect((await ok(stack, NOTE, { id: pair.id }, pair.mentor)).relationship.meetings[0].myPrivateNote).toBe(
      'Seemed nervous',
    );
    expect((await ok(stack, NOTE, { id: pair.id }, pair.mentee)).relationship.meetings[0].myPrivateNote).toBeNull();
    expect((await ok(stack, NOTE, { id: pair.id }, pair.coach)).relationship.meetings[0].myPrivateNote).toBeNull();
  });

  it('should let the other side dispute with a reason, and a disputed meeting neither counts nor blocks a corrected log', async () => {
    const pair = await startRelationship(stack, { confirmedAt: '2026-05-01T09:00:00Z' });
    const logged = await ok(stack, LOG, { id: pair.id, input: meetingInput() }, pair.mentee);
    const noReason = await ok(
      stack,
      `mutation ($id: ID!) { disputeMeeting(meetingId: $id, reason: "") { errors { field code } } }`,
      { id: logged.logMeeting.meeting.id },
      pair.mentor,
    );
    expect(noReason.disputeMeeting.errors).toEqual([{ field: 'reason', code: 'REQUIRED' }]);
    const disputed = await ok(
      stack,
      `mutation ($id: ID!) { disputeMeeting(meetingId: $id, reason: "We met for 30 minutes") { meeting { status disputeReason disputedBy { id } } errors { code } } }`,
      { id: logged.logMeeting.meeting.id },
      pair.mentor,
    );
    expect(disputed.disputeMeeting.meeting).toEqual({
      status: 'DISPUTED',
      disputeReason: 'We met for 30 minutes',
      disputedBy: { id: pair.mentorId },
    });
    expect(
      (await ok(stack, CONFIRM, { id: logged.logMeeting.meeting.id }, pair.mentor)).confirmMeeting.errors[0].code,
    ).toBe('DISPUTED');
    const [ev] = await eventsFor(stack, 'MeetingDisputed', pair.id);
    expect(ev.payload).toMatchObject({ disputedBy: pair.mentorId, reason: 'We met for 30 minutes' });
    await meetingConfirmedByBoth(stack, pair.id, pair.mentee, pair.mentor, { durationMinutes: 30 });
    expect((await ok(stack, PROGRESS, { id: pair.id }, pair.mentee)).relationship.progress).toMatchObject({
      confirmedHours: 0.5,
      confirmedMeetings: 1,
    });
  });

  it('should refuse overlapping meetings of one person, in one relationship or another, but allow back-to-back ones and other people', async () => {
    const pair = await startRelationship(stack, { confirmedAt: '2026-05-01T09:00:00Z' });
    await ok(
      stack,
      LOG,
      { id: pair.id, input: meetingInput({ startTime: '18:00', durationMinutes: 60 }) },
      pair.mentee,
    );
    const clash = await ok(
      stack,
      LOG,
      { id: pair.id, input: meetingInput({ startTime: '18:30', durationMinutes: 60 }) },
      pair.mentor,
    );
    expect(clash.logMeeting.errors).toMatchObject([{ field: 'input.startTime', code: 'OVERLAP' }]);
    expect(clash.logMeeting.errors[0].message).toMatch(/2026-06-01 at 18:00/);
    const inside = await ok(
      stack,
      LOG,
      { id: pair.id, input: meetingInput({ startTime: '17:00', durationMinutes: 240 }) },
      pair.mentor,
    );
    expect(inside.logMeeting.errors[0].code).toBe('OVERLAP');
    const after = await ok(
      stack,
      LOG,
      { id: pair.id, input: meetingInput({ startTime: '19:00', durationMinutes: 30 }) },
      pair.mentor,
    );
    expect(after.logMeeting.errors).toEqual([]);
    // the same mentor cannot be in two meetings at once, whatever the relationship; another pair can meet then
    const sameMentor = await startRelationship(stack, { confirmedAt: '2026-05-01T09:00:00Z', mentorId: pair.mentorId });
    expect(
      (await ok(stack, LOG, { id: sameMentor.id, input: meetingInput() }, sameMentor.mentee)).logMeeting.errors,
    ).toMatchObject([{ field: 'input.startTime', code: 'OVERLAP' }]);
    const other = await startRelationship(stack, { confirmedAt: '2026-05-01T09:00:00Z' });
    expect((await ok(stack, LOG, { id: other.id, input: meetingInput() }, other.mentee)).logMeeting.errors).toEqual([]);
  });

  it('should accept only one of three concurrent overlapping logs', async () => {
    const pair = await startRelationship(stack, { confirmedAt: '2026-05-01T09:00:00Z' });
    const results = await Promise.all([
      ok(stack, LOG, { id: pair.id, input: meetingInput({ startTime: '10:00' }) }, pair.mentee),
      ok(stack, LOG, { id: pair.id, input: meetingInput({ startTime: '10:15' }) }, pair.mentor),
      ok(stack, LOG, { id: pair.id, input: meetingInput({ startTime: '10:30' }) }, pair.mentee),
    ]);
    expect(results.filter((r) => r.logMeeting.errors.length === 0)).toHaveLength(1);
  });

  it('should correct a confirmed meeting only by an amendment both confirm, keeping the history', async () => {
    const pair = await startRelationship(stack, { confirmedAt: '2026-05-01T09:00:00Z' });
    const original = await meetingConfirmedByBoth(stack, pair.id, pair.mentee, pair.mentor);
    const amended = await ok(
      stack,
      AMEND,
      { id: original, input: meetingInput({ durationMinutes: 90, topics: ['Getting acquainted', 'Top 3 goals'] }) },
      pair.mentor,
    );
    expect(amended.amendMeeting.meeting).toMatchObject({
      status: 'AWAITING_CONFIRMATION',
      revision: 2,
      amendsMeetingId: original,
    });
    // until confirmed, the original still counts as it was
    expect((await ok(stack, PROGRESS, { id: pair.id }, pair.mentee)).relationship.progress).toMatchObject({
      confirmedHours: 1,
      confirmedMeetings: 1,
    });
    const second = await ok(stack, AMEND, { id: original, input: meetingInput({ durationMinutes: 75 }) }, pair.mentee);
    expect(second.amendMeeting.errors).toEqual([{ field: 'meetingId', code: 'AMENDMENT_PENDING' }]);

    const confirmed = await ok(stack, CONFIRM, { id: amended.amendMeeting.meeting.id }, pair.mentee);
    expect(confirmed.confirmMeeting.meeting).toMatchObject({ status: 'CONFIRMED', counts: true });
    expect((await ok(stack, PROGRESS, { id: pair.id }, pair.mentee)).relationship.progress).toMatchObject({
      confirmedHours: 1.5,
      confirmedMeetings: 1,
    });

    const HISTORY = `query ($id: ID!) { relationship(id: $id) { meetings { id revision durationMinutes previousRevision { id status durationMinutes } } all: meetings(includeSuperseded: true) { id status supersededById } } }`;
    const h = (await ok(stack, HISTORY, { id: pair.id }, pair.coach)).relationship;
    expect(h.meetings).toEqual([
      {
        id: amended.amendMeeting.meeting.id,
        revision: 2,
        durationMinutes: 90,
        previousRevision: { id: original, status: 'SUPERSEDED', durationMinutes: 60 },
      },
    ]);
    expect(h.all).toEqual([
      { id: original, status: 'SUPERSEDED', supersededById: amended.amendMeeting.meeting.id },
      { id: amended.amendMeeting.meeting.id, status: 'CONFIRMED', supersededById: null },
    ]);
    const events = await eventsFor(stack, 'MeetingConfirmed', pair.id);
    expect(
      events.map((e) => [
        e.payload.meetingId,
        e.payload.amendsMeetingId,
        e.payload.revision,
        e.payload.durationMinutes,
      ]),
    ).toEqual([
      [original, null, 1, 60],
      [amended.amendMeeting.meeting.id, original, 2, 90],
    ]);
    // the superseded revision is no longer amendable; an unconfirmed one is not amended but confirmed or disputed
    expect(
      (await ok(stack, AMEND, { id: original, input: meetingInput() }, pair.mentee)).amendMeeting.errors[0].code,
    ).toBe('NOT_CONFIRMED');
  });

  it("plays seed 002's tracking sheet: OACETT terms (3 hours or 3 meetings over 26 weeks) met after the third one-hour meeting", async () => {
    const programmeId = await publishProgramme(
      stack,
      { targetHours: 3, durationWeeks: 26, minMeetings: 3, hoursOrMeetings: true },
      { name: 'OACETT mentoring' },
    );
    const pair = await startRelationship(stack, { programmeId, confirmedAt: '2016-05-11T14:00:00Z' });
    const sheet = [
      [
        '2016-05-18',
        ['Moving from a technical role to a managerial role'],
        'Self-evaluation of leadership skills (Internet Resources) – strengths and weaknesses',
      ],
      [
        '2016-06-01',
        ['Self-evaluation of leadership skills'],
        'Leadership opportunities with Professional Association (OACETT) or employer',
      ],
      [
        '2016-06-15',
        ['Current Professional Organization (OACETT)', 'Employer', 'Professional Advisory Board Member (PAC)'],
        'Research Bachelor of Management Program as an option',
      ],
      ['2016-06-29', ['Bachelor of Management Program'], 'Research other leadership training options'],
      ['2016-07-13', ['Other Leadership Training Options'], 'Develop A Professional Development Plan'],
    ] as const;
    const figures: Array<{ confirmedHours: number; confirmedMeetings: number; termsMet: boolean }> = [];
    for (const [occurredOn, topics, homework] of sheet) {
      await meetingConfirmedByBoth(stack, pair.id, pair.mentee, pair.mentor, {
        occurredOn,
        startTime: '18:00',
        durationMinutes: 60,
        topics,
        homework,
      });
      const { progress } = (await ok(stack, PROGRESS, { id: pair.id }, pair.mentor)).relationship;
      figures.push({
        confirmedHours: progress.confirmedHours,
        confirmedMeetings: progress.confirmedMeetings,
        termsMet: progress.termsMet,
      });
    }
    expect(figures).toEqual([
      { confirmedHours: 1, confirmedMeetings: 1, termsMet: false },
      { confirmedHours: 2, confirmedMeetings: 2, termsMet: false },
      { confirmedHours: 3, confirmedMeetings: 3, termsMet: true },
      { confirmedHours: 4, confirmedMeetings: 4, termsMet: true },
      { confirmedHours: 5, confirmedMeetings: 5, termsMet: true },
    ]);
    const rel = (
      await ok(
        stack,
        `query ($id: ID!) { relationship(id: $id) { plannedEndOn terms { targetHours minMeetings durationWeeks hoursOrMeetings } progress { pace daysLeft } } }`,
        { id: pair.id },
        pair.coach,
      )
    ).relationship;
    expect(rel).toEqual({
      plannedEndOn: '2016-11-09',
      terms: { targetHours: 3, minMeetings: 3, durationWeeks: 26, hoursOrMeetings: true },
      progress: { pace: 'ON_TRACK', daysLeft: 0 },
    });
    const events = await eventsFor(stack, 'MeetingConfirmed', pair.id);
    expect(
      events.map((e) => [e.payload.occurredOn, e.payload.startTime, e.payload.durationMinutes, e.payload.homework]),
    ).toEqual(sheet.map(([d, , hw]) => [d, '18:00', 60, hw]));
    // the third meeting crossed the terms: RelationshipTermsMet once (webhooks' relationship.terms_met), not again
    const met = await eventsFor(stack, 'RelationshipTermsMet', pair.id);
    expect(met.map((e) => [e.payload.meetingId, e.payload.confirmedHours, e.payload.confirmedMeetings])).toEqual([
      [events[2].payload.meetingId, 3, 3],
    ]);
  });
});
