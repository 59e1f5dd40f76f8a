/** The agreement's schedule as occurrences (meeting-schedule.rules.ts), pure. */
import { describe, expect, it } from 'vitest';
import {
  nextOccurrence,
  scheduledDetails,
  scheduledProposer,
  type ScheduleRule,
} from '../src/modules/meetings/meeting-schedule.rules';

const thursdaysAtFive = (everyWeeks: number): ScheduleRule => ({
  weekday: 4,
  startTime: '17:00',
  everyWeeks,
  timeZone: 'America/Toronto',
});
const wallClock = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(at)
    .replace(',', '');

describe('nextOccurrence', () => {
  // signed on Tuesday 2026-10-20 in Toronto; Toronto leaves daylight time on Sunday 2026-11-01
  const signed = new Date('2026-10-20T15:00:00Z');

  it('should keep 17:00 on the wall clock of the schedule zone across the end of daylight time', () => {
    const first = nextOccurrence(thursdaysAtFive(1), signed, signed);
    expect(first.toISOString()).toBe('2026-10-22T21:00:00.000Z'); // EDT, UTC-4
    const second = nextOccurrence(thursdaysAtFive(1), signed, first);
    expect(second.toISOString()).toBe('2026-10-29T21:00:00.000Z');
    const third = nextOccurrence(thursdaysAtFive(1), signed, second);
    expect(third.toISOString()).toBe('2026-11-05T22:00:00.000Z'); // EST, UTC-5
    expect([first, second, third].map((d) => wallClock(d, 'America/Toronto'))).toEqual([
      'Thu 17:00',
      'Thu 17:00',
      'Thu 17:00',
    ]);
  });

  it('should count every two weeks from the first Thursday after the agreement became binding', () => {
    const first = nextOccurrence(thursdaysAtFive(2), signed, signed);
    expect(first.toISOString()).toBe('2026-10-22T21:00:00.000Z');
    // asked for the first after Oct 23: the series' next one, two weeks after the first, not Oct 29
    expect(nextOccurrence(thursdaysAtFive(2), signed, new Date('2026-10-23T00:00:00Z')).toISOString()).toBe(
      '2026-11-05T22:00:00.000Z',
    );
    // far ahead, still on the series (Oct 22 + 20 weeks), not the first Thursday after Mar 1
    expect(nextOccurrence(thursdaysAtFive(2), signed, new Date('2027-03-01T00:00:00Z')).toISOString()).toBe(
      '2027-03-11T22:00:00.000Z',
    );
  });

  it('should start on the day it became binding when that is the weekday, later than the time given', () => {
    const thursdayMorning = new Date('2026-10-22T13:00:00Z');
    expect(nextOccurrence(thursdaysAtFive(2), thursdayMorning, thursdayMorning).toISOString()).toBe(
      '2026-10-22T21:00:00.000Z',
    );
    const thursdayNight = new Date('2026-10-22T23:00:00Z');
    expect(nextOccurrence(thursdaysAtFive(2), thursdayNight, thursdayNight).toISOString()).toBe(
      '2026-11-05T22:00:00.000Z',
    );
  });

  it('should move a time skipped by the start of daylight time forward', () => {
    // 02:30 on Sunday 2027-03-14 does not exist in Toronto
    const rule: ScheduleRule = { weekday: 7, startTime: '02:30', everyWeeks: 1, timeZone: 'America/Toronto' };
    const at = nextOccurrence(rule, new Date('2027-03-10T12:00:00Z'), new Date('2027-03-10T12:00:00Z'));
    expect(wallClock(at, 'America/Toronto')).toBe('Sun 03:30');
  });
});

describe('scheduledDetails and scheduledProposer', () => {
  it('should hold a https "where" as a video call and anything else in person, within a plan length', () => {
    expect(scheduledDetails(' https://meet.example.org/ab ', 60)).toEqual({
      mode: 'VIDEO',
      place: null,
      videoUrl: 'https://meet.example.org/ab',
      durationMinutes: 60,
    });
    expect(scheduledDetails('Café Olimpico', 5)).toEqual({
      mode: 'IN_PERSON',
      place: 'Café Olimpico',
      videoUrl: null,
      durationMinutes: 15,
    });
    expect(scheduledDetails('Video', 600).durationMinutes).toBe(480);
  });

  it('should propose in the name of the partner who initiates, the mentee when either does', () => {
    const rel = { menteeId: 'mentee', mentorId: 'mentor' };
    expect(scheduledProposer('MENTOR', rel)).toEqual({ proposedBy: 'mentor', awaitingUserId: 'mentee' });
    expect(scheduledProposer('MENTEE', rel)).toEqual({ proposedBy: 'mentee', awaitingUserId: 'mentor' });
    expect(scheduledProposer('EITHER', rel)).toEqual({ proposedBy: 'mentee', awaitingUserId: 'mentor' });
  });
});
