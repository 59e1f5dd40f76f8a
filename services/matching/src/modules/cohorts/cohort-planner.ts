/**
 * Plans a cohort's matching: hard rules (conflict of employer, declined before, coach exclusions), coach
 * locks, scores and the optimal assignment, and why each unmatched mentee is unmatched. Pure: no I/O.
 */
import { resolveCriteria } from '../search/search.service';
import { activeCriteria, mentorGoalWords, scoreMentor, type MentorFacts, type Weights } from '../search/score';
import type { MenteeProfileRow, MentorProfileRow } from '../read-models/read-model.repository';
import { solveAssignment, SCALE, type CohortObjective } from './assignment';
import type { CriterionScore } from '../search/score';

export const UNMATCHED_REASONS = [
  'NO_PROFILE',
  'ALREADY_MATCHED',
  'NO_ELIGIBLE_MENTOR',
  'ALL_EXCLUDED',
  'CAPACITY_EXHAUSTED',
] as const;
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];

/** A coach's rule for a pair: always pair them, or never. */
export type PairRule = 'LOCKED' | 'EXCLUDED';

/** A pair of a run, with its explanation. */
export interface StoredPair {
  menteeId: string;
  mentorId: string;
  score: number;
  locked: boolean;
  explanation: CriterionScore[];
}

/** A mentee a run left unmatched, and why. */
export interface StoredUnmatched {
  menteeId: string;
  reason: UnmatchedReason;
  detail: string;
}

export interface PlanInput {
  mentees: Array<{ id: string; profile: MenteeProfileRow | null; alreadyMatched: boolean }>;
  mentors: Array<{ id: string; profile: MentorProfileRow; free: number }>;
  rules: Array<{ menteeId: string; mentorId: string; rule: PairRule }>;
  /** `menteeId:mentorId` of pairs where the mentor declined the mentee before. */
  declined: Set<string>;
  weights: Weights;
  objective: CohortObjective;
}

export interface Plan {
  pairs: StoredPair[];
  unmatched: StoredUnmatched[];
  totalScore: number;
}

const sameEmployer = (a: string | null, b: string | null) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

export const mentorFacts = (m: MentorProfileRow): MentorFacts => ({
  industryCode: m.industryCode,
  occupationCode: m.occupationCode,
  skills: m.skills,
  languages: m.languages,
  city: m.city,
  country: m.country,
  timeZone: m.timeZone,
  meetingPreferences: m.meetingPreferences,
  livedExperience: m.livedExperience,
  headline: m.headline,
});

export function planCohort(input: PlanInput): Plan {
  const rule = new Map(input.rules.map((r) => [`${r.menteeId}:${r.mentorId}`, r.rule]));
  const free = input.mentors.map((m) => m.free);
  const mentorIndex = new Map(input.mentors.map((m, j) => [m.id, j]));
  const pairs: StoredPair[] = [];
  const unmatched: StoredUnmatched[] = [];
  const open: Array<{ id: string; profile: MenteeProfileRow; criteria: ReturnType<typeof resolveCriteria> }> = [];

  for (const mentee of input.mentees) {
    if (mentee.alreadyMatched)
      unmatched.push({
        menteeId: mentee.id,
        reason: 'ALREADY_MATCHED',
        detail: 'Already has a confirmed match or an active relationship.',
      });
    else if (!mentee.profile)
      unmatched.push({ menteeId: mentee.id, reason: 'NO_PROFILE', detail: 'No mentee profile yet.' });
    else open.push({ id: mentee.id, profile: mentee.profile, criteria: resolveCriteria(null, mentee.profile) });
  }

  // coach locks first: they hold a place whatever the optimum says
  const solverMentees: typeof open = [];
  for (const mentee of open) {
    const lock = input.rules.find(
      (r) => r.menteeId === mentee.id && r.rule === 'LOCKED' && mentorIndex.has(r.mentorId),
    );
    const j = lock ? mentorIndex.get(lock.mentorId)! : -1;
    if (lock && free[j] > 0) {
      free[j]--;
      const scored = scoreMentor(mentee.criteria, mentorFacts(input.mentors[j].profile), input.weights);
      pairs.push({
        menteeId: mentee.id,
        mentorId: lock.mentorId,
        score: scored.score,
        locked: true,
        explanation: scored.explanation,
      });
    } else solverMentees.push(mentee);
  }

  const edges: Array<{ mentee: number; mentor: number; score: number }> = [];
  const why = solverMentees.map(() => ({ blockedByRules: 0, excluded: 0, allowed: 0, allowedWithPlace: 0 }));
  // per mentor once: facts and goal words; per mentee once: the criteria used (300,000 pairs for 1,000 × 300)
  const facts = input.mentors.map((m) => mentorFacts(m.profile));
  const words = facts.map(mentorGoalWords);
  const score = (i: number, j: number) =>
    scoreMentor(solverMentees[i].criteria, facts[j], input.weights, { mentorWords: words[j], active: actives[i] });
  const actives = solverMentees.map((m) => activeCriteria(m.criteria));
  solverMentees.forEach((mentee, i) => {
    input.mentors.forEach((mentor, j) => {
      if (mentor.id === mentee.id) return;
      const key = `${mentee.id}:${mentor.id}`;
      if (sameEmployer(mentee.profile.employer, mentor.profile.employer) || input.declined.has(key))
        return void why[i].blockedByRules++;
      if (rule.get(key) === 'EXCLUDED') return void why[i].excluded++;
      why[i].allowed++;
      if (free[j] > 0) why[i].allowedWithPlace++;
      // only the number is kept; explanations are recomputed for the chosen pairs
      edges.push({ mentee: i, mentor: j, score: score(i, j).score });
    });
  });

  const solved = solveAssignment({ menteeCount: solverMentees.length, capacities: free, edges }, input.objective);
  solverMentees.forEach((mentee, i) => {
    const j = solved.mentorOf[i];
    if (j >= 0) {
      const scored = score(i, j);
      pairs.push({
        menteeId: mentee.id,
        mentorId: input.mentors[j].id,
        score: scored.score,
        locked: false,
        explanation: scored.explanation,
      });
      return;
    }
    const w = why[i];
    if (input.mentors.length === 0 || (w.allowed === 0 && w.excluded === 0)) {
      unmatched.push({
        menteeId: mentee.id,
        reason: 'NO_ELIGIBLE_MENTOR',
        detail:
          input.mentors.length === 0
            ? 'The cohort has no available mentor.'
            : `All ${w.blockedByRules} mentors conflict (same employer or declined before).`,
      });
    } else if (w.allowed === 0) {
      unmatched.push({
        menteeId: mentee.id,
        reason: 'ALL_EXCLUDED',
        detail: `The coach excluded all ${w.excluded} remaining mentors.`,
      });
    } else {
      unmatched.push({
        menteeId: mentee.id,
        reason: 'CAPACITY_EXHAUSTED',
        detail:
          w.allowedWithPlace === 0
            ? `All ${w.allowed} suitable mentors are full.`
            : `The places of its ${w.allowed} suitable mentors went to better overall matches.`,
      });
    }
  });
  const totalScore = pairs.reduce((s, p) => s + Math.round(p.score * SCALE), 0) / SCALE;
  return { pairs, unmatched, totalScore };
}
