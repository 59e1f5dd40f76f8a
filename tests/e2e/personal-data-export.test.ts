/**
 * "Download all my data": a mentee and a mentor with data in all four subgraphs, made through the gateway
 * with identity's real tokens; the mentee's export holds their own records from each subgraph and nothing
 * secret or belonging to someone else; an ADMIN may export the mentee (without what the platform keeps
 * between the two partners); anyone else is told NOT_FOUND; after erasure the export shows the pseudonym
 * and the CPD evidence that stays.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { addDays, adminEnv, buildWorld, call, type Person, type World } from '../support/world';
import { samplePdf } from '../support/sample-files';

let stack: Stack;
let world: World;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@export.test`;
const MENTOR_PHONE = '+1 416 555 0142';
const MENTEE_NOTE = 'Mentee private: revise CAS 200 before Tuesday';
const MENTOR_NOTE = 'Mentor private: worried about the exam timeline';
const MENTEE_MESSAGE = 'Thanks for today, see you Tuesday.';
const MENTOR_MESSAGE = 'Bring your mock exam next time.';
const MENTEE_AUDIT_ANSWER = 'Mentee answer: the meeting was at the library, notes attached';
const storage = mkdtempSync(join(os.tmpdir(), 'tandem-export-documents-'));
let selectionId: string;
let documentId: string;
let credentialId: string;

const PEOPLE = '{ exportedUserId id displayName }';
const EXPORT = `query ($id: ID) { personalDataExport(userId: $id) {
  userId generatedAt identity identityPeople ${PEOPLE} matching matchingPeople ${PEOPLE} relationships relationshipsPeople ${PEOPLE} reporting reportingPeople ${PEOPLE}
} }`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the sections are JSON the test reads deep into
type Json = any;
interface Named {
  exportedUserId: string;
  id: string;
  displayName: string | null;
}
interface Export {
  userId: string;
  generatedAt: string;
  identity: Json;
  identityPeople: Named[];
  matching: Json;
  matchingPeople: Named[];
  relationships: Json;
  relationshipsPeople: Named[];
  reporting: Json;
  reportingPeople: Named[];
}

/** Everyone the four sections mention, as `{ id, displayName }`, by id. */
function people(exp: Export): Array<{ id: string; displayName: string | null }> {
  const all = [...exp.identityPeople, ...exp.matchingPeople, ...exp.relationshipsPeople, ...exp.reportingPeople];
  expect(all.every((p) => p.exportedUserId === exp.userId)).toBe(true);
  return [...new Map(all.map((p) => [p.id, { id: p.id, displayName: p.displayName }])).values()].sort((a, b) =>
    a.id.localeCompare(b.id),
  );
}

async function exportOf(who: Person | undefined, userId?: string) {
  return stack.gql<{ personalDataExport: Export }>(
    EXPORT,
    userId ? { id: userId } : {},
    who ? { token: who.token } : {},
  );
}

async function ownExport(who: Person, userId?: string): Promise<Export> {
  const res = await exportOf(who, userId);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.personalDataExport;
}

beforeAll(async () => {
  // a database of its own: the audit below samples everyone with CPD hours
  database = await isolatedDatabase(testDatabaseUrl(), [identity, matching, relationships, reporting]);
  stack = await startStack({
    databaseUrl: database.url,
    services: [identity, matching, relationships, reporting],
    env: { ...adminEnv(ADMIN_EMAIL), reporting: { AUDIT_DOCUMENTS_DIR: storage } },
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
  });
  world = await buildWorld(stack, ADMIN_EMAIL);
  const { mentee, mentor, admin } = world;
  const E = 'errors { field code message }';
  await call(
    stack,
    `mutation ($input: UpdateContactDetailsInput!) { updateContactDetails(input: $input) { ${E} } }`,
    { input: { phone: MENTOR_PHONE } },
    mentor.token,
  );
  // the agreement signed by both, the first meeting confirmed (CPD entries for both), private notes and messages from each side
  for (const who of [mentee, mentor]) {
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
    mentor.token,
  );
  for (const [who, note, message] of [
    [mentee, MENTEE_NOTE, MENTEE_MESSAGE],
    [mentor, MENTOR_NOTE, MENTOR_MESSAGE],
  ] as const) {
    await call(
      stack,
      `mutation ($id: ID!, $n: String!) { setMeetingPrivateNote(meetingId: $id, note: $n) { ${E} } }`,
      { id: world.meetingId, n: note },
      who.token,
    );
    await call(
      stack,
      `mutation ($id: ID!, $b: String!) { sendMessage(relationshipId: $id, body: $b) { ${E} } }`,
      { id: world.relationshipId, b: message },
      who.token,
    );
  }
  await eventually(
    async () => {
      const data = await call(stack, `{ me { cpdHours } }`, {}, mentee.token);
      if (data.me.cpdHours !== 1) throw new Error('no CPD entry yet');
    },
    15_000,
    100,
  );
  // an audit of everyone with hours: the mentee and the mentor, each the other's verifier
  await call(
    stack,
    `mutation ($input: OpenAuditCycleInput!) { openAuditCycle(input: $input) { ${E} } }`,
    {
      input: { from: addDays(world.today, -30), to: world.today, sampleRate: 1, seed: 'export', strategy: 'UNIFORM' },
    },
    admin.token,
  );
  await stack.settle();
  // the mentee answers the audit with a document; the organisation issues both partners a credential
  selectionId = (
    await call(stack, `{ myAuditSelectionsConnection(first: 5) { edges { node { id } } } }`, {}, mentee.token)
  ).myAuditSelectionsConnection.edges[0].node.id;
  const uploaded = await fetch(`${new URL(stack.gateway.url).origin}/files/audit-documents/selections/${selectionId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${mentee.token}`, 'content-type': 'application/pdf', 'x-filename': 'log.pdf' },
    body: new Uint8Array(samplePdf()),
  });
  expect(uploaded.status).toBe(201);
  documentId = ((await uploaded.json()) as { document: { id: string } }).document.id;
  await call(
    stack,
    `mutation ($input: SubmitAuditAnswerInput!) { submitAuditAnswer(input: $input) { ${E} } }`,
    { input: { selectionId, answer: MENTEE_AUDIT_ANSWER } },
    mentee.token,
  );
  const issued = await call(
    stack,
    `mutation ($input: IssueCredentialsInput!) { issueCredentials(input: $input) { credentials { id userId } ${E} } }`,
    { input: { relationshipId: world.relationshipId } },
    admin.token,
  );
  expect(issued.issueCredentials.errors).toEqual([]);
  credentialId = issued.issueCredentials.credentials.find((c: { userId: string }) => c.userId === mentee.userId).id;
  await stack.settle();
}, 240_000);
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

describe('personal data export', () => {
  it('should give the mentee their own records from all four subgraphs', async () => {
    const { mentee, mentor } = world;
    const exp = await ownExport(mentee);
    expect(exp.userId).toBe(mentee.userId);
    expect(Date.parse(exp.generatedAt)).toBeGreaterThan(Date.now() - 60_000);

    // identity: the account, the needs assessment, the enrolment, sessions as metadata, notifications
    expect(exp.identity.account).toMatchObject({
      id: mentee.userId,
      displayName: 'Mentee One',
      email: mentee.email,
      roles: ['MENTEE'],
      organization: { id: world.orgA },
      erased: false,
    });
    expect(exp.identity.menteeProfile).toMatchObject({
      headline: 'CPA candidate',
      needsAssessment: { needs: ['newcomer to the country'], goals: ['Understand Canadian audit practice'] },
    });
    expect(exp.identity.mentorProfile).toBeNull();
    expect(exp.identity.enrolments).toEqual([
      expect.objectContaining({
        programme: expect.objectContaining({ id: world.programmeId }),
        role: 'MENTEE',
        cohort: expect.objectContaining({ id: world.cohortId }),
      }),
    ]);
    expect(exp.identity.sessions.length).toBeGreaterThanOrEqual(2); // registered, then signed in
    expect(Object.keys(exp.identity.sessions[0]).sort()).toEqual([
      'expiresAt',
      'lastRefreshedAt',
      'refreshes',
      'revokedAt',
      'startedAt',
    ]);
    expect(exp.identity.signInAttempts.some((a: Json) => a.succeeded)).toBe(true);
    expect(exp.identity.notifications.map((n: Json) => n.kind)).toContain('REQUEST_ACCEPTED');
    expect(exp.identity.profileSharedWith).toEqual([
      expect.objectContaining({ personId: mentor.userId, reason: 'REQUEST' }),
    ]);
    expect(exp.identity.withheld).toEqual([]);

    // matching: the request with its message, the question
    expect(exp.matching.requestsSent).toEqual([
      expect.objectContaining({
        mentorId: mentor.userId,
        status: 'ACCEPTED',
        message: 'I would value your view of Canadian audit practice, please.',
        thread: [],
      }),
    ]);
    expect(exp.matching.questionsAsked).toEqual([
      expect.objectContaining({
        id: world.questionId,
        mentorId: mentor.userId,
        question: 'How long did your licensure take?',
      }),
    ]);
    expect(exp.matching.requestsReceived).toEqual([]);
    expect(exp.matching.mentorLoad).toBeNull();

    // relationships: the relationship, its signed agreement, goal and milestone, confirmed meeting with the mentee's own note, messages
    expect(exp.relationships.relationships).toHaveLength(1);
    const rel = exp.relationships.relationships[0];
    expect(rel).toMatchObject({
      id: world.relationshipId,
      role: 'MENTEE',
      counterpartId: mentor.userId,
      status: 'ACTIVE',
      startedOn: world.today,
    });
    expect(rel.agreement.signedVersion).toBe(world.agreementVersion);
    const signed = rel.agreement.versions.find((v: Json) => v.version === world.agreementVersion);
    expect(signed).toMatchObject({ topGoals: ['Canadian audit practice'], confidentiality: 'STAYS_BETWEEN_US' });
    expect(Date.parse(signed.signedByMenteeAt)).not.toBeNaN();
    expect(Date.parse(signed.signedByMentorAt)).not.toBeNaN();
    expect(rel.goals).toEqual([
      expect.objectContaining({
        id: world.goalId,
        title: 'Pass the CPA exam',
        milestones: [expect.objectContaining({ id: world.milestoneId, title: 'Book the exam' })],
      }),
    ]);
    const meeting = rel.meetings.find((m: Json) => m.id === world.meetingId);
    expect(meeting).toMatchObject({
      status: 'CONFIRMED',
      occurredOn: world.today,
      startTime: '00:00',
      durationMinutes: 60,
      topics: ['Audit practice'],
      myPrivateNote: { note: MENTEE_NOTE },
    });
    expect(rel.meetings.find((m: Json) => m.id === world.disputeMeetingId)).toMatchObject({
      status: 'AWAITING_CONFIRMATION',
    });
    expect(rel.messages.map((m: Json) => [m.authorId, m.body])).toEqual([
      [mentee.userId, MENTEE_MESSAGE],
      [mentor.userId, MENTOR_MESSAGE],
    ]);

    // reporting: the CPD entry of the confirmed meeting, the audit of the mentee, the verification asked of them
    expect(exp.reporting.cpdLedger.totalHours).toBe(1);
    expect(exp.reporting.cpdLedger.entries).toEqual([
      expect.objectContaining({
        seq: 1,
        kind: 'MEETING',
        meetingId: world.meetingId,
        hours: 1,
        role: 'MENTEE',
        counterpartId: mentor.userId,
        occurredOn: world.today,
        cpdCategory: 'Peer interaction',
      }),
    ]);
    expect(exp.reporting.auditsOfMe).toEqual([
      expect.objectContaining({
        claimedHours: 1,
        meetings: [expect.objectContaining({ meetingId: world.meetingId, verifierId: mentor.userId })],
        myAnswer: MENTEE_AUDIT_ANSWER,
        myDocuments: [expect.objectContaining({ id: documentId, filename: 'log.pdf', mediaType: 'application/pdf' })],
      }),
    ]);
    // the credential the organisation issued, with the signed document as issued (its subject is the mentee)
    expect(exp.reporting.credentials).toEqual([
      expect.objectContaining({
        id: credentialId,
        role: 'MENTEE',
        hours: 1,
        nameStated: 'Mentee One',
        revokedAt: null,
      }),
    ]);
    const [, claims] = exp.reporting.credentials[0].signedCredential.split('.');
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString()).credentialSubject.id).toContain(mentee.userId);
    // and told of it, with a link to it on their Evidence screen
    expect(exp.identity.notifications).toContainEqual(
      expect.objectContaining({
        kind: 'CREDENTIAL_ISSUED',
        link: `/evidence#credential-${credentialId}`,
        title: expect.stringContaining('Open Badges credential'),
      }),
    );
    expect(exp.reporting.verificationsAskedOfMe).toEqual([
      expect.objectContaining({ subjectId: mentor.userId, meetingId: world.meetingId, hours: 1 }),
    ]);

    // other people by id, named in each section's people list only
    expect(people(exp)).toEqual([{ id: mentor.userId, displayName: 'Mentor Amara' }]);
    for (const list of [exp.identityPeople, exp.matchingPeople, exp.relationshipsPeople, exp.reportingPeople])
      expect(list.map((p) => p.id)).toEqual([mentor.userId]);
  });

  it('should leave out secrets, the counterpart’s contact details and the counterpart’s private notes', async () => {
    const { mentee, mentor } = world;
    const text = JSON.stringify(await ownExport(mentee));
    const refresh = (
      await call(
        stack,
        `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { session { refreshToken } } }`,
        { e: mentee.email, p: 'World-pass-2026!' },
      )
    ).login.session.refreshToken as string;
    for (const secret of [
      mentee.token,
      mentee.refreshToken,
      refresh,
      createHash('sha256').update(mentee.refreshToken).digest('hex'),
      createHash('sha256').update(refresh).digest('hex'),
      '$argon2',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/password|tokenHash|token_hash|passwordHash/i);
    const [{ hash }] = await stack.sql<{ hash: string }>(
      `SELECT password_hash AS hash FROM identity."user" WHERE id = $1`,
      [mentee.userId],
    );
    expect(hash).toBeTruthy();
    expect(text).not.toContain(hash);
    expect(text).not.toContain(mentor.email);
    expect(text).not.toContain(MENTOR_PHONE);
    expect(text).not.toContain(MENTOR_NOTE);
    // the mentor's own export has their note, not the mentee's, and names people only as the mentor may see them
    const mentorExport = await ownExport(mentor);
    const mentorText = JSON.stringify(mentorExport);
    expect(mentorText).toContain(MENTOR_NOTE);
    expect(mentorText).not.toContain(MENTEE_NOTE);
    expect(mentorText).not.toContain(mentee.email);
    expect(mentorExport.identity.mentorProfile.application).toMatchObject({
      status: 'APPROVED',
      reviewedBy: world.coachA.userId,
      reviewComment: 'Good fit.',
    });
    expect(mentorExport.matching.requestsReceived.map((r: Json) => r.menteeId).sort()).toEqual(
      [mentee.userId, world.otherMentee.userId, world.mentee3.userId].sort(),
    );
    expect(mentorExport.matching.mentorLoad).toMatchObject({ activeMentees: 1, capacity: 3 });
    expect(people(mentorExport)).toContainEqual({ id: mentee.userId, displayName: 'Mentee One' });
    expect(people(mentorExport)).toContainEqual({ id: world.otherMentee.userId, displayName: 'Mentee Two' }); // she asked him
    // the coach of the mentor's active relationship's organisation is someone the pair sees by name (issue 19), so
    // the reviewer (identity) and proposer (matching) are named as the mentor sees them elsewhere
    expect(mentorExport.identityPeople).toContainEqual({
      exportedUserId: mentor.userId,
      id: world.coachA.userId,
      displayName: 'Coach A',
    });
    expect(mentorExport.matchingPeople).toContainEqual({
      exportedUserId: mentor.userId,
      id: world.coachA.userId,
      displayName: 'Coach A',
    });
  });

  it('should let an admin export the mentee, without what stays between the two partners', async () => {
    const { mentee, mentor, admin } = world;
    const own = await ownExport(mentee);
    const exp = await ownExport(admin, mentee.userId);
    expect(exp.userId).toBe(mentee.userId);
    expect(exp.identity.account).toMatchObject({ id: mentee.userId, email: mentee.email });
    expect(exp.matching.requestsSent[0]).toMatchObject({ mentorId: mentor.userId, status: 'ACCEPTED' });
    expect(exp.matching.requestsSent[0]).not.toHaveProperty('thread');
    expect(exp.reporting.cpdLedger.entries).toHaveLength(1);
    expect(exp.relationships.relationships[0]).toMatchObject({
      id: world.relationshipId,
      goals: [expect.objectContaining({ id: world.goalId })],
    });
    // messages, request threads, private notes and notifications are the person's to download
    expect(exp.identity.withheld).toEqual(['notifications']);
    expect(exp.identity).not.toHaveProperty('notifications');
    expect(exp.matching.withheld).toEqual(['requestThreads', 'requestEarlierWordings']);
    expect(exp.relationships.withheld).toEqual(['messages', 'privateMeetingNotes']);
    const text = JSON.stringify(exp);
    for (const hidden of [MENTEE_MESSAGE, MENTOR_MESSAGE, MENTEE_NOTE, MENTOR_NOTE, mentor.email, MENTOR_PHONE])
      expect(text).not.toContain(hidden);
    // the same people, named as the mentee would see them
    expect(people(exp)).toEqual(people(own));
  });

  it('should tell anyone but the person and an admin NOT_FOUND, and anonymous callers UNAUTHENTICATED', async () => {
    const seen: Record<string, string | undefined> = {};
    for (const caller of ['otherMentee', 'mentee3', 'mentor', 'coachA', 'coachB', 'analyst'] as const) {
      const res = await exportOf(world[caller], world.mentee.userId);
      expect(res.data?.personalDataExport ?? null, caller).toBeNull();
      seen[caller] = res.errors?.[0]?.extensions?.code;
    }
    seen.anonymous = (await exportOf(undefined, world.mentee.userId)).errors?.[0]?.extensions?.code;
    seen.anonymousOwn = (await exportOf(undefined)).errors?.[0]?.extensions?.code;
    seen.unknown = (await exportOf(world.admin, randomUUID())).errors?.[0]?.extensions?.code;
    expect(seen).toEqual({
      otherMentee: 'NOT_FOUND',
      mentee3: 'NOT_FOUND',
      mentor: 'NOT_FOUND',
      coachA: 'NOT_FOUND',
      coachB: 'NOT_FOUND',
      analyst: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
      anonymousOwn: 'UNAUTHENTICATED',
      unknown: 'NOT_FOUND',
    });
    // without userId, each gets their own
    const coach = await ownExport(world.coachA);
    expect(coach.userId).toBe(world.coachA.userId);
    expect(coach.identity.account.roles).toEqual(['COACH']);
    expect(JSON.stringify(coach)).not.toContain(world.mentee.email);
  });

  it('should show an erased person the pseudonym, no personal details, and the CPD evidence that stays', async () => {
    const { mentee, mentor, admin } = world;
    await call(
      stack,
      `mutation ($id: ID!) { eraseAccount(userId: $id) { errors { field code message } } }`,
      { id: mentee.userId },
      mentee.token,
    );
    await stack.settle();
    const pseudonym = `Former member ${mentee.userId.slice(0, 8)}`;
    // the access token issued before the erasure still names the person for its last minutes; the admin may export too
    for (const who of [mentee, admin]) {
      const exp = await ownExport(who, mentee.userId);
      expect(exp.identity.account).toMatchObject({
        id: mentee.userId,
        displayName: pseudonym,
        email: null,
        phone: null,
        roles: [],
        erased: true,
      });
      expect(exp.identity).toMatchObject({
        menteeProfile: null,
        enrolments: [],
        sessions: [],
        signInAttempts: [],
        profileSharedWith: [],
      });
      // the CPD evidence stays under the pseudonym (the ledger is append-only), and the relationship's facts stay
      expect(exp.reporting.cpdLedger.entries).toEqual([
        expect.objectContaining({ meetingId: world.meetingId, hours: 1, counterpartId: mentor.userId }),
      ]);
      expect(exp.relationships.relationships[0].meetings.find((m: Json) => m.id === world.meetingId)).toMatchObject({
        status: 'CONFIRMED',
      });
      // their words are gone
      expect(exp.matching.requestsSent[0].message).toBe('[erased]');
      expect(exp.matching.questionsAsked[0].question).toBe('[erased]');
      const text = JSON.stringify(exp);
      for (const gone of [mentee.email, 'Mentee One', MENTEE_NOTE, MENTEE_MESSAGE, 'CPA candidate'])
        expect(text).not.toContain(gone);
      // an erased account has no role that sees names
      expect(people(exp)).toEqual([{ id: mentor.userId, displayName: null }]);
    }
    const own = await ownExport(mentee);
    expect(own.identity.notifications).toEqual([]);
    // their audit documents (rows and files), their answer and their credentials' signed copies are gone; the
    // credential keeps its status-list slot, unrevoked (the holder may keep the copy they downloaded)
    expect(own.reporting.credentials).toEqual([]);
    expect(own.reporting.auditsOfMe[0]).toMatchObject({ myAnswer: null, myDocuments: [] });
    expect(readdirSync(storage)).toEqual([]);
    const file = await fetch(`${new URL(stack.gateway.url).origin}/files/audit-documents/${documentId}`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(file.status).toBe(404);
    expect(
      await stack.sql(
        `SELECT person_name AS "personName", jwt, revoked_at AS "revokedAt" FROM reporting.credential WHERE id = $1`,
        [credentialId],
      ),
    ).toEqual([{ personName: pseudonym, jwt: null, revokedAt: null }]);
    expect(JSON.stringify(own)).not.toContain(MENTEE_AUDIT_ANSWER);
    const rel = own.relationships.relationships[0];
    expect(rel.meetings.find((m: Json) => m.id === world.meetingId).myPrivateNote).toBeNull();
    expect(rel.messages.map((m: Json) => m.body)).toEqual(['', MENTOR_MESSAGE]);
  });
});
