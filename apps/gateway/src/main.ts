import { readFileSync } from 'node:fs';
import { loadEnvOrExit } from '@tandem/config';
import { pino } from 'pino';
import { gatewayEnvSchema } from './env';
import { startGateway } from './gateway';
import { startGatewayTracing, traceLogFields } from './observability';

const env = loadEnvOrExit(gatewayEnvSchema, 'gateway');
const tracing = env.OTEL_ENABLED ? startGatewayTracing() : null; // before the gateway starts, so its own spans are kept
const log = pino({
  name: 'gateway',
  level: env.LOG_LEVEL,
  base: { service: 'gateway' },
  redact: ['req.headers.authorization'],
  mixin: traceLogFields,
});
const publicKey = env.JWT_PUBLIC_KEY ?? readFileSync(env.JWT_PUBLIC_KEY_FILE!, 'utf8');

const running = await startGateway(env, log, publicKey);
log.info({ url: running.url }, 'gateway ready');

let stopping = false;
const shutdown = async (signal: string) => {
  // Ctrl-C reaches the whole process group and `npm start` also sends SIGTERM: stop once
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'gateway stopping');
  await running.stop();
  await tracing?.shutdown(); // flushes the spans still batched
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
