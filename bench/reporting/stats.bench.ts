/**
 * Reporting benchmark (not a test): a fresh database's reporting tables filled by SQL (generate_series) with
 * 200,000 relationships across 20 programmes and 3 years, 1,000,000 CPD ledger entries (500,000 meetings,
 * one entry per participant), their matches, enrolments, requests, goals and feedback, and the daily rollups
 * the event consumers keep; then the reporting subgraph started on it and timed over HTTP (gateway secret +
 * principal): `programStats` for one programme over one year (target median < 100 ms) and
 * `User.cpdStatement` for one person over one year (target median < 20 ms).
 *
 *   npx tsx bench/reporting/stats.bench.ts     (TEST_DATABASE_URL / DATABASE_URL, else an embedded PostgreSQL)
 *
 * Prints the figures and writes bench/results/reporting.json. Ledger hashes are per-entry SHA-256 (not
 * chained) because the bench measures reads; chaining is exercised by the tests.
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
import { reporting } from '../../services/reporting/src/service';
import { reportingEnvSchema } from '../../services/reporting/src/env';

const RELATIONSHIPS = Number(process.env.BENCH_RELATIONSHIPS ?? 200_000);
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 500_000); // two ledger entries each
const PROGRAMMES = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const here = dirname(fileURLToPath(import.meta.url));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (n: number) => Math.round(n * 10) / 10;

async function step(label: string, work: () => Promise<unknown>) {
  const t = performance.now();
  await work();
  process.stdout.write(`  ${label}: ${round((performance.now() - t) / 1000)} s\n`);
}

async function fill(client: pg.Client) {
  const q = (sql: string) => client.query(sql);
  await q(`SET search_path = reporting, public`);
  await q(`SET synchronous_commit = off`);
  await step('programmes, organisations, cohorts, industries', async () => {
    await q(`INSERT INTO organization (id, name, city, country, changed_at)
             SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'Organisation ' || g, 'Toronto', 'CA', now() FROM generate_series(1, 10) g`);
    await q(`INSERT INTO programme (id, name, organization_ids, target_hours, duration_weeks, min_meetings, hours_or_meetings, cpd_category, changed_at)
             SELECT ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid, 'Programme ' || g, ARRAY[('00000000-0000-4000-8000-' || lpad((1 + g % 10)::text, 12, '0'))::uuid],
                    CASE WHEN g % 2 = 0 THEN 24 ELSE 3 END, CASE WHEN g % 2 = 0 THEN 17 ELSE 26 END, 3, g % 2 = 1, 'Peer and professional interaction', now()
             FROM generate_series(1, ${PROGRAMMES}) g`);
    await q(`INSERT INTO cohort (id, programme_id, name, starts_on, ends_on)
             SELECT ('00000000-0000-4000-a000-' || lpad((p * 10 + c)::text, 12, '0'))::uuid, ('00000000-0000-4000-9000-' || lpad(p::text, 12, '0'))::uuid, 'Cohort ' || c, '2023-01-01', '2025-12-31'
             FROM generate_series(1, ${PROGRAMMES}) p, generate_series(1, 3) c`);
    await q(`INSERT INTO industry (code, label) SELECT 'N' || g, 'Industry ' || g FROM generate_series(1, 20) g`);
  });
  await step(`${RELATIONSHIPS.toLocaleString()} relationships and matches`, async () => {
    // mentees 1..R (one relationship each), mentors among R/10; started over 2023-2025
    await q(`CREATE TEMP TABLE gen_rel AS
      SELECT g AS n,
        ('10000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid AS id,
        ('20000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid AS mentee_id,
        ('30000000-0000-4000-8000-' || lpad((1 + g % ${Math.max(1, Math.floor(RELATIONSHIPS / 10))})::text, 12, '0'))::uuid AS mentor_id,
        ('00000000-0000-4000-9000-' || lpad((1 + g % ${PROGRAMMES})::text, 12, '0'))::uuid AS programme_id,
        ('00000000-0000-4000-8000-' || lpad((1 + (g % ${PROGRAMMES}) % 10)::text, 12, '0'))::uuid AS organization_id,
        ('00000000-0000-4000-a000-' || lpad(((1 + g % ${PROGRAMMES}) * 10 + 1 + (g / ${PROGRAMMES}) % 3)::text, 12, '0'))::uuid AS cohort_id,
        'N' || (1 + (g * 7) % 20) AS industry_code,
        date '2023-01-01' + (g * 7919 % 1095) AS started_on,
        (g * 31 % 60)::numeric / 2 + 1 AS days_to_match,
        CASE WHEN g % 10 < 6 THEN 'COMPLETED' WHEN g % 10 = 6 THEN 'WITHDRAWN' ELSE 'ACTIVE' END AS status
      FROM generate_series(1, ${RELATIONSHIPS}) g`);
    await q(`INSERT INTO relationship (id, mentee_id, mentor_id, programme_id, organization_id, cohort_id, industry_code, status, started_on, ended_on, confirmed_hours, confirmed_meetings, met_terms)
             SELECT id, mentee_id, mentor_id, programme_id, organization_id, cohort_id, industry_code, status, started_on,
                    CASE WHEN status = 'ACTIVE' THEN NULL ELSE started_on + 120 END, 3, 3, status = 'COMPLETED' AND n % 7 <> 0 FROM gen_rel`);
    await q(`INSERT INTO match (id, mentee_id, mentor_id, programme_id, organization_id, cohort_id, industry_code, source, confirmed_at, confirmed_on, mentee_enrolled_at, days_to_match)
             SELECT id, mentee_id, mentor_id, programme_id, organization_id, cohort_id, industry_code, 'REQUEST', (started_on - 1)::timestamptz, started_on - 1,
                    (started_on - 1)::timestamptz - make_interval(days => days_to_match::int), days_to_match FROM gen_rel`);
    await q(`INSERT INTO enrolment (user_id, programme_id, role, cohort_id, organization_id, enrolled_at)
             SELECT mentee_id, programme_id, 'MENTEE', cohort_id, organization_id, (started_on - 1)::timestamptz - make_interval(days => days_to_match::int) FROM gen_rel`);
    await q(`INSERT INTO person (user_id, display_name, email, organization_id, industry_code)
             SELECT mentee_id, 'Mentee ' || n, 'mentee' || n || '@example.org', organization_id, industry_code FROM gen_rel
             UNION ALL SELECT DISTINCT ON (mentor_id) mentor_id, 'Mentor', NULL, organization_id, industry_code FROM gen_rel`);
  });
  await step(`${(MEETINGS * 2).toLocaleString()} ledger entries`, async () => {
    await q(`CREATE TEMP TABLE gen_meeting AS
      SELECT m AS mn, ('40000000-0000-4000-8000-' || lpad(m::text, 12, '0'))::uuid AS meeting_id, r.*,
             r.started_on + ((m / ${RELATIONSHIPS}) * 14 + m % 7) AS occurred_on, (30 + 30 * ((m / 3) % 4)) AS minutes
      FROM generate_series(1, ${MEETINGS}) m JOIN gen_rel r ON r.n = 1 + m % ${RELATIONSHIPS}`);
    await q(`ALTER TABLE cpd_entry DISABLE TRIGGER USER`);
    await q(`INSERT INTO cpd_entry (id, user_id, hours, occurred_on, seq, kind, role, relationship_id, programme_id, counterpart_id, cpd_category, meeting_id, revision,
               start_time, duration_minutes, topics, homework, confirmed_by_mentor_at, confirmed_by_mentee_at, prev_hash, hash)
             SELECT gen_random_uuid(), p.user_id, round(g.minutes / 60.0, 2), g.occurred_on,
                    row_number() OVER (PARTITION BY p.user_id ORDER BY g.occurred_on, g.mn), 'MEETING', p.role, g.id, g.programme_id, p.counterpart_id,
                    'Peer and professional interaction', g.meeting_id, 1, '18:00', g.minutes, ARRAY['Career planning', 'Interview practice'], 'Update the resume',
                    g.occurred_on + time '20:00', g.occurred_on + time '21:00', repeat('0', 64), encode(sha256(g.meeting_id::text::bytea || p.role::bytea), 'hex')
             FROM gen_meeting g
             CROSS JOIN LATERAL (VALUES (g.mentor_id, 'MENTOR', g.mentee_id), (g.mentee_id, 'MENTEE', g.mentor_id)) AS p(user_id, role, counterpart_id)`);
    await q(`ALTER TABLE cpd_entry ENABLE TRIGGER USER`);
  });
  await step('daily rollups (as the consumers keep them)', async () => {
    const key = `programme_id, organization_id, cohort_id, industry_code`;
    await q(
      `CREATE TEMP TABLE gen_facts (day date, programme_id uuid, organization_id uuid, cohort_id uuid, industry_code text, c text, v numeric)`,
    );
    const fact = (c: string, day: string, v = '1', from = 'gen_rel', where = 'true') =>
      q(`INSERT INTO gen_facts SELECT ${day}, ${key}, '${c}', ${v} FROM ${from} WHERE ${where}`);
    await fact('registrations', 'started_on - 1 - days_to_match::int');
    await fact('mentees_enrolled', 'started_on - 1 - days_to_match::int');
    await fact('mentees_matched', 'started_on - 1 - days_to_match::int');
    await fact('requests_sent', 'started_on - 3');
    await fact('requests_sent', 'started_on - 4', '1', 'gen_rel', 'n % 2 = 0');
    await fact('requests_accepted', 'started_on - 1');
    await fact('requests_declined', 'started_on - 2', '1', 'gen_rel', 'n % 2 = 0');
    await fact('matches', 'started_on - 1');
    await fact('relationships_started', 'started_on');
    await fact('relationships_completed', 'started_on + 120', '1', 'gen_rel', `status = 'COMPLETED'`);
    await fact('relationships_withdrawn', 'started_on + 120', '1', 'gen_rel', `status = 'WITHDRAWN'`);
    await fact('relationships_met_terms', 'started_on + 120', '1', 'gen_rel', `status = 'COMPLETED' AND n % 7 <> 0`);
    await fact('goals_achieved', 'started_on + 60', '1', 'gen_rel', 'n % 3 = 0');
    await fact('meetings_confirmed', 'occurred_on', '1', 'gen_meeting');
    await fact('hours_confirmed', 'occurred_on', 'round(minutes / 60.0, 2)', 'gen_meeting');
    const counters = [
      'registrations',
      'mentees_enrolled',
      'mentees_matched',
      'requests_sent',
      'requests_accepted',
      'requests_declined',
      'matches',
      'relationships_started',
      'relationships_completed',
      'relationships_withdrawn',
      'relationships_met_terms',
      'goals_achieved',
      'meetings_confirmed',
      'hours_confirmed',
    ];
    await q(`INSERT INTO stats_daily (day, ${key}, ${counters.join(', ')})
             SELECT day, ${key}, ${counters.map((c) => `coalesce(sum(v) FILTER (WHERE c = '${c}'), 0)`).join(', ')} FROM gen_facts GROUP BY day, ${key}`);
    await q(`INSERT INTO stats_feedback_daily (day, ${key}, question, rating_sum, responses)
             SELECT started_on + 121, ${key}, q, sum(3 + n % 3), count(*) FROM gen_rel, unnest(ARRAY['overall', 'helpful', '*']) q WHERE status = 'COMPLETED' GROUP BY 1, 2, 3, 4, 5, 6`);
  });
  await step('ANALYZE', () => q(`ANALYZE`));
  const [{ n: entries }] = (await q(`SELECT count(*)::int AS n FROM cpd_entry`)).rows;
  const [{ n: rels }] = (await q(`SELECT count(*)::int AS n FROM relationship`)).rows;
  const [{ n: rollupRows }] = (await q(`SELECT count(*)::int AS n FROM stats_daily`)).rows;
  const [heavy] = (
    await q(
      `SELECT user_id, count(*)::int AS n FROM cpd_entry WHERE occurred_on BETWEEN '2024-01-01' AND '2024-12-31' GROUP BY user_id ORDER BY n DESC, user_id LIMIT 1`,
    )
  ).rows;
  return {
    entries,
    relationships: rels,
    rollupRows,
    heavyUser: heavy.user_id as string,
    heavyEntries: heavy.n as number,
  };
}

async function time(
  url: string,
  secret: string,
  principal: Principal,
  query: string,
  variables: Record<string, unknown>,
  check: (data: Record<string, unknown>) => void,
) {
  const call = async () => {
    const res = await fetch(url, {
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
  check(await call());
  for (let i = 0; i < 10; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await call();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return {
    runs: RUNS,
    medianMs: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
    p99Ms: round(percentile(samples, 99)),
    maxMs: round(samples.at(-1)!),
  };
}

async function main() {
  const db = await provisionTestDatabase();
  process.stdout.write(`database: ${db.origin}\n`);
  const log = pino({ level: 'silent' });
  try {
    await migrateService(reporting, db.url, log);
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => {}); // the database is dropped under it at the end
    await client.connect();
    const started = performance.now();
    const facts = await fill(client);
    await client.end();
    process.stdout.write(
      `filled ${facts.entries.toLocaleString()} ledger entries, ${facts.relationships.toLocaleString()} relationships, ${facts.rollupRows.toLocaleString()} rollup rows in ${round((performance.now() - started) / 1000)} s\n`,
    );

    const secret = randomBytes(24).toString('hex');
    const env = reportingEnvSchema.parse({
      NODE_ENV: 'production',
      PORT: '0',
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '4',
      GATEWAY_SECRET: secret,
      LOG_LEVEL: 'silent',
    });
    const service = await runService(reporting, env, { log, consumeEvents: false, runJobs: false });
    try {
      const programme = '00000000-0000-4000-9000-000000000001';
      const stats = await time(
        service.url,
        secret,
        { userId: randomUUID(), roles: ['ANALYST'], organizationId: null },
        `query ($f: ProgramStatsFilter, $from: LocalDate!, $to: LocalDate!) { programStats(filter: $f, from: $from, to: $to) {
           groupKey registrations matchRate matches medianDaysToMatch p90DaysToMatch requestsSent requestsAccepted activeRelationships relationshipsCompleted
           termsMetShare meetingsConfirmed hoursConfirmed goalsAchieved feedbackAverage matchesMadeTotal } }`,
        { f: { programId: programme }, from: '2024-01-01', to: '2024-12-31' },
        (d) => process.stdout.write(`  programStats sample: ${JSON.stringify((d.programStats as unknown[])[0])}\n`),
      );
      const byMonth = await time(
        service.url,
        secret,
        { userId: randomUUID(), roles: ['ANALYST'], organizationId: null },
        `query ($f: ProgramStatsFilter, $from: LocalDate!, $to: LocalDate!) { programStats(filter: $f, groupBy: MONTH, from: $from, to: $to) { groupKey matches hoursConfirmed activeRelationships matchesMadeTotal } }`,
        { f: { programId: programme }, from: '2024-01-01', to: '2024-12-31' },
        (d) => process.stdout.write(`  programStats by month: ${(d.programStats as unknown[]).length} months\n`),
      );
      const statement = await time(
        service.url,
        secret,
        { userId: facts.heavyUser, roles: ['MENTOR'], organizationId: null },
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { cpdStatement(from: "2024-01-01", to: "2024-12-31") {
           verifiedHours verifiedMeetings pendingMeetings byCategory { category hours meetings } byRelationship { relationshipId hours meetings }
           entries { id sequence kind occurredOn hours topics verified } } } } }`,
        { r: [{ __typename: 'User', id: facts.heavyUser }] },
        (d) => {
          const s = (d._entities as Array<{ cpdStatement: { verifiedHours: number; entries: unknown[] } }>)[0]
            .cpdStatement;
          process.stdout.write(`  cpdStatement sample: ${s.entries.length} entries, ${s.verifiedHours} hours\n`);
        },
      );
      const result = {
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, database: db.origin },
        data: {
          ledgerEntries: facts.entries,
          relationships: facts.relationships,
          rollupRows: facts.rollupRows,
          programmes: PROGRAMMES,
          statementEntries: facts.heavyEntries,
        },
        programStatsOneProgrammeOneYear: { ...stats, targetMedianMs: 100 },
        programStatsByMonthOneProgrammeOneYear: byMonth,
        cpdStatementOnePersonOneYear: { ...statement, targetMedianMs: 20 },
        measuredAt: new Date().toISOString(),
      };
      process.stdout.write(
        `programStats (one programme, one year): median ${stats.medianMs} ms, p95 ${stats.p95Ms} ms (target median < 100 ms)\n`,
      );
      process.stdout.write(
        `programStats by month (one programme, one year): median ${byMonth.medianMs} ms, p95 ${byMonth.p95Ms} ms\n`,
      );
      process.stdout.write(
        `cpdStatement (one person, one year, ${facts.heavyEntries} entries): median ${statement.medianMs} ms, p95 ${statement.p95Ms} ms (target median < 20 ms)\n`,
      );
      const out = resolve(here, '../results/reporting.json');
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, JSON.stringify(result, null, 2) + '\n');
      process.stdout.write(`wrote ${out}\n`);
    } finally {
      await service.stop();
    }
  } catch (error) {
    process.stderr.write(`bench failed: ${(error as Error).message}\n`);
    throw error;
  } finally {
    await db.release();
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
}
