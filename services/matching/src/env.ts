/** The matching service's configuration; the only reader of process.env besides main.ts. */
import { DEFAULT_PORTS } from '@tandem/contracts';
import { subgraphEnvSchema, type z } from '@tandem/config';

export const matchingEnvSchema = subgraphEnvSchema(DEFAULT_PORTS.matching);
export type MatchingEnv = z.infer<typeof matchingEnvSchema>;

/**
 * Whether search starts from its in-memory index of mentors (search.index.ts); `MATCHING_SEARCH_INDEX=off` ranks in
 * Postgres alone, as before the index (the benchmark's A/B runs).
 */
export const searchIndexEnabled = process.env.MATCHING_SEARCH_INDEX !== 'off';

/**
 * How the index finds the candidates: its early stop (blocks best bound first), or `MATCHING_SEARCH_EARLY_STOP=off`
 * a scan of every mentor (the same candidates; the benchmark's A/B runs).
 */
export const searchIndexScan: 'early' | 'linear' =
  process.env.MATCHING_SEARCH_EARLY_STOP === 'off' ? 'linear' : 'early';

/**
 * Who scores the index's candidates: the index their criteria other than goals, Postgres only goals' ts_rank (the
 * default), or `MATCHING_SEARCH_SCORE=sql` Postgres every term as before (the same scores; the benchmark's A/B).
 */
export const searchScore: 'memory' | 'sql' = process.env.MATCHING_SEARCH_SCORE === 'sql' ? 'sql' : 'memory';
