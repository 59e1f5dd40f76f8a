/** Log lines that carry the active span's trace id, so a log search jumps to the trace and back. */
import { pino, type DestinationStream, type Logger } from 'pino';
import { REDACTED_PATHS } from '../logger';
import { traceLogFields } from './tracing';

/** The kit's logger (same redaction) with `trace_id`/`span_id` on every line written inside a span. */
export function createTracedLogger(
  name: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options = {
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: name },
    mixin: traceLogFields,
  };
  return destination ? pino(options, destination) : pino(options);
}
