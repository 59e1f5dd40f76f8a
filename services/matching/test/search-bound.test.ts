import { describe, expect, it } from 'vitest';
import { mergePages, type RankedMentorRow, type RankQuery } from '../src/modules/search/search.repository';
import { candidateLevels } from '../src/modules/search/search.bound';
import { activeCriteria, DEFAULT_WEIGHTS, type SearchCriteria } from '../src/modules/search/score';

const criteria: SearchCriteria = {
  industryCode: '110002',
  occupationCode: '10000',
  skills: ['a', 'b', 'c', 'd'],
  languages: ['en'],
  city: 'Toronto',
  country: 'CA',
  timeZone: null,
  meetingPreferences: ['VIDEO'],
  livedExperience: ['newcomer', 'accreditation', 'networking'],
  goals: 'pass the licensing exam',
};
const query = (c: SearchCriteria): RankQuery => ({
  criteria: c,
  weights: DEFAULT_WEIGHTS,
  exact: [],
  excludeIds: [],
  after: null,
  limit: 20,
});
const levels = (c: SearchCriteria, threshold: number) => {
  const active = activeCriteria(c);
  return candidateLevels(
    query(c),
    active,
    active.reduce((s, k) => s + DEFAULT_WEIGHTS[k], 0),
    threshold,
  );
};

describe('candidateLevels', () => {
  it('should require, outside the seed, the fewest family, lived experience and skills matches that can reach the threshold (hand-checked)', () => {
    // every criterion asked, weights sum to 1: occupation family .125, industry family .075, each skill .05, each lived
    // experience .05, and .25 that the indexes cannot prune on (languages .1, location .05, meeting .05, goals .05).
    // Reaching .6038 needs .3538 from the indexed part: both families and 4 matches, occupation family and 5, industry
    // family and 6; no family cannot reach it (4 skills and 3 lived experiences give at most .35).
    const plan = levels(criteria, 0.6038)!;
    const sorted = plan.levels.map((l) => [l.occupation, l.industry, l.skills, l.lived].join('')).sort();
    expect(sorted).toEqual(['0133', '0142', '1023', '1032', '1041', '1113', '1122', '1131', '1140']);
    expect(plan).toMatchObject({ skillsExact: true, livedExact: true });
  });

  it('should count no code level outside a family seed', () => {
    const active = activeCriteria(criteria);
    // outside the families: skills and lived experience alone (at most .35) must reach .3538, which they cannot
    expect(candidateLevels(query(criteria), active, 1, 0.6038, 0)!.levels).toEqual([]);
    // at .55 (.30 needed): 6 or more of the 7 asked skills and lived experiences
    const sorted = candidateLevels(query(criteria), active, 1, 0.55, 0)!
      .levels.map((l) => [l.occupation, l.industry, l.skills, l.lived].join(''))
      .sort();
    expect(sorted).toEqual(['0033', '0042']);
  });

  it('should give up pruning when a mentor matching nothing indexed could still reach the threshold', () => {
    expect(levels(criteria, 0.25)).toBeNull();
    expect(levels(criteria, 0.2501)).not.toBeNull();
  });

  it('should count more than six asked skills only as any overlap', () => {
    const many = { ...criteria, skills: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], livedExperience: [] };
    // without lived experience the weights sum to .85: skills .2/.85 in full on any overlap, occupation family .125/.85,
    // industry family .075/.85, and .25/.85 not prunable; .6 needs any skill and either family
    const plan = levels(many, 0.6)!;
    expect(plan.skillsExact).toBe(false);
    expect(plan.levels).toEqual(
      expect.arrayContaining([
        { occupation: 1, industry: 0, skills: 7, lived: 0 },
        { occupation: 0, industry: 1, skills: 7, lived: 0 },
      ]),
    );
    expect(plan.levels).toHaveLength(2);
  });
});

describe('mergePages', () => {
  it('should order as Postgres does: score descending, then id ascending', () => {
    const row = (userId: string, score: number) => ({ userId, score }) as RankedMentorRow;
    const merged = mergePages([row('b0', 0.9), row('c0', 0.5)], [row('a0', 0.5), row('d0', 0.95)], 3);
    expect(merged.map((r) => r.userId)).toEqual(['d0', 'b0', 'a0']);
  });
});
