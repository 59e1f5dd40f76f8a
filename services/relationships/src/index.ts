export { relationships } from './service';
export { relationshipsEnvSchema, type RelationshipsEnv } from './env';
