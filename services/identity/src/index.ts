export { identity } from './service';
export { identityEnvSchema, type IdentityEnv } from './env';
