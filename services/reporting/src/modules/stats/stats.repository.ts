import type { Database } from '@tandem/subgraph-kit';
import { NIL_UUID } from './stats-rollup.repository';

export type StatsGrouping = 'PROGRAMME' | 'ORGANIZATION' | 'COHORT' | 'INDUSTRY' | 'MONTH' | null;

export interface StatsFilterValues {
  programmeId?: string | null;
  organizationId?: string | null;
  cohortId?: string | null;
  industryCode?: string | null;
}

/** Sums of one group: in-period counters, plus the to-date figures (active relationships, matches ever made). */
export interface RollupSums {
  key: string;
  registrations: number;
  mentorsEnrolled: number;
  menteesEnrolled: number;
  menteesMatched: number;
  mentorApprovals: number;
  requestsSent: number;
  requestsAccepted: number;
  requestsDeclined: number;
  requestsExpired: number;
  matches: number;
  relationshipsStarted: number;
  relationshipsCompleted: number;
  relationshipsWithdrawn: number;
  relationshipsContinued: number;
  relationshipsMetTerms: number;
  meetingsConfirmed: number;
  hoursConfirmed: number;
  goalsAchieved: number;
  activeDelta: number;
  matchesToDate: number;
}

const IN_PERIOD = [
  'registrations',
  'mentors_enrolled',
  'mentees_enrolled',
  'mentees_matched',
  'mentor_approvals',
  'requests_sent',
  'requests_accepted',
  'requests_declined',
  'requests_expired',
  'matches',
  'relationships_started',
  'relationships_completed',
  'relationships_withdrawn',
  'relationships_continued',
  'relationships_met_terms',
  'meetings_confirmed',
  'goals_achieved',
];

/** `relationships_met_terms` → `relationshipsMetTerms`: the row's property for a rollup column. */
const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function groupExpr(groupBy: StatsGrouping, table: 'rollup' | 'match'): string {
  const day = table === 'rollup' ? 'day' : 'confirmed_on';
  switch (groupBy) {
    case 'PROGRAMME':
      return `programme_id::text`;
    case 'ORGANIZATION':
      return table === 'rollup' ? `organization_id::text` : `coalesce(organization_id, '${NIL_UUID}')::text`;
    case 'COHORT':
      return table === 'rollup' ? `cohort_id::text` : `coalesce(cohort_id, '${NIL_UUID}')::text`;
    case 'INDUSTRY':
      return table === 'rollup' ? `industry_code` : `coalesce(industry_code, '')`;
    case 'MONTH':
      return `to_char(${day}, 'YYYY-MM')`;
    default:
      return `'ALL'`;
  }
}

function filterSql(filter: StatsFilterValues, params: unknown[]): string {
  const parts: string[] = [];
  const add = (column: string, value: unknown) => {
    params.push(value);
    parts.push(`${column} = $${params.length}`);
  };
  if (filter.programmeId) add('programme_id', filter.programmeId);
  if (filter.organizationId) add('organization_id', filter.organizationId);
  if (filter.cohortId) add('cohort_id', filter.cohortId);
  if (filter.industryCode) add('industry_code', filter.industryCode);
  return parts.map((p) => ` AND ${p}`).join('');
}

/** Reads the analytics rollups (never the people): a few index range scans per question. */
export class StatsRepository {
  constructor(private readonly db: Database) {}

  /** Per group; for MONTH, one row per month up to `to` (the caller accumulates the to-date figures). */
  async rollups(filter: StatsFilterValues, groupBy: StatsGrouping, from: string, to: string): Promise<RollupSums[]> {
    const params: unknown[] = [from, to];
    const where = filterSql(filter, params);
    // a question about programmes only (no organisation, cohort or industry in it) reads the programme-level rollup
    const coarse =
      !filter.organizationId &&
      !filter.cohortId &&
      !filter.industryCode &&
      (groupBy === 'MONTH' || groupBy === 'PROGRAMME' || groupBy === null);
    return this.db.query<RollupSums>(
      `SELECT ${groupExpr(groupBy, 'rollup')} AS key,
         ${IN_PERIOD.map((c) => `coalesce(sum(${c}) FILTER (WHERE day >= $1), 0)::int AS "${camelCase(c)}"`).join(',\n         ')},
         coalesce(sum(hours_confirmed) FILTER (WHERE day >= $1), 0)::float8 AS "hoursConfirmed",
         coalesce(sum(relationships_started - relationships_completed - relationships_withdrawn + relationships_continued), 0)::int AS "activeDelta",
         coalesce(sum(matches), 0)::int AS "matchesToDate"
       FROM ${coarse ? 'stats_programme_daily' : 'stats_daily'} WHERE day <= $2${where} GROUP BY 1 ORDER BY 1`,
      params,
    );
  }

  async timeToMatch(
    filter: StatsFilterValues,
    groupBy: StatsGrouping,
    from: string,
    to: string,
  ): Promise<Map<string, { median: number | null; p90: number | null }>> {
    const params: unknown[] = [from, to];
    const where = filterSql(filter, params);
    const rows = await this.db.query<{ key: string; median: number | null; p90: number | null }>(
      `SELECT ${groupExpr(groupBy, 'match')} AS key,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_match)::float8 AS median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY days_to_match)::float8 AS p90
       FROM match WHERE confirmed_on BETWEEN $1 AND $2 AND days_to_match IS NOT NULL${where} GROUP BY 1`,
      params,
    );
    return new Map(rows.map((r) => [r.key, { median: r.median, p90: r.p90 }]));
  }

  async feedback(
    filter: StatsFilterValues,
    groupBy: StatsGrouping,
    from: string,
    to: string,
  ): Promise<Array<{ key: string; question: string; total: number; responses: number }>> {
    const params: unknown[] = [from, to];
    const where = filterSql(filter, params);
    return this.db.query(
      `SELECT ${groupExpr(groupBy, 'rollup')} AS key, question, sum(rating_sum)::float8 AS total, sum(responses)::int AS responses
       FROM stats_feedback_daily WHERE day BETWEEN $1 AND $2${where} GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
  }

  /** Readable names for group keys (programme, organisation and cohort names, industry labels). */
  async labels(groupBy: StatsGrouping, keys: string[]): Promise<Map<string, string>> {
    const ids = keys.filter((k) => /^[0-9a-f-]{36}$/.test(k) && k !== NIL_UUID);
    let rows: Array<{ key: string; label: string }> = [];
    if (groupBy === 'PROGRAMME' && ids.length)
      rows = await this.db.query(`SELECT id::text AS key, name AS label FROM programme WHERE id = ANY($1::uuid[])`, [
        ids,
      ]);
    if (groupBy === 'ORGANIZATION' && ids.length)
      rows = await this.db.query(`SELECT id::text AS key, name AS label FROM organization WHERE id = ANY($1::uuid[])`, [
        ids,
      ]);
    if (groupBy === 'COHORT' && ids.length)
      rows = await this.db.query(`SELECT id::text AS key, name AS label FROM cohort WHERE id = ANY($1::uuid[])`, [ids]);
    if (groupBy === 'INDUSTRY' && keys.length)
      rows = await this.db.query(`SELECT code AS key, label FROM industry WHERE code = ANY($1::text[])`, [keys]);
    return new Map(rows.map((r) => [r.key, r.label]));
  }
}
