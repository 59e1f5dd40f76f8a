/**
 * Open Badges 3.0 credentials, through the gateway with real tokens: a coordinator (PROGRAMME_ADMIN of the
 * relationship's organisation) issues each partner a credential; the mentee downloads theirs and a verifier checks
 * it with `jose` alone (not our code), resolving the issuer's did:web document and JWKS from the gateway's public
 * URLs: the signature, the issuer, the typ; it states the programme, the role, the period and the hours. A copy
 * with one claim changed fails; after revocation the organisation's Bitstring Status List (itself a signed
 * credential) has the credential's bit set. A coordinator of another organisation cannot issue or revoke for this
 * one, a member reads only their own credentials, and no answer ever holds the private key.
 */
import { gunzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { adminEnv, buildWorld, call, registerStaff, type Person, type World } from '../support/world';

let stack: Stack;
let world: World;
let coordinator: Person;
let otherCoordinator: Person;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@credentials.test`;
const E = 'errors { field code message }';
const CREDENTIAL = `id userId relationshipId organizationId programmeId role personName organizationName programmeName
  periodFrom periodTo hours meetings issuedAt revokedAt revokeReason jwt json`;
const ISSUE = `mutation ($input: IssueCredentialsInput!) { issueCredentials(input: $input) { credentials { ${CREDENTIAL} } ${E} } }`;
const NOTIFICATIONS = `{ me { notifications(first: 50) { edges { node { kind title body link } } } } }`;
const REVOKE = `mutation ($input: RevokeCredentialInput!) { revokeCredential(input: $input) { credential { ${CREDENTIAL} } ${E} } }`;

interface Credential {
  id: string;
  userId: string;
  role: string;
  hours: number;
  periodFrom: string;
  periodTo: string;
  jwt: string;
  json: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a credential's claims, read deep as a verifier would
type Claims = Record<string, any>;

/** The gateway's own address for a URL the credential names (PUBLIC_URL is the deployment's, not the test's port). */
const viaGateway = (url: string) => {
  const u = new URL(url);
  return new URL(`${u.pathname}${u.search}`, new URL(stack.gateway.url).origin);
};

/** did:web resolution as its specification says: host (percent-decoded), path segments, then /did.json. */
function didWebUrl(did: string): string {
  const [, , host, ...path] = did.split(':');
  return `https://${decodeURIComponent(host!)}/${path.join('/')}/did.json`;
}

/** A verifier with nothing but the JWT and jose: resolve the issuer's DID, verify with its key, read the status list. */
async function verify(jwt: string) {
  const unverified = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as {
    issuer: { id: string };
  };
  const did = unverified.issuer.id;
  const doc = (await (await fetch(viaGateway(didWebUrl(did)))).json()) as {
    id: string;
    verificationMethod: Array<{ id: string; publicKeyJwk: JWK }>;
    assertionMethod: string[];
  };
  expect(doc.id).toBe(did);
  const { kid } = decodeProtectedHeader(jwt);
  const method = doc.verificationMethod.find((m) => m.id === kid && doc.assertionMethod.includes(m.id));
  if (!method) throw new Error('the key is not an assertion method of the issuer');
  const { payload, protectedHeader } = await jwtVerify(jwt, await importJWK(method.publicKeyJwk, 'EdDSA'), {
    issuer: did,
    typ: 'vc+jwt',
    algorithms: ['EdDSA'],
  });
  return { payload: payload as Claims, protectedHeader, did };
}

/** The Bitstring Status List check: fetch the list credential, verify it with the issuer's key, read the bit. */
async function isRevoked(credential: Claims, did: string): Promise<boolean> {
  const status = credential.credentialStatus as {
    statusListCredential: string;
    statusListIndex: string;
    statusPurpose: string;
  };
  expect(status.statusPurpose).toBe('revocation');
  const res = await fetch(viaGateway(status.statusListCredential));
  expect(res.headers.get('content-type')).toContain('application/vc+jwt');
  const jwks = createRemoteJWKSet(
    viaGateway(`${new URL(status.statusListCredential).href.replace(/status\/1$/, 'jwks.json')}`),
  );
  const { payload } = await jwtVerify(await res.text(), jwks, { issuer: did, typ: 'vc+jwt' });
  const list = payload as unknown as {
    type: string[];
    credentialSubject: { encodedList: string; statusPurpose: string };
  };
  expect(list.type).toContain('BitstringStatusListCredential');
  const bits = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
  expect(bits.length * 8).toBeGreaterThanOrEqual(131_072);
  const index = Number(status.statusListIndex);
  return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

beforeAll(async () => {
  database = await isolatedDatabase(testDatabaseUrl(), [identity, matching, relationships, reporting]);
  stack = await startStack({
    databaseUrl: database.url,
    services: [identity, matching, relationships, reporting],
    env: adminEnv(ADMIN_EMAIL),
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
  });
  world = await buildWorld(stack, ADMIN_EMAIL);
  for (const who of [world.mentee, world.mentor]) {
    await call(
      stack,
      `mutation ($id: ID!, $v: Int!) { signAgreement(relationshipId: $id, version: $v) { ${E} } }`,
      { id: world.relationshipId, v: world.agreementVersion },
      who.token,
    );
  }
  await call(
    stack,
    `mutation ($id: ID!) { confirmMeeting(meetingId: $id) { ${E} } }`,
    { id: world.meetingId },
    world.mentor.token,
  );
  coordinator = await registerStaff(stack, world.admin, 'Chris Coordinator', ['PROGRAMME_ADMIN'], world.orgA);
  otherCoordinator = await registerStaff(stack, world.admin, 'Olive Other', ['PROGRAMME_ADMIN'], world.orgB);
  await stack.settle();
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

describe('Open Badges 3.0 credentials', () => {
  it('should issue a credential that an independent verifier accepts, and reject it tampered or revoked', async () => {
    // another organisation's coordinator may not issue for this relationship
    const foreign = await stack.gql(
      ISSUE,
      { input: { relationshipId: world.relationshipId } },
      {
        token: otherCoordinator.token,
      },
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // nor may a partner issue their own
    const own = await stack.gql(
      ISSUE,
      { input: { relationshipId: world.relationshipId } },
      { token: world.mentee.token },
    );
    expect(own.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // the mentor reads Tandem in French: their notice comes in French
    await call(stack, `mutation { setLanguage(language: FR_CA) { errors { code } } }`, {}, world.mentor.token);
    const issued = await call(stack, ISSUE, { input: { relationshipId: world.relationshipId } }, coordinator.token);
    const credentials = issued.issueCredentials.credentials as Credential[];
    expect(credentials.map((c) => c.role).sort()).toEqual(['MENTEE', 'MENTOR']);
    const menteeCredential = credentials.find((c) => c.userId === world.mentee.userId)!;
    expect(menteeCredential.hours).toBeGreaterThan(0);

    // the mentee finds it among their own and downloads the JSON file (an EnvelopedVerifiableCredential)
    const mine = (await call(stack, `{ myCredentials { ${CREDENTIAL} } }`, {}, world.mentee.token))
      .myCredentials as Credential[];
    expect(mine.map((c) => c.id)).toEqual([menteeCredential.id]);
    const file = JSON.parse(mine[0]!.json) as { type: string; id: string };
    expect(file.type).toBe('EnvelopedVerifiableCredential');
    expect(file.id.startsWith('data:application/vc+jwt,')).toBe(true);
    const jwt = file.id.slice('data:application/vc+jwt,'.length);
    // another member sees none of them
    expect((await call(stack, `{ myCredentials { id } }`, {}, world.otherMentee.token)).myCredentials).toEqual([]);

    const { payload, protectedHeader, did } = await verify(jwt);
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(did).toMatch(new RegExp(`^did:web:[^:]+:issuers:${world.orgA}$`));
    expect(payload['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(payload.id).toBe(`urn:uuid:${menteeCredential.id}`);
    expect(payload.credentialSubject).toMatchObject({
      type: ['AchievementSubject'],
      role: 'Mentee',
      creditsEarned: menteeCredential.hours,
      activityStartDate: `${menteeCredential.periodFrom}T00:00:00Z`,
      activityEndDate: `${menteeCredential.periodTo}T23:59:59Z`,
      achievement: { type: ['Achievement'] },
    });
    expect(payload.credentialSubject.achievement.name).toContain('Mentee');
    expect(await isRevoked(payload, did)).toBe(false);

    // the JWKS a JOSE verifier reads gives the same answer
    const jwksUrl = viaGateway(
      didWebUrl(did)
        .replace(/did\.json$/, 'jwks.json')
        .replace(/^https:/, 'http:'),
    );
    await expect(jwtVerify(jwt, createRemoteJWKSet(jwksUrl), { issuer: did })).resolves.toBeTruthy();

    // one claim changed (more hours): the signature no longer holds
    const [head, body, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    claims.credentialSubject.creditsEarned = menteeCredential.hours + 10;
    const tampered = [head, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    await expect(verify(tampered)).rejects.toThrow(/signature verification failed/);

    // revocation: the foreign coordinator may not; without a reason it is refused; then the status list says so
    const foreignRevoke = await stack.gql(
      REVOKE,
      { input: { credentialId: menteeCredential.id, reason: 'No' } },
      {
        token: otherCoordinator.token,
      },
    );
    expect(foreignRevoke.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noReason = await stack.gql(
      REVOKE,
      { input: { credentialId: menteeCredential.id, reason: ' ' } },
      {
        token: coordinator.token,
      },
    );
    expect(
      (noReason.data as { revokeCredential: { errors: Array<{ field: string }> } }).revokeCredential.errors[0]?.field,
    ).toBe('input.reason');
    const revoked = await call(
      stack,
      REVOKE,
      { input: { credentialId: menteeCredential.id, reason: 'Issued before the audit outcome.' } },
      coordinator.token,
    );
    expect(revoked.revokeCredential.credential).toMatchObject({ revokeReason: 'Issued before the audit outcome.' });
    expect(await isRevoked(payload, did)).toBe(true);
    // the mentor's credential stays valid
    const mentorJwt = credentials.find((c) => c.role === 'MENTOR')!.jwt;
    const mentorCheck = await verify(mentorJwt);
    expect(await isRevoked(mentorCheck.payload, mentorCheck.did)).toBe(false);
    const again = await stack.gql(
      REVOKE,
      { input: { credentialId: menteeCredential.id, reason: 'Twice' } },
      {
        token: coordinator.token,
      },
    );
    expect((again.data as { revokeCredential: { errors: Array<{ code: string }> } }).revokeCredential.errors).toEqual([
      expect.objectContaining({ code: 'ALREADY_REVOKED' }),
    ]);

    // each holder was told, in their language, with a link to the credential on their Evidence screen; the mentee
    // also of the revocation, with the reason
    await stack.settle();
    const notices = async (who: { token: string }) =>
      (await call(stack, NOTIFICATIONS, {}, who.token)).me.notifications.edges
        .map((e: { node: { kind: string; title: string; body: string; link: string } }) => e.node)
        .filter((n: { kind: string }) => n.kind.startsWith('CREDENTIAL_'));
    const menteeNotices = await notices(world.mentee);
    expect(menteeNotices).toContainEqual({
      kind: 'CREDENTIAL_ISSUED',
      title: expect.stringMatching(/^Your Open Badges credential for .+ is ready$/),
      body: expect.stringContaining('as mentee and your'),
      link: `/evidence#credential-${menteeCredential.id}`,
    });
    expect(menteeNotices).toContainEqual({
      kind: 'CREDENTIAL_REVOKED',
      title: expect.stringContaining('was revoked'),
      body: expect.stringContaining('“Issued before the audit outcome.”'),
      link: `/evidence#credential-${menteeCredential.id}`,
    });
    const mentorCredential = credentials.find((c) => c.role === 'MENTOR')!;
    expect(await notices(world.mentor)).toEqual([
      {
        kind: 'CREDENTIAL_ISSUED',
        title: expect.stringMatching(/^Votre attestation Open Badges pour .+ est prête$/),
        body: expect.stringContaining('votre rôle de mentor ou mentore'),
        link: `/evidence#credential-${mentorCredential.id}`,
      },
    ]);
  });

  it('should let staff list only their own organisation’s credentials and never answer the private key', async () => {
    const list = `query ($r: ID) { credentialsIssued(relationshipId: $r) { id organizationId } }`;
    const ours = await call(stack, list, { r: world.relationshipId }, coordinator.token);
    expect(ours.credentialsIssued.length).toBeGreaterThanOrEqual(2);
    expect((await call(stack, list, { r: world.relationshipId }, otherCoordinator.token)).credentialsIssued).toEqual(
      [],
    );
    const member = await stack.gql(list, { r: world.relationshipId }, { token: world.mentee.token });
    expect(member.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // the key is sealed at rest: the stored form is not a PEM, and no public document holds a private part (d)
    const [key] = await stack.sql<{ sealed: string; jwk: Record<string, string> }>(
      `SELECT private_key_sealed AS sealed, public_jwk AS jwk FROM reporting.issuer_key WHERE organization_id = $1`,
      [world.orgA],
    );
    expect(key!.sealed.startsWith('v1.')).toBe(true);
    expect(key!.sealed).not.toContain('PRIVATE KEY');
    const origin = new URL(stack.gateway.url).origin;
    for (const path of ['did.json', 'jwks.json']) {
      const res = await fetch(`${origin}/issuers/${world.orgA}/${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const text = await res.text();
      expect(text).toContain(key!.jwk.x);
      expect(text).not.toContain('"d"');
    }
    // an organisation that never issued publishes nothing
    expect((await fetch(`${origin}/issuers/${world.orgB}/did.json`)).status).toBe(404);
  });

  it('should let a partner ask for a credential, tell the coordinator, and answer by a decline or by issuing', async () => {
    const REQUEST = `mutation ($input: RequestCredentialInput!) { requestCredential(input: $input) {
      request { id resolution note hours role } ${E} } }`;
    const DECLINE = `mutation ($input: DeclineCredentialRequestInput!) { declineCredentialRequest(input: $input) {
      request { id resolution declineReason } ${E} } }`;
    const OPEN = `query ($r: ID) { credentialRequests(relationshipId: $r) { id userId personName hours note } }`;
    const OPTIONS = `{ myCredentialOptions { relationshipId role hours meetings currentCredentialId
      latestRequest { id resolution declineReason } } }`;
    // the payload as it comes, refusals included (`call` throws on them)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads read as the client would
    const payload = async (query: string, variables: Record<string, unknown>, who: Person): Promise<any> => {
      const res = await stack.gql(query, variables, { token: who.token });
      expect(res.errors).toBeUndefined();
      return res.data;
    };
    const ask = (note: string | null) =>
      payload(REQUEST, { input: { relationshipId: world.relationshipId, note } }, world.mentee);

    // the mentee's credential was revoked above: nothing states their hours, so they may ask
    let options = (await call(stack, OPTIONS, {}, world.mentee.token)).myCredentialOptions;
    expect(options).toEqual([
      expect.objectContaining({
        relationshipId: world.relationshipId,
        role: 'MENTEE',
        currentCredentialId: null,
        latestRequest: null,
      }),
    ]);
    // bad input is refused whole, and nothing is asked
    expect((await ask('x'.repeat(1_001))).requestCredential.errors).toEqual([
      expect.objectContaining({ field: 'input.note', code: 'TOO_LONG' }),
    ]);
    // someone who is not a partner is told the relationship does not exist
    const stranger = await stack.gql(
      REQUEST,
      { input: { relationshipId: world.relationshipId } },
      { token: otherCoordinator.token },
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const first = (await ask('For my employer’s CPD file')).requestCredential;
    expect(first).toMatchObject({ errors: [], request: { resolution: null, role: 'MENTEE' } });
    expect((await ask(null)).requestCredential.errors).toEqual([
      expect.objectContaining({ field: 'input.relationshipId', code: 'ALREADY_SUBMITTED' }),
    ]);

    // the coordinator of the organisation sees it and is told, with a link to the relationship in the admin app
    expect((await call(stack, OPEN, { r: world.relationshipId }, coordinator.token)).credentialRequests).toEqual([
      expect.objectContaining({ userId: world.mentee.userId, note: 'For my employer’s CPD file' }),
    ]);
    expect((await call(stack, OPEN, { r: null }, otherCoordinator.token)).credentialRequests).toEqual([]);
    await stack.settle();
    const told = (await call(stack, NOTIFICATIONS, {}, coordinator.token)).me.notifications.edges.map(
      (e: { node: unknown }) => e.node,
    );
    expect(told).toContainEqual({
      kind: 'CREDENTIAL_REQUESTED',
      title: expect.stringMatching(/asks for a credential for /),
      body: expect.stringContaining('as mentee in'),
      link: `admin:/relationships/${world.relationshipId}#credentials-title`,
    });

    // another organisation's coordinator may not answer it; a reason is required
    const foreign = await stack.gql(
      DECLINE,
      { input: { requestId: first.request.id, reason: 'No' } },
      { token: otherCoordinator.token },
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      (await payload(DECLINE, { input: { requestId: first.request.id, reason: ' ' } }, coordinator))
        .declineCredentialRequest.errors,
    ).toEqual([expect.objectContaining({ field: 'input.reason', code: 'REQUIRED' })]);
    const declined = (
      await call(
        stack,
        DECLINE,
        { input: { requestId: first.request.id, reason: 'Your audit is still open.' } },
        coordinator.token,
      )
    ).declineCredentialRequest;
    expect(declined.request).toMatchObject({ resolution: 'DECLINED', declineReason: 'Your audit is still open.' });
    expect(
      (await payload(DECLINE, { input: { requestId: first.request.id, reason: 'Again' } }, coordinator))
        .declineCredentialRequest.errors,
    ).toEqual([expect.objectContaining({ code: 'NOT_PENDING' })]);
    await stack.settle();
    const menteeTold = (await call(stack, NOTIFICATIONS, {}, world.mentee.token)).me.notifications.edges.map(
      (e: { node: unknown }) => e.node,
    );
    expect(menteeTold).toContainEqual({
      kind: 'CREDENTIAL_REQUEST_DECLINED',
      title: expect.stringContaining('was declined'),
      body: expect.stringContaining('“Your audit is still open.”'),
      link: '/evidence#credentials',
    });

    // asked again, then answered by issuing: the request is ISSUED, and a valid credential now states the hours
    const second = (await ask(null)).requestCredential;
    expect(second.errors).toEqual([]);
    await call(stack, ISSUE, { input: { relationshipId: world.relationshipId } }, coordinator.token);
    options = (await call(stack, OPTIONS, {}, world.mentee.token)).myCredentialOptions;
    expect(options[0]).toMatchObject({
      currentCredentialId: expect.any(String),
      latestRequest: { id: second.request.id, resolution: 'ISSUED' },
    });
    expect((await call(stack, OPEN, { r: world.relationshipId }, coordinator.token)).credentialRequests).toEqual([]);
    expect((await ask(null)).requestCredential.errors).toEqual([
      expect.objectContaining({ field: 'input.relationshipId', code: 'UP_TO_DATE' }),
    ]);
  });

  it('should answer NOT_FOUND for an unknown relationship', async () => {
    const unknown = await stack.gql(ISSUE, { input: { relationshipId: randomUUID() } }, { token: coordinator.token });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
