import {
  isoInstant,
  otherPeople,
  type SubgraphContext,
  PersonalDataSection,
  type PersonalDataSectionContent,
} from '@tandem/subgraph-kit';
import type { MatchingRecords, PersonalDataRepository } from './personal-data.repository';
import { toPersonalDataExport, type PersonalDataExport } from './personal-data.type';

/** Matching's section of one person's export, and the other people it mentions. */
export type MatchingSection = PersonalDataSectionContent;

/**
 * Matching's section of the personal data export: questions, requests with their threads, proposals, mentor
 * load. The person or an ADMIN only (checked first, for `_entities` too); request threads only to the person.
 */
export class PersonalDataService extends PersonalDataSection<MatchingRecords> {
  constructor(repo: PersonalDataRepository) {
    super({ key: 'matching', collect: (ids) => repo.collect(ids), assemble: assembleMatching });
  }

  /** `_entities`: what the caller may not export resolves to null. */
  reference(ctx: SubgraphContext, userId: string): PersonalDataExport | null {
    return this.mayExport(ctx, userId) ? toPersonalDataExport(userId) : null;
  }
}

/** One person's matching section from a batch: plain JSON, ISO dates, other people by id only. */
export function assembleMatching(userId: string, all: MatchingRecords, own: boolean): MatchingSection {
  const asMentee = <T extends { mentee_id: string }>(rows: T[]) => rows.filter((r) => r.mentee_id === userId);
  const asMentor = <T extends { mentor_id: string }>(rows: T[]) => rows.filter((r) => r.mentor_id === userId);
  const mentioned: Array<string | null> = [];
  const question = (q: MatchingRecords['questions'][number]) => ({
    id: q.id,
    menteeId: q.mentee_id,
    mentorId: q.mentor_id,
    question: q.question,
    answer: q.answer,
    askedAt: isoInstant(q.asked_at),
    answeredAt: isoInstant(q.answered_at),
  });
  const request = (r: MatchingRecords['requests'][number]) => {
    const out: Record<string, unknown> = {
      id: r.id,
      menteeId: r.mentee_id,
      mentorId: r.mentor_id,
      programme: { id: r.programme_id, name: r.programme_name },
      message: r.message,
      status: r.status,
      declineReason: r.decline_reason,
      sentAt: isoInstant(r.sent_at),
      expiresAt: isoInstant(r.expires_at),
      respondedAt: isoInstant(r.responded_at),
    };
    // the thread is between the two parties only: not in an ADMIN's copy
    if (own) {
      out.thread = all.messages
        .filter((m) => m.request_id === r.id)
        .map((m) => {
          mentioned.push(m.author_id);
          return { id: m.id, authorId: m.author_id, body: m.body, postedAt: isoInstant(m.posted_at) };
        });
    }
    return out;
  };
  const proposal = (p: MatchingRecords['proposals'][number]) => ({
    id: p.id,
    menteeId: p.mentee_id,
    mentorId: p.mentor_id,
    proposedBy: p.coach_id,
    programme: { id: p.programme_id, name: p.programme_name },
    cohortId: p.cohort_id,
    note: p.note,
    status: p.status,
    declineReason: p.decline_reason,
    proposedAt: isoInstant(p.proposed_at),
    respondedAt: isoInstant(p.responded_at),
  });
  const load = all.loads.find((l) => l.user_id === userId);
  const section: Record<string, unknown> = {
    questionsAsked: asMentee(all.questions).map(question),
    questionsReceived: asMentor(all.questions).map(question),
    requestsSent: asMentee(all.requests).map(request),
    requestsReceived: asMentor(all.requests).map(request),
    proposalsAsMentee: asMentee(all.proposals).map(proposal),
    proposalsAsMentor: asMentor(all.proposals).map(proposal),
    mentorLoad: load
      ? {
          activeMentees: Number(load.active_mentees),
          capacity: Number(load.capacity),
          confirmedMatchesNotStarted: Number(load.pending_matches),
        }
      : null,
    withheld: own ? [] : ['requestThreads'],
  };
  for (const rows of [all.questions, all.requests, all.proposals] as Array<
    Array<{ mentee_id: string; mentor_id: string }>
  >) {
    for (const r of rows)
      if (r.mentee_id === userId || r.mentor_id === userId) mentioned.push(r.mentee_id, r.mentor_id);
  }
  for (const p of all.proposals) if (p.mentee_id === userId || p.mentor_id === userId) mentioned.push(p.coach_id);
  return { section, people: otherPeople(userId, mentioned) };
}
