/**
 * The cryptography of the second factor: TOTP through otplib (RFC 6238: SHA-1, 6 digits, 30 s, what every
 * authenticator app reads), the secret encrypted at rest with AES-256-GCM, recovery codes and challenge
 * tokens as random values of which only the sha256 is stored.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

/** The issuer authenticator apps show beside the account. */
export const TOTP_ISSUER = 'Tandem';
/** Seconds per TOTP step. */
export const TOTP_PERIOD = 30;

/** A new base32 TOTP secret (20 random bytes, 160 bits, as RFC 4226 recommends). */
export const newTotpSecret = (): string => generateSecret({ length: 20 });

/** The otpauth:// URI an authenticator app scans (the QR code's content). */
export const totpUri = (secret: string, label: string): string => generateURI({ issuer: TOTP_ISSUER, label, secret });

/**
 * The time step a 6-digit code matches within ±1 step of now, if any and if it is later than `afterTimeStep`
 * (a step already used is never accepted again: no replay); null otherwise.
 */
export async function matchTotp(secret: string, code: string, afterTimeStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOTP_PERIOD,
    ...(afterTimeStep === null ? {} : { afterTimeStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Encrypts and decrypts TOTP secrets at rest (AES-256-GCM, a random 96-bit nonce per secret). */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /**
   * From SECOND_FACTOR_KEY (32 bytes, base64) or, without it, derived (HKDF-SHA256) from the token-signing
   * key, so that a deployment needs no new secret; null when neither is configured (nothing can sign in then).
   */
  static from(env: { SECOND_FACTOR_KEY?: string }, signingKeyPem: string | null): SecretBox | null {
    if (env.SECOND_FACTOR_KEY) {
      const key = Buffer.from(env.SECOND_FACTOR_KEY, 'base64');
      if (key.length !== 32) throw new Error('SECOND_FACTOR_KEY must be 32 bytes, base64-encoded');
      return new SecretBox(key);
    }
    if (!signingKeyPem) return null;
    const derived = hkdfSync('sha256', signingKeyPem, 'tandem-identity', 'second-factor-secret-v1', 32);
    return new SecretBox(Buffer.from(derived));
  }

  /** A box with a key of its own for another purpose (HKDF from this one): webhook signing secrets. */
  derive(purpose: string): SecretBox {
    return new SecretBox(Buffer.from(hkdfSync('sha256', this.key, 'tandem-identity', purpose, 32)));
  }

  seal(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      'v1',
      nonce.toString('base64url'),
      body.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
  }

  open(sealed: string): string {
    const [version, nonce, body, tag] = sealed.split('.');
    if (version !== 'v1' || !nonce || !body || !tag) throw new Error('unreadable sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i
/** How many recovery codes a person holds after enrolling or renewing. */
export const RECOVERY_CODE_COUNT = 10;

/** A recovery code: 10 characters from a 31-letter alphabet (about 50 bits), shown as `xxxxx-xxxxx`. */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** Codes are compared case-insensitively, without spaces or dashes. */
export const normaliseRecoveryCode = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '');

export const hashRecoveryCode = (code: string): string =>
  createHash('sha256').update(normaliseRecoveryCode(code), 'utf8').digest('hex');

/** A challenge token: 256 random bits (base64url); only its sha256 is stored. */
export const newChallengeToken = (): string => randomBytes(32).toString('base64url');
export const hashChallengeToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
