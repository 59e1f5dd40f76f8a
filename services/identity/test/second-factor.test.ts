import { describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import {
  hashRecoveryCode,
  matchTotp,
  newRecoveryCode,
  newTotpSecret,
  SecretBox,
} from '../src/modules/second-factor/second-factor.crypto';
import { codeKind, isStaff, secondFactorRequired } from '../src/modules/second-factor/second-factor.rules';

describe('secondFactorRequired', () => {
  it('should require it of ADMIN and PROGRAMME_ADMIN always, of a COACH only when the organisation says so', () => {
    expect(secondFactorRequired(['ADMIN'], false)).toBe(true);
    expect(secondFactorRequired(['MENTEE', 'PROGRAMME_ADMIN'], false)).toBe(true);
    expect(secondFactorRequired(['COACH'], false)).toBe(false);
    expect(secondFactorRequired(['COACH'], true)).toBe(true);
    expect(secondFactorRequired(['ANALYST'], true)).toBe(false);
    expect(secondFactorRequired(['MENTOR', 'MENTEE'], true)).toBe(false);
  });

  it('should count the four staff roles as staff, and participants not', () => {
    expect(['COACH', 'PROGRAMME_ADMIN', 'ANALYST', 'ADMIN'].every((r) => isStaff([r as never]))).toBe(true);
    expect(isStaff(['MENTEE', 'MENTOR'])).toBe(false);
  });
});

describe('codes', () => {
  it('should read six digits as a TOTP code and anything else as a recovery code', () => {
    expect(codeKind('123456')).toBe('TOTP');
    expect(codeKind('123 456')).toBe('TOTP');
    expect(codeKind('abcde-fghjk')).toBe('RECOVERY_CODE');
    expect(codeKind('1234567')).toBe('RECOVERY_CODE');
  });

  it('should accept a TOTP code within one step either side, only after the last step used', async () => {
    const secret = newTotpSecret();
    const now = Math.floor(Date.now() / 1000);
    const step = Math.floor(now / 30);
    const at = (s: number) => generate({ secret, epoch: s * 30 });
    expect(await matchTotp(secret, await at(step), null)).toBe(step);
    expect(await matchTotp(secret, await at(step + 1), step)).toBe(step + 1);
    expect(await matchTotp(secret, await at(step), step)).toBeNull(); // replay
    expect(await matchTotp(secret, await at(step + 3), null)).toBeNull(); // outside the window
    expect(await matchTotp(secret, 'abcdef', null)).toBeNull();
  });

  it('should hash recovery codes whatever their case, spaces and dashes, and make them distinct', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(hashRecoveryCode(code.toUpperCase().replace('-', ' '))).toBe(hashRecoveryCode(code));
    expect(new Set(Array.from({ length: 50 }, newRecoveryCode)).size).toBe(50);
  });

  it('should encrypt secrets so that only the same key opens them', () => {
    const box = SecretBox.from({}, 'signing key A')!;
    const sealed = box.seal('SECRET');
    expect(sealed).not.toContain('SECRET');
    expect(box.open(sealed)).toBe('SECRET');
    expect(() => SecretBox.from({}, 'signing key B')!.open(sealed)).toThrow();
    const configured = SecretBox.from({ SECOND_FACTOR_KEY: Buffer.alloc(32, 7).toString('base64') }, null)!;
    expect(configured.open(configured.seal('x'))).toBe('x');
    expect(SecretBox.from({}, null)).toBeNull();
  });
});
