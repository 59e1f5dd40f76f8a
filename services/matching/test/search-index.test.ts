import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { SyntheticPlatform, DEFAULT_SIZE } from '@tandem/synthetic';
import { matching } from '../src/service';
import { matchingLargeSeed } from '../src/seed/large';
import { SearchRepository, type RankQuery } from '../src/modules/search/search.repository';
import { buildRankVariant } from '../src/modules/search/search.ranking';
import { resolveWeights } from '../src/modules/search/score';
import { resolveCriteria } from '../src/modules/search/search.service';
import { menteeColumns, type MenteeProfileRow } from '../src/modules/read-models/read-model.repository';

/**
 * The search's fast path (the in-memory index's candidates, scored by Postgres) against today's exact scoring of
 * every eligible mentor, on seed:large's data at a small size (the same skewed codes, skills and capacities).
 */
let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
const platform = new SyntheticPlatform({
  ...DEFAULT_SIZE,
  mentors: 4_000,
  mentees: 400,
  relationships: 4_000,
  meetings: 4_000,
});

beforeAll(async () => {
  database = await isolatedDatabase(testDatabaseUrl(), [matching]);
  stack = await startStack({ databaseUrl: database.url, services: [matching] });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    for (const step of matchingLargeSeed(platform)) await step.run(client, () => undefined);
  } finally {
    await client.end();
  }
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

describe('search from the in-memory index', () => {
  it("should give the exact ranking's top 20 and the page after it for a sample of mentees, with their defaults and with a text query", async () => {
    const db = stack.services.matching.runtime.db;
    // the first load reads the read model in pages of 500
    const repo = new SearchRepository(db, { useIndex: true, indexPage: 500 });
    const mentees = await db.query<MenteeProfileRow>(
      `SELECT ${menteeColumns()} FROM mentee_profile ORDER BY user_id LIMIT 40`,
    );
    expect(mentees.length).toBe(40);
    let fromIndex = 0;
    for (const [n, mentee] of mentees.entries()) {
      // the defaults, a programme that weighs languages and location, and one where goals (ts_rank) weigh most
      const weights = resolveWeights(
        n % 4 === 3 ? { languages: 0.5, location: 0.3 } : n % 4 === 1 ? { goals: 2, skills: 0.05 } : null,
      );
      // every other mentee types a text query: a skill and a word of a headline
      const criteria = resolveCriteria(
        n % 2 ? { goals: `${mentee.skills[0] ?? 'data'} mentor leadership` } : null,
        mentee,
      );
      let after: RankQuery['after'] = null;
      for (let page = 0; page < 2; page++) {
        const q: RankQuery = { criteria, weights, exact: [], excludeIds: [mentee.userId], after, limit: 20 };
        const fast = await repo.rankFromIndex(q);
        const full = buildRankVariant(q, 'full')!;
        const expected = await db.query<{ userId: string; score: number }>(full.sql, full.params);
        if (fast) fromIndex++;
        const rows = fast ?? [];
        expect(rows.map((r) => r.userId)).toEqual(expected.map((r) => r.userId));
        expect(rows.map((r) => r.score)).toEqual(expected.map((r) => Number(r.score)));
        const last = rows[q.limit - 1];
        after = { score: last.score, id: last.userId };
      }
    }
    // every search of the sample was answered from the index (none fell back to ranking in SQL)
    expect(fromIndex).toBe(80);
  }, 120_000);

  it('should rank a mentor by the profile written just before the search, and stop listing one who has no capacity left', async () => {
    const db = stack.services.matching.runtime.db;
    const repo = new SearchRepository(db);
    const [mentee] = await db.query<MenteeProfileRow>(
      `SELECT ${menteeColumns()} FROM mentee_profile WHERE occupation_code IS NOT NULL AND cardinality(skills) > 0 ORDER BY user_id LIMIT 1`,
    );
    const q: RankQuery = {
      criteria: resolveCriteria({ goals: '' }, mentee),
      weights: resolveWeights(null),
      exact: [],
      excludeIds: [mentee.userId],
      after: null,
      limit: 20,
    };
    const before = (await repo.rankFromIndex(q))!;
    // the last listed mentor of all becomes a perfect match for this mentee
    const [last] = await db.query<{ userId: string }>(
      `SELECT user_id AS "userId" FROM mentor_profile WHERE status = 'APPROVED' AND has_capacity ORDER BY user_id DESC LIMIT 1`,
    );
    expect(before.map((r) => r.userId)).not.toContain(last.userId);
    await db.execute(
      `UPDATE mentor_profile SET industry_code = $2, industry_family = left($2, 2), occupation_code = $3, occupation_family = left($3, 2),
         skills = $4, languages = $5, city = $6, country = $7, time_zone = $8, meeting_preferences = $9, lived_experience = $10, paused_until = NULL
       WHERE user_id = $1`,
      [
        last.userId,
        mentee.industryCode,
        mentee.occupationCode,
        q.criteria.skills,
        q.criteria.languages,
        mentee.city,
        mentee.country,
        mentee.timeZone,
        q.criteria.meetingPreferences,
        q.criteria.livedExperience,
      ],
    );
    const after = (await repo.rankFromIndex(q))!;
    expect(after.map((r) => r.userId)).toContain(last.userId);
    expect(after.find((r) => r.userId === last.userId)!.score).toBeCloseTo(1, 9);
    // the load's capacity flag is a write like any other
    await db.execute(`UPDATE mentor_profile SET has_capacity = false WHERE user_id = $1`, [last.userId]);
    const full = buildRankVariant(q, 'full')!;
    const expected = await db.query<{ userId: string }>(full.sql, full.params);
    const latest = (await repo.rankFromIndex(q))!;
    expect(latest.map((r) => r.userId)).not.toContain(last.userId);
    expect(latest.map((r) => r.userId)).toEqual(expected.map((r) => r.userId));
  }, 60_000);
});
