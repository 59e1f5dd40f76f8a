export { startGateway, type RunningGateway } from './gateway';
export type { GatewayContext } from './context';
export { gatewayEnvSchema, type GatewayEnv } from './env';
export { createTokenVerifier } from './auth';
