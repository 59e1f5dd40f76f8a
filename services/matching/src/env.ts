/** The matching service's configuration; the only reader of process.env besides main.ts. */
import { DEFAULT_PORTS } from '@tandem/contracts';
import { subgraphEnvSchema, type z } from '@tandem/config';

export const matchingEnvSchema = subgraphEnvSchema(DEFAULT_PORTS.matching);
export type MatchingEnv = z.infer<typeof matchingEnvSchema>;
