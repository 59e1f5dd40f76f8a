/**
 * Dates for tests, relative to the wall clock (which `npm test -- --clock-offset N` moves): a test never holds a
 * literal date that expires. Calendar dates are `YYYY-MM-DD` in UTC, as the services compute them (TZ=UTC).
 */
const DAY_MS = 86_400_000;

/** The calendar date `days` from today (negative: in the past). */
export function daysFromToday(days: number, now = new Date()): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant `days` from now, as an ISO string (negative: in the past). */
export function isoDaysFromNow(days: number, now = new Date()): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}

/** Today's calendar date in UTC. */
export const today = (now = new Date()) => daysFromToday(0, now);

/**
 * A time zone in which today's UTC date is also the local date and the local time is already 10:00 or later, so a
 * meeting logged "today" between 00:00 and 09:00 local has ended whatever the hour the test runs (meetings are
 * logged only once they have ended, in their own zone): UTC from 10:00 UTC, UTC+14 before.
 */
export function zoneWhereTodayIsPastTen(now = new Date()): string {
  return now.getUTCHours() >= 10 ? 'UTC' : 'Etc/GMT-14';
}
