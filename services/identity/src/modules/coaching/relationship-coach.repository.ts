import type { Database, Tx } from '@tandem/subgraph-kit';

/** A relationship as identity knows it (identity.relationship_fact, from relationships' events). */
export interface RelationshipFactRow {
  relationshipId: string;
  menteeId: string;
  mentorId: string;
  status: 'ACTIVE' | 'COMPLETED' | 'WITHDRAWN';
  organizationId: string | null;
  coachId: string | null;
}

/** The coaches of relationships: their organisation's coaches, the proposing coach first (identity.relationship_fact, "user"). */
export class RelationshipCoachRepository {
  constructor(private readonly db: Database) {}

  facts(ids: readonly string[]): Promise<RelationshipFactRow[]> {
    return this.db.query<RelationshipFactRow>(
      `SELECT relationship_id AS "relationshipId", mentee_id AS "menteeId", mentor_id AS "mentorId", status,
              organization_id AS "organizationId", coach_id AS "coachId"
       FROM relationship_fact WHERE relationship_id = ANY($1::uuid[])`,
      [[...ids]],
    );
  }

  /** The COACH accounts of an organisation, `first` (the proposing coach) ahead, then by name. */
  async coachesOf(organizationId: string, first: string | null, tx?: Tx): Promise<string[]> {
    const rows = await (tx ?? this.db).query<{ id: string }>(
      `SELECT id FROM "user" WHERE organization_id = $1 AND 'COACH' = ANY(roles)
       ORDER BY (id = $2::uuid) IS TRUE DESC, lower(display_name), id`,
      [organizationId, first],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Who answers an organisation's credential requests: its PROGRAMME_ADMINs, or the ADMINs when it has none (not
   * suspended).
   */
  async issuersOf(organizationId: string, tx?: Tx): Promise<string[]> {
    const rows = await (tx ?? this.db).query<{ id: string }>(
      `WITH own AS (
         SELECT id FROM "user" WHERE organization_id = $1 AND 'PROGRAMME_ADMIN' = ANY(roles) AND suspended_at IS NULL)
       SELECT id FROM own
       UNION ALL
       SELECT id FROM "user" WHERE 'ADMIN' = ANY(roles) AND suspended_at IS NULL AND NOT EXISTS (SELECT 1 FROM own)
       ORDER BY id`,
      [organizationId],
    );
    return rows.map((r) => r.id);
  }
}
