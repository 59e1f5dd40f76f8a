import { describe, expect, it } from 'vitest';
import { daysFromToday } from '@tandem/testkit';
import { checkInDue } from '../src/modules/coaching/check-in-due';
import { caseloadKey, compareCaseloadKeys } from '../src/modules/caseload/caseload.rules';
import type { RelationshipRow } from '../src/modules/relationships/relationship.repository';

const today = daysFromToday(0);
const active = (startedDaysAgo: number) => ({ status: 'ACTIVE' as const, startedOn: daysFromToday(-startedDaysAgo) });
const checkIn = (heldDaysAgo: number, followUpIn: number | null = null) => ({
  heldOn: daysFromToday(-heldDaysAgo),
  followUpOn: followUpIn === null ? null : daysFromToday(followUpIn),
  followUp: followUpIn === null ? null : 'Ask about the plan',
});

describe(checkInDue.name, () => {
  it('should owe nothing in the first 29 days, then a check-in from the 30th day after the start', () => {
    expect(checkInDue(active(29), null, today, 30)).toBeNull();
    expect(checkInDue(active(30), null, today, 30)).toMatchObject({ reason: 'NO_RECENT_CHECK_IN', overdueDays: 0 });
    expect(checkInDue(active(41), null, today, 30)).toMatchObject({ dueOn: daysFromToday(-11), overdueDays: 11 });
  });

  it('should count 30 days from the latest check-in when it set no follow-up', () => {
    expect(checkInDue(active(90), checkIn(29), today, 30)).toBeNull();
    expect(checkInDue(active(90), checkIn(32), today, 30)).toMatchObject({
      reason: 'NO_RECENT_CHECK_IN',
      overdueDays: 2,
      lastCheckInOn: daysFromToday(-32),
    });
  });

  it('should follow the follow-up date when the latest check-in set one, ahead or past', () => {
    expect(checkInDue(active(90), checkIn(40, 3), today, 30)).toBeNull();
    expect(checkInDue(active(90), checkIn(5, -2), today, 30)).toEqual({
      reason: 'FOLLOW_UP',
      dueOn: daysFromToday(-2),
      overdueDays: 2,
      followUp: 'Ask about the plan',
      lastCheckInOn: daysFromToday(-5),
    });
  });

  it('should owe nothing to a paused, completed or withdrawn pair', () => {
    for (const status of ['PAUSED', 'COMPLETED', 'WITHDRAWN'] as const)
      expect(checkInDue({ ...active(90), status }, null, today, 30)).toBeNull();
  });

  it("should count the programme's own interval when it sets one", () => {
    expect(checkInDue(active(13), null, today, 14)).toBeNull();
    expect(checkInDue(active(14), null, today, 14)).toMatchObject({ dueOn: today, overdueDays: 0 });
    expect(checkInDue(active(90), checkIn(9), today, 7)).toMatchObject({ dueOn: daysFromToday(-2), overdueDays: 2 });
    expect(checkInDue(active(90), checkIn(59), today, 60)).toBeNull();
  });
});

describe(compareCaseloadKeys.name, () => {
  const row = (id: string, flags: number, startedDaysAgo: number) =>
    ({
      id,
      startedOn: daysFromToday(-startedDaysAgo),
      atRiskFlags: Array.from({ length: flags }, (_, i) => ({ code: `C${i}`, reason: 'r', since: today })),
    }) as RelationshipRow;
  const due = (overdueDays: number) => ({
    reason: 'NO_RECENT_CHECK_IN' as const,
    dueOn: today,
    overdueDays,
    followUp: null,
    lastCheckInOn: null,
  });

  it('should put more flags first, then the longest overdue check-in, then the oldest start', () => {
    const keys = [
      caseloadKey(row('a', 0, 50), null),
      caseloadKey(row('b', 1, 5), null),
      caseloadKey(row('c', 0, 10), due(3)),
      caseloadKey(row('d', 2, 5), null),
      caseloadKey(row('e', 0, 10), due(900)),
      caseloadKey(row('f', 0, 60), null),
    ];
    expect(keys.sort(compareCaseloadKeys).map((k) => k[2])).toEqual(['d', 'b', 'e', 'c', 'f', 'a']);
  });
});
