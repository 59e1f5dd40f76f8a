export { startGateway, type RunningGateway, type GatewayContext } from './gateway';
export { gatewayEnvSchema, type GatewayEnv } from './env';
export { createTokenVerifier } from './auth';
