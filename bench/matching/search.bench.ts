/**
 * Matching benchmark (not a test): 100,000 approved mentors generated with SQL straight into a fresh
 * database's matching read model (skewed industries, occupations and skills), the matching subgraph
 * started on it, then `searchMentors` with default criteria (the mentee's profile) timed through the
 * subgraph over HTTP with the gateway secret and a mentee principal; then cohort matching of 1,000
 * mentees and 300 mentors with capacities 1 to 5 through `runCohortMatching`.
 *
 *   npx tsx bench/matching/search.bench.ts          (TEST_DATABASE_URL / DATABASE_URL, else an embedded PostgreSQL)
 *
 * Prints the figures and writes them to bench/results/matching.json. Targets: search median < 50 ms,
 * p99 < 150 ms; cohort < 5 s.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pino } from 'pino';
import { HEADERS, encodePrincipal, type Principal } from '@tandem/contracts';
import { migrateService, runService } from '@tandem/subgraph-kit';
import { provisionTestDatabase } from '@tandem/testkit';
import { matching } from '@tandem/matching';
import { SearchRepository } from '../../services/matching/src/modules/search/search.repository';
import { resolveCriteria } from '../../services/matching/src/modules/search/search.service';
import { DEFAULT_WEIGHTS } from '../../services/matching/src/modules/search/score';
import { menteeColumns } from '../../services/matching/src/modules/read-models/read-model.repository';

const MENTORS = Number(process.env.BENCH_MENTORS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const COHORT_MENTEES = 1000;
const COHORT_MENTORS = 300;
const here = dirname(fileURLToPath(import.meta.url));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (n: number) => Math.round(n * 10) / 10;

async function main() {
  const db = await provisionTestDatabase();
  process.stdout.write(`database: ${db.origin}\n`);
  const log = pino({ level: 'silent' });
  const client = new pg.Client({ connectionString: db.url });
  let service: Awaited<ReturnType<typeof runService>> | null = null;
  try {
    await migrateService(matching, db.url, log);
    await client.connect();
    await client.query(`SET search_path = matching, public`);

    // ---- 100,000 mentors (skewed: industry and occupation families and skills follow power laws) ----
    let t = Date.now();
    await client.query(`SELECT setseed(0.42)`);
    await client.query(`
      INSERT INTO mentor_profile (user_id, display_name, status, headline, industry_code, industry_label, industry_family,
        occupation_code, occupation_label, occupation_family, years_experience, skills, languages, city, country, time_zone,
        meeting_preferences, hours_per_month, capacity, lived_experience, employer, paused_until, organization_id, changed_at, has_capacity)
      SELECT gen_random_uuid(), 'Mentor ' || g, 'APPROVED',
             (ARRAY['Engineer','Nurse','Accountant','Developer','Designer','Manager','Analyst','Teacher'])[1 + (g % 8)] || ' who helps with ' ||
             (ARRAY['licensing','networking','interviews','accreditation','resumes','career change','leadership','exams'])[1 + ((g / 8) % 8)],
             ind, 'Industry ' || ind, left(ind, 2), occ, 'Occupation ' || occ, left(occ, 2), 1 + (g % 35),
             ARRAY(SELECT DISTINCT 'skill' || floor(200 * power(random(), 3))::int FROM generate_series(1, 3 + (g % 6))),
             CASE WHEN g % 10 < 9 THEN ARRAY['en'] ELSE ARRAY['fr'] END || CASE WHEN g % 3 = 0 THEN ARRAY['fr'] ELSE ARRAY[]::text[] END
               || CASE WHEN g % 7 = 0 THEN ARRAY['es'] WHEN g % 11 = 0 THEN ARRAY['zh'] ELSE ARRAY[]::text[] END,
             (ARRAY['Toronto','Ottawa','Montreal','Vancouver','Calgary','Edmonton','Winnipeg','Halifax','Victoria','Regina'])[1 + floor(10 * power(random(), 2))::int],
             'CA',
             (ARRAY['America/Toronto','America/Toronto','America/Toronto','America/Vancouver','America/Edmonton','America/Edmonton','America/Winnipeg','America/Halifax','America/Vancouver','America/Regina'])[1 + (g % 10)],
             CASE g % 4 WHEN 0 THEN ARRAY['VIDEO','PHONE'] WHEN 1 THEN ARRAY['IN_PERSON'] WHEN 2 THEN ARRAY['VIDEO'] ELSE ARRAY['IN_PERSON','VIDEO'] END,
             4, 1 + (g % 5),
             CASE WHEN g % 3 = 0 THEN ARRAY['newcomer'] ELSE ARRAY[]::text[] END || CASE WHEN g % 5 = 0 THEN ARRAY['career-change'] ELSE ARRAY[]::text[] END
               || CASE WHEN g % 13 = 0 THEN ARRAY['single-parent'] ELSE ARRAY[]::text[] END,
             'Employer ' || (g % 500), CASE WHEN g % 50 = 0 THEN current_date + 30 ELSE NULL END, NULL, now(), random() >= 0.1
      FROM generate_series(1, ${MENTORS}) g,
           LATERAL (SELECT (11 + floor(30 * power(random(), 2.5)))::int::text || lpad(floor(random() * 30)::int::text, 4, '0') AS ind,
                           (10 + floor(40 * power(random(), 2)))::int::text || lpad(floor(random() * 20)::int::text, 3, '0') AS occ,
                           g AS gg) x`);
    // the text search vector as the MentorProfileChanged handler computes it
    await client.query(`UPDATE mentor_profile SET search_tsv = setweight(to_tsvector('english', coalesce(headline, '')), 'A')
      || setweight(to_tsvector('english', array_to_string(skills, ' ')), 'B') || setweight(to_tsvector('english', coalesce(occupation_label, '') || ' ' || coalesce(industry_label, '')), 'C')`);
    // load: about 10% are full
    await client.query(`INSERT INTO mentor_load (user_id, active_mentees, capacity)
      SELECT user_id, CASE WHEN has_capacity THEN floor(random() * capacity)::int ELSE capacity END, capacity FROM mentor_profile`);
    // a table in steady state is not bloated by the bulk update above
    await client.query(`VACUUM FULL ANALYZE mentor_profile`);
    await client.query(`VACUUM ANALYZE mentor_load`);
    const generatedMs = Date.now() - t;
    const [{ eligible }] = (
      await client.query(
        `SELECT count(*)::int AS eligible FROM mentor_profile WHERE status = 'APPROVED' AND has_capacity AND (paused_until IS NULL OR paused_until <= current_date)`,
      )
    ).rows;
    process.stdout.write(`generated ${MENTORS} mentors (${eligible} eligible) in ${generatedMs} ms\n`);

    // ---- mentees with default criteria: the most common industry family, a middling one, a rare one ----
    const popular = (
      await client.query(
        `SELECT industry_code, occupation_code FROM mentor_profile GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
      )
    ).rows[0];
    const middling =
      (
        await client.query(
          `SELECT industry_code, occupation_code FROM mentor_profile WHERE industry_family = '20' GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
        )
      ).rows[0] ?? popular;
    const rare =
      (
        await client.query(
          `SELECT industry_code, occupation_code FROM mentor_profile WHERE industry_family = '40' LIMIT 1`,
        )
      ).rows[0] ?? popular;
    const mentees: string[] = [];
    for (const [i, pick] of [popular, middling, rare, popular, middling].entries()) {
      const id = randomUUID();
      mentees.push(id);
      await client.query(
        `INSERT INTO mentee_profile (user_id, display_name, industry_code, occupation_code, skills, languages, city, country, time_zone, meeting_preferences, lived_experience, needs, goals, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'Toronto', 'CA', 'America/Toronto', $7, $8, $9, $10, now())`,
        [
          id,
          `Mentee ${i}`,
          pick.industry_code,
          pick.occupation_code,
          ['skill1', 'skill4', `skill${10 + i * 7}`, 'skill30'],
          i % 2 ? ['fr', 'en'] : ['en'],
          ['VIDEO'],
          ['newcomer'],
          ['accreditation', 'networking'],
          ['Pass the licensing exam', 'Build a network in my field', 'Prepare for interviews'],
        ],
      );
    }
    await client.query(`ANALYZE mentee_profile`);

    // ---- plans ----
    const repo = new SearchRepository({
      query: (sql: string, params: unknown[]) => client.query(sql, params).then((r) => r.rows),
    } as never);
    const menteeRow = (
      await client.query(`SELECT ${menteeColumns()} FROM mentee_profile WHERE user_id = $1`, [mentees[0]])
    ).rows[0];
    const q = {
      criteria: resolveCriteria(null, menteeRow),
      weights: DEFAULT_WEIGHTS,
      exact: [],
      excludeIds: [mentees[0]],
      after: null,
      limit: 20,
    };
    process.stdout.write(
      `\nEXPLAIN of the ranking queries for the first mentee's default search:\n${(await repo.explain(q)).replace(/Sort Key: .*\n/g, 'Sort Key: (the score) DESC, user_id\n')}\n\n`,
    );

    // ---- the subgraph, as the gateway calls it ----
    const secret = randomBytes(24).toString('hex');
    service = await runService(
      matching,
      matching.envSchema.parse({
        NODE_ENV: 'production',
        PORT: '0',
        DATABASE_URL: db.url,
        DATABASE_POOL_SIZE: '10',
        GATEWAY_SECRET: secret,
        LOG_LEVEL: 'silent',
      }),
      { log, consumeEvents: false, runJobs: false },
    );
    const call = async (principal: Principal, query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(service!.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [HEADERS.gatewaySecret]: secret,
          [HEADERS.principal]: encodePrincipal(principal),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };
    const SEARCH = `{ searchMentors(first: 20) { edges { cursor node { mentor { id } displayName headline score explanation { criterion weight similarity contribution matched } } } pageInfo { hasNextPage endCursor } } }`;
    const asMentee = (i: number): Principal => ({
      userId: mentees[i % mentees.length],
      roles: ['MENTEE'],
      organizationId: null,
    });
    for (let i = 0; i < 30; i++) await call(asMentee(i), SEARCH); // warm-up
    const times: number[] = [];
    let firstScore = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      const data = (await call(asMentee(i), SEARCH)) as {
        searchMentors: { edges: Array<{ node: { score: number } }> };
      };
      times.push(performance.now() - started);
      if (i === 0) firstScore = data.searchMentors.edges[0]?.node.score ?? 0;
    }
    const sorted = [...times].sort((a, b) => a - b);
    const search = {
      requests: REQUESTS,
      medianMs: round(percentile(sorted, 50)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(sorted[sorted.length - 1]),
      meanMs: round(times.reduce((a, b) => a + b, 0) / times.length),
    };
    process.stdout.write(
      `searchMentors (default criteria, first: 20, ${MENTORS} mentors): median ${search.medianMs} ms, p99 ${search.p99Ms} ms, max ${search.maxMs} ms (top score ${firstScore.toFixed(3)})\n`,
    );

    // ---- cohort: 1,000 mentees, 300 mentors with capacities 1..5 ----
    t = Date.now();
    const org = randomUUID();
    const programmeId = randomUUID();
    const cohortId = randomUUID();
    await client.query(
      `INSERT INTO programme (id, name, organization_ids, changed_at) VALUES ($1, 'Bench', $2, now())`,
      [programmeId, [org]],
    );
    await client.query(`INSERT INTO cohort (id, programme_id, name) VALUES ($1, $2, 'Bench cohort')`, [
      cohortId,
      programmeId,
    ]);
    await client.query(
      `
      WITH picked AS (SELECT user_id, row_number() OVER () AS n FROM (SELECT user_id FROM mentor_profile WHERE status = 'APPROVED' AND paused_until IS NULL ORDER BY user_id LIMIT ${COHORT_MENTORS}) s)
      , upd AS (UPDATE mentor_profile p SET capacity = 1 + (picked.n % 5)::int, has_capacity = true FROM picked WHERE picked.user_id = p.user_id RETURNING p.user_id)
      INSERT INTO enrolment (user_id, programme_id, role, cohort_id, organization_id, enrolled_at) SELECT user_id, $1, 'MENTOR', $2, $3, now() FROM upd`,
      [programmeId, cohortId, org],
    );
    await client.query(
      `UPDATE mentor_load l SET active_mentees = 0, pending_matches = 0, capacity = p.capacity FROM enrolment e JOIN mentor_profile p ON p.user_id = e.user_id WHERE e.cohort_id = $1 AND l.user_id = e.user_id`,
      [cohortId],
    );
    await client.query(
      `
      INSERT INTO mentee_profile (user_id, display_name, industry_code, occupation_code, skills, languages, city, country, time_zone, meeting_preferences, lived_experience, needs, goals, employer, organization_id, changed_at)
      SELECT gen_random_uuid(), 'Cohort mentee ' || g, (11 + floor(30 * power(random(), 2.5)))::int::text || lpad(floor(random() * 30)::int::text, 4, '0'),
             (10 + floor(40 * power(random(), 2)))::int::text || lpad(floor(random() * 20)::int::text, 3, '0'),
             ARRAY(SELECT DISTINCT 'skill' || floor(200 * power(random(), 3))::int FROM generate_series(1, 4)), ARRAY['en'], 'Toronto', 'CA', 'America/Toronto',
             ARRAY['VIDEO'], CASE WHEN g % 2 = 0 THEN ARRAY['newcomer'] ELSE ARRAY[]::text[] END, ARRAY['accreditation'],
             ARRAY['Pass the licensing exam', 'Find work in my field'], 'Employer ' || (g % 500), $1, now()
      FROM generate_series(1, ${COHORT_MENTEES}) g`,
      [org],
    );
    await client.query(
      `INSERT INTO enrolment (user_id, programme_id, role, cohort_id, organization_id, enrolled_at)
      SELECT user_id, $1, 'MENTEE', $2, $3, now() FROM mentee_profile WHERE organization_id = $3`,
      [programmeId, cohortId, org],
    );
    await client.query(`ANALYZE`);
    process.stdout.write(
      `cohort of ${COHORT_MENTEES} mentees and ${COHORT_MENTORS} mentors set up in ${Date.now() - t} ms\n`,
    );
    const RUN = `mutation ($c: ID!, $o: CohortMatchObjective!) { runCohortMatching(cohortId: $c, objective: $o) { run { id matchedCount totalScore unmatched { reason } } errors { code } } }`;
    const admin: Principal = { userId: randomUUID(), roles: ['PROGRAMME_ADMIN'], organizationId: null };
    const cohort: Record<string, { ms: number; matched: number; totalScore: number }> = {};
    for (const objective of ['MAX_TOTAL_SCORE', 'MAX_MATCHED']) {
      const started = performance.now();
      const data = (await call(admin, RUN, { c: cohortId, o: objective })) as {
        runCohortMatching: { run: { matchedCount: number; totalScore: number } };
      };
      const ms = round(performance.now() - started);
      cohort[objective] = {
        ms,
        matched: data.runCohortMatching.run.matchedCount,
        totalScore: round(data.runCohortMatching.run.totalScore),
      };
      process.stdout.write(
        `runCohortMatching ${objective} (${COHORT_MENTEES} mentees × ${COHORT_MENTORS} mentors): ${ms} ms, ${cohort[objective].matched} matched, total score ${cohort[objective].totalScore}\n`,
      );
    }

    const results = {
      measuredAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        loadAverage1m: Math.round(os.loadavg()[0] * 10) / 10,
        node: process.version,
        database: db.origin,
      },
      mentors: MENTORS,
      eligibleMentors: eligible,
      search: { ...search, targets: { medianMs: 50, p99Ms: 150 }, met: search.medianMs < 50 && search.p99Ms < 150 },
      cohort: {
        mentees: COHORT_MENTEES,
        mentors: COHORT_MENTORS,
        capacities: '1..5',
        runs: cohort,
        targetMs: 5000,
        met: Object.values(cohort).every((c) => c.ms < 5000),
      },
    };
    const out = resolve(here, '../results/matching.json');
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, JSON.stringify(results, null, 2) + '\n');
    process.stdout.write(`\nwritten to ${out}\n`);
  } finally {
    await service?.stop().catch(() => {});
    await client.end().catch(() => {});
    if (process.env.BENCH_KEEP_DB) process.stdout.write(`kept database ${db.url}\n`);
    else await db.release();
  }
}

await main();
