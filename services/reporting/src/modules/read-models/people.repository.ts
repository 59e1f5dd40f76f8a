import type { Database, Tx } from '@tandem/subgraph-kit';
import type { EventPayloads } from '@tandem/contracts';

type P<N extends keyof EventPayloads> = EventPayloads[N];

/** Where a person counts in the analytics when an event does not say. */
export interface PersonFactsRow {
  organizationId: string | null;
  industryCode: string | null;
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

  async erase(tx: Tx, e: P<'UserErased'>): Promise<void> {
    await tx.execute(
      `INSERT INTO person (user_id, display_name, erased_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name, email = NULL, phone = NULL, erased_at = EXCLUDED.erased_at`,
      [e.userId, e.pseudonym, e.erasedAt],
    );
  }

  async setIndustry(
    tx: Tx,
    userId: string,
    industry: { code: string; label: string } | null,
    mentorStatus: string | null,
    organizationId: string | null,
  ): Promise<void> {
    if (industry)
      await tx.execute(
        `INSERT INTO industry (code, label) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label`,
        [industry.code, industry.label],
      );
    await tx.execute(
      `INSERT INTO person (user_id, industry_code, mentor_status, organization_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET industry_code = EXCLUDED.industry_code, mentor_status = coalesce(EXCLUDED.mentor_status, person.mentor_status),
         organization_id = coalesce(person.organization_id, EXCLUDED.organization_id)`,
      [userId, industry?.code ?? null, mentorStatus, organizationId],
    );
  }

  /** Records a review; true when this is the mentor's first approval (counted once). */
  async recordReview(tx: Tx, e: P<'MentorApplicationReviewed'>): Promise<boolean> {
    const before = await tx.one<{ decision: string }>(
      `SELECT decision FROM mentor_review WHERE user_id = $1 FOR UPDATE`,
      [e.userId],
    );
    await tx.execute(
      `INSERT INTO mentor_review (user_id, decision, reviewed_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET decision = EXCLUDED.decision, reviewed_at = EXCLUDED.reviewed_at WHERE mentor_review.reviewed_at <= EXCLUDED.reviewed_at`,
      [e.userId, e.decision, e.reviewedAt],
    );
    return e.decision === 'APPROVED' && before?.decision !== 'APPROVED';
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
