/**
 * What a logged meeting must be (pure): within the relationship's life so far, a real time in a real time zone,
 * over by the time it is logged, no longer than its programme allows, a topic; and, against the other meetings
 * of the two people it credits, not more hours on one date than the date has and no overlap in time.
 */
import { FieldErrors } from '@tandem/subgraph-kit';
import { DateTime, IANAZone } from 'luxon';
import { DEFAULT_TERMS } from '../relationships/relationship.progress';
import type { RelationshipRow } from '../relationships/relationship.repository';
import type { MeetingInput } from './meeting.inputs';
import type { MeetingFacts } from './meeting.repository';

export const MIN_MINUTES = 5;
export const MAX_MINUTES = 600;
/** The longest meeting a programme credits when it does not say (identity's default too). */
export const DEFAULT_MAX_MEETING_MINUTES = DEFAULT_TERMS.maxMeetingMinutes;

/** Whether `zone` is an IANA time zone name (or UTC) we can compute local times in. */
export const isTimeZone = (zone: string) => zone === 'UTC' || IANAZone.isValidZone(zone);

/** What the rules need besides the input: the clock, the programme's maximum, the zone to assume when none is given. */
export interface MeetingContext {
  now: Date;
  maxMeetingMinutes: number;
  /** The logger's time zone from their profile, or UTC; used when the input names none. */
  defaultTimeZone: string;
}

/** The instant a local date and time in `zone` stands for (a time skipped by a DST change moves forward). */
export function zonedInstant(occurredOn: string, startTime: string, zone: string): Date {
  return DateTime.fromISO(`${occurredOn}T${startTime}`, { zone }).toJSDate();
}

/** The length of the local date `day` in `zone`, in minutes (1440, or 1380/1500 on a DST change). */
export function minutesInDay(day: string, zone: string): number {
  const start = DateTime.fromISO(day, { zone }).startOf('day');
  return start.plus({ days: 1 }).diff(start, 'minutes').minutes;
}

/**
 * Whether a meeting that ended at `endsAt` took place before the relationship started (issue 20): the start is the
 * instant the match was confirmed (`relationship.started_at`), so the answer is the same for the same instants
 * whatever zone the meeting is given in. A meeting that ends exactly at the start is before it.
 */
export const endedBeforeStart = (endsAt: Date, startedAt: Date): boolean => endsAt.getTime() <= startedAt.getTime();

const beforeStart = (startedAt: Date, zone: string, priorDays: number) => {
  const z = isTimeZone(zone) ? zone : 'UTC';
  const at = `${DateTime.fromJSDate(startedAt, { zone: z }).toFormat("yyyy-MM-dd 'at' HH:mm")} (${z})`;
  return priorDays > 0
    ? `The relationship started on ${at}; its programme lets you record meetings held up to ${priorDays} days before.`
    : `The relationship started on ${at}.`;
};

/** `day` (YYYY-MM-DD) moved by `days` calendar days. */
const addUtcDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The facts of `input`, or a refusal with a field error per problem. */
export function validateMeeting(
  input: MeetingInput,
  rel: Pick<RelationshipRow, 'startedOn' | 'startedAt'> & Partial<Pick<RelationshipRow, 'priorMeetingDays'>>,
  ctx: MeetingContext,
): MeetingFacts {
  const e = new FieldErrors();
  const timeZone = input.timeZone?.trim() || ctx.defaultTimeZone;
  const zoneOk = isTimeZone(timeZone);
  // the programme may let a pair record meetings they held before the relationship started, up to so many days
  const priorDays = rel.priorMeetingDays ?? 0;
  const earliest = new Date(rel.startedAt.getTime() - priorDays * 86_400_000);
  if (!zoneOk)
    e.add(
      'input.timeZone',
      'UNKNOWN_TIME_ZONE',
      `Unknown time zone "${timeZone}"; use an IANA name like America/Toronto.`,
    );
  const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(input.startTime.trim());
  if (!time) e.add('input.startTime', 'INVALID_TIME', 'Give the start time as HH:MM (24-hour).');
  const minutes = input.durationMinutes;
  const lengthOk = Number.isInteger(minutes) && minutes >= MIN_MINUTES && minutes <= MAX_MINUTES;
  if (!lengthOk)
    e.add('input.durationMinutes', 'OUT_OF_RANGE', `A meeting lasts ${MIN_MINUTES} to ${MAX_MINUTES} minutes.`);
  else if (minutes > ctx.maxMeetingMinutes)
    e.add(
      'input.durationMinutes',
      'TOO_LONG',
      `A meeting of this programme counts for at most ${ctx.maxMeetingMinutes} minutes.`,
    );
  const topics = input.topics.map((t) => t.trim()).filter(Boolean);
  if (!topics.length) e.add('input.topics', 'REQUIRED', 'List at least one topic discussed.');
  let startsAt = new Date(NaN);
  let endsAt = new Date(NaN);
  if (zoneOk && time) {
    startsAt = zonedInstant(input.occurredOn, input.startTime.trim(), timeZone);
    endsAt = new Date(startsAt.getTime() + (lengthOk ? minutes : 0) * 60_000);
    if (endedBeforeStart(endsAt, earliest))
      e.add('input.occurredOn', 'BEFORE_START', beforeStart(rel.startedAt, timeZone, priorDays));
    else if (startsAt > ctx.now) e.add('input.occurredOn', 'IN_THE_FUTURE', 'Log a meeting once it has taken place.');
    else if (lengthOk && endsAt > ctx.now)
      e.add(
        'input.startTime',
        'NOT_ENDED',
        `This meeting ends at ${DateTime.fromJSDate(endsAt, { zone: timeZone }).toFormat('HH:mm')} (${timeZone}): log it once it has ended.`,
      );
  }
  // without a time or a zone there is no instant: refuse only a date before the start date in every zone (UTC-12 is
  // a day behind UTC at most)
  else if (input.occurredOn < addUtcDays(rel.startedOn, -1 - priorDays))
    e.add('input.occurredOn', 'BEFORE_START', beforeStart(rel.startedAt, 'UTC', priorDays));
  e.throwIfAny();
  return {
    occurredOn: input.occurredOn,
    startTime: input.startTime.trim(),
    durationMinutes: minutes,
    mode: input.mode,
    topics,
    homework: input.homework?.trim() || null,
    timeZone,
    startsAt,
    endsAt,
  };
}

/** The minutes one person already has on a local date (their live meetings of every relationship), and who they are to the caller. */
export interface DayLoad {
  self: boolean;
  minutes: number;
}

/**
 * A person cannot be credited with more time on one date than the date has: their live meetings on the meeting's
 * local date (each on its own local date, in its own zone), across all their relationships, plus this one.
 * The date's length is taken in the meeting's zone (so 23 or 25 hours on a DST change).
 */
export function refuseDailyExcess(facts: MeetingFacts, people: DayLoad[]): void {
  const day = minutesInDay(facts.occurredOn, facts.timeZone);
  const e = new FieldErrors();
  for (const p of people) {
    const total = p.minutes + facts.durationMinutes;
    if (total <= day) continue;
    const hours = (total / 60).toFixed(1).replace(/\.0$/, '');
    e.add(
      'input.durationMinutes',
      'DAILY_HOURS_EXCEEDED',
      p.self
        ? `With this meeting you would have ${hours} hours of meetings on ${facts.occurredOn}, more than the day has.`
        : `With this meeting your partner would have ${hours} hours of meetings on ${facts.occurredOn}, more than the day has.`,
    );
  }
  e.throwIfAny();
}
