/** The relationships service's configuration; the only reader of process.env besides main.ts. */
import { DEFAULT_PORTS } from '@tandem/contracts';
import { subgraphEnvSchema, type z } from '@tandem/config';

export const relationshipsEnvSchema = subgraphEnvSchema(DEFAULT_PORTS.relationships);
export type RelationshipsEnv = z.infer<typeof relationshipsEnvSchema>;
