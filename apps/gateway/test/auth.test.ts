/**
 * The gateway's token check: a token it has verified once is recognised by its exact text, but its time
 * claims are checked again on every use, and nothing that failed verification is ever remembered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { importPKCS8, SignJWT } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, type Principal } from '@tandem/contracts';
import { generateSigningKeys, signAccessToken, type KeyPairPem } from '@tandem/testkit';
import { createTokenVerifier, InvalidTokenError } from '../src/auth';

const mentee: Principal = {
  userId: '00000000-0000-4000-8000-000000000001',
  roles: ['MENTEE'],
  organizationId: '00000000-0000-4000-8000-0000000000aa',
};

let keys: KeyPairPem;
let otherKeys: KeyPairPem;
beforeAll(async () => {
  keys = await generateSigningKeys();
  otherKeys = await generateSigningKeys();
});

/** A token signed like identity's, with chosen times (seconds since the epoch). */
async function token(
  claims: { iat: number; exp: number; nbf?: number },
  pem = keys.privateKey,
  extra: Record<string, unknown> = {},
) {
  const jwt = new SignJWT({ roles: mentee.roles, org: mentee.organizationId, ...extra })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject(mentee.userId)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp);
  if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
  return jwt.sign(await importPKCS8(pem, 'EdDSA'));
}

const reason = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'accepted';
  } catch (error) {
    return error instanceof InvalidTokenError ? error.reason : `other: ${String(error)}`;
  }
};

describe('createTokenVerifier', () => {
  it('should give the principal of a valid token, the same on a second use, as a copy callers cannot change', async () => {
    const verify = await createTokenVerifier(keys.publicKey);
    const bearer = `Bearer ${await signAccessToken(keys.privateKey, mentee)}`;
    const first = await verify(bearer);
    expect(first).toEqual(mentee);
    first!.roles.push('ADMIN');
    const second = await verify(bearer);
    expect(second).toEqual(mentee);
    expect(second).not.toBe(first);
  });

  it('should refuse a token once it expires, even after it was verified (with the same 5 s tolerance)', async () => {
    let nowMs = 1_900_000_000_000;
    const verify = await createTokenVerifier(keys.publicKey, { now: () => nowMs });
    const t = await token({ iat: 1_900_000_000, exp: 1_900_000_060 });
    expect(await verify(`Bearer ${t}`)).toEqual(mentee);
    nowMs = 1_900_000_064_999; // exp + 4.999 s: within the tolerance
    expect(await verify(`Bearer ${t}`)).toEqual(mentee);
    nowMs = 1_900_000_065_000; // exp + 5 s
    expect(await reason(verify(`Bearer ${t}`))).toBe('expired');
    expect(await reason(verify(`Bearer ${t}`))).toBe('expired');
    // and a verifier that never saw it agrees
    const fresh = await createTokenVerifier(keys.publicKey, { now: () => nowMs });
    expect(await reason(fresh(`Bearer ${t}`))).toBe('expired');
  });

  it('should check not-before on every use', async () => {
    let nowMs = 1_900_000_000_000;
    const verify = await createTokenVerifier(keys.publicKey, { now: () => nowMs });
    const t = await token({ iat: 1_900_000_000, nbf: 1_900_000_003, exp: 1_900_000_600 });
    expect(await verify(`Bearer ${t}`)).toEqual(mentee); // nbf within the tolerance
    nowMs = 1_899_999_990_000; // the clock stepped back: nbf is now too far ahead
    expect(await reason(verify(`Bearer ${t}`))).toBe('invalid');
  });

  it('should refuse, every time, a token signed with another key, a tampered one, a wrong audience or a malformed header', async () => {
    const verify = await createTokenVerifier(keys.publicKey);
    const now = Math.floor(Date.now() / 1000);
    const foreign = await token({ iat: now, exp: now + 600 }, otherKeys.privateKey);
    const good = await token({ iat: now, exp: now + 600 });
    const [h, p, s] = good.split('.');
    const admin = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), roles: ['ADMIN'] }),
    ).toString('base64url');
    const tampered = `${h}.${admin}.${s}`;
    const wrongAudience = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject(mentee.userId)
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience('elsewhere')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(await importPKCS8(keys.privateKey, 'EdDSA'));
    expect(await verify(`Bearer ${good}`)).toEqual(mentee);
    for (let i = 0; i < 2; i++) {
      expect(await reason(verify(`Bearer ${foreign}`))).toBe('invalid');
      expect(await reason(verify(`Bearer ${tampered}`))).toBe('invalid');
      expect(await reason(verify(`Bearer ${wrongAudience}`))).toBe('invalid');
      expect(await reason(verify(`Basic ${good}`))).toBe('invalid');
      expect(await reason(verify(`Bearer ${good}x`))).toBe('invalid');
    }
    expect(await verify(undefined)).toBeNull();
  });

  it('should keep at most cacheSize tokens and still verify the ones it forgot', async () => {
    const verify = await createTokenVerifier(keys.publicKey, { cacheSize: 2 });
    const principals = [0, 1, 2].map((i): Principal => ({
      ...mentee,
      userId: `00000000-0000-4000-8000-00000000000${i}`,
    }));
    const bearers = await Promise.all(
      principals.map(async (p) => `Bearer ${await signAccessToken(keys.privateKey, p)}`),
    );
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 3; i++) expect(await verify(bearers[i])).toEqual(principals[i]);
    }
  });

  it('should refuse a token that never expires or claims a longer life than identity issues', async () => {
    const verify = await createTokenVerifier(keys.publicKey, { maxLifetimeSeconds: 900 });
    const now = Math.floor(Date.now() / 1000);
    const sign = (build: (jwt: SignJWT) => SignJWT) =>
      importPKCS8(keys.privateKey, 'EdDSA').then((key) =>
        build(
          new SignJWT({ roles: mentee.roles, org: mentee.organizationId })
            .setProtectedHeader({ alg: 'EdDSA' })
            .setSubject(mentee.userId)
            .setIssuer(ACCESS_TOKEN_ISSUER)
            .setAudience(ACCESS_TOKEN_AUDIENCE),
        ).sign(key),
      );
    const forever = await sign((jwt) => jwt.setIssuedAt(now));
    const undated = await sign((jwt) => jwt.setExpirationTime(now + 600));
    const tooLong = await token({ iat: now, exp: now + 901 });
    const longest = await token({ iat: now, exp: now + 900 });
    expect(await reason(verify(`Bearer ${forever}`))).toBe('invalid');
    expect(await reason(verify(`Bearer ${undated}`))).toBe('invalid');
    expect(await reason(verify(`Bearer ${tooLong}`))).toBe('invalid');
    expect(await verify(`Bearer ${longest}`)).toEqual(mentee);
  });
});
