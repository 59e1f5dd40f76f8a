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
  const asMentee = <T extends { menteeId: string }>(rows: T[]) => rows.filter((r) => r.menteeId === userId);
  const asMentor = <T extends { mentorId: string }>(rows: T[]) => rows.filter((r) => r.mentorId === userId);
  const mentioned: Array<string | null> = [];
  const question = (q: MatchingRecords['questions'][number]) => ({
    id: q.id,
    menteeId: q.menteeId,
    mentorId: q.mentorId,
    question: q.question,
    answer: q.answer,
    askedAt: isoInstant(q.askedAt),
    answeredAt: isoInstant(q.answeredAt),
  });
  const request = (r: MatchingRecords['requests'][number]) => {
    const out: Record<string, unknown> = {
      id: r.id,
      menteeId: r.menteeId,
      mentorId: r.mentorId,
      programme: { id: r.programmeId, name: r.programmeName },
      message: r.message,
      status: r.status,
      declineReason: r.declineReason,
      sentAt: isoInstant(r.sentAt),
      expiresAt: isoInstant(r.expiresAt),
      respondedAt: isoInstant(r.respondedAt),
    };
    // the thread and the earlier wordings are between the two parties only: not in an ADMIN's copy
    if (own) {
      out.thread = all.messages
        .filter((m) => m.requestId === r.id)
        .map((m) => {
          mentioned.push(m.authorId);
          return { id: m.id, authorId: m.authorId, body: m.body, postedAt: isoInstant(m.postedAt) };
        });
      out.earlierWordings = all.edits
        .filter((e) => e.requestId === r.id)
        .map((e) => ({ message: e.previousMessage, replacedAt: isoInstant(e.editedAt) }));
    }
    return out;
  };
  const proposal = (p: MatchingRecords['proposals'][number]) => ({
    id: p.id,
    menteeId: p.menteeId,
    mentorId: p.mentorId,
    proposedBy: p.coachId,
    programme: { id: p.programmeId, name: p.programmeName },
    cohortId: p.cohortId,
    note: p.note,
    status: p.status,
    declineReason: p.declineReason,
    proposedAt: isoInstant(p.proposedAt),
    respondedAt: isoInstant(p.respondedAt),
  });
  const load = all.loads.find((l) => l.userId === userId);
  const section: Record<string, unknown> = {
    questionsAsked: asMentee(all.questions).map(question),
    questionsReceived: asMentor(all.questions).map(question),
    requestsSent: asMentee(all.requests).map(request),
    requestsReceived: asMentor(all.requests).map(request),
    proposalsAsMentee: asMentee(all.proposals).map(proposal),
    proposalsAsMentor: asMentor(all.proposals).map(proposal),
    mentorLoad: load
      ? {
          activeMentees: Number(load.activeMentees),
          capacity: Number(load.capacity),
          confirmedMatchesNotStarted: Number(load.pendingMatches),
        }
      : null,
    withheld: own ? [] : ['requestThreads', 'requestEarlierWordings'],
  };
  for (const rows of [all.questions, all.requests, all.proposals] as Array<
    Array<{ menteeId: string; mentorId: string }>
  >) {
    for (const r of rows) if (r.menteeId === userId || r.mentorId === userId) mentioned.push(r.menteeId, r.mentorId);
  }
  for (const p of all.proposals) if (p.menteeId === userId || p.mentorId === userId) mentioned.push(p.coachId);
  return { section, people: otherPeople(userId, mentioned) };
}
