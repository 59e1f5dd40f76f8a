/**
 * The bound that lets search skip most mentors (used by search.ranking.ts): the most a mentor outside the seed
 * can score from what the indexes can see, and the predicate that keeps only those who can still reach the page.
 */
import { family, FAMILY_SIMILARITY, type Criterion, type SearchCriteria } from './score';
import type { RankQuery } from './search.ranking';

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
export function candidateSql(plan: CandidatePlan, c: SearchCriteria, p: (v: unknown) => string): string {
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
