import {
  isoInstant,
  otherPeople,
  type SubgraphContext,
  PersonalDataSection,
  type PersonalDataSectionContent,
} from '@tandem/subgraph-kit';
import type { PersonalDataRepository, ReportingRecords } from './personal-data.repository';
import { toPersonalDataExport, type PersonalDataExport } from './personal-data.type';

/** Reporting's section of one person's export, and the other people it mentions. */
export type ReportingSection = PersonalDataSectionContent;

/**
 * Reporting's section of the personal data export: the CPD ledger with its totals, and the audits involving
 * the person (as the one selected, and as a counterpart asked to verify). The person or an ADMIN only
 * (checked first, for `_entities` too).
 */
export class PersonalDataService extends PersonalDataSection<ReportingRecords> {
  constructor(repo: PersonalDataRepository) {
    super({
      key: 'reporting',
      collect: (ids) => repo.collect(ids),
      assemble: (userId, all) => assembleReporting(userId, all),
    });
  }

  /** `_entities`: what the caller may not export resolves to null. */
  reference(ctx: SubgraphContext, userId: string): PersonalDataExport | null {
    return this.mayExport(ctx, userId) ? toPersonalDataExport(userId) : null;
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** One person's reporting section from a batch: plain JSON, ISO dates, other people by id only. */
export function assembleReporting(userId: string, all: ReportingRecords): ReportingSection {
  const mentioned: Array<string | null> = [];
  const entries = all.entries.filter((e) => e.user_id === userId);
  const byCategory = new Map<string, number>();
  for (const e of entries)
    byCategory.set(
      e.cpd_category ?? 'Uncategorised',
      (byCategory.get(e.cpd_category ?? 'Uncategorised') ?? 0) + Number(e.hours),
    );
  const selections = all.selections.filter((s) => s.user_id === userId);
  const section = {
    cpdLedger: {
      // net of reversals (an amended meeting's entry is reversed, then entered again)
      totalHours: round2(entries.reduce((sum, e) => sum + Number(e.hours), 0)),
      hoursByCategory: [...byCategory].map(([category, hours]) => ({ category, hours: round2(hours) })),
      entries: entries.map((e) => {
        mentioned.push(e.counterpart_id);
        return {
          id: e.id,
          seq: e.seq,
          kind: e.kind,
          occurredOn: e.occurred_on,
          startTime: e.start_time,
          durationMinutes: e.duration_minutes,
          hours: Number(e.hours),
          role: e.role,
          counterpartId: e.counterpart_id,
          relationshipId: e.relationship_id,
          programmeId: e.programme_id,
          cpdCategory: e.cpd_category,
          meetingId: e.meeting_id,
          revision: e.revision,
          reversesEntryId: e.reverses_entry_id,
          topics: e.topics,
          homework: e.homework,
          confirmedByMentorAt: isoInstant(e.confirmed_by_mentor_at),
          confirmedByMenteeAt: isoInstant(e.confirmed_by_mentee_at),
          recordedAt: isoInstant(e.recorded_at),
          hash: e.hash,
        };
      }),
    },
    statementsAndLetters: {
      stored: false,
      explanation:
        'CPD statements, tracking sheets and confirmation letters are generated on request from the ledger entries above; reporting keeps no copy of them.',
    },
    auditsOfMe: selections.map((s) => {
      mentioned.push(s.reviewer_id);
      return {
        selectionId: s.id,
        auditId: s.audit_id,
        period: { from: s.period_from, to: s.period_to },
        strategy: s.strategy,
        selectedAt: isoInstant(s.opened_at),
        programmeId: s.programme_id,
        riskScore: s.risk_score,
        claimedHours: s.claimed_hours,
        dueOn: s.due_on,
        outcome: s.outcome,
        verifiedHours: s.verified_hours,
        reviewerId: s.reviewer_id,
        reviewerNotes: s.reviewer_notes,
        decidedAt: isoInstant(s.decided_at),
        // the counterparts' notes stay theirs (as in myAuditSelections)
        meetings: all.checks
          .filter((c) => c.selection_id === s.id)
          .map((c) => {
            mentioned.push(c.verifier_id);
            return {
              meetingId: c.meeting_id,
              occurredOn: c.occurred_on,
              hours: c.hours,
              topics: c.topics,
              verifierId: c.verifier_id,
              answer: c.answer,
              answeredAt: isoInstant(c.answered_at),
            };
          }),
      };
    }),
    verificationsAskedOfMe: all.verifications
      .filter((v) => v.verifier_id === userId)
      .map((v) => {
        mentioned.push(v.subject_id);
        return {
          selectionId: v.selection_id,
          subjectId: v.subject_id,
          meetingId: v.meeting_id,
          occurredOn: v.occurred_on,
          hours: v.hours,
          topics: v.topics,
          dueOn: v.due_on,
          closed: v.closed,
          answer: v.answer,
          note: v.note,
          answeredAt: isoInstant(v.answered_at),
        };
      }),
    withheld: [],
  };
  return { section, people: otherPeople(userId, mentioned) };
}
