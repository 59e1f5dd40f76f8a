import {
  isoInstant,
  otherPeople,
  type SubgraphContext,
  PersonalDataSection,
  type PersonalDataSectionContent,
} from '@tandem/subgraph-kit';
import type { PersonalDataRepository, ReportingRecords } from './personal-data.repository';
import { toPersonalDataExport, type PersonalDataExport } from './personal-data.type';
import type { SecurityAuditService } from '../security-audit/security-audit.service';

/** Reporting's section of one person's export, and the other people it mentions. */
export type ReportingSection = PersonalDataSectionContent;

/**
 * Reporting's section of the personal data export: the CPD ledger with its totals, the audits involving the person
 * (as the one selected, with their answer and the documents they uploaded, and as a counterpart asked to verify),
 * and the credentials issued to them with the signed documents. The person or an ADMIN only
 * (checked first, for `_entities` too).
 */
export class PersonalDataService extends PersonalDataSection<ReportingRecords> {
  constructor(
    repo: PersonalDataRepository,
    private readonly audit: SecurityAuditService,
  ) {
    super({
      key: 'reporting',
      collect: (ids) => repo.collect(ids),
      assemble: (userId, all) => assembleReporting(userId, all),
    });
  }

  /** The section; an export made by an ADMIN enters the staff audit log (once per request and person). */
  override async section(ctx: SubgraphContext, userId: string): Promise<Record<string, unknown>> {
    const section = await super.section(ctx, userId);
    const principal = ctx.principal!;
    await ctx.loaders
      .get<string, boolean>('audit:personal-data-export', (ids) =>
        Promise.all(
          ids.map((subjectId) =>
            this.audit.recordExport(principal, {
              kind: 'PERSONAL_DATA_EXPORTED',
              subjectId,
              details: { section: 'reporting' },
            }),
          ),
        ),
      )
      .load(userId);
    return section;
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
  const entries = all.entries.filter((e) => e.userId === userId);
  const byCategory = new Map<string, number>();
  for (const e of entries)
    byCategory.set(
      e.cpdCategory ?? 'Uncategorised',
      (byCategory.get(e.cpdCategory ?? 'Uncategorised') ?? 0) + Number(e.hours),
    );
  const selections = all.selections.filter((s) => s.userId === userId);
  const answers = new Map(all.answers.map((a) => [a.selectionId, a]));
  const section = {
    cpdLedger: {
      // net of reversals (an amended meeting's entry is reversed, then entered again)
      totalHours: round2(entries.reduce((sum, e) => sum + Number(e.hours), 0)),
      hoursByCategory: [...byCategory].map(([category, hours]) => ({ category, hours: round2(hours) })),
      entries: entries.map((e) => {
        mentioned.push(e.counterpartId);
        return {
          id: e.id,
          seq: e.seq,
          kind: e.kind,
          occurredOn: e.occurredOn,
          startTime: e.startTime,
          durationMinutes: e.durationMinutes,
          hours: Number(e.hours),
          role: e.role,
          counterpartId: e.counterpartId,
          relationshipId: e.relationshipId,
          programmeId: e.programmeId,
          cpdCategory: e.cpdCategory,
          meetingId: e.meetingId,
          revision: e.revision,
          reversesEntryId: e.reversesEntryId,
          topics: e.topics,
          homework: e.homework,
          confirmedByMentorAt: isoInstant(e.confirmedByMentorAt),
          confirmedByMenteeAt: isoInstant(e.confirmedByMenteeAt),
          recordedAt: isoInstant(e.recordedAt),
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
      mentioned.push(s.reviewerId);
      return {
        selectionId: s.id,
        auditId: s.auditId,
        period: { from: s.periodFrom, to: s.periodTo },
        strategy: s.strategy,
        selectedAt: isoInstant(s.openedAt),
        programmeId: s.programmeId,
        riskScore: s.riskScore,
        claimedHours: s.claimedHours,
        dueOn: s.dueOn,
        outcome: s.outcome,
        verifiedHours: s.verifiedHours,
        reviewerId: s.reviewerId,
        reviewerNotes: s.reviewerNotes,
        decidedAt: isoInstant(s.decidedAt),
        myAnswer: answers.get(s.id)?.memberAnswer ?? null,
        answeredAt: isoInstant(answers.get(s.id)?.answeredAt ?? null),
        // the files themselves: GET /files/audit-documents/<id> while signed in (this export lists them)
        myDocuments: all.documents
          .filter((d) => d.selectionId === s.id)
          .map((d) => ({
            id: d.id,
            filename: d.filename,
            mediaType: d.mediaType,
            sizeBytes: d.sizeBytes,
            sha256: d.sha256,
            uploadedAt: isoInstant(d.uploadedAt),
          })),
        // the counterparts' notes stay theirs (as in myAuditSelections)
        meetings: all.checks
          .filter((c) => c.selectionId === s.id)
          .map((c) => {
            mentioned.push(c.verifierId);
            return {
              meetingId: c.meetingId,
              occurredOn: c.occurredOn,
              hours: c.hours,
              topics: c.topics,
              verifierId: c.verifierId,
              answer: c.answer,
              answeredAt: isoInstant(c.answeredAt),
            };
          }),
      };
    }),
    verificationsAskedOfMe: all.verifications
      .filter((v) => v.verifierId === userId)
      .map((v) => {
        mentioned.push(v.subjectId);
        return {
          selectionId: v.selectionId,
          subjectId: v.subjectId,
          meetingId: v.meetingId,
          occurredOn: v.occurredOn,
          hours: v.hours,
          topics: v.topics,
          dueOn: v.dueOn,
          closed: v.closed,
          answer: v.answer,
          note: v.note,
          answeredAt: isoInstant(v.answeredAt),
        };
      }),
    credentials: all.credentials
      .filter((c) => c.userId === userId)
      .map((c) => ({
        id: c.id,
        kind: 'OPEN_BADGES_3',
        organizationId: c.organizationId,
        organizationName: c.organizationName,
        programmeId: c.programmeId,
        programmeName: c.programmeName,
        relationshipId: c.relationshipId,
        role: c.role,
        nameStated: c.personName,
        period: { from: c.periodFrom, to: c.periodTo },
        hours: c.hours,
        meetings: c.meetings,
        issuedAt: isoInstant(c.issuedAt),
        revokedAt: isoInstant(c.revokedAt),
        revokeReason: c.revokeReason,
        // the signed credential as issued (application/vc+jwt): it verifies as it did when downloaded
        signedCredential: c.jwt,
      })),
    credentialRequests: all.credentialRequests
      .filter((r) => r.userId === userId)
      .map((r) => ({
        id: r.id,
        relationshipId: r.relationshipId,
        role: r.role,
        hours: r.hours,
        note: r.note,
        requestedAt: isoInstant(r.requestedAt),
        resolution: r.resolution,
        resolvedAt: isoInstant(r.resolvedAt),
        declineReason: r.declineReason,
      })),
    withheld: [],
  };
  return { section, people: otherPeople(userId, mentioned) };
}
