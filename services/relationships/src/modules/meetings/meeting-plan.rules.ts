/**
 * What a planned meeting must be (pure): a real local date and time in a real time zone (the proposer's, unless the
 * input names one), starting after "now", 15 to 480 minutes long, a https video link, a short agenda; and which
 * partner may take which step in which state (the transitions of a plan).
 */
import { FieldErrors, refuse } from '@tandem/subgraph-kit';
import { DateTime } from 'luxon';
import { isYmd } from '../shared/dates';
import type { MeetingPlanDetailsInput, MeetingPlanInput, MeetingPlanTimeInput } from './meeting-plan.inputs';
import type { MeetingPlanRow, MeetingPlanStatusValue } from './meeting-plan.repository';
import { isTimeZone } from './meeting.rules';

export const PLAN_MIN_MINUTES = 15;
export const PLAN_MAX_MINUTES = 480;
export const MAX_AGENDA_ITEMS = 20;
export const MAX_TEXT = 500;

/** The times of a plan: the start instant, its length and the zone it was planned in. */
export interface PlanTimes {
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
}

/** What the input does not say: the clock, and the zone of the person planning (their chosen zone, else UTC). */
export interface PlanContext {
  now: Date;
  defaultTimeZone: string;
}

/** The times of `input`, or refusals. */
export function validatePlanTimes(input: MeetingPlanTimeInput, ctx: PlanContext): PlanTimes {
  const e = new FieldErrors();
  const times = checkPlanTimes(input, ctx, e);
  e.throwIfAny();
  return times;
}

/** A whole proposal: its times and details, every problem at once. */
export function validatePlan(input: MeetingPlanInput, ctx: PlanContext): PlanTimes & PlanDetails {
  const e = new FieldErrors();
  const times = checkPlanTimes(input, ctx, e);
  const details = checkPlanDetails(input, e);
  e.throwIfAny();
  return { ...times, ...details };
}

/**
 * A reschedule: new times, and, when `details` is given, a new way, place or link and agenda (the goals stay);
 * every problem at once.
 */
export function validatePlanChange(
  input: MeetingPlanTimeInput,
  details: Omit<MeetingPlanDetailsInput, 'goalIds'> | null | undefined,
  ctx: PlanContext,
): PlanTimes & { details: Omit<PlanDetails, 'goalIds'> | null } {
  const e = new FieldErrors();
  const times = checkPlanTimes(input, ctx, e);
  let changed: Omit<PlanDetails, 'goalIds'> | null = null;
  if (details) {
    const { mode, place, videoUrl, agenda } = checkPlanDetails({ ...details, goalIds: [] }, e, 'details');
    changed = { mode, place, videoUrl, agenda };
  }
  e.throwIfAny();
  return { ...times, details: changed };
}

/** The times of `input`, each problem added to `e`. */
function checkPlanTimes(input: MeetingPlanTimeInput, ctx: PlanContext, e: FieldErrors): PlanTimes {
  const timeZone = input.timeZone?.trim() || ctx.defaultTimeZone;
  const zoneOk = isTimeZone(timeZone);
  if (!zoneOk)
    e.add(
      'input.timeZone',
      'UNKNOWN_TIME_ZONE',
      `Unknown time zone "${timeZone}"; use an IANA name like America/Toronto.`,
    );
  const dateOk = isYmd(input.startsOn);
  if (!dateOk) e.add('input.startsOn', 'INVALID_DATE', 'Give the date as YYYY-MM-DD.');
  const timeOk = /^([01]\d|2[0-3]):([0-5]\d)$/.test(input.startTime.trim());
  if (!timeOk) e.add('input.startTime', 'INVALID_TIME', 'Give the start time as HH:MM (24-hour).');
  const minutes = input.durationMinutes;
  if (!Number.isInteger(minutes) || minutes < PLAN_MIN_MINUTES || minutes > PLAN_MAX_MINUTES)
    e.add(
      'input.durationMinutes',
      'OUT_OF_RANGE',
      `A planned meeting lasts ${PLAN_MIN_MINUTES} to ${PLAN_MAX_MINUTES} minutes.`,
    );
  let startsAt = new Date(NaN);
  if (zoneOk && dateOk && timeOk) {
    startsAt = DateTime.fromISO(`${input.startsOn}T${input.startTime.trim()}`, { zone: timeZone }).toJSDate();
    if (startsAt.getTime() <= ctx.now.getTime())
      e.add(
        'input.startsOn',
        'NOT_IN_THE_FUTURE',
        `${input.startsOn} ${input.startTime.trim()} (${timeZone}) has already passed: plan a meeting ahead.`,
      );
  }
  return { startsAt, durationMinutes: minutes, timeZone };
}

/** How and where a planned meeting is held, and what it is for. */
export interface PlanDetails {
  mode: 'IN_PERSON' | 'VIDEO' | 'PHONE';
  place: string | null;
  videoUrl: string | null;
  agenda: string[];
  goalIds: string[];
}

/** The details of `input` (trimmed), each problem added to `e`. Goal ids are checked against the relationship by the service. */
function checkPlanDetails(input: MeetingPlanDetailsInput, e: FieldErrors, at = 'input'): PlanDetails {
  const place = input.place?.trim() || null;
  const videoUrl = input.videoUrl?.trim() || null;
  if (place && place.length > MAX_TEXT) e.add(`${at}.place`, 'TOO_LONG', `At most ${MAX_TEXT} characters.`);
  if (videoUrl && !isHttpsUrl(videoUrl))
    e.add(`${at}.videoUrl`, 'INVALID_URL', 'Give the video link as a https:// address.');
  if (input.mode === 'VIDEO' && !videoUrl) e.add(`${at}.videoUrl`, 'REQUIRED', 'Give the link of the video call.');
  const agenda = (input.agenda ?? []).map((a) => a.trim()).filter(Boolean);
  if (agenda.length > MAX_AGENDA_ITEMS)
    e.add(`${at}.agenda`, 'TOO_MANY', `At most ${MAX_AGENDA_ITEMS} agenda items.`, { max: MAX_AGENDA_ITEMS });
  agenda.forEach((a, i) => {
    if (a.length > MAX_TEXT) e.add(`${at}.agenda.${i}`, 'TOO_LONG', `At most ${MAX_TEXT} characters.`);
  });
  return { mode: input.mode, place, videoUrl, agenda, goalIds: [...new Set(input.goalIds ?? [])] };
}

const isHttpsUrl = (v: string) => {
  try {
    return new URL(v).protocol === 'https:' && v.length <= 2000;
  } catch {
    return false;
  }
};

/** The steps of a plan. */
export type PlanStep = 'ACCEPT' | 'DECLINE' | 'COUNTER' | 'RESCHEDULE' | 'CANCEL';

const OPEN: readonly MeetingPlanStatusValue[] = ['AWAITING_RESPONSE', 'ACCEPTED'];

/**
 * Whether `userId` (a partner) may take `step` on `plan` at `now`; refuses otherwise. The partner awaited accepts,
 * declines or proposes another time; either partner reschedules or cancels a plan still open (awaiting or
 * accepted). Nothing changes once the meeting has started.
 */
export function refuseStep(
  plan: Pick<MeetingPlanRow, 'status' | 'awaitingUserId' | 'startsAt'>,
  step: PlanStep,
  userId: string,
  now: Date,
): void {
  const answering = step === 'ACCEPT' || step === 'DECLINE' || step === 'COUNTER';
  if (answering ? plan.status !== 'AWAITING_RESPONSE' : !OPEN.includes(plan.status))
    throw refuse('planId', 'INVALID_STATE', `This planned meeting is ${plan.status.toLowerCase().replace('_', ' ')}.`);
  if (answering && plan.awaitingUserId !== userId)
    throw refuse('planId', 'NOT_AWAITING_YOU', 'Your partner answers this proposal; you may reschedule or cancel it.');
  if (plan.startsAt.getTime() <= now.getTime())
    throw refuse('planId', 'ALREADY_STARTED', 'This meeting has already started.');
}

/** A reason to decline or cancel: required, at most MAX_TEXT characters. */
export function validateReason(reason: string): string {
  const text = reason.trim();
  if (!text) throw refuse('reason', 'REQUIRED', 'Say why.');
  if (text.length > MAX_TEXT) throw refuse('reason', 'TOO_LONG', `At most ${MAX_TEXT} characters.`);
  return text;
}
