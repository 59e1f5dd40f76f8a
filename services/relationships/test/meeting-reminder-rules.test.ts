import { describe, expect, it } from 'vitest';
import { remindersDue } from '../src/modules/calendar/meeting-reminder.rules';

const HOUR = 3_600_000;
const startsAt = new Date('2026-05-14T21:00:00Z'); // 17:00 in Toronto
const plan = { startsAt, endsAt: new Date(startsAt.getTime() + HOUR) };
const at = (offsetHours: number) => new Date(startsAt.getTime() + offsetHours * HOUR);

describe(remindersDue.name, () => {
  it('should owe nothing more than a day ahead', () => {
    expect(remindersDue(plan, at(-24.01))).toEqual([]);
  });

  it('should owe the day-before reminder from 24 hours until 2 hours before the start', () => {
    expect(remindersDue(plan, at(-24))).toEqual(['DAY_BEFORE']);
    expect(remindersDue(plan, at(-3))).toEqual(['DAY_BEFORE']);
    // accepted at the last minute: no "tomorrow" reminder, only the hour-before one once in its hour
    expect(remindersDue(plan, at(-2))).toEqual([]);
  });

  it('should owe the hour-before reminder in the last hour, and nothing once started', () => {
    expect(remindersDue(plan, at(-1))).toEqual(['HOUR_BEFORE']);
    expect(remindersDue(plan, at(-0.01))).toEqual(['HOUR_BEFORE']);
    expect(remindersDue(plan, at(0))).toEqual([]);
    expect(remindersDue(plan, at(0.99))).toEqual([]);
  });

  it('should prompt to record it from its end, for a week only', () => {
    expect(remindersDue(plan, at(1))).toEqual(['RECORD_PROMPT']);
    expect(remindersDue(plan, at(1 + 7 * 24 - 0.01))).toEqual(['RECORD_PROMPT']);
    expect(remindersDue(plan, at(1 + 7 * 24))).toEqual([]);
  });
});
