/** What a programme may be: its input checked against its current values (pure; every problem named with its field). */
import { DEFAULT_PROGRAMME_NUDGES, type ProgrammeNudges } from '@tandem/contracts';
import { FieldErrors } from '@tandem/subgraph-kit';
import { isLanguage } from '../language/language';
import type { ProgrammeInput } from './programme.inputs';
import { INVALID_TIME_ZONE, INVALID_TIME_ZONE_MESSAGE, isTimeZone } from '../time-zone/time-zone';
import type { ProgrammeFields, ProgrammeRow } from './programme.repository';

/** The longest meeting a programme credits unless it says otherwise (4 hours). */
export const DEFAULT_MAX_MEETING_MINUTES = 240;

const text = (v: string | null | undefined) => (v === undefined || v === null ? null : v.trim() || null);

/**
 * The programme's fields after `input` (omitted optional fields keep `current`'s value, or take the defaults:
 * 3 open requests per mentee, requests expiring after 14 days, meetings of at most 240 minutes, a signed agreement required, no orientation),
 * with the problems found. The organisations are checked to exist by the caller.
 */
/** The zone a programme takes when staff name none (the platform's programmes run from Ontario). */
export const DEFAULT_PROGRAMME_TIME_ZONE = 'America/Toronto';

export function programmeFields(
  id: string,
  input: ProgrammeInput,
  current: ProgrammeRow | null,
  errors: FieldErrors,
): ProgrammeFields {
  const name = input.name.trim();
  if (!name) errors.add('input.name', 'REQUIRED', 'Name the programme.');
  if (name.length > 200) errors.add('input.name', 'TOO_LONG', 'Use at most 200 characters.', { max: 200 });
  const t = input.terms;
  if (!(t.targetHours > 0 && t.targetHours <= 1000))
    errors.add('input.terms.targetHours', 'OUT_OF_RANGE', 'Between 0 (excluded) and 1000 hours.');
  if (!(t.durationWeeks >= 1 && t.durationWeeks <= 260))
    errors.add('input.terms.durationWeeks', 'OUT_OF_RANGE', 'Between 1 and 260 weeks.', { min: 1, max: 260 });
  if (!(t.minMeetings >= 0 && t.minMeetings <= 200))
    errors.add('input.terms.minMeetings', 'OUT_OF_RANGE', 'Between 0 and 200 meetings.', { min: 0, max: 200 });
  const maxMeetingMinutes = t.maxMeetingMinutes ?? current?.maxMeetingMinutes ?? DEFAULT_MAX_MEETING_MINUTES;
  if (!(Number.isInteger(maxMeetingMinutes) && maxMeetingMinutes >= 30 && maxMeetingMinutes <= 600))
    errors.add('input.terms.maxMeetingMinutes', 'OUT_OF_RANGE', 'Between 30 and 600 minutes.', { min: 30, max: 600 });
  const cpdCategory = input.cpdCategory.trim();
  if (!cpdCategory) errors.add('input.cpdCategory', 'REQUIRED', 'Name the CPD category hours are filed under.');
  const maxOpen = input.maxOpenRequestsPerMentee ?? current?.maxOpenRequestsPerMentee ?? 3;
  if (!(maxOpen >= 1 && maxOpen <= 20))
    errors.add('input.maxOpenRequestsPerMentee', 'OUT_OF_RANGE', 'Between 1 and 20.', { min: 1, max: 20 });
  const expiry = input.requestExpiryDays ?? current?.requestExpiryDays ?? 14;
  if (!(expiry >= 1 && expiry <= 90))
    errors.add('input.requestExpiryDays', 'OUT_OF_RANGE', 'Between 1 and 90 days.', { min: 1, max: 90 });
  const defaultLanguage = input.defaultLanguage ?? current?.defaultLanguage ?? 'en';
  if (!isLanguage(defaultLanguage)) errors.add('input.defaultLanguage', 'UNSUPPORTED_LANGUAGE', 'Choose en or fr-CA.');
  const timeZone = (input.timeZone ?? current?.timeZone ?? DEFAULT_PROGRAMME_TIME_ZONE).trim();
  if (!isTimeZone(timeZone)) errors.add('input.timeZone', INVALID_TIME_ZONE, INVALID_TIME_ZONE_MESSAGE);
  const weights: Record<string, number> = input.matchingWeights ? {} : (current?.matchingWeights ?? {});
  for (const [i, w] of (input.matchingWeights ?? []).entries()) {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(w.criterion))
      errors.add(`input.matchingWeights.${i}.criterion`, 'INVALID', 'Letters, digits and _ only.');
    else if (!(w.weight >= 0 && w.weight <= 10))
      errors.add(`input.matchingWeights.${i}.weight`, 'OUT_OF_RANGE', 'Between 0 and 10.', { min: 0, max: 10 });
    else weights[w.criterion] = w.weight;
  }
  const nudges = programmeNudges(input, current, errors);
  const priorMeetingDays = input.priorMeetingDays ?? current?.priorMeetingDays ?? 0;
  if (!Number.isInteger(priorMeetingDays) || priorMeetingDays < 0 || priorMeetingDays > 365)
    errors.add('input.priorMeetingDays', 'OUT_OF_RANGE', 'From 0 to 365 days.');
  return {
    id,
    name,
    description: input.description === undefined ? (current?.description ?? null) : text(input.description),
    targetHours: t.targetHours,
    durationWeeks: t.durationWeeks,
    minMeetings: t.minMeetings,
    hoursOrMeetings: t.hoursOrMeetings ?? current?.hoursOrMeetings ?? false,
    maxMeetingMinutes,
    cpdCategory,
    requireSignedAgreement: input.requireSignedAgreement ?? current?.requireSignedAgreement ?? true,
    requireOrientation: input.requireOrientation ?? current?.requireOrientation ?? false,
    requireMenteeOrientation: input.requireMenteeOrientation ?? current?.requireMenteeOrientation ?? false,
    requireCoachSignature: input.requireCoachSignature ?? current?.requireCoachSignature ?? false,
    priorMeetingDays,
    defaultLanguage: isLanguage(defaultLanguage) ? defaultLanguage : 'en',
    timeZone,
    maxOpenRequestsPerMentee: maxOpen,
    requestExpiryDays: expiry,
    matchingWeights: weights,
    nudges,
    organizationIds: input.organizationIds ? [...new Set(input.organizationIds)] : (current?.organizationIds ?? []),
  };
}

/**
 * The programme's nudges after `input.nudges`: a field omitted (undefined) keeps the current value (the defaults on
 * creation); a day count given as null turns that nudge off; days are whole numbers from 1 to 365, and the request
 * expiry reminder's lead (never off) from 1 to 30.
 */
export function programmeNudges(
  input: Pick<ProgrammeInput, 'nudges'>,
  current: Pick<ProgrammeRow, 'nudges'> | null,
  errors: FieldErrors,
): ProgrammeNudges {
  const base = current?.nudges ?? DEFAULT_PROGRAMME_NUDGES;
  const n = input.nudges;
  const days = (key: 'noMeetingDays' | 'awaitingConfirmationDays'): number | null => {
    const v = n?.[key] === undefined ? base[key] : n[key];
    if (v === null) return null;
    if (!(Number.isInteger(v) && v >= 1 && v <= 365))
      errors.add(`input.nudges.${key}`, 'OUT_OF_RANGE', 'Between 1 and 365 days, or none to turn it off.', {
        min: 1,
        max: 365,
      });
    return v;
  };
  const checkInEveryDays = (v: number): number => {
    if (!(Number.isInteger(v) && v >= 1 && v <= 365))
      errors.add('input.nudges.checkInEveryDays', 'OUT_OF_RANGE', 'Between 1 and 365 days.');
    return v;
  };
  const requestExpiryReminderDays = (v: number): number => {
    if (!(Number.isInteger(v) && v >= 1 && v <= 30))
      errors.add('input.nudges.requestExpiryReminderDays', 'OUT_OF_RANGE', 'Between 1 and 30 days.', {
        min: 1,
        max: 30,
      });
    return v;
  };
  return {
    noMeetingDays: days('noMeetingDays'),
    awaitingConfirmationDays: days('awaitingConfirmationDays'),
    checkInDue: n?.checkInDue ?? base.checkInDue,
    checkInEveryDays: checkInEveryDays(n?.checkInEveryDays ?? base.checkInEveryDays),
    requestExpiryReminderDays: requestExpiryReminderDays(
      n?.requestExpiryReminderDays ?? base.requestExpiryReminderDays,
    ),
    hoursReached: n?.hoursReached ?? base.hoursReached,
  };
}
