import { describe, expect, it } from 'vitest';
import { atRiskFlags } from '../src/modules/coaching/at-risk';
import { DEFAULT_TERMS } from '../src/modules/relationships/relationship.progress';
import type { RelationshipRow } from '../src/modules/relationships/relationship.repository';
import type { MeetingTotals } from '../src/modules/relationships/relationship-totals.repository';

const rel = (over: Partial<RelationshipRow> = {}): RelationshipRow => ({
  id: 'r',
  menteeId: 'a',
  mentorId: 'b',
  status: 'ACTIVE',
  startedOn: '2026-01-01',
  startedAt: new Date('2026-01-01T05:00:00Z'),
  priorMeetingDays: 0,
  matchId: null,
  programmeId: null,
  programmeName: null,
  organizationId: null,
  cohortId: null,
  coachId: null,
  plannedEndOn: '2026-04-30',
  pausedAt: null,
  pausedBy: null,
  endedOn: null,
  withdrawnBy: null,
  withdrawalReason: null,
  completionMentorAt: null,
  completionMenteeAt: null,
  closedAt: null,
  continuedCount: 0,
  atRiskFlags: [],
  atRiskFlaggedAt: null,
  createdAt: new Date(),
  ...over,
  terms: { ...DEFAULT_TERMS, targetHours: 4, durationWeeks: 16, known: true, ...over.terms },
});
const totals = (over: Partial<MeetingTotals> = {}): MeetingTotals => ({
  relationshipId: 'r',
  confirmedMinutes: 0,
  confirmedMeetings: 0,
  notCountingMeetings: 0,
  awaitingMeetings: 0,
  lastConfirmedOn: null,
  oldestAwaitingLoggedAt: null,
  ...over,
});
const codes = (flags: Array<{ code: string }>) => flags.map((f) => f.code).sort();

describe(atRiskFlags.name, () => {
  it('should raise nothing for a relationship that meets, confirms and signed its agreement', () => {
    const now = new Date('2026-02-15T06:00:00Z');
    expect(
      atRiskFlags(
        rel(),
        totals({ confirmedMinutes: 120, confirmedMeetings: 2, lastConfirmedOn: '2026-02-01' }),
        true,
        now,
        '2026-02-15',
      ),
    ).toEqual([]);
  });

  it('should flag 30 days without a confirmed meeting from the 30th day, not the 29th', () => {
    const t = totals({ confirmedMinutes: 240, confirmedMeetings: 4, lastConfirmedOn: '2026-01-10' });
    expect(codes(atRiskFlags(rel(), t, true, new Date('2026-02-08T00:00:00Z'), '2026-02-08'))).toEqual([]);
    expect(codes(atRiskFlags(rel(), t, true, new Date('2026-02-09T00:00:00Z'), '2026-02-09'))).toEqual([
      'NO_CONFIRMED_MEETING',
    ]);
  });

  it('should flag a meeting awaiting confirmation for 14 days and an agreement unsigned 14 days after the start', () => {
    const t = totals({
      confirmedMinutes: 240,
      confirmedMeetings: 4,
      lastConfirmedOn: '2026-01-14',
      awaitingMeetings: 2,
      oldestAwaitingLoggedAt: new Date('2026-01-01T12:00:00Z'),
    });
    expect(codes(atRiskFlags(rel(), t, false, new Date('2026-01-15T11:00:00Z'), '2026-01-15'))).toEqual([
      'AGREEMENT_UNSIGNED',
    ]);
    expect(codes(atRiskFlags(rel(), t, false, new Date('2026-01-15T12:00:00Z'), '2026-01-15'))).toEqual([
      'AGREEMENT_UNSIGNED',
      'MEETING_AWAITING_CONFIRMATION',
    ]);
    expect(codes(atRiskFlags(rel(), t, false, new Date('2026-01-14T11:59:00Z'), '2026-01-14'))).toEqual([]);
  });

  it('should flag behind pace and never flag a paused or ended relationship', () => {
    const t = totals({ confirmedMinutes: 30, confirmedMeetings: 1, lastConfirmedOn: '2026-02-20' });
    const flags = atRiskFlags(rel(), t, true, new Date('2026-02-26T00:00:00Z'), '2026-02-26');
    expect(codes(flags)).toEqual(['BEHIND_PACE']);
    expect(flags[0].reason).toBe(
      'Pace AT_RISK: 0.5 of 4 hours confirmed, 2 expected by today, 56 of 112 days elapsed.',
    );
    for (const status of ['PAUSED', 'COMPLETED', 'WITHDRAWN'] as const)
      expect(atRiskFlags(rel({ status }), totals(), false, new Date('2026-06-01T00:00:00Z'), '2026-06-01')).toEqual([]);
  });

  describe('pulse check-ins', () => {
    const good = totals({ confirmedMinutes: 120, confirmedMeetings: 2, lastConfirmedOn: '2026-02-01' });
    const now = new Date('2026-02-15T06:00:00Z');
    const answer = (role: 'MENTEE' | 'MENTOR', score: number, note: string | null = null) => ({
      role,
      score,
      note,
      answeredAt: new Date('2026-02-14T18:00:00Z'),
    });

    it("should flag LOW_PULSE when a partner's latest answer is 2 or less, naming who, the score, the date and the note's start", () => {
      const note = 'We keep cancelling on each other and I am not sure the goals still make sense for me this term.';
      const flags = atRiskFlags(rel(), good, true, now, '2026-02-15', {
        latest: [answer('MENTOR', 4), answer('MENTEE', 2, note)],
        open: null,
      });
      expect(flags).toEqual([
        {
          code: 'LOW_PULSE',
          reason:
            'The mentee answered the pulse check-in with 2 of 5 on 2026-02-14: “We keep cancelling on each other and I am not sure the goals…”.',
          params: {
            answers: [
              {
                role: 'MENTEE',
                score: 2,
                answeredOn: '2026-02-14',
                note: 'We keep cancelling on each other and I am not sure the goals…',
              },
            ],
          },
        },
      ]);
    });

    it('should name both partners when both answered low, and raise nothing for 3 or more', () => {
      const both = atRiskFlags(rel(), good, true, now, '2026-02-15', {
        latest: [answer('MENTOR', 1), answer('MENTEE', 2, 'Hard.')],
        open: null,
      });
      expect(both.map((f) => f.reason)).toEqual([
        'The mentee answered the pulse check-in with 2 of 5 on 2026-02-14: “Hard.”. The mentor answered the pulse check-in with 1 of 5 on 2026-02-14.',
      ]);
      expect(
        atRiskFlags(rel(), good, true, now, '2026-02-15', {
          latest: [answer('MENTOR', 3), answer('MENTEE', 5)],
          open: null,
        }),
      ).toEqual([]);
    });

    it('should flag a pulse unanswered for 7 days from the 7th day, naming who has not answered', () => {
      const open = { askedAt: new Date('2026-02-08T06:00:00Z'), answeredRoles: ['MENTOR' as const] };
      expect(
        atRiskFlags(rel(), good, true, new Date('2026-02-15T05:59:00Z'), '2026-02-15', { latest: [], open }),
      ).toEqual([]);
      expect(atRiskFlags(rel(), good, true, now, '2026-02-15', { latest: [], open })).toEqual([
        {
          code: 'PULSE_UNANSWERED',
          reason: 'The pulse check-in asked on 2026-02-08 has waited 7 days for the mentee.',
          params: { askedOn: '2026-02-08', days: 7, waitingFor: ['MENTEE'] },
        },
      ]);
    });

    it('should carry no pulse flag on a paused relationship', () => {
      expect(
        atRiskFlags(rel({ status: 'PAUSED' }), good, true, now, '2026-02-15', {
          latest: [answer('MENTEE', 1)],
          open: { askedAt: new Date('2026-01-01T00:00:00Z'), answeredRoles: [] },
        }),
      ).toEqual([]);
    });
  });
});

describe('at-risk params (issue 22)', () => {
  it('should give the figures and dates of each reason, so apps word it in their reader’s language', () => {
    const t = totals({
      confirmedMinutes: 60,
      confirmedMeetings: 1,
      lastConfirmedOn: '2026-01-05',
      awaitingMeetings: 2,
      oldestAwaitingLoggedAt: new Date('2026-01-20T00:00:00Z'),
    });
    const now = new Date('2026-02-10T12:00:00Z');
    const flags = atRiskFlags(rel(), t, false, now, '2026-02-10', {
      latest: [{ role: 'MENTOR', score: 1, note: 'Hard month', answeredAt: new Date('2026-02-09T08:00:00Z') }],
      open: { askedAt: new Date('2026-02-01T08:00:00Z'), answeredRoles: ['MENTOR'] },
    });
    const byCode = Object.fromEntries(flags.map((f) => [f.code, f.params]));
    expect(byCode.NO_CONFIRMED_MEETING).toEqual({ days: 36, lastConfirmedOn: '2026-01-05' });
    expect(byCode.MEETING_AWAITING_CONFIRMATION).toEqual({ meetings: 2, days: 21 });
    expect(byCode.AGREEMENT_UNSIGNED).toEqual({ days: 40, startedOn: '2026-01-01' });
    expect(byCode.BEHIND_PACE).toMatchObject({ confirmedHours: 1, targetHours: 4, daysElapsed: 40, durationDays: 112 });
    expect(byCode.LOW_PULSE).toEqual({
      answers: [{ role: 'MENTOR', score: 1, answeredOn: '2026-02-09', note: 'Hard month' }],
    });
    expect(byCode.PULSE_UNANSWERED).toEqual({ askedOn: '2026-02-01', days: 9, waitingFor: ['MENTEE'] });
  });
});
