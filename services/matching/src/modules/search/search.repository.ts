import type { DataSource } from 'typeorm';
import { activeCriteria, family, goalTerms, LOCATION_LEVELS, type Criterion, type SearchCriteria, type Weights } from './score';
import type { MenteeProfileRow, MentorProfileRow, RankedMentorRow } from './search.entity';

export interface RankQuery {
  criteria: SearchCriteria;
  weights: Weights;
  exact: Criterion[];
  /** Mentors never returned to this mentee: themselves, those who declined them lately. */
  excludeIds: string[];
  after: { score: number; id: string } | null;
  limit: number;
}

/** Columns every eligible-mentor query filters on; they match the partial indexes' predicate. */
const ELIGIBLE = `status = 'APPROVED' AND has_capacity AND (paused_until IS NULL OR paused_until <= current_date)`;

/** Ranks eligible mentors in Postgres (the score mirrors score.ts) and reads the mentee read model. */
export class SearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async mentee(userId: string): Promise<MenteeProfileRow | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM mentee_profile WHERE user_id = $1`, [userId]);
    return row ?? null;
  }

  async mentorsByIds(ids: readonly string[]): Promise<MentorProfileRow[]> {
    return this.dataSource.query(`SELECT * FROM mentor_profile WHERE user_id = ANY($1::uuid[])`, [ids]);
  }

  /** The programme whose weights apply: the one asked, else the mentee's latest enrolment. */
  async programmeWeights(programmeId: string | null, menteeId: string): Promise<Record<string, unknown> | null> {
    const [row] = programmeId
      ? await this.dataSource.query(`SELECT matching_weights FROM programme WHERE id = $1`, [programmeId])
      : await this.dataSource.query(
          `SELECT p.matching_weights FROM enrolment e JOIN programme p ON p.id = e.programme_id WHERE e.user_id = $1 AND e.role = 'MENTEE' ORDER BY e.enrolled_at DESC LIMIT 1`,
          [menteeId],
        );
    return row?.matching_weights ?? null;
  }

  /** Mentors who declined this mentee (a request or a proposal) in the last `days` days. */
  async recentlyDeclinedBy(menteeId: string, days = 90): Promise<string[]> {
    const rows: Array<{ mentor_id: string }> = await this.dataSource.query(
      `SELECT mentor_id FROM mentoring_request WHERE mentee_id = $1 AND status = 'DECLINED' AND responded_at > now() - make_interval(days => $2)
       UNION SELECT mentor_id FROM match_proposal WHERE mentee_id = $1 AND status = 'DECLINED' AND responded_at > now() - make_interval(days => $2)`,
      [menteeId, days],
    );
    return rows.map((r) => r.mentor_id);
  }

  /**
   * One page of eligible mentors, best first, keyset on (score, id). When the search uses industry or
   * occupation, it first ranks only the mentors of the same code family (an index scan): any other mentor
   * scores at most the weight of the remaining criteria, so if the page's last row scores above that bound
   * the page is exact; otherwise it ranks every eligible mentor.
   */
  async rank(q: RankQuery): Promise<RankedMentorRow[]> {
    const built = buildRankSql(q);
    if (built.tier && (!q.after || q.after.score > built.tier.bound)) {
      const rows: RankedMentorRow[] = await this.dataSource.query(built.tier.sql, built.tier.params);
      if (rows.length === q.limit + 1 && Number(rows[q.limit - 1].score) > built.tier.bound) return rows.map(numeric);
    }
    return ((await this.dataSource.query(built.sql, built.params)) as RankedMentorRow[]).map(numeric);
  }

  /** The plan of the ranking query (used by tests and the benchmark to check index use). */
  async explain(q: RankQuery, tier = false): Promise<string> {
    const built = buildRankSql(q);
    const [sql, params] = tier && built.tier ? [built.tier.sql, built.tier.params] : [built.sql, built.params];
    const rows: Array<{ 'QUERY PLAN': string }> = await this.dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }
}

const numeric = (r: RankedMentorRow): RankedMentorRow => ({ ...r, score: Number(r.score), goals_sim: r.goals_sim === null ? null : Number(r.goals_sim) });

/** Builds the ranking SQL: a weighted sum of per-criterion similarity expressions (see score.ts). */
export function buildRankSql(q: RankQuery): { sql: string; params: unknown[]; tier: { sql: string; params: unknown[]; bound: number } | null } {
  const full = buildRankVariant(q, false);
  const tier = buildRankVariant(q, true);
  return { sql: full.sql, params: full.params, tier: tier.bound === null ? null : { sql: tier.sql, params: tier.params, bound: tier.bound } };
}

function buildRankVariant(q: RankQuery, familyTier: boolean): { sql: string; params: unknown[]; bound: number | null } {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const c = q.criteria;
  const active = activeCriteria(c).filter((k) => q.weights[k] > 0);
  const total = active.reduce((s, k) => s + q.weights[k], 0);
  let tsqSql: string | null = null;
  const tsq = () => (tsqSql ??= `to_tsquery('english', ${p(goalTerms(c.goals).join(' | '))})`);
  const lower = (v: string | null) => (v ? v.trim().toLowerCase() : null);
  const locBest = Math.max(c.city ? LOCATION_LEVELS.city : 0, c.timeZone ? LOCATION_LEVELS.timeZone : 0, c.country ? LOCATION_LEVELS.country : 0);
  const unrolledShare = (column: string, values: string[]) =>
    `((${values.map((v) => `(${column} @> ARRAY[${p(v)}::text])::int`).join(' + ')})::float8 / ${values.length})`;

  const expr: Record<Criterion, () => string> = {
    INDUSTRY: () => `(CASE WHEN industry_code = ${p(c.industryCode)} THEN 1.0 WHEN industry_family = ${p(family(c.industryCode))} THEN 0.5 ELSE 0.0 END)`,
    OCCUPATION: () => `(CASE WHEN occupation_code = ${p(c.occupationCode)} THEN 1.0 WHEN occupation_family = ${p(family(c.occupationCode))} THEN 0.5 ELSE 0.0 END)`,
    SKILLS: () => unrolledShare('skills', c.skills),
    LANGUAGES: () => `(languages && ${p(c.languages)}::text[])::int`,
    LOCATION: () => {
      const parts: string[] = [];
      if (c.city) parts.push(`CASE WHEN lower(trim(city)) = ${p(lower(c.city))} THEN ${LOCATION_LEVELS.city} ELSE 0 END`);
      if (c.timeZone) parts.push(`CASE WHEN lower(trim(time_zone)) = ${p(lower(c.timeZone))} THEN ${LOCATION_LEVELS.timeZone} ELSE 0 END`);
      if (c.country) parts.push(`CASE WHEN lower(trim(country)) = ${p(lower(c.country))} THEN ${LOCATION_LEVELS.country} ELSE 0 END`);
      return `(GREATEST(${parts.join(', ')})::float8 / ${locBest})`;
    },
    MEETING_PREFERENCE: () => `(meeting_preferences && ${p(c.meetingPreferences)}::text[])::int`,
    LIVED_EXPERIENCE: () => unrolledShare('lived_experience', c.livedExperience),
    GOALS: () => `LEAST(1.0, CASE WHEN search_tsv @@ ${tsq()} THEN ts_rank(search_tsv, ${tsq()}) ELSE 0 END)`,
  };
  const score = total === 0 ? '0::float8' : active.map((k) => `${q.weights[k] / total} * ${expr[k]()}`).join(' + ');
  const goalsSim = active.includes('GOALS') ? expr.GOALS() : 'NULL::float8';

  const where = [ELIGIBLE, `user_id <> ALL(${p(q.excludeIds)}::uuid[])`];
  for (const k of q.exact) {
    if (k === 'INDUSTRY' && c.industryCode) where.push(`industry_code = ${p(c.industryCode)}`);
    if (k === 'OCCUPATION' && c.occupationCode) where.push(`occupation_code = ${p(c.occupationCode)}`);
    if (k === 'SKILLS' && c.skills.length) where.push(`skills @> ${p(c.skills)}::text[]`);
    if (k === 'LANGUAGES' && c.languages.length) where.push(`languages && ${p(c.languages)}::text[]`);
    if (k === 'MEETING_PREFERENCE' && c.meetingPreferences.length) where.push(`meeting_preferences && ${p(c.meetingPreferences)}::text[]`);
    if (k === 'LIVED_EXPERIENCE' && c.livedExperience.length) where.push(`lived_experience @> ${p(c.livedExperience)}::text[]`);
    if (k === 'GOALS' && goalTerms(c.goals).length) where.push(`search_tsv @@ ${tsq()}`);
    if (k === 'LOCATION' && locBest > 0) {
      if (c.city) where.push(`lower(trim(city)) = ${p(lower(c.city))}`);
      else if (c.timeZone) where.push(`lower(trim(time_zone)) = ${p(lower(c.timeZone))}`);
      else where.push(`lower(trim(country)) = ${p(lower(c.country))}`);
    }
  }
  const keyset = q.after ? `WHERE score < ${p(q.after.score)}::float8 OR (score = ${p(q.after.score)}::float8 AND user_id > ${p(q.after.id)}::uuid)` : '';
  const limit = p(q.limit + 1);
  let bound: number | null = null;
  const familyParts: string[] = [];
  if (familyTier) {
    if (active.includes('INDUSTRY')) familyParts.push(`industry_family = ${p(family(c.industryCode))}`);
    if (active.includes('OCCUPATION')) familyParts.push(`occupation_family = ${p(family(c.occupationCode))}`);
    if (familyParts.length && total > 0) {
      bound = active.filter((k) => k !== 'INDUSTRY' && k !== 'OCCUPATION').reduce((s, k) => s + q.weights[k] / total, 0) + 1e-9;
    }
  }
  const extra = familyParts.length ? `(${familyParts.join(' OR ')})` : null;
  const sql = `
    WITH ranked AS (
      SELECT user_id, score, goals_sim FROM (
        SELECT user_id, (${score})::float8 AS score, (${goalsSim})::float8 AS goals_sim
        FROM mentor_profile WHERE ${[...where, ...(extra ? [extra] : [])].join(' AND ')}
      ) s ${keyset}
      ORDER BY score DESC, user_id ASC LIMIT ${limit}
    )
    SELECT m.*, r.score, r.goals_sim FROM ranked r JOIN mentor_profile m USING (user_id) ORDER BY r.score DESC, r.user_id ASC`;
  return { sql, params, bound };
}
