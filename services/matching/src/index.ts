export { matching, composeServices, createJobs } from './service';
export { matchingEnvSchema, type MatchingEnv } from './env';
