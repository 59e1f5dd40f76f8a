/**
 * The sizing table of bench/README.md ("Scaling past one database"): on a database filled by `npm run seed:large`
 * (DATABASE_URL, else the embedded one it recorded in .data/seed-large.json), each table's rows (exact count) and
 * its size on disk with indexes and TOAST (`pg_total_relation_size`, after VACUUM ANALYZE), per participant (mentors
 * plus mentees of the seed) and extrapolated linearly to 1,000,000 participants. Prints a markdown table, largest
 * first, and the totals per schema; `--json` prints the raw figures instead.
 *
 * seed:large COPYs the domain tables and writes no events, so the tables that grow with traffic (each service's
 * `event_log` and `processed_event`, identity's `notification`) are measured apart: in a scratch schema (dropped
 * after) with the kit's own DDL and identity's, filled from the seeded meetings as production fills them (each
 * meeting a MeetingLogged and a MeetingConfirmed with their real payload fields, each consumed by identity and
 * reporting, each log a notification to the other partner), and measured the same way.
 *
 *   npx tsx bench/sizing/measure.ts [--participants 1000000] [--json]
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import type { PlatformSize } from '@tandem/synthetic';
import { DATA_DIR, localDatabase } from '../../scripts/lib/local-env';

const SCHEMAS = ['identity', 'matching', 'relationships', 'reporting', 'pgboss'];
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const say = (line: string) => process.stderr.write(`[sizing] ${line}\n`);

interface TableSize {
  table: string;
  rows: number;
  bytes: number;
}

async function main() {
  const recordFile = resolve(DATA_DIR, 'seed-large.json');
  if (!existsSync(recordFile)) throw new Error('run `npm run seed:large` first (no .data/seed-large.json)');
  const recorded = JSON.parse(await readFile(recordFile, 'utf8')) as { size: PlatformSize; embedded?: boolean };
  const database = process.env.DATABASE_URL ? null : await localDatabase(say);
  const url = process.env.DATABASE_URL ?? database!.url;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // sizes after the seed's COPY and a vacuum: what a table holds, not its churn
    await client.query('VACUUM ANALYZE');
    const { rows: tables } = await client.query<{ t: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables WHERE schemaname = ANY($1) ORDER BY 1`,
      [SCHEMAS],
    );
    const sizes: TableSize[] = [];
    for (const { t } of tables) {
      const { rows } = await client.query<{ rows: string; bytes: string }>(
        `SELECT (SELECT count(*) FROM ${t}) AS rows, pg_total_relation_size('${t}') AS bytes`,
      );
      sizes.push({ table: t, rows: Number(rows[0].rows), bytes: Number(rows[0].bytes) });
    }
    const participants = recorded.size.mentors + recorded.size.mentees;
    const target = arg('participants', 1_000_000);
    const factor = target / participants;
    if (process.argv.includes('--json')) {
      process.stdout.write(JSON.stringify({ size: recorded.size, participants, sizes }, null, 2) + '\n');
      return;
    }
    const mb = (b: number) => (b / 1024 ** 2).toFixed(b < 10 * 1024 ** 2 ? 2 : 0);
    const gb = (b: number) => (b / 1024 ** 3).toFixed(b < 10 * 1024 ** 3 ? 2 : 1);
    const fmt = (n: number) => Math.round(n).toLocaleString('en');
    const lines = [
      `Measured on ${fmt(participants)} participants (${JSON.stringify(recorded.size)}); ×${factor.toFixed(1)} to ${fmt(target)}.`,
      '',
      `| table | rows | size (MB) | rows per participant | bytes per row | rows at ${fmt(target)} | size at ${fmt(target)} (GB) |`,
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    const shown = sizes.filter((s) => s.rows > 0 || s.bytes > 64 * 1024).sort((a, b) => b.bytes - a.bytes);
    for (const s of shown)
      lines.push(
        `| ${s.table} | ${fmt(s.rows)} | ${mb(s.bytes)} | ${(s.rows / participants).toFixed(2)} | ${s.rows ? fmt(s.bytes / s.rows) : '–'} | ${fmt(s.rows * factor)} | ${gb(s.bytes * factor)} |`,
      );
    lines.push('', '| schema | size (MB) | size at target (GB) |', '| --- | ---: | ---: |');
    for (const schema of SCHEMAS) {
      const bytes = sizes.filter((s) => s.table.startsWith(`${schema}.`)).reduce((n, s) => n + s.bytes, 0);
      lines.push(`| ${schema} | ${mb(bytes)} | ${gb(bytes * factor)} |`);
    }
    const total = sizes.reduce((n, s) => n + s.bytes, 0);
    lines.push(`| all (seeded) | ${mb(total)} | ${gb(total * factor)} |`);

    const traffic = await trafficTables(client);
    lines.push(
      '',
      'Tables that grow with traffic (scratch copies filled from the seeded meetings, see the header):',
      '',
      `| table | rows | size (MB) | rows per participant | bytes per row (on disk) | mean row width | rows at ${fmt(target)} | size at ${fmt(target)} (GB) |`,
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const s of traffic)
      lines.push(
        `| ${s.table} | ${fmt(s.rows)} | ${mb(s.bytes)} | ${(s.rows / participants).toFixed(2)} | ${fmt(s.bytes / s.rows)} | ${s.width} | ${fmt(s.rows * factor)} | ${gb(s.bytes * factor)} |`,
      );
    const all = total + traffic.reduce((n, s) => n + s.bytes, 0);
    lines.push('', `All: ${mb(all)} MB measured, ${gb(all * factor)} GB at ${fmt(target)} participants.`);
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await client.end();
    await database?.embedded?.stop();
  }
}

/**
 * The event log, the consumed ids and the notifications of the seeded meetings, built as production builds them, in a
 * scratch schema: rows, on-disk size and the mean row width (`pg_column_size`, to compare with a live run's).
 */
async function trafficTables(client: pg.Client): Promise<Array<TableSize & { width: number }>> {
  const scratch = 'sizing_scratch';
  await client.query(`DROP SCHEMA IF EXISTS ${scratch} CASCADE`);
  await client.query(`CREATE SCHEMA ${scratch}`);
  try {
    // the kit's tables (packages/subgraph-kit/src/database.ts, KitTables) and identity's notification, indexes included
    await client.query(`CREATE TABLE ${scratch}.event_log (
      id uuid PRIMARY KEY, name text NOT NULL, version int NOT NULL, payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now())`);
    await client.query(`CREATE INDEX ON ${scratch}.event_log (name, occurred_at)`);
    await client.query(`CREATE TABLE ${scratch}.processed_event (
      event_id uuid PRIMARY KEY, name text NOT NULL, processed_at timestamptz NOT NULL DEFAULT now())`);
    await client.query(
      `CREATE TABLE ${scratch}.notification (LIKE identity.notification INCLUDING DEFAULTS INCLUDING INDEXES)`,
    );
    // relationships' event log: MeetingLogged and MeetingConfirmed per confirmed meeting, with the contract's fields
    await client.query(`INSERT INTO ${scratch}.event_log (id, name, version, payload, occurred_at)
      SELECT gen_random_uuid(), e.name, 1, e.payload, m.logged_at
        FROM relationships.meeting m JOIN relationships.relationship r ON r.id = m.relationship_id
        CROSS JOIN LATERAL (VALUES
          ('MeetingLogged', jsonb_build_object('relationshipId', r.id, 'menteeId', r.mentee_id, 'mentorId', r.mentor_id,
             'programmeId', r.programme_id, 'organizationId', r.organization_id, 'meetingId', m.id, 'loggedBy', m.logged_by,
             'awaitingUserId', CASE WHEN m.logged_by = r.mentee_id THEN r.mentor_id ELSE r.mentee_id END,
             'occurredOn', m.occurred_on)),
          ('MeetingConfirmed', jsonb_build_object('relationshipId', r.id, 'menteeId', r.mentee_id, 'mentorId', r.mentor_id,
             'programmeId', r.programme_id, 'organizationId', r.organization_id, 'meetingId', m.id,
             'amendsMeetingId', m.amends_meeting_id, 'revision', m.revision, 'occurredOn', m.occurred_on,
             'startTime', to_char(m.start_time, 'HH24:MI'), 'durationMinutes', m.duration_minutes, 'mode', m.mode,
             'topics', to_jsonb(m.topics), 'homework', m.homework, 'confirmedByMentorAt', m.mentor_confirmed_at,
             'confirmedByMenteeAt', m.mentee_confirmed_at))
        ) AS e(name, payload)
       WHERE m.status = 'CONFIRMED'`);
    // each consumed by identity and by reporting (pgboss.subscription): a processed_event row in each (two tables in
    // production, one here with both: the same rows, the same index entries)
    await client.query(`INSERT INTO ${scratch}.processed_event (event_id, name, processed_at)
      SELECT id, name, occurred_at FROM ${scratch}.event_log`);
    await client.query(`INSERT INTO ${scratch}.processed_event (event_id, name, processed_at)
      SELECT gen_random_uuid(), name, occurred_at FROM ${scratch}.event_log`);
    // identity: the partner who did not log it is asked to confirm (MEETING_AWAITING_CONFIRMATION), emailed
    await client.query(`INSERT INTO ${scratch}.notification (id, user_id, kind, title, body, source_event_id, created_at,
        read_at, email_status, email_attempts, email_sent_at, email_ref, link)
      SELECT gen_random_uuid(), (e.payload->>'awaitingUserId')::uuid, 'MEETING_AWAITING_CONFIRMATION',
             'A meeting to confirm', 'Amara Okafor logged a meeting on ' || to_char((e.payload->>'occurredOn')::date, 'FMDD FMMonth YYYY') || '. Confirm it, or say what differs.',
             e.id, e.occurred_at, e.occurred_at + interval '1 day', 'SENT', 1, e.occurred_at + interval '1 minute',
             '<' || gen_random_uuid() || '@mail.tandem>', '/relationships/' || (e.payload->>'relationshipId') || '/meetings/' || (e.payload->>'meetingId')
        FROM ${scratch}.event_log e WHERE e.name = 'MeetingLogged'`);
    await client.query(`VACUUM ANALYZE ${scratch}.event_log, ${scratch}.processed_event, ${scratch}.notification`);
    const out: Array<TableSize & { width: number }> = [];
    for (const t of ['event_log', 'processed_event', 'notification']) {
      const { rows } = await client.query<{ rows: string; bytes: string; width: string }>(
        `SELECT count(*) AS rows, pg_total_relation_size('${scratch}.${t}') AS bytes, avg(pg_column_size(x.*))::int AS width
           FROM ${scratch}.${t} x`,
      );
      out.push({
        table: `${t} (${t === 'notification' ? 'identity' : t === 'event_log' ? 'relationships' : 'identity + reporting'})`,
        rows: Number(rows[0].rows),
        bytes: Number(rows[0].bytes),
        width: Number(rows[0].width),
      });
    }
    return out;
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${scratch} CASCADE`);
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
