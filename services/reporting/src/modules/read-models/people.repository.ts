import type { Database, Tx } from '@tandem/subgraph-kit';
import type { EventPayloads } from '@tandem/contracts';

type P<N extends keyof EventPayloads> = EventPayloads[N];

/** Where a person counts in the analytics when an event does not say. */
export interface PersonFactsRow {
  organizationId: string | null;
  industryCode: string | null;
}

/** Where a mentor's approval was counted (rollup keys: the nil uuid and '' for "none"). */
export interface ApprovalCountRow {
  programmeId: string;
  day: string;
  organizationId: string;
  cohortId: string;
  industryCode: string;
}

/**
 * Reporting's copies of identity's people, industries, mentor reviews and organisations: written only by the
 * event consumers (upserts that tolerate any order of arrival), read by exports.
 */
export class PeopleRepository {
  constructor(private readonly db: Database) {}

  async upsertRegistered(tx: Tx, e: P<'UserRegistered'>): Promise<void> {
    await tx.execute(
      `INSERT INTO person (user_id, display_name, roles, organization_id, registered_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET roles = EXCLUDED.roles, organization_id = coalesce(person.organization_id, EXCLUDED.organization_id),
         registered_at = EXCLUDED.registered_at, display_name = CASE WHEN person.erased_at IS NULL THEN coalesce(person.display_name, EXCLUDED.display_name) ELSE person.display_name END`,
      [e.userId, e.displayName, e.roles, e.organizationId, e.registeredAt],
    );
  }

  async upsertContact(tx: Tx, e: P<'UserContactChanged'>): Promise<void> {
    // an erased person stays erased; an older change never overwrites a newer one
    await tx.execute(
      `INSERT INTO person (user_id, display_name, email, phone, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email, phone = EXCLUDED.phone, changed_at = EXCLUDED.changed_at
       WHERE person.erased_at IS NULL AND (person.changed_at IS NULL OR person.changed_at <= EXCLUDED.changed_at)`,
      [e.userId, e.displayName, e.email, e.phone, e.changedAt],
    );
  }

  /** The language a person saved, unless a newer choice is kept already. */
  async setLanguage(tx: Tx, e: P<'UserLanguageChanged'>): Promise<void> {
    await tx.execute(
      `INSERT INTO person (user_id, language, language_changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, language_changed_at = EXCLUDED.language_changed_at
       WHERE person.language_changed_at IS NULL OR person.language_changed_at <= EXCLUDED.language_changed_at`,
      [e.userId, e.language, e.changedAt],
    );
  }

  /** The language the person saved on their account, or null when they never chose one. */
  async languageOf(userId: string): Promise<string | null> {
    const row = await this.db.one<{ language: string | null }>(
      `SELECT language AS "language" FROM person WHERE user_id = $1`,
      [userId],
    );
    return row?.language ?? null;
  }

  async erase(tx: Tx, e: P<'UserErased'>): Promise<void> {
    await tx.execute(
      `INSERT INTO person (user_id, display_name, erased_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name, email = NULL, phone = NULL, erased_at = EXCLUDED.erased_at`,
      [e.userId, e.pseudonym, e.erasedAt],
    );
  }

  /**
   * A profile snapshot's industry (and a mentor's status): applied when newer than the one kept, so an older
   * snapshot arriving late changes nothing. Mentor and mentee facets each keep their time for the status.
   */
  async setIndustry(
    tx: Tx,
    userId: string,
    industry: { code: string; label: string } | null,
    mentorStatus: string | null,
    organizationId: string | null,
    changedAt: string,
  ): Promise<void> {
    if (industry)
      await tx.execute(
        `INSERT INTO industry (code, label) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label`,
        [industry.code, industry.label],
      );
    await tx.execute(
      `INSERT INTO person (user_id, industry_code, mentor_status, organization_id, industry_changed_at, mentor_changed_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $3::text IS NULL THEN NULL ELSE $5::timestamptz END)
       ON CONFLICT (user_id) DO UPDATE SET
         industry_code = CASE WHEN person.industry_changed_at IS NULL OR person.industry_changed_at <= $5 THEN EXCLUDED.industry_code ELSE person.industry_code END,
         industry_changed_at = greatest(person.industry_changed_at, $5),
         mentor_status = CASE WHEN $3::text IS NOT NULL AND (person.mentor_changed_at IS NULL OR person.mentor_changed_at <= $5) THEN $3 ELSE person.mentor_status END,
         mentor_changed_at = CASE WHEN $3::text IS NULL THEN person.mentor_changed_at ELSE greatest(person.mentor_changed_at, $5) END,
         organization_id = coalesce(person.organization_id, EXCLUDED.organization_id)`,
      [userId, industry?.code ?? null, mentorStatus, organizationId, changedAt],
    );
  }

  /** Records a review (the latest decision kept, and the first approval's time, whatever the order). */
  async recordReview(tx: Tx, e: P<'MentorApplicationReviewed'>): Promise<void> {
    const approvedAt = e.decision === 'APPROVED' ? e.reviewedAt : null;
    await tx.execute(
      `INSERT INTO mentor_review (user_id, decision, reviewed_at, first_approved_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET
         decision = CASE WHEN mentor_review.reviewed_at <= EXCLUDED.reviewed_at THEN EXCLUDED.decision ELSE mentor_review.decision END,
         reviewed_at = greatest(mentor_review.reviewed_at, EXCLUDED.reviewed_at),
         first_approved_at = least(mentor_review.first_approved_at, EXCLUDED.first_approved_at)`,
      [e.userId, e.decision, e.reviewedAt, approvedAt],
    );
  }

  /**
   * The mentor's first approval and where it has been counted, under a lock held to the end of the transaction
   * (a review and an enrolment applied at once must each see what the other counted).
   */
  async approvalState(tx: Tx, userId: string): Promise<{ firstApprovedAt: Date | null; counted: ApprovalCountRow[] }> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('approval:' || $1::text, 0))`, [userId]);
    const review = await tx.one<{ firstApprovedAt: Date | null }>(
      `SELECT first_approved_at AS "firstApprovedAt" FROM mentor_review WHERE user_id = $1`,
      [userId],
    );
    const counted = await tx.query<ApprovalCountRow>(
      `SELECT programme_id AS "programmeId", day::text AS day, organization_id AS "organizationId", cohort_id AS "cohortId", industry_code AS "industryCode"
       FROM mentor_approval_count WHERE user_id = $1`,
      [userId],
    );
    return { firstApprovedAt: review?.firstApprovedAt ?? null, counted };
  }

  async setApprovalCounted(tx: Tx, userId: string, row: ApprovalCountRow, counted: boolean): Promise<void> {
    if (counted)
      await tx.execute(
        `INSERT INTO mentor_approval_count (user_id, programme_id, day, organization_id, cohort_id, industry_code) VALUES ($1, $2, $3, $4, $5, $6)`,
        [userId, row.programmeId, row.day, row.organizationId, row.cohortId, row.industryCode],
      );
    else
      await tx.execute(`DELETE FROM mentor_approval_count WHERE user_id = $1 AND programme_id = $2`, [
        userId,
        row.programmeId,
      ]);
  }

  async upsertOrganization(tx: Tx, e: P<'OrganizationChanged'>): Promise<void> {
    await tx.execute(
      `INSERT INTO organization (id, name, city, country, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, city = EXCLUDED.city, country = EXCLUDED.country, changed_at = EXCLUDED.changed_at
       WHERE organization.changed_at <= EXCLUDED.changed_at`,
      [e.organizationId, e.name, e.city, e.country, e.changedAt],
    );
  }

  async facts(tx: Tx, userId: string): Promise<PersonFactsRow> {
    return (
      (await tx.one<PersonFactsRow>(
        `SELECT organization_id AS "organizationId", industry_code AS "industryCode" FROM person WHERE user_id = $1`,
        [userId],
      )) ?? { organizationId: null, industryCode: null }
    );
  }
}
