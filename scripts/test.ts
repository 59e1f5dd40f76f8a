/**
 * `npm test`: the whole suite (unit and integration, against a real PostgreSQL) through Vitest, then one
 * plain closing line over the whole run: `N passed, M failed, K skipped`. Exits non-zero on any failure.
 * `--project <name>` runs one package's tests (its `npm test`). Other arguments go to Vitest.
 *
 * Two runs prove the suite holds on any day and whatever the event timing (both cheap to repeat):
 * - `--clock-offset <days>` runs everything (Node, the embedded PostgreSQL, Chromium) with the wall clock moved
 *   that many days ahead (or back, if negative), through Debian's libfaketime (`apt-get install faketime`);
 * - `--slow-events <ms>` makes every event consumer pause that long before each batch it applies.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './lib/services';

const args = process.argv.slice(2);
const filters: string[] = [];
const passthrough: string[] = [];
const extraEnv: Record<string, string> = {};
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--clock-offset') {
    Object.assign(extraEnv, shiftedClock(Number(args[++i])));
  } else if (args[i] === '--slow-events') {
    const ms = Number(args[++i]);
    if (!Number.isInteger(ms) || ms < 0) fail('--slow-events takes a whole number of milliseconds');
    extraEnv.EVENT_CONSUMER_DELAY_MS = String(ms);
  } else if (args[i] === '--project') {
    const name = args[++i];
    const dir = ['services', 'packages', 'apps']
      .map((d) => join(d, name))
      .find((d) => {
        try {
          return readFileSync(resolve(REPO_ROOT, d, 'package.json'));
        } catch {
          return false;
        }
      });
    filters.push(dir ?? name);
    if (dir?.startsWith('services'))
      process.env.TANDEM_TEST_SERVICES = [process.env.TANDEM_TEST_SERVICES, name].filter(Boolean).join(',');
  } else passthrough.push(args[i]);
}

const outDir = resolve(REPO_ROOT, '.data', 'test-results');
mkdirSync(outDir, { recursive: true });
// one file per run, so two runs at once never read each other's results
const report = join(outDir, `vitest-${process.pid}.json`);
rmSync(report, { force: true });

const vitest = spawnSync(
  process.execPath,
  [
    resolve(REPO_ROOT, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--root',
    REPO_ROOT,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...passthrough,
    ...filters,
  ],
  { stdio: 'inherit', env: { ...process.env, ...extraEnv, TZ: 'UTC' }, cwd: REPO_ROOT },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const result = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    success: boolean;
    testResults: Array<{ status: string; assertionResults: Array<{ status: string }> }>;
  };
  passed = result.numPassedTests;
  // a file that failed to load or whose hooks failed has no failed test of its own: count it once
  const brokenFiles = result.testResults.filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
  ).length;
  failed = result.numFailedTests + brokenFiles;
  // errors outside any test (unhandled rejections, crashed workers) fail the run even if every test passed
  if (!result.success && failed === 0) failed = 1;
  skipped = result.numPendingTests + result.numTodoTests;
} catch {
  failed = 1; // Vitest did not finish: count the run as failed
}
if (vitest.status !== 0 && failed === 0) failed = 1;
rmSync(report, { force: true });
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 ? 1 : 0);

function fail(message: string): never {
  process.stderr.write(`npm test: ${message}\n`);
  process.exit(2);
}

/** The environment that moves the wall clock of every process started from here by `days` (monotonic time untouched). */
function shiftedClock(days: number): Record<string, string> {
  if (!Number.isFinite(days)) fail('--clock-offset takes a number of days, e.g. 365');
  const lib = [
    '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
    '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
    '/usr/lib/faketime/libfaketime.so.1',
  ].find(existsSync);
  if (!lib) fail('--clock-offset needs libfaketime (Debian: apt-get install faketime)');
  process.stdout.write(`npm test: the wall clock runs ${days} days ${days >= 0 ? 'ahead' : 'behind'}\n`);
  return {
    LD_PRELOAD: [process.env.LD_PRELOAD, lib].filter(Boolean).join(':'),
    FAKETIME: `${days >= 0 ? '+' : ''}${days}d`,
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    FAKETIME_DONT_RESET: '1',
  };
}
