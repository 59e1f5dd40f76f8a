/**
 * The SQL that ranks mentors for a search (used by search.repository.ts only): a weighted sum of per-criterion
 * similarity expressions that mirrors score.ts, over the eligible mentors, in the variants the repository runs
 * (the seed, the rest within the bound of search.bound.ts, or every eligible mentor), and the count of the list.
 */
import { UNPREPARED } from '@tandem/subgraph-kit';
import { mentorColumns } from '../read-models/read-model.repository';
import {
  activeCriteria,
  family,
  goalTerms,
  LOCATION_LEVELS,
  type Criterion,
  type SearchCriteria,
  type Weights,
} from './score';
import { candidateLevels, candidateSql } from './search.bound';
import { trainingHiddenSql } from '../shared/training.rules';

export interface RankQuery {
  criteria: SearchCriteria;
  weights: Weights;
  exact: Criterion[];
  /** Mentors never returned to this mentee: themselves, those who declined them lately. */
  excludeIds: string[];
  after: { score: number; id: string } | null;
  limit: number;
}

/** Columns every eligible-mentor query filters on (they match the partial indexes' predicate), and training done. */
const ELIGIBLE = `status = 'APPROVED' AND has_capacity AND (paused_until IS NULL OR paused_until <= current_date)
  AND NOT ${trainingHiddenSql('mentor_profile.user_id')}`;

/** The seeds tried in turn: mentors sharing an asked code, else an asked code family. */
export const SEED_TIERS = ['code', 'family'] as const;
export type SeedTier = (typeof SEED_TIERS)[number];

export interface RankSql {
  sql: string;
  params: unknown[];
}

/**
 * One statement's parameters and the values of the criteria as SQL reads them. `prepared`: the statement is
 * planned once for any values, so the goals query is a subquery (computed once per call, not once per row).
 */
function statement(q: RankQuery, prepared = false) {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const c = q.criteria;
  let tsqSql: string | null = null;
  return {
    params,
    p,
    c,
    tsq: () => {
      tsqSql ??= `to_tsquery('english', ${p(goalTerms(c.goals).join(' | '))})`;
      return prepared ? `(SELECT ${tsqSql})` : tsqSql;
    },
    lower: (v: string | null) => (v ? v.trim().toLowerCase() : null),
    locBest: Math.max(
      c.city ? LOCATION_LEVELS.city : 0,
      c.timeZone ? LOCATION_LEVELS.timeZone : 0,
      c.country ? LOCATION_LEVELS.country : 0,
    ),
  };
}
type Statement = ReturnType<typeof statement>;

/** The goals similarity: ts_rank of the mentee's goal terms against the mentor's words, capped at 1. */
const goalsSql = (tsq: () => string) =>
  `LEAST(1.0::float8, CASE WHEN search_tsv @@ ${tsq()} THEN ts_rank(search_tsv, ${tsq()})::float8 ELSE 0::float8 END)`;

/** Who may be listed at all: eligible, not excluded, matching every `exact` criterion fully. */
function listedWhere(q: RankQuery, s: Statement): string[] {
  const { p, c, tsq, lower } = s;
  const where = [ELIGIBLE, `user_id <> ALL(${p(q.excludeIds)}::uuid[])`];
  for (const k of q.exact) {
    if (k === 'INDUSTRY' && c.industryCode) where.push(`industry_code = ${p(c.industryCode)}`);
    if (k === 'OCCUPATION' && c.occupationCode) where.push(`occupation_code = ${p(c.occupationCode)}`);
    if (k === 'SKILLS' && c.skills.length) where.push(`skills @> ${p(c.skills)}::text[]`);
    if (k === 'LANGUAGES' && c.languages.length) where.push(`languages && ${p(c.languages)}::text[]`);
    if (k === 'MEETING_PREFERENCE' && c.meetingPreferences.length)
      where.push(`meeting_preferences && ${p(c.meetingPreferences)}::text[]`);
    if (k === 'LIVED_EXPERIENCE' && c.livedExperience.length)
      where.push(`lived_experience @> ${p(c.livedExperience)}::text[]`);
    if (k === 'GOALS' && goalTerms(c.goals).length) where.push(`search_tsv @@ ${tsq()}`);
    if (k === 'LOCATION' && s.locBest > 0) {
      if (c.city) where.push(`city_key = ${p(lower(c.city))}`);
      else if (c.timeZone) where.push(`time_zone_key = ${p(lower(c.timeZone))}`);
      else where.push(`country_key = ${p(lower(c.country))}`);
    }
  }
  return where;
}

/** How many mentors the whole list holds (every page together). */
export function buildCount(q: RankQuery): RankSql {
  const s = statement(q);
  const where = listedWhere(q, s);
  return { sql: `SELECT count(*)::int AS n FROM mentor_profile WHERE ${where.join(' AND ')}`, params: s.params };
}

/** Builds the ranking SQL of one variant, or null when that variant cannot help (the repository then widens). */
export function buildRankVariant(
  q: RankQuery,
  mode: 'full' | { seed: SeedTier } | { threshold: number; outside: SeedTier } | { ids: string[] },
): RankSql | null {
  const s = statement(q);
  const { p, c, tsq, lower, locBest } = s;
  const active = activeCriteria(c).filter((k) => q.weights[k] > 0);
  const total = active.reduce((sum, k) => sum + q.weights[k], 0);
  const unrolledShare = (column: string, values: string[]) =>
    `((${values.map((v) => `(${column} @> ARRAY[${p(v)}::text])::int`).join(' + ')})::float8 / ${values.length}::float8)`;

  const expr: Record<Criterion, () => string> = {
    INDUSTRY: () =>
      `(CASE WHEN industry_code = ${p(c.industryCode)} THEN 1.0::float8 WHEN industry_family = ${p(family(c.industryCode))} THEN 0.5::float8 ELSE 0.0::float8 END)`,
    OCCUPATION: () =>
      `(CASE WHEN occupation_code = ${p(c.occupationCode)} THEN 1.0::float8 WHEN occupation_family = ${p(family(c.occupationCode))} THEN 0.5::float8 ELSE 0.0::float8 END)`,
    SKILLS: () => unrolledShare('skills', c.skills),
    LANGUAGES: () => `(languages && ${p(c.languages)}::text[])::int::float8`,
    LOCATION: () => {
      const parts: string[] = [];
      if (c.city)
        parts.push(`CASE WHEN city_key = ${p(lower(c.city))} THEN ${LOCATION_LEVELS.city}::float8 ELSE 0::float8 END`);
      if (c.timeZone)
        parts.push(
          `CASE WHEN time_zone_key = ${p(lower(c.timeZone))} THEN ${LOCATION_LEVELS.timeZone}::float8 ELSE 0::float8 END`,
        );
      if (c.country)
        parts.push(
          `CASE WHEN country_key = ${p(lower(c.country))} THEN ${LOCATION_LEVELS.country}::float8 ELSE 0::float8 END`,
        );
      return `(GREATEST(${parts.join(', ')}) / ${locBest}::float8)`;
    },
    MEETING_PREFERENCE: () => `(meeting_preferences && ${p(c.meetingPreferences)}::text[])::int::float8`,
    LIVED_EXPERIENCE: () => unrolledShare('lived_experience', c.livedExperience),
    GOALS: () => goalsSql(tsq),
  };
  const score =
    total === 0 ? '0::float8' : active.map((k) => `${q.weights[k] / total}::float8 * ${expr[k]()}`).join(' + ');
  const goalsSim = active.includes('GOALS') ? expr.GOALS() : 'NULL::float8';

  const where = listedWhere(q, s);
  const keyset = q.after
    ? `WHERE score < ${p(q.after.score)}::float8 OR (score = ${p(q.after.score)}::float8 AND user_id > ${p(q.after.id)}::uuid)`
    : '';
  const limit = p(q.limit + 1);
  // the seed: mentors with the asked occupation or industry code, or code family
  const seedCodes = (tier: SeedTier) => [
    ...(active.includes('OCCUPATION')
      ? [
          tier === 'code'
            ? `occupation_code = ${p(c.occupationCode)}`
            : `occupation_family = ${p(family(c.occupationCode))}`,
        ]
      : []),
    ...(active.includes('INDUSTRY')
      ? [tier === 'code' ? `industry_code = ${p(c.industryCode)}` : `industry_family = ${p(family(c.industryCode))}`]
      : []),
  ];
  let extra: string | null = null;
  if (mode !== 'full' && 'ids' in mode) {
    // the candidates of the in-memory index (search.index.ts), scored here exactly
    extra = `user_id = ANY(${p(mode.ids)}::uuid[])`;
  } else if (mode !== 'full' && 'seed' in mode) {
    const codes = seedCodes(mode.seed);
    if (!codes.length) return null;
    extra = `(${codes.join(' OR ')})`;
  } else if (mode !== 'full') {
    const plan = candidateLevels(q, active, total, mode.threshold, mode.outside === 'code' ? 1 : 0);
    if (plan === null) return null; // a mentor matching no indexed criterion could still reach the threshold: rank them all
    // the rest: outside the seed (scored there already), within the bound
    const codes = seedCodes(mode.outside);
    extra = `${codes.length ? `NOT coalesce(${codes.join(' OR ')}, false) AND ` : ''}${candidateSql(plan, c, p)}`;
  }
  // planned for its values on every call: how selective each criterion is varies with the codes asked
  const sql = `${UNPREPARED}
    WITH ranked AS (
      SELECT user_id, score, goals_sim FROM (
        SELECT user_id, (${score})::float8 AS score, (${goalsSim})::float8 AS goals_sim
        FROM mentor_profile WHERE ${[...where, ...(extra ? [extra] : [])].join(' AND ')}
      ) s ${keyset}
      ORDER BY score DESC, user_id ASC LIMIT ${limit}
    )
    SELECT ${mentorColumns('m')}, r.score, r.goals_sim AS "goalsSim"
    FROM ranked r JOIN mentor_profile m USING (user_id) ORDER BY r.score DESC, r.user_id ASC`;
  return { sql, params: s.params };
}

/**
 * The in-memory index's candidates with each one's score without goals: the sum of every other criterion's term,
 * computed by search.index.ts with the same float operations in the same order as `buildRankVariant`'s SQL.
 */
export interface ScoredCandidates {
  ids: string[];
  withoutGoals: number[];
}

/**
 * The page among the index's candidates, Postgres adding only the goals term to their scores without goals: the
 * full sum adds goals last, so the score is the same float. Postgres still decides who is listed now (status,
 * capacity, pause, training, exclusions) and applies the cursor; it computes ts_rank once per candidate. The shape
 * depends only on whether goals are asked and on the cursor: prepared, planned once per connection.
 */
export function buildScoredCandidates(q: RankQuery, scored: ScoredCandidates): RankSql {
  const s = statement(q, true);
  const { p, c } = s;
  const active = activeCriteria(c).filter((k) => q.weights[k] > 0);
  const total = active.reduce((sum, k) => sum + q.weights[k], 0);
  const goals = active.includes('GOALS');
  const score = goals ? `without_goals + ${q.weights.GOALS / total}::float8 * goals_sim` : 'without_goals';
  const keyset = q.after
    ? `WHERE score < ${p(q.after.score)}::float8 OR (score = ${p(q.after.score)}::float8 AND user_id > ${p(q.after.id)}::uuid)`
    : '';
  const listed = listedWhere(q, s).join(' AND ');
  // OFFSET 0 keeps the inner query apart, so ts_rank is computed once per row (not again for the score); the
  // candidates come as two comma-separated lists (a number's shortest text reads back as the same float8), not as
  // array parameters, which pg quotes and escapes element by element
  const sql = `WITH ranked AS (SELECT user_id, score, goals_sim FROM (
  SELECT user_id, ${score} AS score, goals_sim FROM (
  SELECT user_id, without_goals, ${goals ? goalsSql(s.tsq) : 'NULL::float8'} AS goals_sim
  FROM unnest(string_to_array(${p(scored.ids.join())}, ',')::uuid[], string_to_array(${p(scored.withoutGoals.join())}, ',')::float8[]) AS c(user_id, without_goals)
  JOIN mentor_profile USING (user_id) WHERE ${listed} OFFSET 0) g) s ${keyset}
  ORDER BY score DESC, user_id ASC LIMIT ${p(q.limit + 1)})
SELECT ${mentorColumns('m')}, r.score, r.goals_sim AS "goalsSim"
FROM ranked r JOIN mentor_profile m USING (user_id) ORDER BY r.score DESC, r.user_id ASC`;
  return { sql, params: s.params };
}
