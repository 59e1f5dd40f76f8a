/** Factories for the events matching consumes, so tests build mentors, mentees and programmes as identity would. */
import { randomUUID } from 'node:crypto';
import type { EventPayloads, MenteeProfileChangedV1, MentorProfileChangedV1 } from '@tandem/contracts';
import { principal, type Stack } from '@tandem/testkit';

let clock = Date.parse('2026-01-01T00:00:00Z');
/** Increasing timestamps, so later snapshots win. */
export const tick = () => new Date((clock += 1000)).toISOString();

export function mentorProfile(overrides: Partial<MentorProfileChangedV1> = {}): MentorProfileChangedV1 {
  return {
    userId: randomUUID(),
    displayName: 'Mentor',
    status: 'APPROVED',
    headline: null,
    industry: null,
    occupation: null,
    yearsExperience: 10,
    skills: [],
    languages: [],
    city: null,
    country: null,
    timeZone: null,
    meetingPreferences: [],
    hoursPerMonth: 4,
    capacity: 2,
    livedExperience: [],
    employer: null,
    pausedUntil: null,
    organizationId: null,
    changedAt: tick(),
    ...overrides,
  };
}

export function menteeProfile(overrides: Partial<MenteeProfileChangedV1> = {}): MenteeProfileChangedV1 {
  return {
    userId: randomUUID(),
    displayName: 'Mentee',
    industry: null,
    occupation: null,
    skills: [],
    languages: [],
    city: null,
    country: null,
    timeZone: null,
    meetingPreferences: [],
    livedExperience: [],
    needs: [],
    goals: [],
    employer: null,
    organizationId: null,
    changedAt: tick(),
    ...overrides,
  };
}

export function programme(
  overrides: Partial<EventPayloads['ProgrammeChanged']> = {},
): EventPayloads['ProgrammeChanged'] {
  return {
    programmeId: randomUUID(),
    name: 'Programme',
    organizationIds: [],
    terms: { targetHours: 24, durationWeeks: 16, minMeetings: 0, hoursOrMeetings: false },
    cpdCategory: 'MENTORING',
    requireSignedAgreement: false,
    requireOrientation: false,
    maxOpenRequestsPerMentee: 3,
    requestExpiryDays: 14,
    matchingWeights: {},
    cohorts: [],
    changedAt: tick(),
    ...overrides,
  };
}

/** Publishes profiles (and anything else) then waits until matching applied them. */
export async function given(
  stack: Stack,
  ...events: Array<{ [N in keyof EventPayloads]: [N, EventPayloads[N]] }[keyof EventPayloads]>
) {
  for (const [name, payload] of events) await stack.publish(name, payload as never);
  await stack.settle();
}

export const mentee = (userId: string, organizationId: string | null = null) =>
  principal('MENTEE', organizationId, userId as `${string}-${string}-${string}-${string}-${string}`);
export const mentor = (userId: string, organizationId: string | null = null) =>
  principal('MENTOR', organizationId, userId as `${string}-${string}-${string}-${string}-${string}`);
