/** Validation of profile input (pure; every problem named with its field). */
import { MEETING_MODES } from '@tandem/contracts';
import { fieldError, type FieldError } from '@tandem/subgraph-kit';
import { findIndustry, findOccupation } from '../classification/classification';
import type { ProfileFacets } from './profile.repository';
import type { ProfileFacetsInput } from './profile.inputs';
import { isTimeZone } from '../time-zone/time-zone';

export const MAX_CAPACITY = 20;

const cleanList = (v: string[]) => [...new Set(v.map((s) => s.trim()).filter(Boolean))];
const cleanText = (v: string | null) => (v === null ? null : v.trim() || null);

/** Applies the input over the current facets, with the problems found (field paths under `input.`). */
export function mergeFacets(
  current: ProfileFacets,
  input: ProfileFacetsInput,
): { facets: ProfileFacets; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const f: ProfileFacets = { ...current };
  const text = (key: 'headline' | 'bio' | 'city' | 'employer', max: number) => {
    if (input[key] === undefined) return;
    f[key] = cleanText(input[key]!);
    if (f[key] && f[key]!.length > max)
      errors.push(fieldError(`input.${key}`, 'TOO_LONG', `Use at most ${max} characters.`, { max: max }));
  };
  text('headline', 140);
  text('bio', 4000);
  text('city', 100);
  text('employer', 200);
  const list = (key: 'skills' | 'languages' | 'livedExperience', maxItems: number) => {
    if (input[key] === undefined) return;
    f[key] = cleanList(input[key] ?? []);
    if (f[key].length > maxItems)
      errors.push(fieldError(`input.${key}`, 'TOO_MANY', `List at most ${maxItems}.`, { max: maxItems }));
    if (f[key].some((s) => s.length > 80))
      errors.push(fieldError(`input.${key}`, 'TOO_LONG', 'Each entry may have at most 80 characters.'));
  };
  list('skills', 30);
  list('languages', 10);
  list('livedExperience', 10);
  if (input.industryCode !== undefined) {
    f.industryCode = cleanText(input.industryCode);
    if (f.industryCode && !findIndustry(f.industryCode))
      errors.push(
        fieldError(
          'input.industryCode',
          'UNKNOWN_INDUSTRY',
          `Unknown industry code "${f.industryCode}"; pick one from the industries list.`,
        ),
      );
  }
  if (input.occupationCode !== undefined) {
    f.occupationCode = cleanText(input.occupationCode);
    if (f.occupationCode && !findOccupation(f.occupationCode))
      errors.push(
        fieldError(
          'input.occupationCode',
          'UNKNOWN_OCCUPATION',
          `Unknown occupation code "${f.occupationCode}"; pick one from the occupations list.`,
        ),
      );
  }
  if (input.yearsExperience !== undefined) {
    f.yearsExperience = input.yearsExperience;
    if (f.yearsExperience !== null && (f.yearsExperience < 0 || f.yearsExperience > 70))
      errors.push(fieldError('input.yearsExperience', 'OUT_OF_RANGE', 'Between 0 and 70.', { min: 0, max: 70 }));
  }
  if (input.hoursPerMonth !== undefined) {
    f.hoursPerMonth = input.hoursPerMonth;
    if (f.hoursPerMonth !== null && (f.hoursPerMonth < 1 || f.hoursPerMonth > 200))
      errors.push(
        fieldError('input.hoursPerMonth', 'OUT_OF_RANGE', 'Between 1 and 200 hours a month.', { min: 1, max: 200 }),
      );
  }
  if (input.country !== undefined) {
    f.country = cleanText(input.country)?.toUpperCase() ?? null;
    if (f.country && !/^[A-Z]{2}$/.test(f.country))
      errors.push(fieldError('input.country', 'INVALID_COUNTRY', 'Use a two-letter ISO country code, like CA.'));
  }
  if (input.timeZone !== undefined) {
    f.timeZone = cleanText(input.timeZone);
    if (f.timeZone && !isTimeZone(f.timeZone))
      errors.push(
        fieldError(
          'input.timeZone',
          'UNKNOWN_TIME_ZONE',
          `Unknown time zone "${f.timeZone}"; use an IANA name like America/Toronto.`,
        ),
      );
  }
  if (input.meetingPreferences !== undefined) {
    f.meetingPreferences = [...new Set(input.meetingPreferences ?? [])].filter((m) => MEETING_MODES.includes(m));
  }
  return { facets: f, errors };
}

/** Capacity: 1..MAX_CAPACITY and never below the mentor's current active mentees. */
export function validateCapacity(capacity: number, activeMentees: number, field = 'input.capacity'): FieldError[] {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY)
    return [fieldError(field, 'OUT_OF_RANGE', `Between 1 and ${MAX_CAPACITY} mentees.`, { min: 1, max: MAX_CAPACITY })];
  if (capacity < activeMentees) {
    return [
      fieldError(
        field,
        'BELOW_ACTIVE_MENTEES',
        `You have ${activeMentees} active mentee(s); capacity cannot be lower than that.`,
      ),
    ];
  }
  return [];
}

/** Pause until a date after today and at most a year ahead (ISO dates, compared in UTC). */
export function validatePauseUntil(until: string, today: string, field = 'until'): FieldError[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) return [fieldError(field, 'INVALID_DATE', 'Use a date like 2026-12-31.')];
  if (until <= today) return [fieldError(field, 'NOT_IN_FUTURE', 'Pick a date after today.')];
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  if (until > limit.toISOString().slice(0, 10)) return [fieldError(field, 'TOO_FAR', 'Pause for at most a year.')];
  return [];
}

export const EMPTY_FACETS: ProfileFacets = {
  headline: null,
  bio: null,
  industryCode: null,
  occupationCode: null,
  yearsExperience: null,
  skills: [],
  languages: [],
  city: null,
  country: null,
  timeZone: null,
  meetingPreferences: [],
  hoursPerMonth: null,
  livedExperience: [],
  employer: null,
};
