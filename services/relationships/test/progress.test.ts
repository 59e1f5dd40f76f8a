import { describe, expect, it } from 'vitest';
import { computeProgress, termsMet, type ProgressInput } from '../src/modules/relationships/relationship.progress';

const oacett = {
  targetHours: 3,
  durationWeeks: 26,
  minMeetings: 3,
  hoursOrMeetings: true,
  requireSignedAgreement: false,
  maxMeetingMinutes: 240,
  known: true,
};
const triec = {
  targetHours: 24,
  durationWeeks: 16,
  minMeetings: 0,
  hoursOrMeetings: false,
  requireSignedAgreement: false,
  maxMeetingMinutes: 240,
  known: true,
};
const base: ProgressInput = {
  status: 'ACTIVE',
  startedOn: '2026-01-01',
  plannedEndOn: '2026-04-23',
  endedOn: null,
  terms: triec,
  confirmedMinutes: 0,
  confirmedMeetings: 0,
  today: '2026-01-01',
};

describe(computeProgress.name, () => {
  it('should expect hours in proportion to the elapsed share of the duration', () => {
    const p = computeProgress({ ...base, today: '2026-02-26', confirmedMinutes: 12 * 60 }); // 56 of 112 days
    expect(p).toMatchObject({
      daysElapsed: 56,
      expectedHours: 12,
      confirmedHours: 12,
      achievedFraction: 0.5,
      pace: 'ON_TRACK',
      daysLeft: 56,
      termsMet: false,
    });
  });

  it('should say BEHIND from 50% to 80% of the expected progress and AT_RISK below', () => {
    expect(computeProgress({ ...base, today: '2026-02-26', confirmedMinutes: 9.6 * 60 }).pace).toBe('ON_TRACK'); // 80%
    expect(computeProgress({ ...base, today: '2026-02-26', confirmedMinutes: 9.5 * 60 }).pace).toBe('BEHIND');
    expect(computeProgress({ ...base, today: '2026-02-26', confirmedMinutes: 6 * 60 }).pace).toBe('BEHIND'); // 50%
    expect(computeProgress({ ...base, today: '2026-02-26', confirmedMinutes: 5.9 * 60 }).pace).toBe('AT_RISK');
  });

  it('should give a 14-day grace period and no pace once ended', () => {
    expect(computeProgress({ ...base, today: '2026-01-14' }).pace).toBe('ON_TRACK');
    expect(computeProgress({ ...base, today: '2026-01-15' }).pace).toBe('AT_RISK');
    expect(computeProgress({ ...base, status: 'COMPLETED', endedOn: '2026-03-01', today: '2026-06-01' })).toMatchObject(
      { pace: null, daysElapsed: 59, daysLeft: 0 },
    );
  });

  it('should take the better of hours and meetings when the terms say "or", the worse otherwise', () => {
    expect(termsMet(oacett, 1, 3)).toBe(true);
    expect(termsMet(oacett, 3, 0)).toBe(true);
    expect(termsMet(oacett, 2.5, 2)).toBe(false);
    expect(termsMet({ ...oacett, hoursOrMeetings: false }, 3, 2)).toBe(false);
    expect(
      computeProgress({ ...base, terms: oacett, today: '2026-07-02', confirmedMinutes: 60, confirmedMeetings: 2 })
        .achievedFraction,
    ).toBe(0.67);
    expect(
      computeProgress({
        ...base,
        terms: { ...oacett, hoursOrMeetings: false },
        today: '2026-07-02',
        confirmedMinutes: 60,
        confirmedMeetings: 2,
      }).achievedFraction,
    ).toBe(0.33);
  });
});
