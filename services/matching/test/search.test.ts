import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { matching } from '../src/service';
import type { RankQuery } from '../src/modules/search/search.repository';
import type { EventPayloads } from '@tandem/contracts';
import { DEFAULT_WEIGHTS } from '../src/modules/search/score';
import { given, mentee, menteeProfile, mentorProfile, programme } from './fixtures';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
beforeAll(async () => {
  // its answers cover the whole platform, so it gets a database of its own
  database = await isolatedDatabase(testDatabaseUrl(), [matching]);
  stack = await startStack({ databaseUrl: database.url, services: [matching] });
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

const SEARCH = `query ($criteria: MentorSearchCriteriaInput, $exact: [MatchingCriterion!], $first: Int, $after: String) {
  searchMentors(criteria: $criteria, exact: $exact, first: $first, after: $after) {
    edges { cursor node { mentor { id } displayName score explanation { criterion weight similarity contribution matched } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
type SearchData = {
  searchMentors: {
    edges: Array<{
      cursor: string;
      node: {
        mentor: { id: string };
        displayName: string;
        score: number;
        explanation: Array<{
          criterion: string;
          weight: number;
          similarity: number;
          contribution: number;
          matched: string[];
        }>;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

/** A world of its own per test: a unique industry code keeps other tests' mentors out of the ranking's top. */
const uniqueCode = () =>
  String(10 + Math.floor(Math.random() * 89)) + String(Math.floor(Math.random() * 1e4)).padStart(4, '0');

describe('searchMentors', () => {
  it('should rank by the weighted score with a hand-checkable explanation, using the mentee profile as defaults', async () => {
    const industry = uniqueCode();
    const sameFamily = industry.slice(0, 2) + '9999';
    const me = menteeProfile({
      industry: { code: industry, label: 'X' },
      skills: ['Python', 'SQL'],
      languages: ['fr'],
      needs: ['newcomer'],
      livedExperience: [],
    });
    const best = mentorProfile({
      displayName: 'Best',
      industry: { code: industry, label: 'X' },
      skills: ['python', 'sql'],
      languages: ['fr', 'en'],
      livedExperience: ['newcomer'],
    });
    const family = mentorProfile({
      displayName: 'Family',
      industry: { code: sameFamily, label: 'Y' },
      skills: ['python'],
      languages: ['en'],
    });
    await given(stack, ['MenteeProfileChanged', me], ['MentorProfileChanged', best], ['MentorProfileChanged', family]);

    const res = await stack.gql<SearchData>(SEARCH, { criteria: {}, exact: ['INDUSTRY'] }, { as: mentee(me.userId) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.searchMentors.edges.map((e) => e.node.displayName)).toEqual(['Best']);
    // the total counts every mentor the search lists, over all pages (here: the one of this industry)
    const counted = await stack.gql<{ searchMentors: { totalCount: number } }>(
      `query { searchMentors(criteria: { industryCode: "${industry}" }, exact: [INDUSTRY], first: 1) { totalCount } }`,
      {},
      { as: mentee(me.userId) },
    );
    expect(counted.data!.searchMentors.totalCount).toBe(1);

    const all = await stack.gql<SearchData>(SEARCH, { first: 2 }, { as: mentee(me.userId) });
    const [first, second] = all.data!.searchMentors.edges.map((e) => e.node);
    expect(first.displayName).toBe('Best');
    // weights used: industry .15, skills .2, languages .1, lived .15 (total .6)
    expect(first.score).toBeCloseTo(1, 9);
    expect(second.displayName).toBe('Family');
    // (.15 × .5 + .2 × .5 + .1 × 0 + .15 × 0) / .6 = .175 / .6
    expect(second.score).toBeCloseTo(0.175 / 0.6, 9);
    const byCriterion = Object.fromEntries(second.explanation.map((e) => [e.criterion, e]));
    expect(byCriterion.INDUSTRY).toMatchObject({ similarity: 0.5, matched: [`${industry.slice(0, 2)} (family)`] });
    expect(byCriterion.INDUSTRY.weight).toBeCloseTo(0.25, 9);
    expect(byCriterion.INDUSTRY.contribution).toBeCloseTo(0.125, 9);
    expect(byCriterion.SKILLS).toMatchObject({ similarity: 0.5, matched: ['python'] });
    expect(byCriterion.LANGUAGES).toMatchObject({ similarity: 0, matched: [] });
    expect(byCriterion.LIVED_EXPERIENCE.similarity).toBe(0);
  });

  it('should never return unapproved, paused, at-capacity or declining mentors, nor the mentee themselves', async () => {
    const industry = uniqueCode();
    const ind = { code: industry, label: 'X' };
    const me = menteeProfile({ industry: ind });
    const visible = mentorProfile({ displayName: 'Visible', industry: ind });
    const pending = mentorProfile({ displayName: 'Pending', industry: ind, status: 'PENDING_REVIEW' });
    const paused = mentorProfile({ displayName: 'Paused', industry: ind, pausedUntil: '2999-01-01' });
    const pausedBefore = mentorProfile({ displayName: 'Back', industry: ind, pausedUntil: '2020-01-01' });
    const full = mentorProfile({ displayName: 'Full', industry: ind, capacity: 1 });
    const self = mentorProfile({ userId: me.userId, displayName: 'Me', industry: ind });
    await given(
      stack,
      ['MenteeProfileChanged', me],
      ...[visible, pending, paused, pausedBefore, full, self].map(
        (m) => ['MentorProfileChanged', m] as ['MentorProfileChanged', typeof m],
      ),
    );
    await given(stack, [
      'RelationshipStarted',
      {
        relationshipId: randomUUID(),
        menteeId: randomUUID(),
        mentorId: full.userId,
        programmeId: randomUUID(),
        organizationId: null,
        matchId: randomUUID(),
        cohortId: null,
        startedOn: '2026-01-01',
        plannedEndOn: '2026-05-01',
      },
    ]);
    const names = async () =>
      (await stack.gql<SearchData>(SEARCH, { exact: ['INDUSTRY'] }, { as: mentee(me.userId) }))
        .data!.searchMentors.edges.map((e) => e.node.displayName)
        .sort();
    expect(await names()).toEqual(['Back', 'Visible']);

    // a mentor who declined this mentee is hidden for 90 days
    await stack.sql(
      `INSERT INTO matching.mentoring_request (id, mentee_id, mentor_id, programme_id, message, status, decline_reason, sent_at, expires_at, responded_at)
       VALUES ($1, $2, $3, $4, 'hi', 'DECLINED', 'busy', now() - interval '10 days', now(), now() - interval '9 days')`,
      [randomUUID(), me.userId, visible.userId, randomUUID()],
    );
    expect(await names()).toEqual(['Back']);
    // another mentee still sees them
    const other = principal('MENTEE');
    const forOther = await stack.gql<SearchData>(
      SEARCH,
      { criteria: { industryCode: industry }, exact: ['INDUSTRY'] },
      { as: other },
    );
    expect(forOther.data!.searchMentors.edges.map((e) => e.node.displayName).sort()).toEqual(['Back', 'Me', 'Visible']);
  });

  it("should search for a mentee of the coach's organisation with that mentee's defaults and exclusions, and for nobody else's", async () => {
    const industry = uniqueCode();
    const ind = { code: industry, label: 'X' };
    const org = randomUUID();
    const me = menteeProfile({ industry: ind, organizationId: org });
    const kind = mentorProfile({ displayName: 'Kind', industry: ind });
    const declining = mentorProfile({ displayName: 'Declining', industry: ind });
    const self = mentorProfile({ userId: me.userId, displayName: 'Me', industry: ind });
    await given(
      stack,
      ['MenteeProfileChanged', me],
      ...[kind, declining, self].map((m) => ['MentorProfileChanged', m] as ['MentorProfileChanged', typeof m]),
    );
    await stack.sql(
      `INSERT INTO matching.mentoring_request (id, mentee_id, mentor_id, programme_id, message, status, decline_reason, sent_at, expires_at, responded_at)
       VALUES ($1, $2, $3, $4, 'hi', 'DECLINED', 'busy', now() - interval '10 days', now(), now() - interval '9 days')`,
      [randomUUID(), me.userId, declining.userId, randomUUID()],
    );
    const FOR = `query ($m: ID!) { searchMentors(menteeId: $m, exact: [INDUSTRY]) { edges { node { displayName } } } }`;
    const names = (res: { data?: { searchMentors: { edges: Array<{ node: { displayName: string } }> } } | null }) =>
      res.data!.searchMentors.edges.map((e) => e.node.displayName).sort();
    // the mentee's own industry is the default criterion; the mentee and the mentor who declined them are left out
    expect(names(await stack.gql(FOR, { m: me.userId }, { as: principal('COACH', org) }))).toEqual(['Kind']);
    expect(names(await stack.gql(FOR, { m: me.userId }, { as: principal('PROGRAMME_ADMIN') }))).toEqual(['Kind']);
    expect(names(await stack.gql(FOR, { m: me.userId }, { as: mentee(me.userId) }))).toEqual(['Kind']);
    // a coach of another organisation, another mentee, an unknown id: no such mentee
    for (const [as, id] of [
      [principal('COACH', randomUUID()), me.userId],
      [principal('MENTEE'), me.userId],
      [principal('COACH', org), randomUUID()],
      [principal('COACH', org), 'nope'],
    ] as const) {
      expect((await stack.gql(FOR, { m: id }, { as })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('should page with opaque cursors without repeating or skipping anyone', async () => {
    const industry = uniqueCode();
    const mentors = Array.from({ length: 7 }, (_, i) =>
      mentorProfile({
        displayName: `M${i}`,
        industry: { code: i % 2 ? industry : industry.slice(0, 2) + '0000', label: 'X' },
        skills: i % 3 ? ['a'] : [],
      }),
    );
    await given(stack, ...mentors.map((m) => ['MentorProfileChanged', m] as ['MentorProfileChanged', typeof m]));
    const seen: string[] = [];
    let after: string | null = null;
    let scores: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res: { data?: SearchData | null } = await stack.gql<SearchData>(
        SEARCH,
        { criteria: { industryCode: industry, skills: ['a'] }, exact: [], first: 3, after },
        { as: principal('MENTEE') },
      );
      const page = res.data!.searchMentors;
      seen.push(...page.edges.map((e) => e.node.mentor.id));
      scores.push(...page.edges.map((e) => e.node.score));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const ours = new Set(mentors.map((m) => m.userId));
    const mine = seen.filter((id) => ours.has(id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(mine.length).toBe(7);
    scores = scores.slice(0, 7);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('should apply the programme weights and keep the newest profile snapshot', async () => {
    const industry = uniqueCode();
    const prog = programme({ matchingWeights: { industry: 1, languages: 3 } });
    const me = menteeProfile({ industry: { code: industry, label: 'X' }, languages: ['es'] });
    const m = mentorProfile({ industry: { code: industry, label: 'X' }, languages: ['en'] });
    await given(stack, ['ProgrammeChanged', prog], ['MenteeProfileChanged', me], ['MentorProfileChanged', m]);
    const older = { ...m, languages: ['es'], changedAt: '2000-01-01T00:00:00Z' };
    await given(stack, ['MentorProfileChanged', older]);
    const res = await stack.gql<SearchData>(
      SEARCH,
      { criteria: { programmeId: prog.programmeId }, exact: ['INDUSTRY'] },
      { as: mentee(me.userId) },
    );
    const node = res.data!.searchMentors.edges[0].node;
    // industry 1 × 1 + languages 3 × 0 over 4
    expect(node.score).toBeCloseTo(0.25, 9);
    await given(stack, ['MentorProfileChanged', { ...m, languages: ['es'], changedAt: new Date().toISOString() }]);
    const again = await stack.gql<SearchData>(
      SEARCH,
      { criteria: { programmeId: prog.programmeId }, exact: ['INDUSTRY'] },
      { as: mentee(me.userId) },
    );
    expect(again.data!.searchMentors.edges[0].node.score).toBeCloseTo(1, 9);
  });

  it('should weigh by the latest enrolment when no programme is asked, and hide only the last 90 days of declines, when a search starts', async () => {
    const industry = uniqueCode();
    const ind = { code: industry, label: 'X' };
    const earlier = programme({ matchingWeights: { industry: 1, languages: 0 } });
    const latest = programme({ matchingWeights: { industry: 1, languages: 3 } });
    const me = menteeProfile({ industry: ind, languages: ['es'] });
    const [kept, byRequest, byProposal, longAgo] = ['Kept', 'ByRequest', 'ByProposal', 'LongAgo'].map((displayName) =>
      mentorProfile({ displayName, industry: ind, languages: ['en'] }),
    );
    const enrol = (
      programmeId: string,
      enrolledAt: string,
    ): ['ProgrammeEnrolled', EventPayloads['ProgrammeEnrolled']] => [
      'ProgrammeEnrolled',
      { userId: me.userId, programmeId, cohortId: null, role: 'MENTEE', organizationId: null, enrolledAt },
    ];
    await given(
      stack,
      ['ProgrammeChanged', earlier],
      ['ProgrammeChanged', latest],
      ['MenteeProfileChanged', me],
      ...[kept, byRequest, byProposal, longAgo].map(
        (m) => ['MentorProfileChanged', m] as ['MentorProfileChanged', typeof m],
      ),
      enrol(earlier.programmeId, '2026-01-01T00:00:00Z'),
      enrol(latest.programmeId, '2026-06-01T00:00:00Z'),
    );
    const declined = (table: 'request' | 'proposal', mentorId: string, daysAgo: number) =>
      table === 'request'
        ? stack.sql(
            `INSERT INTO matching.mentoring_request (id, mentee_id, mentor_id, programme_id, message, status, decline_reason, sent_at, expires_at, responded_at)
             VALUES ($1, $2, $3, $4, 'hi', 'DECLINED', 'busy', now() - make_interval(days => $5 + 1), now(), now() - make_interval(days => $5))`,
            [randomUUID(), me.userId, mentorId, latest.programmeId, daysAgo],
          )
        : stack.sql(
            `INSERT INTO matching.match_proposal (id, mentee_id, mentor_id, coach_id, programme_id, note, status, decline_reason, proposed_at, responded_at)
             VALUES ($1, $2, $3, $4, $5, 'a fit', 'DECLINED', 'busy', now() - make_interval(days => $6 + 1), now() - make_interval(days => $6))`,
            [randomUUID(), me.userId, mentorId, randomUUID(), latest.programmeId, daysAgo],
          );
    await declined('request', byRequest.userId, 9);
    await declined('proposal', byProposal.userId, 9);
    await declined('request', longAgo.userId, 100);
    const search = async (programmeId?: string) => {
      const res = await stack.gql<SearchData>(
        SEARCH,
        { criteria: programmeId === undefined ? {} : { programmeId }, exact: ['INDUSTRY'] },
        { as: mentee(me.userId) },
      );
      expect(res.errors).toBeUndefined();
      const edges = res.data!.searchMentors.edges;
      return { names: edges.map((e) => e.node.displayName).sort(), score: edges[0].node.score };
    };
    // the latest enrolment's programme: industry 1 × 1 + languages 3 × 0 over 4
    expect(await search()).toEqual({ names: ['Kept', 'LongAgo'], score: expect.closeTo(0.25, 9) });
    // the programme asked wins over the enrolments
    expect((await search(earlier.programmeId)).score).toBeCloseTo(1, 9);
    // a programme asked that matching does not know, or no uuid at all: the defaults, not the enrolment's
    const defaults = DEFAULT_WEIGHTS.INDUSTRY / (DEFAULT_WEIGHTS.INDUSTRY + DEFAULT_WEIGHTS.LANGUAGES);
    expect((await search(randomUUID())).score).toBeCloseTo(defaults, 9);
    expect(await search('no-such-programme')).toEqual({
      names: ['Kept', 'LongAgo'],
      score: expect.closeTo(defaults, 9),
    });
  });
});

describe('ranking with pruning', () => {
  it('should return exactly what ranking every eligible mentor returns, page after page', async () => {
    const { SearchRepository } = await import('../src/modules/search/search.repository');
    const { buildRankVariant } = await import('../src/modules/search/search.ranking');
    const { DEFAULT_WEIGHTS } = await import('../src/modules/search/score');
    const db = stack.services.matching.runtime.db;
    const repo = new SearchRepository(db);
    // 600 mentors in two code families (a few without codes), skewed skills and lived experience (straight into the read model)
    await stack.sql(`
      INSERT INTO matching.mentor_profile (user_id, display_name, status, industry_code, industry_family, occupation_code, occupation_family, skills, languages,
        city, country, time_zone, meeting_preferences, capacity, lived_experience, changed_at, headline, search_tsv)
      SELECT gen_random_uuid(), 'P' || g, 'APPROVED', CASE WHEN g % 37 = 0 THEN NULL ELSE ind END, CASE WHEN g % 37 = 0 THEN NULL ELSE left(ind, 2) END,
             CASE WHEN g % 41 = 0 THEN NULL ELSE occ END, CASE WHEN g % 41 = 0 THEN NULL ELSE left(occ, 2) END,
             ARRAY(SELECT DISTINCT 's' || floor(12 * power(random(), 2))::int FROM generate_series(1, 1 + (g % 6))), CASE WHEN g % 3 = 0 THEN '{fr}'::text[] ELSE '{en}'::text[] END,
             CASE WHEN g % 4 = 0 THEN 'Toronto' ELSE 'Ottawa' END, 'CA', 'America/Toronto', CASE WHEN g % 2 = 0 THEN '{VIDEO}'::text[] ELSE '{PHONE}'::text[] END, 2,
             ARRAY(SELECT DISTINCT (ARRAY['newcomer', 'career-change', 'single-parent', 'refugee'])[1 + floor(4 * power(random(), 2))::int] FROM generate_series(1, g % 3)),
             now(), 'Helps with exams', to_tsvector('english', 'Helps with exams')
      FROM generate_series(1, 600) g, LATERAL (SELECT (CASE WHEN random() < 0.7 THEN '97' ELSE '98' END) || floor(random() * 4)::int::text || '000' AS ind,
                                                  (CASE WHEN random() < 0.6 THEN '96' ELSE '95' END) || floor(random() * 3)::int::text || '00' AS occ, g AS gg) x`);
    let seed = 3;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pick = <T>(values: T[], n: number) => [
      ...new Set(Array.from({ length: n }, () => values[Math.floor(rand() * values.length)])),
    ];
    const skills = Array.from({ length: 12 }, (_, i) => `s${i}`);
    const lived = ['newcomer', 'career-change', 'single-parent', 'refugee'];
    // a programme that weighs what the indexes cannot prune on (languages, location) heavily, as well as the defaults
    const weights = [DEFAULT_WEIGHTS, { ...DEFAULT_WEIGHTS, LANGUAGES: 0.5, LOCATION: 0.3, SKILLS: 0.05 }];
    let seeded = 0;
    for (let trial = 0; trial < 15; trial++) {
      // every third trial asks codes nobody has, in families many have: the seed widens to the code family
      const rare = trial % 3 === 2;
      const criteria = {
        industryCode: `9${7 + (trial % 2)}${rare ? 9 : Math.floor(rand() * 4)}000`,
        occupationCode: trial % 5 === 4 ? null : `9${5 + Math.floor(rand() * 2)}${rare ? 9 : Math.floor(rand() * 3)}00`,
        // 1 to 9 skills: up to 6 are counted exactly by the bound, more only as "any overlap"
        skills: pick(skills, 1 + (trial % 9)),
        languages: ['en'],
        city: 'Toronto',
        country: 'CA',
        timeZone: null,
        meetingPreferences: ['VIDEO'],
        livedExperience: pick(lived, trial % 4),
        goals: trial % 3 ? 'exams' : null,
      };
      let after: { score: number; id: string } | null = null;
      for (let page = 0; page < 4; page++) {
        const q: RankQuery = { criteria, weights: weights[trial % 2], exact: [], excludeIds: [], after, limit: 7 };
        if (buildRankVariant(q, { seed: 'code' })) seeded += 1;
        if (rare && page === 0) {
          const family = buildRankVariant(q, { seed: 'family' })!;
          const code = buildRankVariant(q, { seed: 'code' })!;
          expect((await db.query(code.sql, code.params)).length).toBe(0);
          expect((await db.query(family.sql, family.params)).length).toBe(q.limit + 1);
        }
        const pruned = await repo.rank(q);
        const full = buildRankVariant(q, 'full')!;
        const expected = await db.query<{ userId: string; score: number }>(full.sql, full.params);
        expect(pruned.map((r) => r.userId)).toEqual(expected.map((r) => r.userId));
        expect(pruned.map((r) => r.score)).toEqual(expected.map((r) => Number(r.score)));
        const last = pruned[Math.min(pruned.length, q.limit) - 1];
        after = { score: last.score, id: last.userId };
      }
    }
    expect(seeded).toBeGreaterThan(30);
  });
});
