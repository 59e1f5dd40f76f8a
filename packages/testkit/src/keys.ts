/** Signing keys and access tokens, as identity issues them, for tests. */
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, SignJWT } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, type Principal } from '@tandem/contracts';

export interface KeyPairPem {
  privateKey: string;
  publicKey: string;
}

export async function generateSigningKeys(): Promise<KeyPairPem> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { privateKey: await exportPKCS8(privateKey), publicKey: await exportSPKI(publicKey) };
}

export async function signAccessToken(privateKeyPem: string, principal: Principal, expiresIn = '15m'): Promise<string> {
  const key = await importPKCS8(privateKeyPem, 'EdDSA');
  return new SignJWT({ roles: principal.roles, org: principal.organizationId })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject(principal.userId)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}
