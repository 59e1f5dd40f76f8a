/**
 * Letters the organisation issues, through the gateway with real tokens: a mentee asks for a letter confirming
 * the hours of a programme; a coordinator (PROGRAMME_ADMIN of the programme's organisation) approves and signs it;
 * the public verification field (no sign-in) states what the letter says and the SHA-256 of the PDF as issued, so
 * the PDF verifies and a copy with one byte changed does not; a coordinator of another organisation may not review
 * it (the programme runs in organisations A and B, the other coordinator is of C); after revocation the verification says so.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { addDays, adminEnv, buildWorld, call, registerStaff, type Person, type World } from '../support/world';

let stack: Stack;
let world: World;
let coordinator: Person;
let otherCoordinator: Person;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@letters.test`;
const E = 'errors { field code message }';
const LETTER = 'id reference status signatoryName signatoryRole hours sha256 declineReason revokeReason';
const VERIFY = `query ($r: String!) { letterVerification(reference: $r) {
  reference status personName organizationName programmeName participantRole periodFrom periodTo hours meetings
  signatoryName signatoryRole issuedAt sha256 revokedAt revokeReason } }`;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

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
  const orgC = (
    await call(
      stack,
      `mutation ($input: OrganizationInput!) { createOrganization(input: $input) { ${E} organization { id } } }`,
      { input: { name: `Org C ${randomUUID().slice(0, 6)}`, city: 'Ottawa', country: 'CA' } },
      world.admin.token,
    )
  ).createOrganization.organization.id as string;
  otherCoordinator = await registerStaff(stack, world.admin, 'Olive Other', ['PROGRAMME_ADMIN'], orgC);
  await stack.settle();
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

describe('issued letters', () => {
  it('should verify an approved, signed letter and reject it after one byte of the PDF changes or it is revoked', async () => {
    const input = { programmeId: world.programmeId, from: addDays(world.today, -90), to: world.today };
    const requested = await call(
      stack,
      `mutation ($input: RequestLetterInput!) { requestLetter(input: $input) { letter { ${LETTER} } ${E} } }`,
      { input },
      world.mentee.token,
    );
    const letter = requested.requestLetter.letter;
    expect(letter.status).toBe('REQUESTED');
    expect(letter.reference).toMatch(/^TL-[0-9A-Z]{10}$/);
    // nothing to verify before issue
    expect((await stack.gql(VERIFY, { r: letter.reference })).data).toEqual({ letterVerification: null });

    // the coordinator of another organisation neither sees it in the queue nor may approve it
    const otherQueue = await call(stack, `{ letterQueue { id } }`, {}, otherCoordinator.token);
    expect(otherQueue.letterQueue.map((l: { id: string }) => l.id)).not.toContain(letter.id);
    const refused = await stack.gql(
      `mutation ($input: ApproveLetterInput!) { approveLetter(input: $input) { ${E} } }`,
      {
        input: {
          letterId: letter.id,
          signatoryName: 'Olive Other',
          signatoryRole: 'Coordinator',
          typedSignature: 'O. Other',
        },
      },
      { token: otherCoordinator.token },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // the member may not approve their own letter
    const own = await stack.gql(
      `mutation ($input: ApproveLetterInput!) { approveLetter(input: $input) { ${E} } }`,
      { input: { letterId: letter.id, signatoryName: 'Me', signatoryRole: 'Me', typedSignature: 'Me' } },
      { token: world.mentee.token },
    );
    expect(own.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const queue = await call(stack, `{ letterQueue { id } }`, {}, coordinator.token);
    expect(queue.letterQueue.map((l: { id: string }) => l.id)).toContain(letter.id);
    const missing = await call(
      stack,
      `mutation ($input: ApproveLetterInput!) { approveLetter(input: $input) { letter { id } errors { field code } } }`,
      {
        input: {
          letterId: letter.id,
          signatoryName: ' ',
          signatoryRole: 'Programme coordinator',
          typedSignature: 'C. Coordinator',
        },
      },
      coordinator.token,
    ).catch((e: Error) => e.message);
    expect(String(missing)).toContain('input.signatoryName');

    const approved = await call(
      stack,
      `mutation ($input: ApproveLetterInput!) { approveLetter(input: $input) { letter { ${LETTER} } ${E} } }`,
      {
        input: {
          letterId: letter.id,
          signatoryName: 'Chris Coordinator',
          signatoryRole: 'Programme coordinator',
          typedSignature: 'Chris Coordinator',
        },
      },
      coordinator.token,
    );
    expect(approved.approveLetter.letter).toMatchObject({
      status: 'ISSUED',
      signatoryName: 'Chris Coordinator',
      signatoryRole: 'Programme coordinator',
    });
    expect(approved.approveLetter.letter.hours).toBeGreaterThan(0);

    // the member downloads the PDF; the public page's data names what it states and its hash
    const mine = await call(stack, `{ myLetters { id status pdfBase64 } }`, {}, world.mentee.token);
    const issued = mine.myLetters.find((l: { id: string }) => l.id === letter.id);
    const pdf = Buffer.from(issued.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/Subtype /Image'); // the QR code
    const otherMentee = await call(stack, `{ myLetters { id } }`, {}, world.otherMentee.token);
    expect(otherMentee.myLetters).toEqual([]);

    const verified = await stack.gql<{ letterVerification: Record<string, unknown> }>(VERIFY, { r: letter.reference });
    expect(verified.errors).toBeUndefined();
    const v = verified.data!.letterVerification;
    expect(v).toMatchObject({
      reference: letter.reference,
      status: 'ISSUED',
      signatoryName: 'Chris Coordinator',
      signatoryRole: 'Programme coordinator',
      periodFrom: input.from,
      periodTo: input.to,
      revokedAt: null,
    });
    expect(v.sha256).toBe(sha256(pdf));
    const tampered = Buffer.from(pdf);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    expect(sha256(tampered)).not.toBe(v.sha256);

    // a second review is refused; revocation shows on the public page
    const again = await stack.gql(
      `mutation ($input: LetterReasonInput!) { declineLetter(input: $input) { errors { field code } } }`,
      { input: { letterId: letter.id, reason: 'Late' } },
      { token: coordinator.token },
    );
    expect(again.data).toEqual({ declineLetter: { errors: [{ field: 'input.letterId', code: 'ALREADY_REVIEWED' }] } });
    await call(
      stack,
      `mutation ($input: LetterReasonInput!) { revokeLetter(input: $input) { letter { ${LETTER} } ${E} } }`,
      { input: { letterId: letter.id, reason: 'Issued for the wrong period.' } },
      coordinator.token,
    );
    const revoked = (await stack.gql<{ letterVerification: Record<string, unknown> }>(VERIFY, { r: letter.reference }))
      .data!.letterVerification;
    expect(revoked).toMatchObject({ status: 'REVOKED', revokeReason: 'Issued for the wrong period.' });
    expect(revoked.revokedAt).not.toBeNull();
  });

  it('should let staff decline a request with a reason the member sees', async () => {
    const { requestLetter } = await call(
      stack,
      `mutation ($input: RequestLetterInput!) { requestLetter(input: $input) { letter { id } ${E} } }`,
      { input: { programmeId: world.programmeId, from: addDays(world.today, -90), to: world.today } },
      world.mentee.token,
    );
    await call(
      stack,
      `mutation ($input: LetterReasonInput!) { declineLetter(input: $input) { letter { id } ${E} } }`,
      { input: { letterId: requestLetter.letter.id, reason: 'Ask after your programme ends.' } },
      world.admin.token,
    );
    const mine = await call(stack, `{ myLetters { id status declineReason pdfBase64 } }`, {}, world.mentee.token);
    expect(mine.myLetters.find((l: { id: string }) => l.id === requestLetter.letter.id)).toEqual({
      id: requestLetter.letter.id,
      status: 'DECLINED',
      declineReason: 'Ask after your programme ends.',
      pdfBase64: null,
    });
  });

  it('should refuse a request without confirmed hours', async () => {
    const res = await stack.gql(
      `mutation ($input: RequestLetterInput!) { requestLetter(input: $input) { letter { id } errors { field code } } }`,
      { input: { programmeId: world.programmeId, from: addDays(world.today, 400), to: addDays(world.today, 401) } },
      { token: world.mentee.token },
    );
    expect(res.data).toEqual({
      requestLetter: { letter: null, errors: [{ field: 'input.programmeId', code: 'NO_HOURS' }] },
    });
  });
});
