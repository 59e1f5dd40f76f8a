import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMME_NUDGES } from '@tandem/contracts';
import { FieldErrors } from '@tandem/subgraph-kit';
import { digestDay } from '../src/modules/notifications/notification-digest.rules';
import { programmeNudges } from '../src/modules/programmes/programme.rules';

describe(digestDay.name, () => {
  it("should be due from 08:00 in the person's zone, keyed by their local day", () => {
    // 12:30 UTC is 07:30 in Toronto (EST) and 21:30 in Tokyo
    const at = new Date('2026-12-07T12:30:00Z');
    expect(digestDay(at, 'America/Toronto')).toEqual({ localDay: '2026-12-07', due: false });
    expect(digestDay(new Date('2026-12-07T13:00:00Z'), 'America/Toronto')).toEqual({
      localDay: '2026-12-07',
      due: true,
    });
    expect(digestDay(at, 'Asia/Tokyo')).toEqual({ localDay: '2026-12-07', due: true });
    // 03:00 UTC is still the evening before in Toronto: that day's digest
    expect(digestDay(new Date('2026-12-07T03:00:00Z'), 'America/Toronto')).toEqual({
      localDay: '2026-12-06',
      due: true,
    });
  });

  it('should take Toronto for someone who chose no zone, or a zone the runtime does not know', () => {
    const at = new Date('2026-12-07T12:30:00Z');
    expect(digestDay(at, null)).toEqual({ localDay: '2026-12-07', due: false });
    expect(digestDay(at, 'Mars/Olympus')).toEqual({ localDay: '2026-12-07', due: false });
  });
});

describe(programmeNudges.name, () => {
  it('should take the defaults on creation and keep the current values for omitted fields', () => {
    const errors = new FieldErrors();
    expect(programmeNudges({}, null, errors)).toEqual(DEFAULT_PROGRAMME_NUDGES);
    const current = {
      nudges: {
        noMeetingDays: 14,
        awaitingConfirmationDays: null,
        checkInDue: false,
        checkInEveryDays: 14,
        hoursReached: true,
        requestExpiryReminderDays: 4,
      },
    };
    expect(programmeNudges({ nudges: { hoursReached: false } }, current, errors)).toEqual({
      ...current.nudges,
      hoursReached: false,
    });
    expect(errors.list).toEqual([]);
  });

  it('should turn a day count off with null and refuse one out of 1..365 with its field', () => {
    const errors = new FieldErrors();
    expect(programmeNudges({ nudges: { noMeetingDays: null } }, null, errors).noMeetingDays).toBeNull();
    programmeNudges({ nudges: { noMeetingDays: 0, awaitingConfirmationDays: 2.5 } }, null, errors);
    expect(errors.list.map((e) => [e.field, e.code])).toEqual([
      ['input.nudges.noMeetingDays', 'OUT_OF_RANGE'],
      ['input.nudges.awaitingConfirmationDays', 'OUT_OF_RANGE'],
    ]);
  });

  it('should keep the check-in interval when null or omitted and refuse one out of 1..365 with its field', () => {
    const errors = new FieldErrors();
    const current = { nudges: { ...DEFAULT_PROGRAMME_NUDGES, checkInEveryDays: 14 } };
    expect(programmeNudges({ nudges: { checkInEveryDays: null } }, current, errors).checkInEveryDays).toBe(14);
    expect(programmeNudges({ nudges: { checkInEveryDays: 7 } }, current, errors).checkInEveryDays).toBe(7);
    expect(errors.list).toEqual([]);
    programmeNudges({ nudges: { checkInEveryDays: 0 } }, current, errors);
    programmeNudges({ nudges: { checkInEveryDays: 366 } }, current, errors);
    expect(errors.list.map((e) => [e.field, e.code])).toEqual([
      ['input.nudges.checkInEveryDays', 'OUT_OF_RANGE'],
      ['input.nudges.checkInEveryDays', 'OUT_OF_RANGE'],
    ]);
  });

  it('should keep the request expiry reminder lead when null or omitted, default to 2, and refuse one out of 1..30 with its field', () => {
    const errors = new FieldErrors();
    expect(programmeNudges({ nudges: {} }, null, errors).requestExpiryReminderDays).toBe(2);
    const current = { nudges: { ...DEFAULT_PROGRAMME_NUDGES, requestExpiryReminderDays: 5 } };
    expect(
      programmeNudges({ nudges: { requestExpiryReminderDays: null } }, current, errors).requestExpiryReminderDays,
    ).toBe(5);
    expect(programmeNudges({}, current, errors).requestExpiryReminderDays).toBe(5);
    expect(
      programmeNudges({ nudges: { requestExpiryReminderDays: 30 } }, current, errors).requestExpiryReminderDays,
    ).toBe(30);
    expect(
      programmeNudges({ nudges: { requestExpiryReminderDays: 1 } }, current, errors).requestExpiryReminderDays,
    ).toBe(1);
    expect(errors.list).toEqual([]);
    for (const wrong of [0, 31, 2.5])
      programmeNudges({ nudges: { requestExpiryReminderDays: wrong } }, current, errors);
    expect(errors.list.map((e) => [e.field, e.code])).toEqual([
      ['input.nudges.requestExpiryReminderDays', 'OUT_OF_RANGE'],
      ['input.nudges.requestExpiryReminderDays', 'OUT_OF_RANGE'],
      ['input.nudges.requestExpiryReminderDays', 'OUT_OF_RANGE'],
    ]);
  });
});
