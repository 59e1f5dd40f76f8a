import {
  isoInstant,
  otherPeople,
  type SubgraphContext,
  PersonalDataSection,
  type PersonalDataSectionContent,
} from '@tandem/subgraph-kit';
import { visibleFlags } from '../relationships/relationship.access';
import type { PersonalDataRepository, RelationshipsRecords, Row } from './personal-data.repository';
import { toPersonalDataExport, type PersonalDataExport } from './personal-data.type';

/** Relationships' section of one person's export, and the other people it mentions. */
export type RelationshipsSection = PersonalDataSectionContent;

/**
 * Relationships' section of the personal data export: each relationship of the person with its agreement and
 * signatures, action plan, goals and milestones, meetings (with their own private notes), messages and the
 * feedback they gave. The person or an ADMIN only (checked first, for `_entities` too); what the platform
 * keeps between the two partners (messages, private notes) only to the person.
 */
export class PersonalDataService extends PersonalDataSection<RelationshipsRecords> {
  constructor(repo: PersonalDataRepository) {
    super({ key: 'relationships', collect: (ids) => repo.collect(ids), assemble: assembleRelationships });
  }

  /** `_entities`: what the caller may not export resolves to null. */
  reference(ctx: SubgraphContext, userId: string): PersonalDataExport | null {
    return this.mayExport(ctx, userId) ? toPersonalDataExport(userId) : null;
  }
}

const byKey = (rows: Row[], key: string, value: unknown) => rows.filter((r) => r[key] === value);

/** One person's relationships section from a batch: plain JSON, ISO dates, other people by id only. */
export function assembleRelationships(userId: string, all: RelationshipsRecords, own: boolean): RelationshipsSection {
  const mentioned: Array<string | null> = [];
  const mine = all.relationships.filter((r) => r.mentee_id === userId || r.mentor_id === userId);
  const relationships = mine.map((r) => {
    const role = r.mentee_id === userId ? 'MENTEE' : 'MENTOR';
    mentioned.push(r.mentee_id, r.mentor_id, r.paused_by, r.withdrawn_by);
    const agreement = all.agreements.find((a) => a.relationship_id === r.id);
    const plan = all.actionPlans.find((p) => p.relationship_id === r.id);
    const feedback = all.feedbackGiven.find((f) => f.relationship_id === r.id && f.respondent_id === userId);
    const out: Record<string, unknown> = {
      id: r.id,
      role,
      counterpartId: role === 'MENTEE' ? r.mentor_id : r.mentee_id,
      status: r.status,
      programme: r.programme_id ? { id: r.programme_id, name: r.programme_name ?? null } : null,
      organizationId: r.organization_id,
      cohortId: r.cohort_id,
      matchId: r.match_id,
      matchSource: r.match_source,
      startedOn: r.started_on,
      plannedEndOn: r.planned_end_on,
      endedOn: r.ended_on,
      pausedAt: isoInstant(r.paused_at),
      pausedBy: r.paused_by,
      withdrawnBy: r.withdrawn_by,
      withdrawalReason: r.withdrawal_reason,
      completionConfirmedByMentorAt: isoInstant(r.completion_mentor_at),
      completionConfirmedByMenteeAt: isoInstant(r.completion_mentee_at),
      closedAt: isoInstant(r.closed_at),
      continuedCount: r.continued_count,
      // a LOW_PULSE reason quotes a partner's pulse answer: not the exported person's data to read
      atRiskFlags: visibleFlags(r.at_risk_flags ?? [], false),
      atRiskFlaggedAt: isoInstant(r.at_risk_flagged_at),
      createdAt: isoInstant(r.created_at),
      agreement: agreement
        ? {
            currentVersion: agreement.current_version,
            signedVersion: agreement.signed_version,
            firstFullySignedAt: isoInstant(agreement.first_fully_signed_at),
            versions: byKey(all.agreementVersions, 'agreement_id', agreement.id).map((v) => {
              mentioned.push(v.drafted_by);
              return {
                version: v.version,
                topGoals: v.top_goals,
                meetingPlace: v.meeting_place,
                meetingTime: v.meeting_time,
                meetingLengthMinutes: v.meeting_length_minutes,
                meetingFrequency: v.meeting_frequency,
                initiator: v.initiator,
                confidentiality: v.confidentiality,
                durationWeeks: v.duration_weeks,
                schedule:
                  v.schedule_weekday === null
                    ? null
                    : {
                        weekday: v.schedule_weekday,
                        startTime: v.schedule_start_time,
                        everyWeeks: v.schedule_every_weeks,
                        timeZone: v.schedule_time_zone,
                      },
                draftedBy: v.drafted_by,
                draftedAt: isoInstant(v.drafted_at),
                signedByMentorAt: isoInstant(v.mentor_signed_at),
                signedByMenteeAt: isoInstant(v.mentee_signed_at),
              };
            }),
          }
        : null,
      actionPlan: plan
        ? (mentioned.push(plan.updated_by),
          { items: plan.items, updatedBy: plan.updated_by, updatedAt: isoInstant(plan.updated_at) })
        : null,
      goals: byKey(all.goals, 'relationship_id', r.id).map((g) => {
        mentioned.push(g.created_by);
        return {
          id: g.id,
          title: g.title,
          specific: g.specific,
          measure: g.measure,
          target: g.target,
          attainable: g.attainable,
          relevant: g.relevant,
          dueOn: g.due_on,
          status: g.status,
          createdBy: g.created_by,
          createdAt: isoInstant(g.created_at),
          achievedAt: isoInstant(g.achieved_at),
          droppedAt: isoInstant(g.dropped_at),
          dropReason: g.drop_reason,
          progress: byKey(all.goalProgress, 'goal_id', g.id).map(
            (p) => (
              mentioned.push(p.author_id),
              { authorId: p.author_id, note: p.note, value: p.value, at: isoInstant(p.created_at) }
            ),
          ),
          milestones: byKey(all.milestones, 'goal_id', g.id).map((m) => ({
            id: m.id,
            title: m.title,
            dueOn: m.due_on,
            completedAt: isoInstant(m.completed_at),
            createdAt: isoInstant(m.created_at),
          })),
        };
      }),
      meetings: byKey(all.meetings, 'relationship_id', r.id).map((m) => {
        mentioned.push(m.logged_by, m.disputed_by);
        const meeting: Record<string, unknown> = {
          id: m.id,
          revision: m.revision,
          amendsMeetingId: m.amends_meeting_id,
          supersededBy: m.superseded_by,
          occurredOn: m.occurred_on,
          startTime: m.start_time,
          durationMinutes: m.duration_minutes,
          mode: m.mode,
          topics: m.topics,
          homework: m.homework,
          status: m.status,
          loggedBy: m.logged_by,
          loggedAt: isoInstant(m.logged_at),
          confirmedByMentorAt: isoInstant(m.mentor_confirmed_at),
          confirmedByMenteeAt: isoInstant(m.mentee_confirmed_at),
          disputedBy: m.disputed_by,
          disputeReason: m.dispute_reason,
          disputedAt: isoInstant(m.disputed_at),
          countedAt: isoInstant(m.counted_at),
        };
        // only the person's own private note: the counterpart's stays theirs
        if (own) {
          const note = all.ownNotes.find((n) => n.meeting_id === m.id && n.author_id === userId);
          meeting.myPrivateNote = note ? { note: note.note, updatedAt: isoInstant(note.updated_at) } : null;
        }
        return meeting;
      }),
      feedbackGiven: feedback
        ? {
            role: feedback.respondent_role,
            ratings: feedback.ratings,
            comments: feedback.comments,
            submittedAt: isoInstant(feedback.submitted_at),
          }
        : null,
      pulseAnswersGiven: all.pulseAnswersGiven
        .filter((a) => a.relationship_id === r.id && a.respondent_id === userId)
        .map((a) => ({
          pulseId: a.pulse_id,
          question: a.question,
          askedAt: isoInstant(a.asked_at),
          role: a.role,
          score: a.score,
          note: a.note,
          answeredAt: isoInstant(a.answered_at),
        })),
    };
    if (own) {
      out.messages = byKey(all.messages, 'relationship_id', r.id).map(
        (m) => (
          mentioned.push(m.author_id),
          { id: m.id, authorId: m.author_id, body: m.body, sentAt: isoInstant(m.sent_at) }
        ),
      );
    }
    return out;
  });
  // the person's calendar feeds of planned meetings: that one exists, when it was created or turned off (no token)
  const calendarFeeds = all.calendarFeeds
    .filter((f) => f.user_id === userId)
    .map((f) => ({ createdAt: isoInstant(f.created_at), revokedAt: isoInstant(f.revoked_at) }));
  const section = { relationships, calendarFeeds, withheld: own ? [] : ['messages', 'privateMeetingNotes'] };
  return { section, people: otherPeople(userId, mentioned) };
}
