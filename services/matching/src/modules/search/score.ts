/**
 * How a mentor is scored against a mentee's criteria: pure functions, the reference for the SQL that ranks
 * search results in Postgres (search.repository.ts) and the scorer of cohort matching.
 *
 * score = Σ w_c · sim_c / Σ w_c over the criteria the search uses (a criterion without a value is left
 * out, so a perfect match on what was asked scores 1). Each similarity is in [0, 1]:
 * - INDUSTRY, OCCUPATION: same code 1, same family (first two digits of the NAICS / NOC code) 0.5, else 0.
 * - SKILLS: share of the asked skills the mentor has.
 * - LANGUAGES: 1 when they share at least one language (one is enough to talk), else 0.
 * - LOCATION: the best of same city (1), same time zone (0.75), same country (0.5) among the parts asked,
 *   divided by the best level that was asked (asking only for a country and matching it scores 1).
 * - MEETING_PREFERENCE: 1 when they share a meeting mode, else 0.
 * - LIVED_EXPERIENCE: share of the mentee's stated needs and lived experience that the mentor's lived
 *   experience answers (seed 004: the mentor's ability to understand what the mentee is going through).
 * - GOALS: free text of the mentee's goals against the mentor's headline and skills; in search Postgres's
 *   ts_rank (capped at 1), in cohort matching the share of goal terms found in the mentor's words.
 * `exact` criteria must reach similarity 1.
 */
export const CRITERIA = [
  'INDUSTRY',
  'OCCUPATION',
  'SKILLS',
  'LANGUAGES',
  'LOCATION',
  'MEETING_PREFERENCE',
  'LIVED_EXPERIENCE',
  'GOALS',
] as const;
export type Criterion = (typeof CRITERIA)[number];
export type Weights = Record<Criterion, number>;

/** Occupation first (seed 000 matches by industry and occupation), then skills and lived experience (seed 004). */
export const DEFAULT_WEIGHTS: Weights = {
  INDUSTRY: 0.15,
  OCCUPATION: 0.25,
  SKILLS: 0.2,
  LANGUAGES: 0.1,
  LOCATION: 0.05,
  MEETING_PREFERENCE: 0.05,
  LIVED_EXPERIENCE: 0.15,
  GOALS: 0.05,
};

/** Keys a programme may use in `matchingWeights` (camelCase or the enum name). */
const WEIGHT_KEYS: Record<string, Criterion> = {
  industry: 'INDUSTRY',
  occupation: 'OCCUPATION',
  skills: 'SKILLS',
  languages: 'LANGUAGES',
  location: 'LOCATION',
  meetingPreference: 'MEETING_PREFERENCE',
  meetingPreferences: 'MEETING_PREFERENCE',
  livedExperience: 'LIVED_EXPERIENCE',
  goals: 'GOALS',
};

/** The programme's weights over the defaults; unknown keys and negative or non-numeric values are ignored. */
export function resolveWeights(programmeWeights: Record<string, unknown> | null | undefined): Weights {
  const weights = { ...DEFAULT_WEIGHTS };
  for (const [key, value] of Object.entries(programmeWeights ?? {})) {
    const criterion =
      WEIGHT_KEYS[key] ?? ((CRITERIA as readonly string[]).find((c) => c === key) as Criterion | undefined);
    if (criterion && typeof value === 'number' && Number.isFinite(value) && value >= 0) weights[criterion] = value;
  }
  return weights;
}

export const LOCATION_LEVELS = { city: 1, timeZone: 0.75, country: 0.5 } as const;
export const FAMILY_SIMILARITY = 0.5;

/** What the mentee asks for (after defaults from their profile). Tags are normalised (lower case). */
export interface SearchCriteria {
  industryCode: string | null;
  occupationCode: string | null;
  skills: string[];
  languages: string[];
  city: string | null;
  country: string | null;
  timeZone: string | null;
  meetingPreferences: string[];
  livedExperience: string[];
  goals: string | null;
}

/** The mentor facts scoring reads. */
export interface MentorFacts {
  industryCode: string | null;
  occupationCode: string | null;
  skills: string[];
  languages: string[];
  city: string | null;
  country: string | null;
  timeZone: string | null;
  meetingPreferences: string[];
  livedExperience: string[];
  headline: string | null;
}

export interface CriterionScore {
  criterion: Criterion;
  /** The weight after normalisation over the criteria used (they sum to 1). */
  weight: number;
  similarity: number;
  /** weight × similarity: this criterion's share of the score. */
  contribution: number;
  /** What matched, in words the mentee typed (codes, skills, languages, places, modes, needs, goal terms). */
  matched: string[];
}

export interface Scored {
  score: number;
  explanation: CriterionScore[];
}

const eq = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
/** The code family: the first two digits of a NAICS industry or a NOC occupation code. */
export const family = (code: string | null | undefined) => (code ? code.slice(0, 2) : null);

/** Lower-cased, trimmed, de-duplicated tags: how skills, languages and lived experience are compared. */
export function normaliseTags(values: readonly string[] | null | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim().toLowerCase()).filter(Boolean))];
}

/** Goal words worth matching: lower case, at least three letters, common words left out. */
const STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'my',
  'our',
  'your',
  'into',
  'from',
  'that',
  'this',
  'how',
  'get',
  'find',
  'want',
  'need',
  'more',
  'about',
  'help',
  'are',
  'was',
  'has',
  'have',
  'will',
  'can',
]);
const termCache = new Map<string, string[]>();
export function goalTerms(goals: string | null | undefined): string[] {
  const text = goals ?? '';
  let terms = termCache.get(text);
  if (!terms) {
    terms = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].filter(
      (w) => w.length >= 3 && !STOP.has(w),
    );
    // scoring a cohort asks for the same mentee's terms once per mentor: remember recent texts
    if (termCache.size > 5000) termCache.clear();
    termCache.set(text, terms);
  }
  return terms;
}

/** The criteria this search uses (those with a value). */
export function activeCriteria(c: SearchCriteria): Criterion[] {
  const active: Criterion[] = [];
  if (c.industryCode) active.push('INDUSTRY');
  if (c.occupationCode) active.push('OCCUPATION');
  if (c.skills.length) active.push('SKILLS');
  if (c.languages.length) active.push('LANGUAGES');
  if (c.city || c.country || c.timeZone) active.push('LOCATION');
  if (c.meetingPreferences.length) active.push('MEETING_PREFERENCE');
  if (c.livedExperience.length) active.push('LIVED_EXPERIENCE');
  if (goalTerms(c.goals).length) active.push('GOALS');
  return active;
}

function codeSimilarity(asked: string | null, has: string | null): { similarity: number; matched: string[] } {
  if (asked && has && asked === has) return { similarity: 1, matched: [has] };
  if (asked && has && family(asked) === family(has))
    return { similarity: FAMILY_SIMILARITY, matched: [`${family(has)} (family)`] };
  return { similarity: 0, matched: [] };
}

export function locationSimilarity(
  c: Pick<SearchCriteria, 'city' | 'country' | 'timeZone'>,
  m: Pick<MentorFacts, 'city' | 'country' | 'timeZone'>,
): { similarity: number; matched: string[] } {
  const asked = [
    c.city ? LOCATION_LEVELS.city : 0,
    c.timeZone ? LOCATION_LEVELS.timeZone : 0,
    c.country ? LOCATION_LEVELS.country : 0,
  ];
  const best = Math.max(...asked);
  if (best === 0) return { similarity: 0, matched: [] };
  const matched: string[] = [];
  let level = 0;
  if (eq(c.city, m.city)) {
    level = Math.max(level, LOCATION_LEVELS.city);
    matched.push(m.city!);
  }
  if (eq(c.timeZone, m.timeZone)) {
    level = Math.max(level, LOCATION_LEVELS.timeZone);
    matched.push(m.timeZone!);
  }
  if (eq(c.country, m.country)) {
    level = Math.max(level, LOCATION_LEVELS.country);
    matched.push(m.country!);
  }
  return { similarity: Math.min(1, level / best), matched };
}

/** The similarity of one criterion, with what matched. `goalsSimilarity` overrides the term-share (search passes ts_rank). */
export function similarity(
  criterion: Criterion,
  c: SearchCriteria,
  m: MentorFacts,
  goalsSimilarity?: number,
  mentorWords?: Set<string>,
): { similarity: number; matched: string[] } {
  switch (criterion) {
    case 'INDUSTRY':
      return codeSimilarity(c.industryCode, m.industryCode);
    case 'OCCUPATION':
      return codeSimilarity(c.occupationCode, m.occupationCode);
    case 'SKILLS': {
      const matched = c.skills.filter((s) => m.skills.includes(s));
      return { similarity: c.skills.length ? matched.length / c.skills.length : 0, matched };
    }
    case 'LANGUAGES': {
      const matched = c.languages.filter((s) => m.languages.includes(s));
      return { similarity: matched.length ? 1 : 0, matched };
    }
    case 'LOCATION':
      return locationSimilarity(c, m);
    case 'MEETING_PREFERENCE': {
      const matched = c.meetingPreferences.filter((s) => m.meetingPreferences.includes(s));
      return { similarity: matched.length ? 1 : 0, matched };
    }
    case 'LIVED_EXPERIENCE': {
      const matched = c.livedExperience.filter((s) => m.livedExperience.includes(s));
      return { similarity: c.livedExperience.length ? matched.length / c.livedExperience.length : 0, matched };
    }
    case 'GOALS': {
      const terms = goalTerms(c.goals);
      const words = mentorWords ?? mentorGoalWords(m);
      const matched = terms.filter((t) => words.has(t));
      const share = terms.length ? matched.length / terms.length : 0;
      return { similarity: goalsSimilarity !== undefined ? Math.min(1, goalsSimilarity) : share, matched };
    }
  }
}

/** The words of a mentor that goals are matched against (computed once per mentor when scoring many pairs). */
export const mentorGoalWords = (m: Pick<MentorFacts, 'headline' | 'skills'>) =>
  new Set(goalTerms([m.headline ?? '', ...m.skills].join(' ')));

/** Scores a mentor for a mentee's criteria, with the explanation of every criterion used. */
export function scoreMentor(
  c: SearchCriteria,
  m: MentorFacts,
  weights: Weights,
  options: { goalsSimilarity?: number; active?: Criterion[]; mentorWords?: Set<string> } = {},
): Scored {
  const active = (options.active ?? activeCriteria(c)).filter((k) => weights[k] > 0);
  const total = active.reduce((sum, k) => sum + weights[k], 0);
  if (total === 0) return { score: 0, explanation: [] };
  let score = 0;
  const explanation = active.map((criterion) => {
    const s = similarity(criterion, c, m, options.goalsSimilarity, options.mentorWords);
    const weight = weights[criterion] / total;
    const contribution = weight * s.similarity;
    score += contribution;
    return { criterion, weight, similarity: s.similarity, contribution, matched: s.matched };
  });
  return { score: Math.min(1, score), explanation };
}
