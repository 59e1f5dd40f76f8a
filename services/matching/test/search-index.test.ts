import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { statementName } from '@tandem/subgraph-kit';
import { SyntheticPlatform, DEFAULT_SIZE } from '@tandem/synthetic';
import { matching } from '../src/service';
import { matchingLargeSeed } from '../src/seed/large';
import { SearchRepository, type RankQuery } from '../src/modules/search/search.repository';
import { MentorSearchIndex, type IndexedMentorRow } from '../src/modules/search/search.index';
import { buildRankVariant, buildScoredCandidates } from '../src/modules/search/search.ranking';
import { CRITERIA, resolveWeights, type Weights } from '../src/modules/search/score';
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
        const expected = await db.query<{ userId: string; score: number; goalsSim: number | null }>(
          full.sql,
          full.params,
        );
        if (fast) fromIndex++;
        const rows = fast ?? [];
        expect(rows.map((r) => r.userId)).toEqual(expected.map((r) => r.userId));
        expect(rows.map((r) => r.score)).toEqual(expected.map((r) => Number(r.score)));
        expect(rows.map((r) => r.goalsSim)).toEqual(
          expected.map((r) => (r.goalsSim === null ? null : Number(r.goalsSim))),
        );
        const last = rows[q.limit - 1];
        after = { score: last.score, id: last.userId };
      }
    }
    // every search of the sample was answered from the index (none fell back to ranking in SQL)
    expect(fromIndex).toBe(80);
  }, 120_000);

  it("should score every candidate in matching to the bit of the SQL's score, over random weightings, criteria and cursors", async () => {
    const db = stack.services.matching.runtime.db;
    const repo = new SearchRepository(db);
    await repo.index.refresh();
    const r = random(11);
    const some = <T>(values: readonly T[], p: number) => values.filter(() => r() < p);
    const mentors = await db.query<{ userId: string }>(`SELECT user_id AS "userId" FROM mentor_profile`);
    let compared = 0;
    let withGoals = 0;
    for (let n = 0; n < 60; n++) {
      const like = platform.mentee(Math.floor(r() * platform.size.mentees));
      const other = platform.mentor(Math.floor(r() * platform.size.mentors));
      const criteria = resolveCriteria(
        {
          industryCode: r() < 0.8 ? (r() < 0.8 ? like.industry[0] : other.industry[0]) : '',
          occupationCode: r() < 0.8 ? (r() < 0.8 ? like.occupation[0] : other.occupation[0]) : '',
          skills: r() < 0.15 ? [] : [...some(like.skills, 0.8), ...some(other.skills, 0.5)],
          languages: r() < 0.2 ? [] : r() < 0.7 ? like.languages : ['fr'],
          city: r() < 0.6 ? (r() < 0.5 ? like.city : other.city) : '',
          timeZone: r() < 0.5 ? like.timeZone : '',
          country: r() < 0.5 ? 'CA' : '',
          meetingPreferences: r() < 0.3 ? [] : like.meetingPreferences,
          livedExperience: r() < 0.2 ? [] : [...like.livedExperience, ...some(other.livedExperience, 0.5)],
          goals: r() < 0.6 ? (r() < 0.5 ? like.goals.join(' ') : `${other.skills[0] ?? 'data'} leadership`) : '',
        },
        null,
      );
      const weights = Object.fromEntries(
        CRITERIA.map((k) => [k, r() < 0.2 ? 0 : r() < 0.5 ? r() : 0.05 + r()]),
      ) as Weights;
      const pick = () => mentors[Math.floor(r() * mentors.length)].userId;
      const q: RankQuery = {
        criteria,
        weights,
        exact: [],
        excludeIds: [pick()],
        after: r() < 0.3 ? { score: 0.3 + 0.6 * r(), id: pick() } : null,
        limit: 20,
      };
      const candidates = repo.index.candidates(q, 42);
      if (!candidates?.ids.length) continue;
      // every listed candidate, not just a page: the limit is the number of candidates
      const all = { ...q, limit: candidates.ids.length };
      const mine = buildScoredCandidates(all, { ids: candidates.ids, withoutGoals: candidates.scores });
      const theirs = buildRankVariant(all, { ids: candidates.ids })!;
      const inMatching = await db.query<{ userId: string; score: number; goalsSim: number | null }>(
        mine.sql,
        mine.params,
      );
      const inSql = await db.query<{ userId: string; score: number; goalsSim: number | null }>(
        theirs.sql,
        theirs.params,
      );
      expect(inMatching.map((row) => row.userId)).toEqual(inSql.map((row) => row.userId));
      // Object.is: the same float to the last bit (toEqual would also pass on -0 against 0)
      const differ = inMatching.filter((row, i) => !Object.is(Number(row.score), Number(inSql[i].score)));
      expect(differ).toEqual([]);
      compared += inMatching.length;
      if (inMatching.some((row) => row.goalsSim !== null && Number(row.goalsSim) > 0)) withGoals++;
    }
    // thousands of scores, a good part of the searches with a goals term that is not zero
    expect(compared).toBeGreaterThan(5_000);
    expect(withGoals).toBeGreaterThan(15);
  }, 120_000);

  it("should keep the candidates' statement short enough to be prepared, in its longest shape", () => {
    // goals, a cursor, a weight whose shortest decimal is long: the kit prepares texts up to a length only
    const criteria = resolveCriteria({ goals: 'python leadership' }, null);
    const weights = { ...resolveWeights(null), GOALS: 1 / 7e9 };
    const q: RankQuery = {
      criteria,
      weights,
      exact: [],
      excludeIds: [],
      after: { score: 0.5, id: '00000000-0000-4000-8000-000000000000' },
      limit: 20,
    };
    const { sql } = buildScoredCandidates(q, { ids: [], withoutGoals: [] });
    expect(statementName(sql)).not.toBeNull();
  });

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

/** A reproducible random sequence in [0, 1) (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** seed:large's mentors at the test's size, as the index reads them (some not listed, some paused). */
function mentorRows(r: () => number): IndexedMentorRow[] {
  return Array.from({ length: platform.size.mentors }, (_, i) => {
    const m = platform.mentor(i);
    return {
      userId: m.id,
      listed: r() < 0.9,
      pausedUntil: r() < 0.05 ? new Date(Date.now() + (r() < 0.5 ? -1 : 5) * 86_400_000).toISOString() : null,
      industryCode: m.industry[0],
      industryFamily: m.industry[0].slice(0, 2),
      occupationCode: m.occupation[0],
      occupationFamily: m.occupation[0].slice(0, 2),
      skills: m.skills,
      languages: m.languages,
      cityKey: m.city.toLowerCase(),
      timeZoneKey: m.timeZone.toLowerCase(),
      countryKey: 'ca',
      meetingPreferences: m.meetingPreferences,
      livedExperience: m.livedExperience,
      version: String(i + 1),
    };
  });
}

describe("the index's early stop", () => {
  const sorted = (ids: string[]) => [...ids].sort();

  it('should give the same candidates as the scan of every mentor over random weightings, criteria, cursors and writes', async () => {
    const r = random(24);
    const pick = <T>(values: readonly T[]) => values[Math.floor(r() * values.length)];
    let rows = mentorRows(r);
    let version = rows.length;
    const index = new MentorSearchIndex(async (after, limit) =>
      rows.filter((row) => Number(row.version) > after).slice(0, limit),
    );
    await index.refresh();
    const some = <T>(values: readonly T[], p: number) => values.filter(() => r() < p);
    let compared = 0;
    let stoppedEarly = 0;
    for (let n = 0; n < 300; n++) {
      // now and then, mentors change (merged into their blocks) or join (blocks at the end), enough to rebuild once
      if (n % 25 === 24) {
        const changed = new Map<string, IndexedMentorRow>();
        for (let k = 0; k < (n === 149 ? 800 : 30); k++) {
          const from = rows[Math.floor(r() * rows.length)];
          const like = platform.mentor(Math.floor(r() * platform.size.mentors));
          const id = r() < 0.3 ? `00000000-0000-4000-8000-${String(version).padStart(12, '0')}` : from.userId;
          changed.set(id, {
            ...from,
            userId: id,
            listed: r() < 0.9,
            occupationCode: like.occupation[0],
            occupationFamily: like.occupation[0].slice(0, 2),
            industryCode: r() < 0.5 ? like.industry[0] : from.industryCode,
            industryFamily: r() < 0.5 ? like.industry[0].slice(0, 2) : from.industryFamily,
            skills: r() < 0.1 ? [...like.skills, `rare skill ${k}`] : like.skills,
            livedExperience: like.livedExperience,
            cityKey: like.city.toLowerCase(),
            version: String(++version),
          });
        }
        rows = [...rows.filter((row) => !changed.has(row.userId)), ...changed.values()];
        await index.refresh();
      }
      const like = platform.mentee(Math.floor(r() * platform.size.mentees));
      const other = platform.mentor(Math.floor(r() * platform.size.mentors));
      const criteria = resolveCriteria(
        {
          industryCode: r() < 0.8 ? (r() < 0.8 ? like.industry[0] : 'unknown') : '',
          occupationCode: r() < 0.8 ? (r() < 0.8 ? like.occupation[0] : other.occupation[0]) : '',
          skills:
            r() < 0.15
              ? []
              : [...some(like.skills, 0.8), ...some(other.skills, 0.5), ...(r() < 0.1 ? ['unheard of'] : [])],
          languages: r() < 0.2 ? [] : r() < 0.7 ? like.languages : ['fr'],
          city: r() < 0.6 ? like.city : '',
          timeZone: r() < 0.5 ? like.timeZone : '',
          country: r() < 0.5 ? 'CA' : '',
          meetingPreferences: r() < 0.3 ? [] : like.meetingPreferences,
          livedExperience:
            r() < 0.2 ? [] : [...like.livedExperience, ...like.needs, ...some(other.livedExperience, 0.5)],
          goals: r() < 0.5 ? like.goals.join(' ') : '',
        },
        null,
      );
      const weights = Object.fromEntries(
        CRITERIA.map((k) => [k, r() < 0.25 ? 0 : r() < 0.5 ? r() : 0.05 + r()]),
      ) as Weights;
      const q: RankQuery = {
        criteria,
        weights,
        exact: [],
        excludeIds: [pick(rows).userId, pick(rows).userId],
        after: r() < 0.3 ? { score: 0.3 + 0.6 * r(), id: pick(rows).userId } : null,
        limit: 20,
      };
      const wanted = pick([1, 7, 21, 42, 42, 336]);
      const linear = index.candidates(q, wanted, 'linear');
      const early = index.candidates(q, wanted, 'early');
      if (!linear) {
        expect(early).toBeNull();
        continue;
      }
      compared++;
      expect(linear.visited).toBe(index.size);
      // the same mentors, and a bound of those left out at least the scan's (the page is accepted above it)
      expect(sorted(early!.ids)).toEqual(sorted(linear.ids));
      expect(early!.outsideBound).toBeGreaterThanOrEqual(linear.outsideBound);
      if (early!.visited < index.size) stoppedEarly++;
    }
    expect(compared).toBeGreaterThan(250);
    expect(stoppedEarly).toBeGreaterThan(compared / 2);
  });

  it("should score fewer than all mentors for mentees' defaults on the skewed population", async () => {
    const rows = mentorRows(random(7));
    const index = new MentorSearchIndex(async (after, limit) => rows.slice(after, after + limit));
    await index.refresh();
    let visited = 0;
    const searches = 50;
    for (let n = 0; n < searches; n++) {
      const m = platform.mentee(n * 7);
      const criteria = resolveCriteria(null, {
        industryCode: m.industry[0],
        occupationCode: m.occupation[0],
        skills: m.skills,
        languages: m.languages,
        city: m.city,
        country: 'CA',
        timeZone: m.timeZone,
        meetingPreferences: m.meetingPreferences,
        livedExperience: m.livedExperience,
        needs: m.needs,
        goals: m.goals,
      } as unknown as MenteeProfileRow);
      const q: RankQuery = {
        criteria,
        weights: resolveWeights(null),
        exact: [],
        excludeIds: [],
        after: null,
        limit: 20,
      };
      const early = index.candidates(q, 42, 'early')!;
      expect(sorted(early.ids)).toEqual(sorted(index.candidates(q, 42, 'linear')!.ids));
      expect(early.visited).toBeLessThan(index.size);
      visited += early.visited;
    }
    // on average well under half of the mentors are scored
    expect(visited / searches).toBeLessThan(index.size / 2);
  });
});
