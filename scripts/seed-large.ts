/**
 * `npm run seed:large`: a consistent synthetic platform at scale for the benchmark. Each service fills only
 * its own tables by COPY through its own `src/seed/large.ts`, from the shared deterministic generator
 * (`@tandem/synthetic`: ids and attributes derived from the seed and the index, so the four agree on every
 * id). Runs against DATABASE_URL, or starts the embedded database like `npm start`; applies the migrations
 * first; the four services load side by side, with a progress bar per step; prints timings and writes
 * `.data/seed-large.json` (the sizes, for `npm run bench`).
 *
 *   npm run seed:large -- --mentors 100000 --mentees 100000 --relationships 200000 --meetings 1000000 [--seed 42]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import cliProgress from 'cli-progress';
import { createLogger, migrateService } from '@tandem/subgraph-kit';
import { DEFAULT_SIZE, SyntheticPlatform, type PlatformSize, type SeedStep } from '@tandem/synthetic';
import { identityLargeSeed } from '../services/identity/src/seed/large';
import { matchingLargeSeed } from '../services/matching/src/seed/large';
import { relationshipsLargeSeed } from '../services/relationships/src/seed/large';
import { reportingLargeSeed } from '../services/reporting/src/seed/large';
import { localDatabase, DATA_DIR } from './lib/local-env';
import { loadServiceDefinition, serviceDir, SUBGRAPHS } from './lib/services';

const say = (line: string) => process.stdout.write(`\x1b[36m[seed:large]\x1b[0m ${line}\n`);

export function parseSize(argv: string[]): PlatformSize {
  const size = { ...DEFAULT_SIZE };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (key in size) {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--${key} needs a positive whole number`);
      (size as Record<string, number>)[key] = n;
    }
  }
  if (size.meetings < size.relationships)
    throw new Error('--meetings must be at least --relationships (each relationship has meetings)');
  return size;
}

async function main() {
  const size = parseSize(process.argv.slice(2));
  const platform = new SyntheticPlatform(size);
  const database = await localDatabase(say);
  say(`database: ${database.description}`);
  say(
    `sizes: ${Object.entries(size)
      .map(([k, v]) => `${k} ${v.toLocaleString()}`)
      .join(', ')}`,
  );
  const timings: Record<string, number> = {};
  const started = performance.now();
  try {
    let t = performance.now();
    const log = createLogger('migrate', 'warn');
    for (const name of SUBGRAPHS)
      await migrateService(await loadServiceDefinition(serviceDir(name)), database.url, log);
    timings.migrations = performance.now() - t;
    say(`migrations applied in ${(timings.migrations / 1000).toFixed(1)} s`);

    const chains: Array<[string, SeedStep[]]> = [
      ['identity', identityLargeSeed(platform)],
      ['matching', matchingLargeSeed(platform)],
      ['relationships', relationshipsLargeSeed(platform)],
      ['reporting', reportingLargeSeed(platform)],
    ];
    const bars = new cliProgress.MultiBar(
      {
        format: ' {bar} {percentage}% | {name} | {value}/{total} | {duration_formatted}',
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
        noTTYOutput: true,
        notTTYSchedule: 10_000,
      },
      cliProgress.Presets.shades_classic,
    );
    t = performance.now();
    await Promise.all(
      chains.map(async ([service, steps]) => {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        try {
          await client.query(`SET synchronous_commit = off`);
          await client.query(`SET maintenance_work_mem = '128MB'`);
          for (const step of steps) {
            const bar = bars.create(step.total, 0, { name: step.name });
            const s = performance.now();
            await step.run(client, (done) => bar.update(Math.min(step.total, Math.round(done))));
            bar.update(step.total);
            bar.stop();
            timings[step.name] = performance.now() - s;
          }
          timings[service] = performance.now() - t;
        } finally {
          await client.end();
        }
      }),
    );
    bars.stop();
    timings.load = performance.now() - t;
    timings.total = performance.now() - started;
    say('timings:');
    for (const [k, v] of Object.entries(timings)) say(`  ${k.padEnd(52)} ${(v / 1000).toFixed(1)} s`);
    await mkdir(DATA_DIR, { recursive: true });
    await writeFile(
      resolve(DATA_DIR, 'seed-large.json'),
      JSON.stringify(
        {
          size,
          databaseUrl: database.url,
          embedded: !!database.embedded,
          seededAt: new Date().toISOString(),
          timingsMs: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])),
        },
        null,
        2,
      ),
    );
    say(`done in ${(timings.total / 1000).toFixed(1)} s`);
  } finally {
    if (database.embedded) await database.embedded.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
