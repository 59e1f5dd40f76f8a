export { matching } from './service';
export { matchingEnvSchema, type MatchingEnv } from './env';
