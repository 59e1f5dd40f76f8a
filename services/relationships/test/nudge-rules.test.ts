import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMME_NUDGES } from '@tandem/contracts';
import { daysFromToday } from '@tandem/testkit';
import { checkInDue } from '../src/modules/coaching/check-in-due';
import { dueNudges, type NudgeFacts } from '../src/modules/nudges/nudge.rules';

const now = new Date();
const today = daysFromToday(0);
const facts = (over: Partial<NudgeFacts> = {}): NudgeFacts => ({
  status: 'ACTIVE',
  startedOn: daysFromToday(-10),
  menteeId: 'mentee',
  mentorId: 'mentor',
  lastLoggedOn: null,
  awaiting: [],
  checkIn: null,
  ...over,
});
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000 - 60_000);
const codes = (f: NudgeFacts, n = DEFAULT_PROGRAMME_NUDGES) => dueNudges(f, n, now, today).map((d) => d.occurrence);

describe(dueNudges.name, () => {
  it('should nudge from the 21st day without a logged meeting, counted from the start, with one occurrence per 21 days', () => {
    const start = daysFromToday(-20);
    expect(codes(facts({ startedOn: start }))).toEqual([]);
    expect(dueNudges(facts({ startedOn: daysFromToday(-21) }), DEFAULT_PROGRAMME_NUDGES, now, today)).toEqual([
      {
        nudge: 'NO_MEETING',
        occurrence: `${daysFromToday(-21)}/1`,
        dueOn: daysFromToday(-21),
        days: 21,
        meetingId: null,
        awaitingUserId: null,
      },
    ]);
    // the same occurrence until day 42, then a new one
    expect(codes(facts({ startedOn: daysFromToday(-41) }))).toEqual([`${daysFromToday(-41)}/1`]);
    expect(codes(facts({ startedOn: daysFromToday(-42) }))).toEqual([`${daysFromToday(-42)}/2`]);
  });

  it('should count from the latest logged meeting, and not at all when the programme turned it off', () => {
    const f = facts({ startedOn: daysFromToday(-90), lastLoggedOn: daysFromToday(-5) });
    expect(codes(f)).toEqual([]);
    const quiet = facts({ startedOn: daysFromToday(-90), lastLoggedOn: daysFromToday(-30) });
    expect(codes(quiet)).toEqual([`${daysFromToday(-30)}/1`]);
    expect(codes(quiet, { ...DEFAULT_PROGRAMME_NUDGES, noMeetingDays: 14 })).toEqual([`${daysFromToday(-30)}/2`]);
    expect(codes(quiet, { ...DEFAULT_PROGRAMME_NUDGES, noMeetingDays: null })).toEqual([]);
  });

  it('should remind the partner who has not confirmed a meeting waiting 3 days, per meeting and per 3 days', () => {
    const meeting = (id: string, waited: number, menteeConfirmed: boolean) => ({
      meetingId: id,
      occurredOn: daysFromToday(-waited - 1),
      loggedAt: daysAgo(waited),
      menteeConfirmed,
      mentorConfirmed: !menteeConfirmed,
    });
    const f = facts({
      lastLoggedOn: today,
      awaiting: [meeting('m1', 2, false), meeting('m2', 3, false), meeting('m3', 7, true)],
    });
    const due = dueNudges(f, DEFAULT_PROGRAMME_NUDGES, now, today);
    expect(due.map((d) => [d.nudge, d.occurrence, d.awaitingUserId, d.days])).toEqual([
      ['MEETING_AWAITING_CONFIRMATION', 'm2/1', 'mentee', 3],
      ['MEETING_AWAITING_CONFIRMATION', 'm3/2', 'mentor', 7],
    ]);
    expect(codes(f, { ...DEFAULT_PROGRAMME_NUDGES, awaitingConfirmationDays: null })).toEqual([]);
  });

  it("should tell the coach once per due day of the caseload's check-in rule, unless the programme turned it off", () => {
    const checkIn = checkInDue({ status: 'ACTIVE', startedOn: daysFromToday(-35) }, null, today, 30);
    const f = facts({ lastLoggedOn: today, checkIn });
    expect(dueNudges(f, DEFAULT_PROGRAMME_NUDGES, now, today)).toEqual([
      {
        nudge: 'CHECK_IN_DUE',
        occurrence: `NO_RECENT_CHECK_IN/${daysFromToday(-5)}`,
        dueOn: daysFromToday(-5),
        days: 5,
        meetingId: null,
        awaitingUserId: null,
      },
    ]);
    expect(codes(f, { ...DEFAULT_PROGRAMME_NUDGES, checkInDue: false })).toEqual([]);
  });

  it('should nudge nobody about a paused or ended relationship', () => {
    for (const status of ['PAUSED', 'COMPLETED', 'WITHDRAWN'])
      expect(codes(facts({ status, startedOn: daysFromToday(-100) }))).toEqual([]);
  });
});
