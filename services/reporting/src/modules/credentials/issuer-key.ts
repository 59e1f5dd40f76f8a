/**
 * An organisation's credential-signing key and what verifiers read of it: an Ed25519 key pair made on first
 * issuance, the private half sealed at rest (AES-256-GCM under a key only reporting holds), the public half
 * published as a did:web document and a JWKS under `<PUBLIC_URL>/issuers/<organisation id>/`.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** Bits of every status list: the specification's minimum (16 KB), so one index tells nothing about a list's size. */
export const STATUS_LIST_BITS = 131_072;

/** Seals the organisations' private keys (AES-256-GCM, a random 96-bit nonce per key). */
export class KeySeal {
  private constructor(private readonly key: Buffer) {}

  /**
   * From CREDENTIAL_KEY_SEAL_KEY (32 bytes, base64) or, without it, derived (HKDF-SHA256) from reporting's own
   * checkpoint-signing key, so a deployment needs no new secret; null when neither is configured.
   */
  static from(sealKey: string | undefined, checkpointPem: string | undefined): KeySeal | null {
    if (sealKey) {
      const key = Buffer.from(sealKey, 'base64');
      if (key.length !== 32) throw new Error('CREDENTIAL_KEY_SEAL_KEY must be 32 bytes, base64-encoded');
      return new KeySeal(key);
    }
    if (!checkpointPem) return null;
    return new KeySeal(Buffer.from(hkdfSync('sha256', checkpointPem, 'tandem-reporting', 'credential-keys-v1', 32)));
  }

  seal(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${nonce.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
  }

  open(sealed: string): string {
    const [version, nonce, body, tag] = sealed.split('.');
    if (version !== 'v1' || !nonce || !body || !tag) throw new Error('unreadable sealed key');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** A new Ed25519 key pair: the public JWK (published) and the private key as PKCS#8 PEM (to be sealed). */
export function newIssuerKeyPair(): { publicJwk: JsonWebKey; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const { kty, crv, x } = publicKey.export({ format: 'jwk' });
  return {
    publicJwk: { kty, crv, x },
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

export const privateKeyOf = (pem: string): KeyObject => createPrivateKey(pem);

/** Where an organisation's issuer documents live, and the DID that names it (did:web, path form). */
export function issuerUrls(publicUrl: string, organizationId: string) {
  const base = new URL(publicUrl);
  const root = `${base.origin}${base.pathname.replace(/\/$/, '')}/issuers/${organizationId}`;
  // did:web percent-encodes the port's colon and turns the path's slashes into colons
  const path = base.pathname.replace(/^\/|\/$/g, '');
  const did = [
    'did:web',
    encodeURIComponent(base.host),
    ...(path ? path.split('/') : []),
    'issuers',
    organizationId,
  ].join(':');
  return {
    did,
    keyId: `${did}#key-1`,
    didDocument: `${root}/did.json`,
    jwks: `${root}/jwks.json`,
    statusList: `${root}/status/1`,
  };
}

/** The did:web document: one Ed25519 JsonWebKey verification method, for assertions (issuing credentials). */
export function didDocument(did: string, keyId: string, publicJwk: JsonWebKey) {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jwk/v1'],
    id: did,
    verificationMethod: [{ id: keyId, type: 'JsonWebKey', controller: did, publicKeyJwk: publicJwk }],
    assertionMethod: [keyId],
  };
}

/** The JWKS a JOSE verifier reads (`kid` is the DID URL the credentials' JWS header names). */
export const jwks = (keyId: string, publicJwk: JsonWebKey) => ({
  keys: [{ ...publicJwk, kid: keyId, alg: 'EdDSA', use: 'sig' }],
});

/**
 * A Bitstring Status List's `encodedList`: bit i (most significant bit first) set when the credential at index i
 * is revoked, GZIP-compressed, base64url with the multibase prefix `u`.
 */
export function encodeStatusList(revokedIndexes: number[]): string {
  const bits = Buffer.alloc(STATUS_LIST_BITS / 8);
  for (const i of revokedIndexes) bits[i >> 3] |= 0x80 >> (i & 7);
  return `u${gzipSync(bits).toString('base64url')}`;
}
