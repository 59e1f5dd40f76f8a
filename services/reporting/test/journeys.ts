/**
 * Realistic journeys as the events identity, matching and relationships publish for them, in the order they are
 * published: a programme, a mentor and a mentee (profiles changed once or twice, the mentor approved, both
 * enrolled), a request (sometimes declined first), the match, the relationship, meetings logged then confirmed,
 * disputed or left waiting (confirmed ones sometimes amended once or twice), goals achieved, and an ending
 * (none, completed, withdrawn, or completed, continued and completed again) with feedback. Ids are logical names
 * mapped to fresh uuids per universe, so the same journey can be played twice and the results compared by name.
 */
import fc from 'fast-check';
import type { EventName, EventPayloads } from '@tandem/contracts';
import { daysFromToday, deliveryOrder, LogicalIds, type PublishedEvent } from '@tandem/testkit';

export interface MeetingSpec {
  outcome: 'CONFIRMED' | 'DISPUTED' | 'LOGGED';
  /** Amendments of a confirmed meeting, each confirmed by both (0 to 2). */
  amendments: number;
  minutes: number;
}

export interface JourneySpec {
  mentorProfiles: number;
  menteeProfiles: number;
  declinedFirst: boolean;
  meetings: MeetingSpec[];
  goals: number;
  ending: 'NONE' | 'COMPLETED' | 'WITHDRAWN' | 'CONTINUED';
}

export const journeySpec: fc.Arbitrary<JourneySpec> = fc.record({
  mentorProfiles: fc.integer({ min: 1, max: 2 }),
  menteeProfiles: fc.integer({ min: 1, max: 2 }),
  declinedFirst: fc.boolean(),
  meetings: fc.array(
    fc.record({
      outcome: fc.constantFrom<MeetingSpec['outcome']>('CONFIRMED', 'CONFIRMED', 'DISPUTED', 'LOGGED'),
      amendments: fc.integer({ min: 0, max: 2 }),
      minutes: fc.constantFrom(30, 45, 60, 90),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  goals: fc.integer({ min: 0, max: 2 }),
  ending: fc.constantFrom<JourneySpec['ending']>('NONE', 'COMPLETED', 'WITHDRAWN', 'CONTINUED'),
});

export type JourneyEvent = PublishedEvent;

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** The journey's events in the order their producers publish them. */
export function journeyEvents(spec: JourneySpec, ids: LogicalIds): JourneyEvent[] {
  const id = (name: string) => ids.of(name);
  const day = (offset: number) => daysFromToday(-200 + offset);
  const at = (offset: number, hour = 10) => `${day(offset)}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  const events: JourneyEvent[] = [];
  const add = <N extends EventName>(name: N, payload: EventPayloads[N]) =>
    events.push({ name, payload } as JourneyEvent);

  const org = id('organisation');
  add('OrganizationChanged', {
    organizationId: org,
    name: 'Lakeshore',
    city: 'Toronto',
    country: 'CA',
    changedAt: at(0),
  });
  add('ProgrammeChanged', {
    programmeId: id('programme'),
    name: 'CPD Mentoring',
    organizationIds: [org],
    terms: { targetHours: 3, durationWeeks: 26, minMeetings: 3, hoursOrMeetings: true },
    cpdCategory: 'Peer and professional interaction',
    requireSignedAgreement: false,
    requireOrientation: false,
    maxOpenRequestsPerMentee: 3,
    requestExpiryDays: 14,
    matchingWeights: {},
    cohorts: [{ cohortId: id('cohort'), name: 'Spring', startsOn: day(0), endsOn: day(300) }],
    changedAt: at(0),
  });
  for (const role of ['MENTOR', 'MENTEE'] as const) {
    const who = id(role.toLowerCase());
    add('UserRegistered', {
      userId: who,
      displayName: role,
      roles: [role],
      organizationId: org,
      registeredAt: at(1),
    });
    add('UserContactChanged', {
      userId: who,
      displayName: role,
      email: `${role.toLowerCase()}@example.org`,
      phone: null,
      changedAt: at(1),
    });
    const versions = role === 'MENTOR' ? spec.mentorProfiles : spec.menteeProfiles;
    for (let v = 0; v < versions; v++) {
      const facts = {
        userId: who,
        displayName: role,
        industry: { code: v === 0 ? '5415' : '2211', label: v === 0 ? 'Software' : 'Power' },
        occupation: null,
        skills: ['leadership'],
        languages: ['en'],
        city: 'Toronto',
        country: 'CA',
        timeZone: 'America/Toronto',
        meetingPreferences: ['VIDEO' as const],
        livedExperience: [],
        employer: null,
        organizationId: org,
        changedAt: at(2 + v),
      };
      if (role === 'MENTOR')
        add('MentorProfileChanged', {
          ...facts,
          status: v === 0 ? 'PENDING_REVIEW' : 'APPROVED',
          headline: 'Engineer',
          yearsExperience: 12,
          hoursPerMonth: 4,
          capacity: 2,
          pausedUntil: null,
        });
      else add('MenteeProfileChanged', { ...facts, needs: ['career'], goals: ['licence'] });
    }
    add('ProgrammeEnrolled', {
      userId: who,
      programmeId: id('programme'),
      cohortId: id('cohort'),
      role,
      organizationId: org,
      enrolledAt: at(3),
    });
  }
  add('MentorApplicationReviewed', {
    userId: id('mentor'),
    decision: 'APPROVED',
    reviewerId: id('coach'),
    comment: 'Welcome',
    reviewedAt: at(4),
  });

  const people = { menteeId: id('mentee'), mentorId: id('mentor'), programmeId: id('programme') };
  if (spec.declinedFirst) {
    add('MentoringRequestSent', { requestId: id('request0'), ...people, sentAt: at(5), expiresAt: at(19) });
    add('MentoringRequestDeclined', { requestId: id('request0'), ...people, reason: 'Busy', declinedAt: at(6) });
  }
  add('MentoringRequestSent', { requestId: id('request'), ...people, sentAt: at(7), expiresAt: at(21) });
  add('MentoringRequestAccepted', { requestId: id('request'), ...people, acceptedAt: at(8) });
  add('MatchConfirmed', {
    matchId: id('request'),
    source: 'REQUEST',
    ...people,
    cohortId: id('cohort'),
    organizationId: org,
    coachId: null,
    confirmedAt: at(8),
    menteeEnrolledAt: at(3),
  });
  const ref = { relationshipId: id('relationship'), ...people, organizationId: org };
  add('RelationshipStarted', {
    ...ref,
    matchId: id('request'),
    cohortId: id('cohort'),
    startedOn: day(9),
    plannedEndOn: day(190),
  });

  let confirmedMinutes = 0;
  let confirmedMeetings = 0;
  spec.meetings.forEach((m, i) => {
    const occurredOn = day(10 + i * 7);
    const name = `meeting${i}`;
    add('MeetingLogged', {
      ...ref,
      meetingId: id(name),
      loggedBy: people.mentorId,
      awaitingUserId: people.menteeId,
      occurredOn,
    });
    if (m.outcome === 'DISPUTED')
      add('MeetingDisputed', {
        ...ref,
        meetingId: id(name),
        disputedBy: people.menteeId,
        reason: 'It did not happen',
        occurredOn,
      });
    if (m.outcome !== 'CONFIRMED') return;
    let previous: string | null = null;
    let minutes = m.minutes;
    for (let revision = 1; revision <= 1 + m.amendments; revision++) {
      const meetingName: string = revision === 1 ? name : `${name}.${revision}`;
      const on = day(10 + i * 7 + (revision - 1));
      if (revision > 1)
        add('MeetingLogged', {
          ...ref,
          meetingId: id(meetingName),
          loggedBy: people.menteeId,
          awaitingUserId: people.mentorId,
          occurredOn: on,
        });
      add('MeetingConfirmed', {
        ...ref,
        meetingId: id(meetingName),
        amendsMeetingId: previous ? id(previous) : null,
        revision,
        occurredOn: on,
        startTime: '18:00',
        durationMinutes: minutes,
        mode: 'VIDEO',
        topics: ['Licensure'],
        homework: null,
        confirmedByMentorAt: at(10 + i * 7 + revision, 20),
        confirmedByMenteeAt: at(10 + i * 7 + revision, 21),
      });
      previous = meetingName;
      if (revision <= m.amendments) minutes += 15;
    }
    confirmedMinutes += minutes;
    confirmedMeetings += 1;
  });
  for (let g = 0; g < spec.goals; g++) add('GoalAchieved', { ...ref, goalId: id(`goal${g}`), achievedAt: at(60 + g) });

  const figures = { confirmedHours: hours(confirmedMinutes), confirmedMeetings };
  const metTerms = figures.confirmedHours >= 3 || confirmedMeetings >= 3;
  if (spec.ending === 'WITHDRAWN')
    add('RelationshipWithdrawn', {
      ...ref,
      withdrawnBy: people.menteeId,
      reason: 'Moved away',
      withdrawnOn: day(80),
      ...figures,
      metTerms,
    });
  if (spec.ending === 'COMPLETED' || spec.ending === 'CONTINUED') {
    add('RelationshipCompleted', { ...ref, completedOn: day(80), ...figures, metTerms });
    for (const respondentRole of ['MENTOR', 'MENTEE'] as const)
      add('FeedbackSubmitted', { ...ref, respondentRole, ratings: { overall: 4, goals: 5 }, submittedAt: at(81) });
  }
  if (spec.ending === 'CONTINUED') {
    add('RelationshipContinued', { ...ref, continuedOn: day(85) });
    add('RelationshipCompleted', { ...ref, completedOn: day(120), ...figures, metTerms });
  }
  return events;
}

/** A journey and an order of delivery of its events. */
export const journeyDelivery: fc.Arbitrary<{ spec: JourneySpec; order: number[] }> = journeySpec.chain((spec) =>
  deliveryOrder(journeyEvents(spec, new LogicalIds()).length).map((order) => ({ spec, order })),
);
