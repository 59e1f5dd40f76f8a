import { isUuid } from '../shared/access';
import type { DataSource } from 'typeorm';
import { UNPREPARED } from '@tandem/subgraph-kit';
import {
  activeCriteria,
  family,
  FAMILY_SIMILARITY,
  goalTerms,
  LOCATION_LEVELS,
  type Criterion,
  type SearchCriteria,
  type Weights,
} from './score';
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

  /** Whether matching knows this mentee (a profile or an enrolment), and their organisation. */
  async menteeOrganisation(userId: string): Promise<{ known: boolean; organizationId: string | null }> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM mentee_profile WHERE user_id = $1) OR EXISTS (SELECT 1 FROM enrolment WHERE user_id = $1 AND role = 'MENTEE') AS known,
              coalesce((SELECT organization_id FROM mentee_profile WHERE user_id = $1),
                       (SELECT organization_id FROM enrolment WHERE user_id = $1 AND role = 'MENTEE' ORDER BY enrolled_at DESC LIMIT 1)) AS organization_id`,
      [userId],
    );
    return { known: row.known, organizationId: row.organization_id };
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
   * 1. the seed: the page among mentors with the same occupation or industry code (btree), or, when fewer
   *    than a page share a code, with the same code family; θ is the score of its row after the page, so the
   *    true row after the page scores at least θ;
   * 2. the rest: the page among the mentors outside the seed whose upper bound can reach θ. The bound counts,
   *    per indexed criterion, what a mentor there can score (outside a code seed at most the family level,
   *    outside a family seed nothing; how many of the asked skills and lived experiences they have), plus the
   *    full weight of the other criteria; the level combinations that reach θ become an OR of ANDs that
   *    Postgres answers with bitmap index scans. A mentor outside them scores below θ, so cannot be on the page;
   * 3. the page is the best of the two pages merged (in the same order as Postgres sorts them).
   * Without a seed (no code asked, or too few in the family too) it ranks every eligible mentor.
   */
  async rank(q: RankQuery): Promise<RankedMentorRow[]> {
    for (const tier of SEED_TIERS) {
      const seed = buildRankVariant(q, { seed: tier });
      if (!seed) break;
      const seeded = await this.run(seed);
      if (seeded.length < q.limit + 1) continue; // too few here: a wider seed
      const rest = buildRankVariant(q, { threshold: seeded[q.limit].score, outside: tier });
      if (rest) return mergePages(seeded, await this.run(rest), q.limit + 1);
      break;
    }
    return this.run(buildRankVariant(q, 'full')!);
  }

  private async run(v: { sql: string; params: unknown[] }): Promise<RankedMentorRow[]> {
    return ((await this.dataSource.query(v.sql, v.params)) as RankedMentorRow[]).map(numeric);
  }

  /** The plans of the ranking queries (the benchmark prints them to check index use). */
  async explain(q: RankQuery): Promise<string> {
    const out: string[] = [];
    const run = async (label: string, v: { sql: string; params: unknown[] } | null) => {
      if (!v) return null;
      const rows: Array<{ 'QUERY PLAN': string }> = await this.dataSource.query(
        `EXPLAIN (ANALYZE, BUFFERS) ${v.sql}`,
        v.params,
      );
      out.push(`-- ${label}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      return ((await this.dataSource.query(v.sql, v.params)) as RankedMentorRow[]).map(numeric);
    };
    for (const tier of SEED_TIERS) {
      const seeded = await run(`seed (same occupation or industry ${tier})`, buildRankVariant(q, { seed: tier }));
      if (!seeded) break;
      if (seeded.length < q.limit + 1) continue;
      await run(
        `the rest (outside the seed, upper bound >= ${seeded[q.limit].score.toFixed(4)})`,
        buildRankVariant(q, { threshold: seeded[q.limit].score, outside: tier }),
      );
      break;
    }
    await run('full (every eligible mentor; the fallback)', buildRankVariant(q, 'full'));
    return out.join('\n\n');
  }
}

const numeric = (r: RankedMentorRow): RankedMentorRow => ({
  ...r,
  score: Number(r.score),
  goals_sim: r.goals_sim === null ? null : Number(r.goals_sim),
});

/** The first `size` rows of two disjoint ranked pages, ordered as Postgres orders them (score desc, then uuid asc). */
export function mergePages(a: RankedMentorRow[], b: RankedMentorRow[], size: number): RankedMentorRow[] {
  // lower-case hex uuids compare as strings exactly as Postgres compares uuids
  return [...a, ...b]
    .sort((x, y) => y.score - x.score || (x.user_id < y.user_id ? -1 : x.user_id > y.user_id ? 1 : 0))
    .slice(0, size);
}

/** Builds the ranking SQL: a weighted sum of per-criterion similarity expressions (see score.ts). */
/** The seeds tried in turn: mentors sharing an asked code, else an asked code family. */
const SEED_TIERS = ['code', 'family'] as const;
type SeedTier = (typeof SEED_TIERS)[number];

export function buildRankVariant(
  q: RankQuery,
  mode: 'full' | { seed: SeedTier } | { threshold: number; outside: SeedTier },
): { sql: string; params: unknown[] } | null {
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
  const locBest = Math.max(
    c.city ? LOCATION_LEVELS.city : 0,
    c.timeZone ? LOCATION_LEVELS.timeZone : 0,
    c.country ? LOCATION_LEVELS.country : 0,
  );
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
    GOALS: () =>
      `LEAST(1.0::float8, CASE WHEN search_tsv @@ ${tsq()} THEN ts_rank(search_tsv, ${tsq()})::float8 ELSE 0::float8 END)`,
  };
  const score =
    total === 0 ? '0::float8' : active.map((k) => `${q.weights[k] / total}::float8 * ${expr[k]()}`).join(' + ');
  const goalsSim = active.includes('GOALS') ? expr.GOALS() : 'NULL::float8';

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
    if (k === 'LOCATION' && locBest > 0) {
      if (c.city) where.push(`city_key = ${p(lower(c.city))}`);
      else if (c.timeZone) where.push(`time_zone_key = ${p(lower(c.timeZone))}`);
      else where.push(`country_key = ${p(lower(c.country))}`);
    }
  }
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
  if (mode !== 'full' && 'seed' in mode) {
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
    SELECT m.*, r.score, r.goals_sim FROM ranked r JOIN mentor_profile m USING (user_id) ORDER BY r.score DESC, r.user_id ASC`;
  return { sql, params };
}

/** How far a mentor outside the seed must match on the indexed criteria: code family (1) or not (0), and matched counts. */
export interface CandidateLevel {
  occupation: 0 | 1;
  industry: 0 | 1;
  /** At least this many of the asked skills (when `skillsExact`), else any overlap when > 0. */
  skills: number;
  lived: number;
}
export interface CandidatePlan {
  /** The minimal level combinations whose score upper bound reaches the threshold: a mentor below all of them cannot. */
  levels: CandidateLevel[];
  /** Whether skills and lived experience are counted exactly (few values asked) or only as "any overlap". */
  skillsExact: boolean;
  livedExact: boolean;
}

/** Above this many asked values, "at least k of them" would need too many index probes: count any overlap instead. */
const MAX_EXACT_VALUES = 6;

/**
 * The minimal combinations of indexed matches whose score upper bound reaches `threshold` for a mentor outside
 * the seed, or null when a mentor matching none of them could still reach it (then nothing is pruned). The
 * bound counts occupation and industry by family (the same code is in the seed), skills and lived experience by how many asked values the mentor has
 * (k of n scores k/n of the weight; with more than MAX_EXACT_VALUES asked, any overlap counts in full), and
 * the criteria without an index predicate (languages, location, meeting mode, goals) in full.
 */
export function candidateLevels(
  q: RankQuery,
  active: Criterion[],
  total: number,
  threshold: number,
  maxCodeLevel: 0 | 1 = 1,
): CandidatePlan | null {
  const c = q.criteria;
  const w = (k: Criterion) => (active.includes(k) ? q.weights[k] / total : 0);
  const indexed: Criterion[] = ['OCCUPATION', 'INDUSTRY', 'SKILLS', 'LIVED_EXPERIENCE'];
  const rest = active.filter((k) => !indexed.includes(k)).reduce((s, k) => s + w(k), 0);
  // a mentor with the asked code (or family) is in the seed, so outside it a code criterion reaches the family level at best (or nothing)
  const codeLevels = (k: Criterion) => (active.includes(k) && maxCodeLevel === 1 ? [0, FAMILY_SIMILARITY * w(k)] : [0]);
  const countLevels = (k: Criterion, n: number, exact: boolean) =>
    !active.includes(k) ? [0] : exact ? Array.from({ length: n + 1 }, (_, i) => (i / n) * w(k)) : [0, w(k)];
  const skillsExact = c.skills.length <= MAX_EXACT_VALUES;
  const livedExact = c.livedExperience.length <= MAX_EXACT_VALUES;
  const occ = codeLevels('OCCUPATION');
  const ind = codeLevels('INDUSTRY');
  const sk = countLevels('SKILLS', c.skills.length, skillsExact);
  const lv = countLevels('LIVED_EXPERIENCE', c.livedExperience.length, livedExact);
  const eps = 1e-9; // float sums in SQL and here may differ in the last bits: keep borderline rows
  const passing: number[][] = [];
  for (let a = 0; a < occ.length; a++)
    for (let b = 0; b < ind.length; b++)
      for (let s = 0; s < sk.length; s++) {
        // the fewest lived-experience matches that reach the threshold with these levels (more only adds rows already kept)
        const l = lv.findIndex((v) => rest + occ[a] + ind[b] + sk[s] + v + eps >= threshold);
        if (l >= 0) passing.push([a, b, s, l]);
      }
  if (passing.some((combo) => combo.every((x) => x === 0))) return null;
  // keep the minimal combinations: one whose every level is at or above another's selects a subset of its rows
  const minimal = passing.filter(
    (combo) => !passing.some((other) => other !== combo && other.every((x, i) => x <= combo[i])),
  );
  const asLevel = ([a, b, s, l]: number[]): CandidateLevel => ({
    occupation: a as 0 | 1,
    industry: b as 0 | 1,
    skills: skillsExact ? s : s * c.skills.length,
    lived: livedExact ? l : l * c.livedExperience.length,
  });
  return { levels: minimal.map(asLevel), skillsExact, livedExact };
}

const subsets = <T>(values: T[], k: number): T[][] =>
  k === 0
    ? [[]]
    : values.length < k
      ? []
      : [...subsets(values.slice(1), k - 1).map((s) => [values[0], ...s]), ...subsets(values.slice(1), k)];

/**
 * The candidate predicate: "has at least k of the asked values" is an OR of GIN-indexed containments of every
 * k-subset; each level is its occupation and industry family, lived experience and skills conditions.
 */
function candidateSql(plan: CandidatePlan, c: SearchCriteria, p: (v: unknown) => string): string {
  const atLeast = (column: string, values: string[], k: number, exact: boolean): string | null => {
    if (k === 0) return null;
    if (!exact) return `${column} && ${p(values)}::text[]`;
    return `(${subsets(values, k)
      .map((subset) => `${column} @> ${p(subset)}::text[]`)
      .join(' OR ')})`;
  };
  const code = (level: 0 | 1, column: string, value: string | null) =>
    level === 1 ? `${column} = ${p(family(value))}` : null;
  // one arm per skills count, so each skills subset (the costliest index probes: popular skills) is probed once
  const bySkills = new Map<number, CandidateLevel[]>();
  for (const level of plan.levels) bySkills.set(level.skills, [...(bySkills.get(level.skills) ?? []), level]);
  const arms = [...bySkills].map(([skills, levels]) => {
    // cheapest first: Postgres rechecks every candidate row against the whole predicate, stopping at the first false
    const rest = levels.map(
      (l) =>
        [
          code(l.occupation, 'occupation_family', c.occupationCode),
          code(l.industry, 'industry_family', c.industryCode),
          atLeast('lived_experience', c.livedExperience, l.lived, plan.livedExact),
        ]
          .filter((x) => x !== null)
          .join(' AND ') || 'TRUE',
    );
    const parts = [
      rest.includes('TRUE') ? null : `(${rest.map((x) => `(${x})`).join(' OR ')})`,
      atLeast('skills', c.skills, skills, plan.skillsExact),
    ].filter((x) => x !== null);
    return `(${parts.join(' AND ')})`;
  });
  return arms.length ? `(${arms.join(' OR ')})` : 'FALSE';
}
