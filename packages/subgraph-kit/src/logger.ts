/** Structured JSON logs (pino). Secrets and contact details are redacted wherever they appear. */
import { pino, type Logger } from 'pino';

export type { Logger };

export const REDACTED_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'newPassword',
  '*.newPassword',
  '*.*.newPassword',
  'currentPassword',
  '*.currentPassword',
  '*.*.currentPassword',
  'token',
  '*.token',
  '*.*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  '*.*.refreshToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'email',
  '*.email',
  '*.*.email',
  'phone',
  '*.phone',
  '*.*.phone',
  'variables',
  '*.variables',
  // a failed query's error carries its parameters (TypeORM's QueryFailedError): hashes, tokens, addresses
  'parameters',
  '*.parameters',
  '*.*.parameters',
  'passwordHash',
  '*.passwordHash',
];

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: name } });
}
