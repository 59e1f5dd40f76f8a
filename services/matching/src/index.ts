export { matching } from './service';
export { composeServices, createJobs } from './composition';
export { matchingEnvSchema, type MatchingEnv } from './env';
