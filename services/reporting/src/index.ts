export { reporting } from './service';
export { reportingEnvSchema, type ReportingEnv } from './env';
