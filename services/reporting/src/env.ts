/** The reporting service's configuration; the only reader of process.env besides main.ts. */
import { DEFAULT_PORTS } from '@tandem/contracts';
import { subgraphEnvSchema, type z } from '@tandem/config';

export const reportingEnvSchema = subgraphEnvSchema(DEFAULT_PORTS.reporting);
export type ReportingEnv = z.infer<typeof reportingEnvSchema>;
