import { isUuid } from '../shared/access';
import type { DataSource } from 'typeorm';
import { activeCriteria, family, goalTerms, LOCATION_LEVELS, type Criterion, type SearchCriteria, type Weights } from './score';
import type { MenteeProfileRow, RankedMentorRow } from './search.entity';

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

  /** The programme whose weights apply: the one asked, else the mentee's latest enrolment. */
  async programmeWeights(programmeId: string | null, menteeId: string): Promise<Record<string, unknown> | null> {
    if (programmeId !== null && !isUuid(programmeId)) return null;
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
   * One page of eligible mentors, best first, keyset on (score, id), exact, without scoring every mentor
   * when the indexes allow it:
   * 1. a seed: the page among mentors with the same occupation or industry code (btree) gives θ, the
   *    score of its row after the page; the true row after the page scores at least θ;
   * 2. the page among mentors whose upper bound can reach θ: the bound counts, per indexed criterion
   *    (occupation and industry code or family, skills and lived experience overlap), what a mentor can
   *    score there, plus the full weight of the other criteria; the combinations of indexed matches that
   *    reach θ become an OR of ANDs that Postgres answers with bitmap index scans. A mentor outside
   *    them scores below θ, so cannot be on the page.
   * Without a seed (no code asked, or too few same-code mentors) it ranks every eligible mentor.
   */
  async rank(q: RankQuery): Promise<RankedMentorRow[]> {
    const seed = buildRankVariant(q, 'seed');
    if (seed) {
      const rows = ((await this.dataSource.query(seed.sql, seed.params)) as RankedMentorRow[]).map(numeric);
      if (rows.length === q.limit + 1) {
        const pruned = buildRankVariant(q, { threshold: rows[q.limit].score });
        if (pruned) return ((await this.dataSource.query(pruned.sql, pruned.params)) as RankedMentorRow[]).map(numeric);
      }
    }
    const full = buildRankVariant(q, 'full')!;
    return ((await this.dataSource.query(full.sql, full.params)) as RankedMentorRow[]).map(numeric);
  }

  /** The plans of the ranking queries (the benchmark prints them to check index use). */
  async explain(q: RankQuery): Promise<string> {
    const out: string[] = [];
    const run = async (label: string, v: { sql: string; params: unknown[] } | null) => {
      if (!v) return null;
      const rows: Array<{ 'QUERY PLAN': string }> = await this.dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${v.sql}`, v.params);
      out.push(`-- ${label}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      return ((await this.dataSource.query(v.sql, v.params)) as RankedMentorRow[]).map(numeric);
    };
    const seeded = await run('seed (same occupation or industry code)', buildRankVariant(q, 'seed'));
    if (seeded && seeded.length === q.limit + 1) await run(`pruned (upper bound >= ${seeded[q.limit].score.toFixed(4)})`, buildRankVariant(q, { threshold: seeded[q.limit].score }));
    await run('full (every eligible mentor; the fallback)', buildRankVariant(q, 'full'));
    return out.join('\n\n');
  }
}

const numeric = (r: RankedMentorRow): RankedMentorRow => ({ ...r, score: Number(r.score), goals_sim: r.goals_sim === null ? null : Number(r.goals_sim) });

/** Builds the ranking SQL: a weighted sum of per-criterion similarity expressions (see score.ts). */
export function buildRankVariant(q: RankQuery, mode: 'full' | 'seed' | { threshold: number }): { sql: string; params: unknown[] } | null {
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
    `((${values.map((v) => `(${column} @> ARRAY[${p(v)}::text])::int`).join(' + ')})::float8 / ${values.length}::float8)`;

  const expr: Record<Criterion, () => string> = {
    INDUSTRY: () => `(CASE WHEN industry_code = ${p(c.industryCode)} THEN 1.0::float8 WHEN industry_family = ${p(family(c.industryCode))} THEN 0.5::float8 ELSE 0.0::float8 END)`,
    OCCUPATION: () => `(CASE WHEN occupation_code = ${p(c.occupationCode)} THEN 1.0::float8 WHEN occupation_family = ${p(family(c.occupationCode))} THEN 0.5::float8 ELSE 0.0::float8 END)`,
    SKILLS: () => unrolledShare('skills', c.skills),
    LANGUAGES: () => `(languages && ${p(c.languages)}::text[])::int::float8`,
    LOCATION: () => {
      const parts: string[] = [];
      if (c.city) parts.push(`CASE WHEN city_key = ${p(lower(c.city))} THEN ${LOCATION_LEVELS.city}::float8 ELSE 0::float8 END`);
      if (c.timeZone) parts.push(`CASE WHEN time_zone_key = ${p(lower(c.timeZone))} THEN ${LOCATION_LEVELS.timeZone}::float8 ELSE 0::float8 END`);
      if (c.country) parts.push(`CASE WHEN country_key = ${p(lower(c.country))} THEN ${LOCATION_LEVELS.country}::float8 ELSE 0::float8 END`);
      return `(GREATEST(${parts.join(', ')}) / ${locBest}::float8)`;
    },
    MEETING_PREFERENCE: () => `(meeting_preferences && ${p(c.meetingPreferences)}::text[])::int::float8`,
    LIVED_EXPERIENCE: () => unrolledShare('lived_experience', c.livedExperience),
    GOALS: () => `LEAST(1.0::float8, CASE WHEN search_tsv @@ ${tsq()} THEN ts_rank(search_tsv, ${tsq()})::float8 ELSE 0::float8 END)`,
  };
  const score = total === 0 ? '0::float8' : active.map((k) => `${q.weights[k] / total}::float8 * ${expr[k]()}`).join(' + ');
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
      if (c.city) where.push(`city_key = ${p(lower(c.city))}`);
      else if (c.timeZone) where.push(`time_zone_key = ${p(lower(c.timeZone))}`);
      else where.push(`country_key = ${p(lower(c.country))}`);
    }
  }
  const keyset = q.after ? `WHERE score < ${p(q.after.score)}::float8 OR (score = ${p(q.after.score)}::float8 AND user_id > ${p(q.after.id)}::uuid)` : '';
  const limit = p(q.limit + 1);
  let extra: string | null = null;
  if (mode === 'seed') {
    const codes: string[] = [];
    if (active.includes('OCCUPATION')) codes.push(`occupation_code = ${p(c.occupationCode)}`);
    if (active.includes('INDUSTRY')) codes.push(`industry_code = ${p(c.industryCode)}`);
    if (!codes.length) return null;
    extra = `(${codes.join(' OR ')})`;
  } else if (mode !== 'full') {
    const dnf = candidateCombinations(q, active, total, mode.threshold);
    if (dnf === null) return null; // every mentor could reach the threshold: rank them all
    const pred = (k: Feature) =>
      k === 'occCode' ? `occupation_code = ${p(c.occupationCode)}` : k === 'occFamily' ? `occupation_family = ${p(family(c.occupationCode))}`
        : k === 'indCode' ? `industry_code = ${p(c.industryCode)}` : k === 'indFamily' ? `industry_family = ${p(family(c.industryCode))}`
          : k === 'skills' ? `skills && ${p(c.skills)}::text[]` : `lived_experience && ${p(c.livedExperience)}::text[]`;
    extra = dnf.length ? `(${dnf.map((combo) => `(${combo.map(pred).join(' AND ')})`).join(' OR ')})` : 'FALSE';
  }
  const sql = `
    WITH ranked AS (
      SELECT user_id, score, goals_sim FROM (
        SELECT user_id, (${score})::float8 AS score, (${goalsSim})::float8 AS goals_sim
        FROM mentor_profile WHERE ${[...where, ...(extra ? [extra] : [])].join(' AND ')}
      ) s ${keyset}
      ORDER BY score DESC, user_id ASC LIMIT ${limit}
    )
    SELECT m.*, r.score, r.goals_sim FROM ranked r JOIN mentor_profile m USING (user_id) ORDER BY r.score DESC, r.user_id ASC`;
  return { sql, params };
}

type Feature = 'occCode' | 'occFamily' | 'indCode' | 'indFamily' | 'skills' | 'lived';

/**
 * The minimal combinations of indexed matches whose score upper bound reaches `threshold` (an OR of
 * ANDs), or null when a mentor matching none of them could still reach it (then nothing is pruned).
 */
export function candidateCombinations(q: RankQuery, active: Criterion[], total: number, threshold: number): Feature[][] | null {
  const w = (k: Criterion) => (active.includes(k) ? q.weights[k] / total : 0);
  const indexed: Criterion[] = ['OCCUPATION', 'INDUSTRY', 'SKILLS', 'LIVED_EXPERIENCE'];
  // the criteria without an index predicate count in full
  const rest = active.filter((k) => !indexed.includes(k)).reduce((s, k) => s + w(k), 0);
  const occ: Array<[Feature | null, number]> = active.includes('OCCUPATION') ? [[null, 0], ['occFamily', 0.5 * w('OCCUPATION')], ['occCode', w('OCCUPATION')]] : [[null, 0]];
  const ind: Array<[Feature | null, number]> = active.includes('INDUSTRY') ? [[null, 0], ['indFamily', 0.5 * w('INDUSTRY')], ['indCode', w('INDUSTRY')]] : [[null, 0]];
  const sk: Array<[Feature | null, number]> = active.includes('SKILLS') ? [[null, 0], ['skills', w('SKILLS')]] : [[null, 0]];
  const lv: Array<[Feature | null, number]> = active.includes('LIVED_EXPERIENCE') ? [[null, 0], ['lived', w('LIVED_EXPERIENCE')]] : [[null, 0]];
  const eps = 1e-9; // float sums in SQL and here may differ in the last bits: keep borderline rows
  const kept: Feature[][] = [];
  for (const a of occ) for (const b of ind) for (const s of sk) for (const l of lv) {
    if (rest + a[1] + b[1] + s[1] + l[1] + eps < threshold) continue;
    kept.push([a[0], b[0], s[0], l[0]].filter((f): f is Feature => f !== null));
  }
  if (kept.some((combo) => combo.length === 0)) return null;
  // drop a combination implied by another (a code match implies the family match): rows of the first are rows of the second
  const implies = (combo: Feature[], f: Feature) => combo.includes(f) || (f === 'occFamily' && combo.includes('occCode')) || (f === 'indFamily' && combo.includes('indCode'));
  const unique = [...new Map(kept.map((combo) => [[...combo].sort().join('+'), combo])).values()];
  return unique.filter((combo) => !unique.some((other) => other !== combo && other.every((f) => implies(combo, f))));
}

