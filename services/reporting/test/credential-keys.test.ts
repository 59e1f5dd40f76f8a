import { gunzipSync } from 'node:zlib';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  encodeStatusList,
  issuerUrls,
  KeySeal,
  newIssuerKeyPair,
  STATUS_LIST_BITS,
} from '../src/modules/credentials/issuer-key';

const pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() as string;

describe('issuer keys', () => {
  it('should name the issuer as did:web says: the port percent-encoded, path segments as colons', () => {
    const org = '3f8e1c1e-8f7a-4c55-9d8e-0a1b2c3d4e5f';
    expect(issuerUrls('http://127.0.0.1:4000', org)).toEqual({
      did: `did:web:127.0.0.1%3A4000:issuers:${org}`,
      keyId: `did:web:127.0.0.1%3A4000:issuers:${org}#key-1`,
      didDocument: `http://127.0.0.1:4000/issuers/${org}/did.json`,
      jwks: `http://127.0.0.1:4000/issuers/${org}/jwks.json`,
      statusList: `http://127.0.0.1:4000/issuers/${org}/status/1`,
    });
    expect(issuerUrls('https://tandem.example.org/api/', org).did).toBe(
      `did:web:tandem.example.org:api:issuers:${org}`,
    );
  });

  it('should set exactly the revoked bits, most significant bit first, in a 16 KB list', () => {
    const encoded = encodeStatusList([0, 9, STATUS_LIST_BITS - 1]);
    expect(encoded.startsWith('u')).toBe(true);
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bits.length).toBe(STATUS_LIST_BITS / 8);
    expect(bits[0]).toBe(0x80);
    expect(bits[1]).toBe(0x40);
    expect(bits[bits.length - 1]).toBe(0x01);
    expect(bits.subarray(2, bits.length - 1).every((b) => b === 0)).toBe(true);
  });

  it('should seal a private key so that only the same seal key opens it', () => {
    const { privatePem, publicJwk } = newIssuerKeyPair();
    expect(publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String) });
    expect(publicJwk).not.toHaveProperty('d');
    const checkpoint = pem();
    const sealed = KeySeal.from(undefined, checkpoint)!.seal(privatePem);
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(KeySeal.from(undefined, checkpoint)!.open(sealed)).toBe(privatePem);
    expect(() => KeySeal.from(undefined, pem())!.open(sealed)).toThrow();
    expect(() => KeySeal.from(Buffer.alloc(32, 7).toString('base64'), undefined)!.open(sealed)).toThrow();
    expect(KeySeal.from(undefined, undefined)).toBeNull();
    expect(() => KeySeal.from('c2hvcnQ=', undefined)).toThrow(/32 bytes/);
  });
});
