/**
 * The search's in-memory index on the `seed:large` database (not a test): how long its first load takes, how many
 * candidates it hands to Postgres, the time of a page from the index (its early stop, then its scan of every
 * mentor) against Postgres alone (in turns, the same mentees), whether they give the same page, and how long a
 * write to a mentor's read model takes to reach search; then the candidates scored in matching (Postgres adds only
 * goals) against scored by the SQL, in turns: the same pages, and the CPU of matching and of Postgres per page.
 *
 *   DATABASE_URL=… npx tsx bench/matching/search-index.probe.ts [--mentees 200] [--only scoring]
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import pg from 'pg';
import { PreparingClient, type Database } from '@tandem/subgraph-kit';
import { TEXT_QUERIES } from '../../scripts/bench/scenarios';
import { SearchRepository, type RankQuery } from '../../services/matching/src/modules/search/search.repository';
import { resolveCriteria } from '../../services/matching/src/modules/search/search.service';
import { resolveWeights } from '../../services/matching/src/modules/search/score';
import {
  menteeColumns,
  type MenteeProfileRow,
} from '../../services/matching/src/modules/read-models/read-model.repository';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MENTEES = arg('mentees', 200);
const ONLY_SCORING = process.argv.includes('scoring');
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (n: number) => n.toFixed(1);

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL: the seed:large database');
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    options: '-c search_path=matching,public',
    application_name: 'search-index-probe',
    // statements prepared as in the services (the kit's client)
    Client: PreparingClient,
  });
  // a client's query(text, values) as TypeORM calls it: the kit's client prepares it (pool.query would not)
  const run = async (sql: string, params?: unknown[]) => {
    const client = await pool.connect();
    try {
      return await client.query(sql, params);
    } finally {
      client.release();
    }
  };
  const db = {
    query: async (sql: string, params?: unknown[]) => (await run(sql, params)).rows,
    one: async (sql: string, params?: unknown[]) => (await run(sql, params)).rows[0] ?? null,
    execute: async (sql: string, params?: unknown[]) => (await run(sql, params)).rowCount ?? 0,
  } as unknown as Database;
  const repo = new SearchRepository(db);
  process.stdout.write(
    `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}\n`,
  );
  let t = performance.now();
  await repo.index.refresh();
  process.stdout.write(`first load: ${repo.index.size} mentors in ${ms(performance.now() - t)} ms\n`);
  t = performance.now();
  await repo.index.refresh();
  process.stdout.write(`a refresh with nothing written: ${ms(performance.now() - t)} ms\n`);

  const mentees = await db.query<MenteeProfileRow>(
    `SELECT ${menteeColumns()} FROM mentee_profile ORDER BY md5(user_id::text) LIMIT $1`,
    [MENTEES],
  );
  if (ONLY_SCORING) {
    await compareScoring(db, repo, mentees);
    await pool.end();
    return;
  }
  for (const text of [false, true]) {
    const fast: number[] = [];
    const linear: number[] = [];
    const slow: number[] = [];
    const counts: number[] = [];
    const inMemory: number[] = [];
    const inMemoryLinear: number[] = [];
    const visited: number[] = [];
    const refresh: number[] = [];
    let differ = 0;
    let fallbacks = 0;
    for (const [n, mentee] of mentees.entries()) {
      const criteria = resolveCriteria(text ? { goals: TEXT_QUERIES[n % TEXT_QUERIES.length] } : null, mentee);
      const q: RankQuery = {
        criteria,
        weights: resolveWeights(null),
        exact: [],
        excludeIds: [mentee.userId],
        after: null,
        limit: 20,
      };
      let cpu = process.cpuUsage();
      const early = repo.index.candidates(q, 2 * (q.limit + 1), 'early');
      let used = process.cpuUsage(cpu);
      inMemory.push((used.user + used.system) / 1000);
      counts.push(early?.ids.length ?? -1);
      visited.push(early?.visited ?? -1);
      cpu = process.cpuUsage();
      repo.index.candidates(q, 2 * (q.limit + 1), 'linear');
      used = process.cpuUsage(cpu);
      inMemoryLinear.push((used.user + used.system) / 1000);
      let s = performance.now();
      s = performance.now();
      await repo.index.refresh();
      refresh.push(performance.now() - s);
      // in turns: the index's early stop, its scan of every mentor, then Postgres alone
      repo.index.scan = 'early';
      s = performance.now();
      const a = await repo.rankFromIndex(q);
      fast.push(performance.now() - s);
      repo.index.scan = 'linear';
      s = performance.now();
      const c = await repo.rankFromIndex(q);
      linear.push(performance.now() - s);
      repo.index.scan = 'early';
      s = performance.now();
      const b = await repo.rankInSql(q);
      slow.push(performance.now() - s);
      const page = (rows: typeof b | null) => rows?.map((r) => `${r.userId}:${r.score}`).join();
      if (!a || !c) fallbacks++;
      else if (page(a) !== page(b) || page(c) !== page(b)) differ++;
    }
    process.stdout.write(
      `${text ? 'text query' : 'mentee defaults'} (${mentees.length} mentees, 1 at a time): index (early stop) p50 ${ms(percentile(fast, 50))} ms, p99 ${ms(percentile(fast, 99))} ms; ` +
        `index (scan of every mentor) p50 ${ms(percentile(linear, 50))} ms, p99 ${ms(percentile(linear, 99))} ms; ` +
        `Postgres alone p50 ${ms(percentile(slow, 50))} ms, p99 ${ms(percentile(slow, 99))} ms; candidates p50 ${percentile(counts, 50)}, p99 ${percentile(counts, 99)}, max ${Math.max(...counts)}; ` +
        `CPU of the candidates in memory: early stop p50 ${ms(percentile(inMemory, 50))} ms, p99 ${ms(percentile(inMemory, 99))} ms, ` +
        `scan of every mentor p50 ${ms(percentile(inMemoryLinear, 50))} ms, p99 ${ms(percentile(inMemoryLinear, 99))} ms; ` +
        `mentors scored by the early stop p50 ${percentile(visited, 50)}, p99 ${percentile(visited, 99)} of ${repo.index.size}; refresh p50 ${ms(percentile(refresh, 50))} ms; fell back to SQL ${fallbacks}; pages that differ ${differ}\n`,
    );
  }

  // a write to the read model (as the profile event's handler makes it) until search ranks by it
  const [mentor] = await db.query<{ userId: string; headline: string }>(
    `SELECT user_id AS "userId", headline FROM mentor_profile WHERE status = 'APPROVED' AND has_capacity ORDER BY user_id DESC LIMIT 1`,
  );
  const mentee = mentees[0];
  const criteria = resolveCriteria({ goals: '' }, mentee);
  const q: RankQuery = { criteria, weights: resolveWeights(null), exact: [], excludeIds: [], after: null, limit: 20 };
  const [original] = await db.query<Record<string, unknown>>(
    `SELECT occupation_code, occupation_family, industry_code, industry_family, skills, lived_experience, languages,
            meeting_preferences, city, time_zone, country FROM mentor_profile WHERE user_id = $1`,
    [mentor.userId],
  );
  const reach: number[] = [];
  for (let i = 0; i < 5; i++) {
    const perfect = i % 2 === 0;
    const s = performance.now();
    await db.execute(
      `UPDATE mentor_profile SET occupation_code = $2, occupation_family = left($2, 2), industry_code = $3, industry_family = left($3, 2),
         skills = $4, lived_experience = $5, languages = $6, meeting_preferences = $7, city = $8, time_zone = $9, country = $10 WHERE user_id = $1`,
      perfect
        ? [
            mentor.userId,
            mentee.occupationCode,
            mentee.industryCode,
            criteria.skills,
            criteria.livedExperience,
            criteria.languages,
            criteria.meetingPreferences,
            mentee.city,
            mentee.timeZone,
            mentee.country,
          ]
        : [mentor.userId, '99999', '99999', [], [], [], [], null, null, null],
    );
    const page = (await repo.rankFromIndex(q))!;
    reach.push(performance.now() - s);
    if (page.some((r) => r.userId === mentor.userId) !== perfect) throw new Error('the write did not reach search');
  }
  await db.execute(
    `UPDATE mentor_profile SET (occupation_code, occupation_family, industry_code, industry_family, skills, lived_experience, languages,
       meeting_preferences, city, time_zone, country) = ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) WHERE user_id = $1`,
    [mentor.userId, ...Object.values(original)],
  );
  process.stdout.write(
    `a mentor's write until the next search ranks by it (write + search): median ${ms(percentile(reach, 50))} ms, max ${ms(Math.max(...reach))} ms\n`,
  );
  await compareScoring(db, repo, mentees);
  process.stdout.write(
    `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}\n`,
  );
  await pool.end();
}

await main();

/**
 * CPU seconds the probe's Postgres backends have used so far (/proc, so Postgres on this machine only), asked on
 * the monitor's own connection so the question is not counted.
 */
async function postgresCpu(monitor: pg.Client): Promise<number> {
  const { rows: backends } = await monitor.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE application_name = 'search-index-probe'`,
  );
  let ticks = 0;
  for (const { pid } of backends) {
    // utime and stime: fields 14 and 15, counted after the command's closing parenthesis
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100; // USER_HZ
}

/**
 * The candidates scored in matching (`memory`: Postgres adds goals' ts_rank to the index's sum of the other terms)
 * against scored by the SQL (`sql`), every mentee in one mode then in the other, four times in alternating order:
 * the pages compared (ids, scores and goals similarities, exactly), the CPU of this process per page (the index's
 * candidates and the driver) and of Postgres's backends over each run of pages (/proc counts ticks of 10 ms).
 */
async function compareScoring(db: Database, memoryRepo: SearchRepository, mentees: MenteeProfileRow[]) {
  const sqlRepo = new SearchRepository(db, { useIndex: true, score: 'sql' });
  await sqlRepo.index.refresh();
  const monitor = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'probe-monitor' });
  await monitor.connect();
  const repos = { memory: memoryRepo, sql: sqlRepo };
  // past the re-read window of the first loads, so that no run of pages pays for re-reading them
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  for (const repo of Object.values(repos)) for (let i = 0; i < 2; i++) await repo.index.refresh();
  for (const text of [false, true]) {
    const queries = mentees.map((mentee, n): RankQuery => ({
      criteria: resolveCriteria(text ? { goals: TEXT_QUERIES[n % TEXT_QUERIES.length] } : null, mentee),
      weights: resolveWeights(null),
      exact: [],
      excludeIds: [mentee.userId],
      after: null,
      limit: 20,
    }));
    const wall = { memory: [] as number[], sql: [] as number[] };
    const cpu = { memory: [] as number[], sql: [] as number[] };
    const postgres = { memory: 0, sql: 0 };
    const pages = { memory: [] as Array<string | undefined>, sql: [] as Array<string | undefined> };
    let fallbacks = 0;
    for (let round = 0; round < 4; round++) {
      for (const mode of round % 2 ? (['sql', 'memory'] as const) : (['memory', 'sql'] as const)) {
        const repo = repos[mode];
        const pgBefore = await postgresCpu(monitor);
        for (const [n, q] of queries.entries()) {
          // rankFromIndex reads what was written since, as a search does: its refresh is counted
          const before = process.cpuUsage();
          const s = performance.now();
          const rows = await repo.rankFromIndex(q);
          wall[mode].push(performance.now() - s);
          const used = process.cpuUsage(before);
          cpu[mode].push((used.user + used.system) / 1000);
          if (!rows) fallbacks++;
          pages[mode][n] = rows?.map((r) => `${r.userId}:${r.score}:${r.goalsSim}`).join();
        }
        postgres[mode] += (await postgresCpu(monitor)) - pgBefore;
      }
    }
    const differ = queries.filter((_, n) => pages.memory[n] !== pages.sql[n]).length;
    const per = (seconds: number) => ms((seconds * 1000) / (4 * queries.length));
    process.stdout.write(
      `${text ? 'text query' : 'mentee defaults'} (${mentees.length} mentees, 4 runs each way): ` +
        `scored in matching: page p50 ${ms(percentile(wall.memory, 50))} ms, CPU here p50 ${ms(percentile(cpu.memory, 50))} ms, Postgres CPU ${per(postgres.memory)} ms per page; ` +
        `scored by the SQL: page p50 ${ms(percentile(wall.sql, 50))} ms, CPU here p50 ${ms(percentile(cpu.sql, 50))} ms, Postgres CPU ${per(postgres.sql)} ms per page; ` +
        `fell back to SQL ${fallbacks}; pages that differ ${differ}\n`,
    );
  }
  await monitor.end();
}
