/**
 * CPU of the search index's candidate scan alone (no database, not a test): seed:large's 100,000 mentors from the
 * synthetic generator into a `MentorSearchIndex`, then `candidates` for 200 mentees' defaults, the linear scan and
 * the early stop in turns, timed with `process.cpuUsage` (the load average is printed: on a shared machine the
 * figure grows with it); the two candidate sets must be the same.
 *
 *   npx tsx bench/matching/search-index.cpu.ts
 */
import os from 'node:os';
import { DEFAULT_SIZE, SyntheticPlatform } from '@tandem/synthetic';
import {
  MentorSearchIndex,
  type Candidates,
  type IndexScan,
  type IndexedMentorRow,
} from '../../services/matching/src/modules/search/search.index';
import { resolveCriteria } from '../../services/matching/src/modules/search/search.service';
import { DEFAULT_WEIGHTS } from '../../services/matching/src/modules/search/score';

const p = new SyntheticPlatform(DEFAULT_SIZE);
const rows: IndexedMentorRow[] = Array.from({ length: p.size.mentors }, (_, i) => {
  const m = p.mentor(i);
  return {
    userId: m.id,
    listed: true,
    pausedUntil: null,
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
const index = new MentorSearchIndex(async (after, limit) => rows.slice(after, after + limit));
await index.refresh();
const cpu: Record<IndexScan, number[]> = { linear: [], early: [] };
const sizes: number[] = [];
const visited: number[] = [];
let differ = 0;
const t = process.cpuUsage();
index.candidates(
  {
    criteria: resolveCriteria(null, { skills: ['python'] } as never),
    weights: DEFAULT_WEIGHTS,
    exact: [],
    excludeIds: [],
    after: null,
    limit: 20,
  },
  42,
  'early',
);
const built = process.cpuUsage(t);
for (let n = 0; n < 200; n++) {
  const m = p.mentee(n * 97);
  const criteria = resolveCriteria(null, {
    userId: m.id,
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
  } as never);
  const q = { criteria, weights: DEFAULT_WEIGHTS, exact: [], excludeIds: [m.id], after: null, limit: 20 };
  // in turns: the scan of every mentor, then the early stop (then the other way round)
  const found: Partial<Record<IndexScan, Candidates>> = {};
  for (const scan of (n % 2 ? ['early', 'linear'] : ['linear', 'early']) as IndexScan[]) {
    const before = process.cpuUsage();
    found[scan] = index.candidates(q, 42, scan)!;
    const used = process.cpuUsage(before);
    cpu[scan].push((used.user + used.system) / 1000);
  }
  sizes.push(found.early!.ids.length);
  visited.push(found.early!.visited);
  if ([...found.early!.ids].sort().join() !== [...found.linear!.ids].sort().join()) differ++;
}
const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
const at = (v: number[], q: number) => sorted(v)[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)];
const figure = (v: number[]) => `p50 ${at(v.slice(20), 0.5).toFixed(2)} ms, p99 ${at(v.slice(20), 0.99).toFixed(2)} ms`;
process.stdout.write(
  `${index.size} mentors; candidates CPU (first 20 calls left out: warm-up): linear scan ${figure(cpu.linear)}, ` +
    `early stop ${figure(cpu.early)}; blocks built in ${((built.user + built.system) / 1000).toFixed(0)} ms (with one search); ` +
    `mentors scored by the early stop p50 ${at(visited, 0.5)}, p99 ${at(visited, 0.99)}, max ${Math.max(...visited)}; ` +
    `candidates p50 ${at(sizes, 0.5)}, max ${Math.max(...sizes)}; candidate sets that differ ${differ}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}\n`,
);
