import type { Database } from '@tandem/subgraph-kit';
import type { SelectionRow } from '../audits/audit.repository';
import type { LedgerEntryRow } from '../cpd/ledger.repository';

/** One ledger entry as the export lists it (its hash, not the previous one's). */
export type ExportEntryRow = Omit<LedgerEntryRow, 'prevHash'>;

/** An audit selection of an exported person, with its cycle's period, strategy and opening time. */
export interface ExportSelectionRow extends SelectionRow {
  periodFrom: string;
  periodTo: string;
  strategy: string;
  openedAt: Date;
}

/** A meeting under verification (the counterpart's note is not read). */
export interface ExportCheckRow {
  selectionId: string;
  meetingId: string;
  verifierId: string;
  relationshipId: string | null;
  occurredOn: string;
  hours: number;
  topics: string[];
  answer: string | null;
  answeredAt: Date | null;
}

/** What an exported person was asked to verify as a counterpart, with their answer and note. */
export interface ExportVerificationRow extends ExportCheckRow {
  note: string | null;
  subjectId: string;
  dueOn: string;
  closed: boolean;
}

/** A credential issued to an exported person, with its signed document. */
export interface ExportCredentialRow {
  id: string;
  userId: string;
  organizationId: string;
  relationshipId: string;
  programmeId: string;
  role: string;
  personName: string;
  programmeName: string;
  organizationName: string;
  periodFrom: string;
  periodTo: string;
  hours: number;
  meetings: number;
  issuedAt: Date;
  revokedAt: Date | null;
  revokeReason: string | null;
  jwt: string;
}

/** A supporting document an exported person uploaded for an audit of them (the file itself is downloaded apart). */
export interface ExportDocumentRow {
  id: string;
  selectionId: string;
  userId: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

/** Everything reporting records about a set of people: their CPD ledgers and the audits involving them. */
export interface ReportingRecords {
  entries: ExportEntryRow[];
  /** Audit selections of the people exported, with their audit's period. */
  selections: ExportSelectionRow[];
  /** The meetings under verification in those selections (the counterparts' notes are not read). */
  checks: ExportCheckRow[];
  /** What the people exported were asked to verify as counterparts, with their answers and notes. */
  verifications: ExportVerificationRow[];
  /** The credentials issued to them (not those erased). */
  credentials: ExportCredentialRow[];
  /** The documents they uploaded for audits of them. */
  documents: ExportDocumentRow[];
  /** Their requests for credentials, and the answers. */
  credentialRequests: Array<{
    id: string;
    userId: string;
    relationshipId: string;
    role: string;
    hours: number;
    note: string | null;
    requestedAt: Date;
    resolution: string | null;
    resolvedAt: Date | null;
    declineReason: string | null;
  }>;
  /** Their answers to audits of them, by selection. */
  answers: Array<{ selectionId: string; memberAnswer: string | null; answeredAt: Date | null }>;
}

const CHECK = `v.selection_id AS "selectionId", v.meeting_id AS "meetingId", v.verifier_id AS "verifierId", v.relationship_id AS "relationshipId",
  v.occurred_on::text AS "occurredOn", v.hours::float8 AS hours, v.topics, v.answer, v.answered_at AS "answeredAt"`;

/**
 * Reads the CPD ledger entries and audit records of people for their personal data export. Its read models
 * of other subgraphs' events (people, relationships, meetings, feedback ratings) are not read: the owning
 * subgraphs' sections have the originals.
 */
export class PersonalDataRepository {
  constructor(private readonly db: Database) {}

  /** Eight statements whatever the number of people. */
  async collect(userIds: readonly string[]): Promise<ReportingRecords> {
    const ids = [[...userIds]];
    const [entries, selections, checks, verifications, credentials, documents, answers, credentialRequests] =
      await Promise.all([
        this.db.query<ExportEntryRow>(
          `SELECT id, user_id AS "userId", seq, kind, occurred_on::text AS "occurredOn", hours::float8 AS hours, role, relationship_id AS "relationshipId",
           programme_id AS "programmeId", counterpart_id AS "counterpartId", cpd_category AS "cpdCategory", meeting_id AS "meetingId", revision,
           reverses_entry_id AS "reversesEntryId", start_time AS "startTime", duration_minutes AS "durationMinutes", topics, homework,
           confirmed_by_mentor_at AS "confirmedByMentorAt", confirmed_by_mentee_at AS "confirmedByMenteeAt", recorded_at AS "recordedAt", hash
         FROM cpd_entry WHERE user_id = ANY($1::uuid[]) ORDER BY user_id, seq NULLS LAST, recorded_at, id`,
          ids,
        ),
        this.db.query<ExportSelectionRow>(
          `SELECT s.id, s.audit_id AS "auditId", s.user_id AS "userId", s.programme_id AS "programmeId", s.risk_score::float8 AS "riskScore",
           s.claimed_hours::float8 AS "claimedHours", s.due_on::text AS "dueOn", s.outcome, s.verified_hours::float8 AS "verifiedHours",
           s.reviewer_id AS "reviewerId", s.reviewer_notes AS "reviewerNotes", s.decided_at AS "decidedAt",
           a.period_from::text AS "periodFrom", a.period_to::text AS "periodTo", a.strategy, a.opened_at AS "openedAt"
         FROM audit_selection s JOIN audit a ON a.id = s.audit_id WHERE s.user_id = ANY($1::uuid[]) ORDER BY a.opened_at, s.id`,
          ids,
        ),
        this.db.query<ExportCheckRow>(
          `SELECT ${CHECK}
         FROM audit_verification v JOIN audit_selection s ON s.id = v.selection_id WHERE s.user_id = ANY($1::uuid[]) ORDER BY v.occurred_on, v.meeting_id`,
          ids,
        ),
        this.db.query<ExportVerificationRow>(
          `SELECT ${CHECK}, v.note, s.user_id AS "subjectId", s.due_on::text AS "dueOn", s.outcome IS NOT NULL AS closed
         FROM audit_verification v JOIN audit_selection s ON s.id = v.selection_id WHERE v.verifier_id = ANY($1::uuid[]) ORDER BY v.occurred_on, v.meeting_id`,
          ids,
        ),
        this.db.query<ExportCredentialRow>(
          `SELECT id, user_id AS "userId", organization_id AS "organizationId", relationship_id AS "relationshipId",
           programme_id AS "programmeId", role, person_name AS "personName", programme_name AS "programmeName",
           organization_name AS "organizationName", period_from::text AS "periodFrom", period_to::text AS "periodTo",
           hours::float8 AS hours, meetings, issued_at AS "issuedAt", revoked_at AS "revokedAt",
           revoke_reason AS "revokeReason", jwt
         FROM credential WHERE user_id = ANY($1::uuid[]) AND erased_at IS NULL ORDER BY issued_at, id`,
          ids,
        ),
        this.db.query<ExportDocumentRow>(
          `SELECT id, selection_id AS "selectionId", user_id AS "userId", filename, media_type AS "mediaType",
           size_bytes AS "sizeBytes", sha256, uploaded_at AS "uploadedAt"
         FROM audit_document WHERE user_id = ANY($1::uuid[]) ORDER BY uploaded_at, id`,
          ids,
        ),
        this.db.query<{ selectionId: string; memberAnswer: string | null; answeredAt: Date | null }>(
          `SELECT id AS "selectionId", member_answer AS "memberAnswer", answered_at AS "answeredAt"
         FROM audit_selection WHERE user_id = ANY($1::uuid[]) AND answered_at IS NOT NULL`,
          ids,
        ),
        this.db.query<ReportingRecords['credentialRequests'][number]>(
          `SELECT id, user_id AS "userId", relationship_id AS "relationshipId", role, hours::float8 AS hours, note,
           requested_at AS "requestedAt", resolution, resolved_at AS "resolvedAt", decline_reason AS "declineReason"
         FROM credential_request WHERE user_id = ANY($1::uuid[]) ORDER BY requested_at, id`,
          ids,
        ),
      ]);
    return { entries, selections, checks, verifications, credentials, documents, answers, credentialRequests };
  }
}
