/** The evidence rules of a logged meeting, as pure functions (meeting.rules.ts). */
import { describe, expect, it } from 'vitest';
import { Refusal } from '@tandem/subgraph-kit';
import type { MeetingInput } from '../src/modules/meetings/meeting.inputs';
import {
  minutesInDay,
  refuseDailyExcess,
  validateMeeting,
  zonedInstant,
  type MeetingContext,
} from '../src/modules/meetings/meeting.rules';
import { MeetingMode } from '../src/modules/shared/enums';

const rel = { startedOn: '2026-03-01', startedAt: new Date('2026-03-01T05:00:00Z') };
const input = (over: Partial<MeetingInput> = {}): MeetingInput =>
  Object.assign(
    { occurredOn: '2026-03-10', startTime: '10:00', durationMinutes: 60, mode: MeetingMode.VIDEO, topics: ['CPA'] },
    over,
  ) as MeetingInput;
const ctx = (over: Partial<MeetingContext> = {}): MeetingContext => ({
  now: new Date('2026-03-10T12:00:00Z'),
  maxMeetingMinutes: 240,
  defaultTimeZone: 'UTC',
  ...over,
});

/** The `field:code` of each refusal `work` throws (empty when it passes). */
function refusals(work: () => unknown): string[] {
  try {
    work();
    return [];
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    return e.errors.map((f) => `${f.field}:${f.code}`).sort();
  }
}

describe('validateMeeting', () => {
  it('should compute the instants from the local date and time in the meeting time zone', () => {
    const facts = validateMeeting(input({ startTime: '06:00', timeZone: 'America/Toronto' }), rel, ctx());
    // 2026-03-10 is in EDT (UTC-4) since 2026-03-08
    expect(facts.startsAt.toISOString()).toBe('2026-03-10T10:00:00.000Z');
    expect(facts.endsAt.toISOString()).toBe('2026-03-10T11:00:00.000Z');
    expect(facts.timeZone).toBe('America/Toronto');
  });

  it('should take the default time zone when the input names none', () => {
    const facts = validateMeeting(input({ startTime: '20:00' }), rel, ctx({ defaultTimeZone: 'Asia/Tokyo' }));
    expect(facts).toMatchObject({ timeZone: 'Asia/Tokyo' });
    expect(facts.startsAt.toISOString()).toBe('2026-03-10T11:00:00.000Z');
  });

  it('should refuse a meeting that has not ended yet, by the time of day in its zone, not the UTC date', () => {
    // 11:30 UTC for an hour: the date is today but it ends at 12:30, after "now"
    expect(refusals(() => validateMeeting(input({ startTime: '11:30' }), rel, ctx()))).toEqual([
      'input.startTime:NOT_ENDED',
    ]);
    // 20:00 in Tokyo is 11:00 UTC: it ended at noon UTC, so it may be logged although 20:00 is "later" than 12:00
    expect(refusals(() => validateMeeting(input({ startTime: '20:00', timeZone: 'Asia/Tokyo' }), rel, ctx()))).toEqual(
      [],
    );
    // 10:00 in Toronto has not started (14:00 UTC)
    expect(
      refusals(() => validateMeeting(input({ startTime: '10:00', timeZone: 'America/Toronto' }), rel, ctx())),
    ).toEqual(['input.occurredOn:IN_THE_FUTURE']);
    // the next day in UTC+14 already started at 10:00 UTC today; 00:00 to 01:00 there has ended
    expect(
      refusals(() =>
        validateMeeting(input({ occurredOn: '2026-03-11', startTime: '00:00', timeZone: 'Etc/GMT-14' }), rel, ctx()),
      ),
    ).toEqual([]);
  });

  it('should refuse a meeting before the start by the instant the relationship started, whatever the zone (issue 20)', () => {
    // the match was confirmed at 01:45 UTC on Dec 7: still Dec 6 (17:45) at UTC-8, as on the Pacific coast
    // (fixed zones, so the test does not depend on the tz data's rules for Vancouver)
    const started = { startedOn: '2026-12-07', startedAt: new Date('2026-12-07T01:45:00Z') };
    const at = ctx({ now: new Date('2026-12-07T03:30:00Z') });
    const pacific = (occurredOn: string, startTime: string, durationMinutes = 30) =>
      input({ occurredOn, startTime, durationMinutes, timeZone: 'Etc/GMT+8' });
    // 17:30 to 18:00 on Dec 6 at UTC-8 is 01:30 to 02:00 UTC: it ended after the start (refused before issue 20)
    expect(refusals(() => validateMeeting(pacific('2026-12-06', '17:30'), started, at))).toEqual([]);
    // 17:00 to 17:45 ended exactly as the match was confirmed: before the start; a minute longer is not
    expect(refusals(() => validateMeeting(pacific('2026-12-06', '17:00', 45), started, at))).toEqual([
      'input.occurredOn:BEFORE_START',
    ]);
    expect(refusals(() => validateMeeting(pacific('2026-12-06', '17:00', 46), started, at))).toEqual([]);
    // what the stop-gap (00:00 at UTC+14 of the start date, 10:00 UTC on Dec 6) let through is refused now
    expect(refusals(() => validateMeeting(pacific('2026-12-06', '03:00'), started, at))).toEqual([
      'input.occurredOn:BEFORE_START',
    ]);
    // the same instants give the same answers in every zone: 01:00 to 01:30 UTC is before, at UTC+14 too
    const utc = (startTime: string) =>
      input({ occurredOn: '2026-12-07', startTime, durationMinutes: 30, timeZone: 'UTC' });
    expect(refusals(() => validateMeeting(utc('01:00'), started, at))).toEqual(['input.occurredOn:BEFORE_START']);
    expect(refusals(() => validateMeeting(utc('01:16'), started, at))).toEqual([]);
    const kiribati = (startTime: string) =>
      input({ occurredOn: '2026-12-07', startTime, durationMinutes: 30, timeZone: 'Etc/GMT-14' });
    expect(refusals(() => validateMeeting(kiribati('15:00'), started, at))).toEqual(['input.occurredOn:BEFORE_START']);
    expect(refusals(() => validateMeeting(kiribati('15:16'), started, at))).toEqual([]);
    // without a valid time there is no instant: only a date before the start date in every zone is refused
    const noTime = (occurredOn: string) => input({ occurredOn, startTime: '25:00', timeZone: 'Etc/GMT+8' });
    expect(refusals(() => validateMeeting(noTime('2026-12-06'), started, at))).toEqual([
      'input.startTime:INVALID_TIME',
    ]);
    expect(refusals(() => validateMeeting(noTime('2026-12-05'), started, at))).toEqual([
      'input.occurredOn:BEFORE_START',
      'input.startTime:INVALID_TIME',
    ]);
  });

  it('should let a pair record meetings held up to the programme’s days before the start, and no earlier', () => {
    const started = { startedOn: '2026-12-07', startedAt: new Date('2026-12-07T01:45:00Z'), priorMeetingDays: 30 };
    const at = ctx({ now: new Date('2026-12-07T03:30:00Z') });
    const utc = (occurredOn: string, startTime: string) =>
      input({ occurredOn, startTime, durationMinutes: 60, timeZone: 'UTC' });
    // 30 days before 01:45 UTC on Dec 7 is 01:45 UTC on Nov 7: a meeting that ended after it may be recorded
    expect(refusals(() => validateMeeting(utc('2026-11-07', '01:00'), started, at))).toEqual([]);
    expect(refusals(() => validateMeeting(utc('2026-11-20', '18:00'), started, at))).toEqual([]);
    expect(refusals(() => validateMeeting(utc('2026-11-07', '00:30'), started, at))).toEqual([
      'input.occurredOn:BEFORE_START',
    ]);
    // without the setting, the same meeting is before the start
    expect(
      refusals(() => validateMeeting(utc('2026-11-20', '18:00'), { ...started, priorMeetingDays: 0 }, at)),
    ).toEqual(['input.occurredOn:BEFORE_START']);
  });

  it('should refuse a meeting longer than the programme allows, and keep the absolute bounds', () => {
    expect(refusals(() => validateMeeting(input({ startTime: '06:00', durationMinutes: 241 }), rel, ctx()))).toEqual([
      'input.durationMinutes:TOO_LONG',
    ]);
    expect(
      refusals(() =>
        validateMeeting(input({ startTime: '00:00', durationMinutes: 600 }), rel, ctx({ maxMeetingMinutes: 600 })),
      ),
    ).toEqual([]);
    expect(refusals(() => validateMeeting(input({ durationMinutes: 4 }), rel, ctx()))).toEqual([
      'input.durationMinutes:OUT_OF_RANGE',
    ]);
    expect(
      refusals(() => validateMeeting(input({ durationMinutes: 601 }), rel, ctx({ maxMeetingMinutes: 600 }))),
    ).toEqual(['input.durationMinutes:OUT_OF_RANGE']);
  });

  it('should refuse an unknown time zone with its own code', () => {
    expect(refusals(() => validateMeeting(input({ timeZone: 'Mars/Olympus' }), rel, ctx()))).toEqual([
      'input.timeZone:UNKNOWN_TIME_ZONE',
    ]);
  });
});

describe('refuseDailyExcess', () => {
  const facts = validateMeeting(input({ occurredOn: '2026-03-09', durationMinutes: 60 }), rel, ctx());

  it('should let a person reach exactly the length of the day, and refuse a minute more for whoever it is', () => {
    expect(refusals(() => refuseDailyExcess(facts, [{ self: true, minutes: 1380 }]))).toEqual([]);
    expect(refusals(() => refuseDailyExcess(facts, [{ self: true, minutes: 1381 }]))).toEqual([
      'input.durationMinutes:DAILY_HOURS_EXCEEDED',
    ]);
    expect(
      refusals(() =>
        refuseDailyExcess(facts, [
          { self: true, minutes: 0 },
          { self: false, minutes: 1400 },
        ]),
      ),
    ).toEqual(['input.durationMinutes:DAILY_HOURS_EXCEEDED']);
  });

  it("should take the date's own length in the meeting zone on a DST change", () => {
    expect(minutesInDay('2026-03-08', 'America/Toronto')).toBe(1380);
    expect(minutesInDay('2026-11-01', 'America/Toronto')).toBe(1500);
    expect(minutesInDay('2026-03-08', 'UTC')).toBe(1440);
    const spring = validateMeeting(
      input({ occurredOn: '2026-03-08', startTime: '10:00', timeZone: 'America/Toronto' }),
      rel,
      ctx(),
    );
    expect(refusals(() => refuseDailyExcess(spring, [{ self: true, minutes: 1320 }]))).toEqual([]);
    expect(refusals(() => refuseDailyExcess(spring, [{ self: true, minutes: 1321 }]))).toEqual([
      'input.durationMinutes:DAILY_HOURS_EXCEEDED',
    ]);
  });

  it('should move a local time skipped by a DST change forward', () => {
    expect(zonedInstant('2026-03-08', '02:30', 'America/Toronto').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
});
