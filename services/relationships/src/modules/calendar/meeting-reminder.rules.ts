/**
 * When a planned meeting's reminders are due (pure): the day before (from 24 hours before its start until 2 hours
 * before, so a meeting accepted at the last minute is not reminded "tomorrow"), an hour before (the last hour; sent
 * to those who asked for it), and once its end has passed unrecorded, a prompt to record it (for a week: a plan
 * left unrecorded longer stays "not held" without more reminders).
 */
import type { MeetingPlanReminderKind } from '@tandem/contracts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The window [from, until) of `now` in which each reminder of a meeting is sent, relative to its start and end. */
export const REMINDER_WINDOWS: Record<
  MeetingPlanReminderKind,
  { anchor: 'start' | 'end'; from: number; until: number }
> = {
  DAY_BEFORE: { anchor: 'start', from: -24 * HOUR, until: -2 * HOUR },
  HOUR_BEFORE: { anchor: 'start', from: -1 * HOUR, until: 0 },
  RECORD_PROMPT: { anchor: 'end', from: 0, until: 7 * 24 * HOUR },
};

/** The reminders due at `now` for an accepted, unrecorded plan. */
export function remindersDue(plan: { startsAt: Date; endsAt: Date }, now: Date): MeetingPlanReminderKind[] {
  return (Object.keys(REMINDER_WINDOWS) as MeetingPlanReminderKind[]).filter((kind) => {
    const w = REMINDER_WINDOWS[kind];
    const at = (w.anchor === 'start' ? plan.startsAt : plan.endsAt).getTime();
    return now.getTime() >= at + w.from && now.getTime() < at + w.until;
  });
}
