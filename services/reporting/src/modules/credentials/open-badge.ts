/**
 * The Open Badges 3.0 credential a partner receives, as a W3C Verifiable Credential (Data Model 2.0) secured with
 * VC-JOSE-COSE: the credential is the JWT's payload, signed EdDSA (Ed25519) with the organisation's key through
 * `jose`, `typ: vc+jwt`; its status is an entry of the organisation's Bitstring Status List (revocation).
 */
import { SignJWT } from 'jose';
import type { KeyObject } from 'node:crypto';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** What a credential states. */
export interface CredentialClaims {
  id: string;
  issuer: { did: string; name: string };
  userId: string;
  personName: string;
  programmeId: string;
  programmeName: string;
  role: 'MENTOR' | 'MENTEE';
  from: string;
  to: string;
  hours: number;
  meetings: number;
  issuedAt: Date;
  status: { listUrl: string; index: number };
}

const ROLE_NAME = { MENTOR: 'Mentor', MENTEE: 'Mentee' } as const;

/** The OpenBadgeCredential (unsigned): programme, role, period and confirmed hours of one partner. */
export function openBadgeCredential(c: CredentialClaims) {
  const role = ROLE_NAME[c.role];
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: `urn:uuid:${c.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${role}, ${c.programmeName}`,
    issuer: { id: c.issuer.did, type: ['Profile'], name: c.issuer.name },
    validFrom: c.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: {
      id: `urn:uuid:${c.userId}`,
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: c.personName }],
      role,
      activityStartDate: `${c.from}T00:00:00Z`,
      activityEndDate: `${c.to}T23:59:59Z`,
      // CPD credits: one per confirmed hour
      creditsEarned: c.hours,
      achievement: {
        id: `urn:tandem:programme:${c.programmeId}:${c.role.toLowerCase()}`,
        type: ['Achievement'],
        achievementType: 'Achievement',
        name: `${role}, ${c.programmeName}`,
        description: `Took part as ${role.toLowerCase()} in the mentoring programme ${c.programmeName}, run by ${c.issuer.name}.`,
        criteria: {
          narrative: `${c.hours} hours over ${c.meetings} meetings between ${c.from} and ${c.to}, each confirmed by both partners and recorded in the programme's tamper-evident CPD ledger.`,
        },
      },
    },
    credentialStatus: {
      id: `${c.status.listUrl}#${c.status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(c.status.index),
      statusListCredential: c.status.listUrl,
    },
  };
}

/** The organisation's revocation list as a BitstringStatusListCredential (unsigned). */
export function statusListCredential(listUrl: string, issuer: { did: string; name: string }, encodedList: string) {
  return {
    '@context': [VC_CONTEXT],
    id: listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: { id: issuer.did, name: issuer.name },
    validFrom: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: { id: `${listUrl}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList },
  };
}

/** Secures a credential as a VC-JWT (compact JWS, EdDSA): the payload is the credential itself. */
export function signCredential(
  credential: { id: string; issuer: { id: string } } & Record<string, unknown>,
  keyId: string,
  key: KeyObject,
): Promise<string> {
  return new SignJWT(credential)
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: keyId })
    .setIssuer(credential.issuer.id)
    .setJti(credential.id)
    .setIssuedAt()
    .sign(key);
}

/** The file a member downloads: the VC Data Model 2.0 envelope of the signed credential. */
export const envelopedCredential = (jwt: string) => ({
  '@context': VC_CONTEXT,
  id: `data:application/vc+jwt,${jwt}`,
  type: 'EnvelopedVerifiableCredential',
});
