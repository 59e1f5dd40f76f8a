/**
 * The event consumers: every upstream fact becomes rows in reporting's read models, CPD ledger entries
 * and rollup deltas, all in the transaction that records the event id (so each event applies once).
 */
import type { EntityManager } from 'typeorm';
import type { EventHandlers } from '@tandem/subgraph-kit';
import type { EventName } from '@tandem/contracts';
import { meetsTerms, type ReadModelRepository } from './read-model.repository';
import type { StatsRollupRepository, StatsScope } from '../stats/stats-rollup.repository';
import type { LedgerRepository } from '../cpd/ledger.repository';

export const CONSUMED_EVENTS: EventName[] = [
  'UserRegistered',
  'UserContactChanged',
  'UserErased',
  'MentorProfileChanged',
  'MenteeProfileChanged',
  'MentorApplicationReviewed',
  'OrganizationChanged',
  'ProgrammeChanged',
  'ProgrammeEnrolled',
  'MentoringRequestSent',
  'MentoringRequestAccepted',
  'MentoringRequestDeclined',
  'MentoringRequestExpired',
  'MatchConfirmed',
  'RelationshipStarted',
  'RelationshipCompleted',
  'RelationshipWithdrawn',
  'RelationshipContinued',
  'MeetingLogged',
  'MeetingDisputed',
  'MeetingConfirmed',
  'GoalAchieved',
  'FeedbackSubmitted',
];

/** The UTC calendar day of a date or an instant. */
export function dayOf(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Date(value).toISOString().slice(0, 10);
}

const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

export function createProjectionHandlers(
  reads: ReadModelRepository,
  rollups: StatsRollupRepository,
  ledger: LedgerRepository,
): EventHandlers {
  /** The mentee's scope in a programme: cohort and organisation of the enrolment, industry of the person. */
  async function menteeScope(
    m: EntityManager,
    programmeId: string,
    menteeId: string,
    given: { organizationId?: string | null; cohortId?: string | null } = {},
  ): Promise<StatsScope> {
    const enrolment = await reads.enrolment(m, menteeId, programmeId, 'MENTEE');
    const person = await reads.personFacts(m, menteeId);
    return {
      programmeId,
      organizationId: given.organizationId ?? enrolment?.organizationId ?? person.organizationId,
      cohortId: given.cohortId ?? enrolment?.cohortId ?? null,
      industryCode: person.industryCode,
    };
  }

  async function relationshipScope(
    m: EntityManager,
    e: { relationshipId: string; programmeId: string; menteeId: string; organizationId: string | null },
  ): Promise<StatsScope> {
    const rel = await reads.relationship(m, e.relationshipId);
    if (rel)
      return {
        programmeId: rel.programmeId,
        organizationId: rel.organizationId,
        cohortId: rel.cohortId,
        industryCode: rel.industryCode,
      };
    return menteeScope(m, e.programmeId, e.menteeId, { organizationId: e.organizationId });
  }

  return {
    UserRegistered: async ({ payload }, m) => reads.upsertRegisteredPerson(m, payload),
    UserContactChanged: async ({ payload }, m) => reads.upsertContact(m, payload),
    UserErased: async ({ payload }, m) => reads.erase(m, payload),
    MentorProfileChanged: async ({ payload }, m) =>
      reads.setIndustry(m, payload.userId, payload.industry, payload.status, payload.organizationId),
    MenteeProfileChanged: async ({ payload }, m) =>
      reads.setIndustry(m, payload.userId, payload.industry, null, payload.organizationId),

    MentorApplicationReviewed: async ({ payload }, m) => {
      if (!(await reads.recordReview(m, payload))) return;
      // an approval counts in each programme the mentor is enrolled in, or once outside any programme
      const person = await reads.personFacts(m, payload.userId);
      const programmes = await reads.mentorProgrammes(m, payload.userId);
      const scopes: StatsScope[] = programmes.length
        ? programmes.map((p) => ({
            programmeId: p.programmeId,
            organizationId: p.organizationId ?? person.organizationId,
            cohortId: p.cohortId,
            industryCode: person.industryCode,
          }))
        : [
            {
              programmeId: null,
              organizationId: person.organizationId,
              cohortId: null,
              industryCode: person.industryCode,
            },
          ];
      for (const scope of scopes) await rollups.bump(m, dayOf(payload.reviewedAt), scope, { mentor_approvals: 1 });
    },

    OrganizationChanged: async ({ payload }, m) => reads.upsertOrganization(m, payload),
    ProgrammeChanged: async ({ payload }, m) => reads.upsertProgramme(m, payload),

    ProgrammeEnrolled: async ({ payload }, m) => {
      if (!(await reads.enrol(m, payload))) return;
      const person = await reads.personFacts(m, payload.userId);
      const scope = {
        programmeId: payload.programmeId,
        organizationId: payload.organizationId ?? person.organizationId,
        cohortId: payload.cohortId,
        industryCode: person.industryCode,
      };
      await rollups.bump(m, dayOf(payload.enrolledAt), scope, {
        registrations: 1,
        [payload.role === 'MENTOR' ? 'mentors_enrolled' : 'mentees_enrolled']: 1,
      });
    },

    MentoringRequestSent: async ({ payload }, m) => {
      if (await reads.requestTransition(m, payload, 'sent_at', payload.sentAt))
        await rollups.bump(m, dayOf(payload.sentAt), await menteeScope(m, payload.programmeId, payload.menteeId), {
          requests_sent: 1,
        });
    },
    MentoringRequestAccepted: async ({ payload }, m) => {
      if (await reads.requestTransition(m, payload, 'accepted_at', payload.acceptedAt))
        await rollups.bump(m, dayOf(payload.acceptedAt), await menteeScope(m, payload.programmeId, payload.menteeId), {
          requests_accepted: 1,
        });
    },
    MentoringRequestDeclined: async ({ payload }, m) => {
      if (await reads.requestTransition(m, payload, 'declined_at', payload.declinedAt))
        await rollups.bump(m, dayOf(payload.declinedAt), await menteeScope(m, payload.programmeId, payload.menteeId), {
          requests_declined: 1,
        });
    },
    MentoringRequestExpired: async ({ payload }, m) => {
      if (await reads.requestTransition(m, payload, 'expired_at', payload.expiredAt))
        await rollups.bump(m, dayOf(payload.expiredAt), await menteeScope(m, payload.programmeId, payload.menteeId), {
          requests_expired: 1,
        });
    },

    MatchConfirmed: async ({ payload }, m) => {
      const scope = await menteeScope(m, payload.programmeId, payload.menteeId, {
        organizationId: payload.organizationId,
        cohortId: payload.cohortId,
      });
      const enrolment = await reads.enrolment(m, payload.menteeId, payload.programmeId, 'MENTEE');
      const enrolledAt = payload.menteeEnrolledAt ?? (enrolment ? enrolment.enrolledAt.toISOString() : null);
      const { fresh, firstForMentee } = await reads.recordMatch(m, payload, scope, enrolledAt);
      if (!fresh) return;
      await rollups.bump(m, dayOf(payload.confirmedAt), scope, { matches: 1 });
      // match rate: the mentee counts as matched on the day (and in the scope) they were counted as enrolled
      if (firstForMentee) {
        const enrolScope = enrolment
          ? { ...scope, organizationId: enrolment.organizationId ?? scope.organizationId, cohortId: enrolment.cohortId }
          : scope;
        await rollups.bump(m, dayOf(enrolledAt ?? payload.confirmedAt), enrolScope, { mentees_matched: 1 });
      }
    },

    RelationshipStarted: async ({ payload }, m) => {
      const scope = await menteeScope(m, payload.programmeId, payload.menteeId, {
        organizationId: payload.organizationId,
        cohortId: payload.cohortId,
      });
      if (await reads.startRelationship(m, payload, scope))
        await rollups.bump(m, dayOf(payload.startedOn), scope, { relationships_started: 1 });
    },
    RelationshipCompleted: async ({ payload }, m) => {
      const scope = await relationshipScope(m, payload);
      if (
        await reads.endRelationship(
          m,
          payload,
          scope,
          'COMPLETED',
          payload.completedOn,
          payload.confirmedHours,
          payload.confirmedMeetings,
          payload.metTerms,
        )
      ) {
        await rollups.bump(m, dayOf(payload.completedOn), scope, {
          relationships_completed: 1,
          relationships_met_terms: payload.metTerms ? 1 : 0,
        });
        // its continuation was applied first: it goes on now
        const continuedOn = await reads.takeEarlyContinuation(m, payload.relationshipId, payload.completedOn);
        if (continuedOn) await rollups.bump(m, continuedOn, scope, { relationships_continued: 1 });
      }
    },
    RelationshipWithdrawn: async ({ payload }, m) => {
      const scope = await relationshipScope(m, payload);
      const terms = await reads.programme(m, payload.programmeId);
      const met = terms ? meetsTerms(terms, payload.confirmedHours, payload.confirmedMeetings) : false;
      if (
        await reads.endRelationship(
          m,
          payload,
          scope,
          'WITHDRAWN',
          payload.withdrawnOn,
          payload.confirmedHours,
          payload.confirmedMeetings,
          met,
        )
      ) {
        await rollups.bump(m, dayOf(payload.withdrawnOn), scope, {
          relationships_withdrawn: 1,
          relationships_met_terms: met ? 1 : 0,
        });
      }
    },

    RelationshipContinued: async ({ payload }, m) => {
      // a completed relationship goes on with new goals: active again, and its next ending counts as well
      const scope = await relationshipScope(m, payload);
      if (await reads.continueRelationship(m, payload, scope, payload.continuedOn))
        await rollups.bump(m, dayOf(payload.continuedOn), scope, { relationships_continued: 1 });
    },

    MeetingLogged: async ({ payload }, m) => reads.meetingLogged(m, payload),
    MeetingDisputed: async ({ payload }, m) => reads.meetingDisputed(m, payload),

    MeetingConfirmed: async ({ payload: e }, m) => {
      // a redelivered or duplicated confirmation (even under another event id) changes nothing
      if (await ledger.hasEntryForMeeting(m, e.meetingId, e.revision)) return;
      // a meeting and its amendment may be applied in either order, by two workers at once: both take the two
      // people's ledger locks before reading what the other may have written
      await ledger.lock(m, [e.mentorId, e.menteeId]);
      const superseded = e.amendsMeetingId ? await reads.meeting(m, e.amendsMeetingId) : null;
      const amendedAlready = (await reads.meeting(m, e.meetingId))?.supersededBy ?? null;
      const amendment = amendedAlready ? await reads.meeting(m, amendedAlready) : null;
      await reads.meetingConfirmed(m, e);
      const programme = await reads.programme(m, e.programmeId);
      const hours = hoursOf(e.durationMinutes);
      const common = {
        relationshipId: e.relationshipId,
        programmeId: e.programmeId,
        cpdCategory: programme?.cpdCategory ?? null,
        meetingId: e.meetingId,
        revision: e.revision,
        startTime: e.startTime,
        durationMinutes: e.durationMinutes,
        topics: e.topics,
        homework: e.homework,
        confirmedByMentorAt: e.confirmedByMentorAt,
        confirmedByMenteeAt: e.confirmedByMenteeAt,
      };
      for (const [userId, role, counterpartId] of [
        [e.mentorId, 'MENTOR', e.menteeId],
        [e.menteeId, 'MENTEE', e.mentorId],
      ] as const) {
        if (e.amendsMeetingId) {
          // the correction: a reversal of the superseded entry, then the amended meeting as a new entry
          const live = await ledger.liveEntryForMeeting(m, userId, e.amendsMeetingId);
          if (live) {
            await ledger.append(m, {
              ...common,
              userId,
              role,
              counterpartId,
              kind: 'REVERSAL',
              reversesEntryId: live.id,
              hours: -Number(live.hours),
              occurredOn: live.occurredOn,
              startTime: live.startTime,
              durationMinutes: live.durationMinutes,
              topics: live.topics,
              homework: live.homework,
              confirmedByMentorAt: e.confirmedByMentorAt,
              confirmedByMenteeAt: e.confirmedByMenteeAt,
            });
          }
        }
        const entry = await ledger.append(m, {
          ...common,
          userId,
          role,
          counterpartId,
          kind: 'MEETING',
          reversesEntryId: null,
          hours,
          occurredOn: e.occurredOn,
        });
        if (amendedAlready && entry) {
          // its own amendment came first: the evidence trail still shows this revision, reversed by that amendment at once
          await ledger.append(m, {
            ...common,
            userId,
            role,
            counterpartId,
            kind: 'REVERSAL',
            reversesEntryId: entry.id,
            hours: -hours,
            occurredOn: e.occurredOn,
            meetingId: amendedAlready,
            revision: amendment?.revision ?? e.revision + 1,
          });
        }
      }
      const scope = await relationshipScope(m, e);
      if (
        superseded &&
        superseded.occurredOn &&
        superseded.durationMinutes !== null &&
        superseded.status !== 'LOGGED' &&
        superseded.status !== 'DISPUTED'
      ) {
        await rollups.bump(m, superseded.occurredOn, scope, {
          meetings_confirmed: -1,
          hours_confirmed: -hoursOf(superseded.durationMinutes),
        });
      }
      // a revision already amended is not counted: its amendment counts instead
      if (!amendedAlready)
        await rollups.bump(m, e.occurredOn, scope, { meetings_confirmed: 1, hours_confirmed: hours });
    },

    GoalAchieved: async ({ payload }, m) => {
      if (await reads.goalAchieved(m, payload))
        await rollups.bump(m, dayOf(payload.achievedAt), await relationshipScope(m, payload), { goals_achieved: 1 });
    },
    FeedbackSubmitted: async ({ payload }, m) => {
      if (await reads.feedback(m, payload))
        await rollups.feedback(m, dayOf(payload.submittedAt), await relationshipScope(m, payload), payload.ratings);
    },
  };
}
