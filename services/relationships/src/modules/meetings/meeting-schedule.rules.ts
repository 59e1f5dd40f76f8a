/**
 * The agreement's schedule as occurrences (pure): "every two weeks, Thursdays at 17:00, Toronto time" is the first
 * Thursday on or after the day the agreement became binding, then every 14 days, each at 17:00 on the wall clock of
 * its zone (so the instant moves by an hour across a DST change, and a time skipped by the change moves forward).
 */
import { DateTime } from 'luxon';
import { meetingWhere } from '../agreements/meeting-place.rules';
import type { PlanDetails } from './meeting-plan.rules';
import { PLAN_MAX_MINUTES, PLAN_MIN_MINUTES } from './meeting-plan.rules';

/** A proposal from the schedule starts at least this long after it is made, so the partner has time to answer. */
export const SCHEDULE_LEAD_HOURS = 24;

/** The schedule as data. */
export interface ScheduleRule {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** HH:MM on the zone's wall clock. */
  startTime: string;
  everyWeeks: number;
  timeZone: string;
}

/** The first occurrence of `rule`, counted from `anchor`'s local date, that starts strictly after `after`. */
export function nextOccurrence(rule: ScheduleRule, anchor: Date, after: Date): Date {
  const [hour, minute] = rule.startTime.split(':').map(Number);
  const anchorDay = DateTime.fromJSDate(anchor, { zone: rule.timeZone }).startOf('day');
  const firstDay = anchorDay.plus({ days: (rule.weekday - anchorDay.weekday + 7) % 7 });
  const at = (k: number) => {
    const day = firstDay.plus({ weeks: k * rule.everyWeeks });
    return DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour, minute },
      { zone: rule.timeZone },
    ).toJSDate();
  };
  const periodMs = rule.everyWeeks * 7 * 86_400_000;
  // start one period early: a DST change moves an occurrence by an hour either way
  let k = Math.max(0, Math.floor((after.getTime() - at(0).getTime()) / periodMs) - 1);
  while (at(k).getTime() <= after.getTime()) k += 1;
  return at(k);
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export const localDate = (at: Date, zone: string): string => DateTime.fromJSDate(at, { zone }).toISODate()!;

/**
 * How a proposal from the schedule is held: the agreement's "where" read by `meetingWhere` (a https link: online at
 * it; "Video call", "Zoom", "Teams" without one: online with no link; "Phone": a call; anything else: a place; see
 * agreements/meeting-place.rules.ts); its length within what a plan allows.
 */
export function scheduledDetails(
  place: string,
  lengthMinutes: number,
): Pick<PlanDetails, 'mode' | 'place' | 'videoUrl'> & { durationMinutes: number } {
  const durationMinutes = Math.min(PLAN_MAX_MINUTES, Math.max(PLAN_MIN_MINUTES, lengthMinutes));
  return { ...meetingWhere(place), durationMinutes };
}

/**
 * Who a proposal from the schedule is made in the name of: the partner the agreement says initiates meetings
 * (the mentee when either does: the mentor, whose time is the scarcer, answers). The other partner accepts it.
 */
export function scheduledProposer(
  initiator: 'MENTEE' | 'MENTOR' | 'EITHER',
  rel: { menteeId: string; mentorId: string },
): { proposedBy: string; awaitingUserId: string } {
  return initiator === 'MENTOR'
    ? { proposedBy: rel.mentorId, awaitingUserId: rel.menteeId }
    : { proposedBy: rel.menteeId, awaitingUserId: rel.mentorId };
}
