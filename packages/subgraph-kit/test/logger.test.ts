import { Writable } from 'node:stream';
import { pino } from 'pino';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { REDACTED_PATHS } from '../src/logger';

function capture() {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, out), lines };
}

describe('REDACTED_PATHS', () => {
  it("should keep a failed query's parameters (a password hash, a token hash, an address) out of the log", () => {
    const { log, lines } = capture();
    const error = new QueryFailedError(
      'UPDATE "user" SET password_hash = $2 WHERE id = $1',
      ['6f1c…', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA'],
      new Error('deadlock detected'),
    );
    log.error({ err: error }, 'request failed');
    log.warn({ error: { parameters: ['reset-token-hash', 'ana@example.org'] } }, 'other shape');
    const text = lines.join('\n');
    expect(text).toContain('request failed');
    expect(text).not.toContain('argon2id');
    expect(text).not.toContain('reset-token-hash');
    expect(text).not.toContain('ana@example.org');
  });
});
