/**
 * The access decision for every root field of the supergraph: a minimal valid operation on the world of
 * `tests/support/world.ts` and the outcome each caller gets. Rules run in this order (state-changing
 * mutations are ordered so that each finds what it needs), and callers in `CALLERS` order (outsiders first).
 *
 * Outcomes: OK (data, no error), EMPTY (an empty list or connection: nothing leaks), NULL (resolves to
 * null), an error code (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, CONFLICT), or
 * `PAYLOAD:<code>` (a result payload with a FieldError of that code: the access check passed, a business
 * rule refused).
 */
import { randomUUID } from 'node:crypto';
import type { Stack } from '@tandem/testkit';
import {
  AGREEMENT,
  GOAL,
  MEETING,
  MENTEE_PROFILE,
  MENTOR_PROFILE,
  addDays,
  login,
  register,
  call,
  type Caller,
  type World,
} from '../support/world';

export type Outcome =
  | 'OK'
  | 'EMPTY'
  | 'NULL'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | `PAYLOAD:${string}`;

export interface AccessRule {
  /** `Query.me`, `Mutation.register` */
  field: string;
  document: string;
  variables?: (
    world: World,
    stack: Stack,
    caller: Caller,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** `all` is the default for callers not named. */
  expect: Partial<Record<Caller | 'all', Outcome>>;
  /**
   * Callers left out of the check because the service answers wrongly today (a known bug, reported to its
   * owners with the fix): the reason says what the right outcome is. Remove once fixed.
   */
  knownBug?: Partial<Record<Caller, string>>;
}

const E = 'errors { field code }';

/**
 * The outcome a caller should get on a rule: the one declared for it, else `all`; except that an API key's
 * mutation is refused by the gateway whatever the field (FORBIDDEN, reason API_KEY_READ_ONLY), before any
 * subgraph (and by every subgraph again, before any resolver), so a mutation rule need not name `apiKeyA`.
 */
export function expectedOutcome(rule: AccessRule, caller: Caller): Outcome | undefined {
  const declared = rule.expect[caller];
  if (declared) return declared;
  if (caller === 'apiKeyA' && rule.field.startsWith('Mutation.')) return 'FORBIDDEN';
  return rule.expect.all;
}

/** The API key the admin made for organisation A in the world (Mutation.createApiKey makes more). */
async function worldApiKey(stack: Stack, organizationId: string): Promise<string> {
  const [row] = await stack.sql<{ id: string }>(
    `SELECT id FROM identity.api_key WHERE organization_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1`,
    [organizationId],
  );
  return row.id;
}

/** A MID_WAY learning resource of the programme, made for the caller (each deletes its own). */
async function learningResourceOf(stack: Stack, programmeId: string): Promise<string> {
  const [row] = await stack.sql<{ id: string }>(
    `INSERT INTO identity.learning_resource (id, program_id, title, kind, body, language, stage, position)
     VALUES (gen_random_uuid(), $1, 'Mid-way tips', 'GUIDE', 'Look back together.', 'en', 'MID_WAY', 99) RETURNING id`,
    [programmeId],
  );
  return row.id;
}

/** The webhook endpoint Mutation.createWebhookEndpoint made (the world has no other). */
async function anyWebhookEndpoint(stack: Stack): Promise<string> {
  const [row] = await stack.sql<{ id: string }>(`SELECT id FROM identity.webhook_endpoint ORDER BY created_at LIMIT 1`);
  return row.id;
}

/** The training module Mutation.createTrainingModule added to the world's programme. */
async function worldTrainingModule(stack: Stack, programmeId: string): Promise<string> {
  const [row] = await stack.sql<{ id: string }>(
    `SELECT id FROM identity.training_module WHERE program_id = $1 ORDER BY created_at LIMIT 1`,
    [programmeId],
  );
  return row.id;
}

const TRAINING_MODULE = {
  title: 'Mentoring essentials',
  summary: 'What a mentor does and does not do.',
  content: 'Listen first.',
};

/** A meeting a week ahead, at 10:00 UTC, on video. */
const MEETING_PLAN = (today: string) => ({
  startsOn: addDays(today, 7),
  startTime: '10:00',
  timeZone: 'UTC',
  durationMinutes: 60,
  mode: 'VIDEO',
  videoUrl: 'https://meet.example.org/tandem',
  agenda: ['Exam plan'],
});

/** A new meeting proposed by the world's mentor (awaiting the mentee's answer). */
async function plannedByMentor(w: World, stack: Stack): Promise<string> {
  const d = await call(
    stack,
    `mutation ($id: ID!, $input: MeetingPlanInput!) { proposeMeeting(relationshipId: $id, input: $input) { errors { field code message } meetingPlan { id } } }`,
    { id: w.relationshipId, input: MEETING_PLAN(w.today) },
    w.mentor.token,
  );
  return d.proposeMeeting.meetingPlan.id as string;
}

export const ACCESS_RULES: AccessRule[] = [
  // ---------------------------------------------------------------- identity queries
  {
    field: 'Query.industries',
    document: `{ industries { code } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Query.occupations',
    document: `{ occupations { code } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Query.organizations',
    document: `{ organizations { id } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Query.organization',
    document: `query ($id: ID!) { organization(id: $id) { id name } }`,
    variables: (w) => ({ id: w.orgA }),
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Query.organizationsConnection',
    document: `{ organizationsConnection(first: 5) { edges { node { id } } totalCount } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  { field: 'Query.programs', document: `{ programs { id } }`, expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' } },
  {
    field: 'Query.programmes',
    document: `{ programmes(first: 5) { edges { node { id } } totalCount } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  {
    // staff only; a coach sees their organisation's people (the world's programme requires no orientation: empty)
    field: 'Query.orientationOutstanding',
    document: `{ orientationOutstanding(first: 5) { edges { node { id user { id } } } totalCount } }`,
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', coachA: 'EMPTY', coachB: 'EMPTY', admin: 'EMPTY' },
  },
  {
    field: 'Query.programme',
    document: `query ($id: ID!) { programme(id: $id) { id name } }`,
    variables: (w) => ({ id: w.programmeId }),
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Query.program',
    document: `query ($id: ID!) { program(id: $id) { id name } }`,
    variables: (w) => ({ id: w.programmeId }),
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Query.me',
    document: `{ me { id } }`,
    expect: { apiKeyA: 'NOT_FOUND', all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Query.user',
    document: `query ($id: ID!) { user(id: $id) { id displayName } }`,
    variables: (w) => ({ id: w.mentee.userId }),
    expect: {
      apiKeyA: 'NOT_FOUND',
      all: 'OK',
      anonymous: 'UNAUTHENTICATED',
      otherMentee: 'NOT_FOUND',
      coachB: 'NOT_FOUND',
      analyst: 'NOT_FOUND',
    },
  },
  {
    field: 'Query.personalDataExport',
    document: `query ($id: ID) { personalDataExport(userId: $id) { userId generatedAt identity identityPeople { displayName } matching matchingPeople { displayName } relationships relationshipsPeople { displayName } reporting reportingPeople { displayName } } }`,
    variables: (w) => ({ id: w.mentee.userId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', admin: 'OK' },
  },
  {
    field: 'Query.users',
    document: `{ users(first: 5) { edges { node { id } } } }`,
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', coachB: 'OK', coachA: 'OK', admin: 'OK' },
  },
  // ---------------------------------------------------------------- matching queries
  {
    field: 'Query.mentorQuestion',
    document: `query ($id: ID!) { mentorQuestion(id: $id) { id question } }`,
    variables: (w) => ({ id: w.questionId }),
    expect: {
      apiKeyA: 'NOT_FOUND',
      all: 'OK',
      anonymous: 'UNAUTHENTICATED',
      otherMentee: 'NOT_FOUND',
      coachB: 'NOT_FOUND',
      analyst: 'NOT_FOUND',
    },
  },
  {
    field: 'Query.mentorQuestions',
    document: `{ mentorQuestions(first: 5) { edges { node { id } } } }`,
    expect: {
      apiKeyA: 'EMPTY',
      all: 'OK',
      anonymous: 'UNAUTHENTICATED',
      otherMentee: 'EMPTY',
      coachB: 'EMPTY',
      analyst: 'EMPTY',
    },
  },
  {
    field: 'Query.mentoringRequest',
    document: `query ($id: ID!) { mentoringRequest(id: $id) { id message } }`,
    variables: (w) => ({ id: w.requestId }),
    expect: {
      apiKeyA: 'NOT_FOUND',
      all: 'OK',
      anonymous: 'UNAUTHENTICATED',
      analyst: 'NOT_FOUND',
      mentee: 'NOT_FOUND',
      coachA: 'NOT_FOUND',
    },
  },
  {
    field: 'Query.mentoringRequests',
    document: `{ mentoringRequests(first: 5) { edges { node { id } } } }`,
    expect: { apiKeyA: 'EMPTY', all: 'OK', anonymous: 'UNAUTHENTICATED', analyst: 'EMPTY' },
  },
  {
    field: 'Query.searchMentors',
    document: `{ searchMentors(first: 5) { edges { node { displayName } } } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED', mentor: 'EMPTY' },
  },
  {
    field: 'Query.matchProposal',
    document: `query ($id: ID!) { matchProposal(id: $id) { id note } }`,
    variables: (w) => ({ id: w.proposalId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentor: 'OK', coachA: 'OK', admin: 'OK' },
  },
  {
    field: 'Query.matchProposals',
    document: `{ matchProposals(first: 5) { edges { node { id } } } }`,
    expect: { all: 'EMPTY', anonymous: 'UNAUTHENTICATED', mentor: 'OK', coachA: 'OK', admin: 'OK' },
  },
  {
    field: 'Query.cohortMatchRun',
    document: `query ($id: ID!) { cohortMatchRun(id: $id) { id } }`,
    variables: (w) => ({ id: w.runId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  }, // the admin's whole-cohort run names both organisations' mentees
  {
    field: 'Query.cohortMatchRuns',
    document: `query ($id: ID!) { cohortMatchRuns(cohortId: $id) { id } }`,
    variables: (w) => ({ id: w.cohortId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', coachB: 'EMPTY', coachA: 'EMPTY', admin: 'OK' },
  },
  {
    field: 'Query.cohortMatchRunsConnection',
    document: `query ($id: ID!) { cohortMatchRunsConnection(cohortId: $id, first: 5) { totalCount edges { node { id } } } }`,
    variables: (w) => ({ id: w.cohortId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', coachB: 'EMPTY', coachA: 'EMPTY', admin: 'OK' },
  },
  {
    field: 'Query.cohortPairRules',
    document: `query ($id: ID!) { cohortPairRules(cohortId: $id) { rule } }`,
    variables: (w) => ({ id: w.cohortId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', coachB: 'EMPTY', coachA: 'EMPTY', admin: 'EMPTY' },
  },
  // ---------------------------------------------------------------- relationships queries
  {
    field: 'Query.relationship',
    document: `query ($id: ID!) { relationship(id: $id) { id status } }`,
    variables: (w) => ({ id: w.relationshipId }),
    expect: {
      apiKeyA: 'NOT_FOUND',
      all: 'OK',
      anonymous: 'UNAUTHENTICATED',
      otherMentee: 'NOT_FOUND',
      coachB: 'NOT_FOUND',
      analyst: 'NOT_FOUND',
    },
  },
  {
    field: 'Query.organizationRelationships',
    document: `query ($org: ID) { organizationRelationships(organizationId: $org, first: 5) { nodes { id } } }`,
    variables: (w) => ({ org: w.orgA }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', coachA: 'OK', admin: 'OK' },
  },
  {
    // a coach's own organisation (the argument may be left out); another organisation's coach is refused by name
    field: 'Query.caseload',
    document: `query ($org: ID) { caseload(organizationId: $org, first: 5) { edges { node { id checkInDue { dueOn } } } atRiskCount } }`,
    variables: (w) => ({ org: w.orgA }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', coachA: 'OK', admin: 'OK' },
  },
  // ---------------------------------------------------------------- reporting queries
  {
    field: 'Query.myLetters',
    document: `{ myLetters { id } }`,
    expect: { all: 'EMPTY', anonymous: 'UNAUTHENTICATED' },
  },
  {
    // reviewers: ADMIN, or PROGRAMME_ADMIN for the programmes of their organisation (none in this world)
    field: 'Query.letterQueue',
    document: `{ letterQueue { id } }`,
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'EMPTY' },
  },
  {
    field: 'Query.myCredentials',
    document: `{ myCredentials { id } }`,
    expect: { all: 'EMPTY', anonymous: 'UNAUTHENTICATED' },
  },
  {
    // issuers: ADMIN (every organisation), or PROGRAMME_ADMIN for their own organisation (none in this world)
    field: 'Query.credentialsIssued',
    document: `{ credentialsIssued { id } }`,
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'EMPTY' },
  },
  {
    field: 'Query.myCredentialOptions',
    document: `{ myCredentialOptions { relationshipId } }`,
    expect: { all: 'EMPTY', anonymous: 'UNAUTHENTICATED' },
  },
  {
    // who answers requests: ADMIN (every organisation), or PROGRAMME_ADMIN for their own organisation (none here)
    field: 'Query.credentialRequests',
    document: `{ credentialRequests { id } }`,
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'EMPTY' },
  },
  {
    // public: the verification page needs no sign-in (the gateway rate-limits per address)
    field: 'Query.letterVerification',
    document: `query ($r: String!) { letterVerification(reference: $r) { reference } }`,
    variables: () => ({ r: 'TL-0000000000' }),
    expect: { all: 'NULL' },
  },
  {
    field: 'Query.verifyCpdLedger',
    document: `query ($id: ID!) { verifyCpdLedger(userId: $id) { intact } }`,
    variables: (w) => ({ id: w.mentee.userId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', admin: 'OK' },
  },
  {
    // a sequence no checkpoint has: null for auditors whatever other test files have checkpointed meanwhile
    field: 'Query.cpdCheckpoint',
    document: `query { cpdCheckpoint(sequence: 2000000000) { digest } }`,
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'NULL' },
  },
  {
    field: 'Query.securityAuditLog',
    document: `{ securityAuditLog(first: 5) { edges { node { id kind } } } }`,
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Query.audits',
    document: `{ audits { id } }`,
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Query.auditsConnection',
    document: `{ auditsConnection { edges { node { id } } } }`,
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Query.audit',
    document: `query ($id: ID!) { audit(id: $id) { id } }`,
    variables: (w) => ({ id: w.auditId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Query.myAuditSelections',
    document: `{ myAuditSelections { id } }`,
    expect: { all: 'EMPTY', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Query.myAuditSelectionsConnection',
    document: `{ myAuditSelectionsConnection { edges { node { id } } } }`,
    expect: { all: 'EMPTY', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Query.myAuditVerificationRequests',
    document: `{ myAuditVerificationRequests { selectionId } }`,
    expect: { all: 'EMPTY', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Query.myAuditVerificationRequestsConnection',
    document: `{ myAuditVerificationRequestsConnection { edges { node { selectionId } } } }`,
    expect: { all: 'EMPTY', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Query.programStats',
    document: `query ($from: LocalDate!, $to: LocalDate!) { programStats(from: $from, to: $to) { matches } }`,
    variables: (w) => ({ from: addDays(w.today, -30), to: w.today }),
    expect: {
      apiKeyA: 'OK',
      all: 'FORBIDDEN',
      anonymous: 'UNAUTHENTICATED',
      analyst: 'OK',
      admin: 'OK',
      coachA: 'OK',
      coachB: 'OK',
    },
  }, // coaches: their own organisation's figures
  {
    field: 'Query.programmeStats',
    document: `query ($from: LocalDate!, $to: LocalDate!) { programmeStats(from: $from, to: $to) { matches } }`,
    variables: (w) => ({ from: addDays(w.today, -30), to: w.today }),
    expect: {
      apiKeyA: 'OK',
      all: 'FORBIDDEN',
      anonymous: 'UNAUTHENTICATED',
      analyst: 'OK',
      admin: 'OK',
      coachA: 'OK',
      coachB: 'OK',
    },
  },

  // ---------------------------------------------------------------- identity mutations (harmless ones first)
  {
    field: 'Query.invitationPreview',
    document: `query ($i: InvitationBatchInput!) { invitationPreview(input: $i) { ready refused errors { code } } }`,
    variables: () => ({ i: { csv: `email,name,role\ni.${randomUUID().slice(0, 8)}@world.test,Ines Park,analyst` } }),
    // a coach invites only into a programme their organisation runs (tests/e2e/invitations.test.ts)
    expect: {
      all: 'FORBIDDEN',
      anonymous: 'UNAUTHENTICATED',
      admin: 'OK',
      coachA: 'PAYLOAD:PROGRAMME_REQUIRED',
      coachB: 'PAYLOAD:PROGRAMME_REQUIRED',
    },
  },
  {
    field: 'Mutation.sendInvitations',
    document: `mutation ($i: InvitationBatchInput!) { sendInvitations(input: $i) { sent ${E} } }`,
    variables: () => ({ i: { csv: `email,name,role\ni.${randomUUID().slice(0, 8)}@world.test,Ines Park,analyst` } }),
    expect: {
      all: 'FORBIDDEN',
      anonymous: 'UNAUTHENTICATED',
      admin: 'OK',
      coachA: 'PAYLOAD:PROGRAMME_REQUIRED',
      coachB: 'PAYLOAD:PROGRAMME_REQUIRED',
    },
  },
  {
    field: 'Mutation.invite',
    document: `mutation ($i: InviteInput!) { invite(input: $i) { sent ${E} } }`,
    variables: () => ({
      i: { email: `i.${randomUUID().slice(0, 8)}@world.test`, displayName: 'Ines Park', role: 'ANALYST' },
    }),
    expect: {
      all: 'FORBIDDEN',
      anonymous: 'UNAUTHENTICATED',
      admin: 'OK',
      coachA: 'PAYLOAD:PROGRAMME_REQUIRED',
      coachB: 'PAYLOAD:PROGRAMME_REQUIRED',
    },
  },
  {
    field: 'Query.invitations',
    document: `{ invitations(first: 5) { edges { node { id status } } } }`,
    // a coach sees only the invitations they sent (none in this world)
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK', coachA: 'EMPTY', coachB: 'EMPTY' },
  },
  {
    field: 'Mutation.revokeInvitation',
    document: `mutation ($id: ID!) { revokeInvitation(id: $id) { revoked ${E} } }`,
    variables: () => ({ id: randomUUID() }),
    expect: {
      all: 'FORBIDDEN',
      anonymous: 'UNAUTHENTICATED',
      admin: 'PAYLOAD:NOT_OPEN',
      coachA: 'PAYLOAD:NOT_OPEN',
      coachB: 'PAYLOAD:NOT_OPEN',
    },
  },
  {
    field: 'Query.invitationOffer',
    document: `{ invitationOffer(token: "not-a-real-token") { email } }`,
    expect: { all: 'NULL' },
  },
  {
    field: 'Mutation.acceptInvitation',
    document: `mutation ($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { email ${E} } }`,
    variables: () => ({ i: { token: 'not-a-real-token', displayName: 'Ines Park', password: 'Invited-pass-2026' } }),
    expect: { all: 'PAYLOAD:INVITATION_INVALID' },
  },
  {
    field: 'Mutation.register',
    document: `mutation ($input: RegisterInput!) { register(input: $input) { ${E} } }`,
    variables: () => ({
      input: {
        email: `r.${randomUUID().slice(0, 8)}@world.test`,
        password: 'Register-pass-2026',
        displayName: 'New Person',
        roles: ['MENTEE'],
      },
    }),
    expect: { all: 'OK' },
  },
  {
    field: 'Mutation.login',
    document: `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ${E} } }`,
    variables: (w) => ({ e: w.mentee3.email, p: 'World-pass-2026!' }),
    expect: { all: 'OK' },
  },
  {
    field: 'Mutation.refreshSession',
    document: `mutation ($t: String!) { refreshSession(refreshToken: $t) { ${E} } }`,
    variables: async (w, s) => ({ t: (await login(s, w.mentee3.email)).refreshToken }),
    expect: { all: 'OK' },
  },
  {
    field: 'Mutation.logout',
    document: `mutation ($t: String!) { logout(refreshToken: $t) }`,
    variables: async (w, s) => ({ t: (await login(s, w.mentee3.email)).refreshToken }),
    expect: { all: 'OK' },
  },
  // passwords: anyone may ask for a reset link or use one (the gateway's per-address limit applies); an unknown
  // address and a made-up token send and change nothing, so these run for every caller, again and again.
  // changePassword with a wrong current password: refused as a payload (each counts one failed sign-in, well under the locks)
  {
    field: 'Mutation.requestPasswordReset',
    document: `mutation ($e: String!) { requestPasswordReset(email: $e) { ${E} } }`,
    variables: () => ({ e: `nobody.${randomUUID().slice(0, 8)}@world.test` }),
    expect: { all: 'OK' },
  },
  {
    field: 'Mutation.resetPassword',
    document: `mutation ($t: String!) { resetPassword(token: $t, newPassword: "Reset-pass-2026!") { ${E} } }`,
    variables: () => ({ t: randomUUID() }),
    expect: { all: 'PAYLOAD:RESET_TOKEN_INVALID' },
  },
  {
    field: 'Mutation.changePassword',
    document: `mutation { changePassword(currentPassword: "not-the-current-one", newPassword: "Changed-pass-2026!") { ${E} } }`,
    expect: { all: 'PAYLOAD:INCORRECT_PASSWORD', anonymous: 'UNAUTHENTICATED' },
  },
  // the staff second factor: the second step of a sign-in needs its challenge (a made-up one is refused); setting
  // one up is for signed-in staff (the world's admin has one: the testkit enrolled it at its first sign-in); a
  // wrong code or password counts one failed sign-in (all callers share one address: its limit is 20 in 15 minutes)
  {
    field: 'Mutation.completeSignIn',
    document: `mutation { completeSignIn(challenge: "made-up-challenge", code: "123456") { ${E} } }`,
    expect: { all: 'PAYLOAD:CHALLENGE_INVALID' },
  },
  {
    field: 'Mutation.startSecondFactorEnrolment',
    document: `mutation { startSecondFactorEnrolment { ${E} } }`,
    expect: {
      all: 'PAYLOAD:NOT_STAFF',
      anonymous: 'UNAUTHENTICATED',
      coachA: 'OK',
      coachB: 'OK',
      analyst: 'OK',
      admin: 'PAYLOAD:ALREADY_ENROLLED',
    },
  },
  {
    // the challenge is the permission: a made-up one confirms nothing, for anyone (signed-in staff confirm
    // without one: tests/security/second-factor.test.ts)
    field: 'Mutation.confirmSecondFactorEnrolment',
    document: `mutation { confirmSecondFactorEnrolment(code: "000000", challenge: "made-up-challenge") { ${E} } }`,
    expect: { all: 'PAYLOAD:CHALLENGE_INVALID' },
  },
  {
    field: 'Mutation.renewRecoveryCodes',
    document: `mutation { renewRecoveryCodes(code: "000000") { ${E} } }`,
    expect: { all: 'PAYLOAD:SECOND_FACTOR_NOT_ENROLLED', anonymous: 'UNAUTHENTICATED', admin: 'PAYLOAD:INVALID_CODE' },
  },
  {
    // the participants' and staff's password (the admin's differs: refused there, one failed sign-in)
    field: 'Mutation.removeSecondFactor',
    document: `mutation { removeSecondFactor(password: "World-pass-2026!", code: "000000") { ${E} } }`,
    expect: {
      all: 'PAYLOAD:SECOND_FACTOR_NOT_ENROLLED',
      anonymous: 'UNAUTHENTICATED',
      admin: 'PAYLOAD:INCORRECT_PASSWORD',
    },
  },
  {
    field: 'Mutation.resetSecondFactor',
    document: `mutation ($id: ID!) { resetSecondFactor(userId: $id) { ${E} } }`,
    variables: (w) => ({ id: w.mentee3.userId }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'PAYLOAD:SECOND_FACTOR_NOT_ENROLLED' },
  },
  {
    field: 'Mutation.setCoachSecondFactorRequirement',
    document: `mutation ($id: ID!) { setCoachSecondFactorRequirement(organizationId: $id, required: false) { ${E} } }`,
    variables: (w) => ({ id: w.orgB }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  // webhooks: an ADMIN, or a PROGRAMME_ADMIN of the organisation (tests/e2e/webhooks.test.ts tries those and
  // another organisation's); everyone else is refused before any lookup
  {
    field: 'Query.webhookEndpoints',
    document: `query ($id: ID!) { webhookEndpoints(organizationId: $id) { id } }`,
    variables: (w) => ({ id: w.orgA }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'EMPTY' },
  },
  {
    // .invalid never resolves: the endpoint exists, nothing is ever delivered
    field: 'Mutation.createWebhookEndpoint',
    document: `mutation ($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret ${E} } }`,
    variables: (w) => ({
      i: {
        organizationId: w.orgA,
        url: 'https://hooks.example.invalid/tandem',
        eventTypes: ['AUDIT_OUTCOME_RECORDED'],
      },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Query.webhookEndpoint',
    document: `query ($id: ID!) { webhookEndpoint(id: $id) { id url deliveries { totalCount } } }`,
    variables: async (_w, stack) => ({ id: await anyWebhookEndpoint(stack) }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.setWebhookEndpointEnabled',
    document: `mutation ($id: ID!) { setWebhookEndpointEnabled(id: $id, enabled: true) { ${E} } }`,
    variables: async (_w, stack) => ({ id: await anyWebhookEndpoint(stack) }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.rotateWebhookEndpointSecret',
    document: `mutation ($id: ID!) { rotateWebhookEndpointSecret(id: $id) { secret ${E} } }`,
    variables: async (_w, stack) => ({ id: await anyWebhookEndpoint(stack) }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.replayWebhookDelivery',
    document: `mutation ($id: ID!) { replayWebhookDelivery(id: $id) { ${E} } }`,
    variables: () => ({ id: randomUUID() }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'NOT_FOUND' },
  },
  // API keys (issue 23): an ADMIN, or a PROGRAMME_ADMIN of the organisation, manages them (tests/security/api-keys.test.ts
  // tries those and another organisation's); a key itself never (its mutations are refused at the gateway)
  {
    field: 'Query.apiKeys',
    document: `query ($id: ID!) { apiKeys(organizationId: $id) { id prefix lastUsedAt revokedAt } }`,
    variables: (w) => ({ id: w.orgA }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.createApiKey',
    document: `mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { key ${E} } }`,
    variables: (w) => ({ i: { organizationId: w.orgB, name: 'Matrix key' } }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    // the newest key of org B: the one createApiKey just made (org A's key keeps working for the callers after)
    field: 'Mutation.revokeApiKey',
    document: `mutation ($id: ID!) { revokeApiKey(id: $id) { ${E} } }`,
    variables: async (w, stack) => ({ id: await worldApiKey(stack, w.orgB) }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  // single sign-on (issue 23): an organisation's provider is an ADMIN's to read and set (its client secret has
  // no field at all); the world has none, and 127.0.0.1:9 answers no discovery. Starting and completing a
  // sign-in is anyone's: the email's domain and the callback's state are what decide.
  {
    field: 'Query.organizationSingleSignOn',
    document: `query ($o: ID!) { organizationSingleSignOn(organizationId: $o) { issuer clientSecretSet groupsClaim } }`,
    variables: (w) => ({ o: w.orgA }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'NULL' },
  },
  {
    field: 'Mutation.setOrganizationSingleSignOn',
    document: `mutation ($i: SetOrganizationSingleSignOnInput!) { setOrganizationSingleSignOn(input: $i) { ${E} } }`,
    variables: (w) => ({
      i: {
        organizationId: w.orgA,
        issuer: 'https://127.0.0.1:9',
        clientId: 'tandem',
        clientSecret: 'not-a-real-secret',
        emailDomains: ['world-sso.test'],
        roleMappings: [{ group: 'coaches', roles: ['COACH'] }],
      },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'PAYLOAD:ISSUER_UNREACHABLE' },
  },
  {
    field: 'Mutation.removeOrganizationSingleSignOn',
    document: `mutation ($o: ID!) { removeOrganizationSingleSignOn(organizationId: $o) { ${E} } }`,
    variables: (w) => ({ o: w.orgA }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'PAYLOAD:NOT_CONFIGURED' },
  },
  {
    field: 'Mutation.startOrganizationSignIn',
    document: `mutation ($e: String!) { startOrganizationSignIn(email: $e) { authorizationUrl ${E} } }`,
    variables: () => ({ e: 'someone@no-sso.world.test' }),
    expect: { all: 'PAYLOAD:NO_ORGANIZATION_SIGN_IN' },
  },
  {
    field: 'Mutation.completeOrganizationSignIn',
    document: `mutation ($u: String!) { completeOrganizationSignIn(callbackUrl: $u) { ${E} session { accessToken } } }`,
    variables: () => ({ u: 'https://elsewhere.invalid/sign-in/organisation?code=x&state=y' }),
    expect: { all: 'PAYLOAD:INVALID_CALLBACK' },
  },
  // the sign-in email: asking needs the current password (a wrong one is refused as a payload and counts one
  // failed sign-in, well under the locks); the links' tokens are the permission, so a made-up one changes nothing
  {
    field: 'Mutation.requestEmailChange',
    document: `mutation ($i: RequestEmailChangeInput!) { requestEmailChange(input: $i) { ${E} } }`,
    variables: () => ({ i: { newEmail: `moved.${randomUUID().slice(0, 8)}@world.test`, currentPassword: 'not-it' } }),
    expect: { all: 'PAYLOAD:INCORRECT_PASSWORD', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Mutation.confirmEmailChange',
    document: `mutation ($t: String!) { confirmEmailChange(token: $t) { ${E} } }`,
    variables: () => ({ t: randomUUID() }),
    expect: { all: 'PAYLOAD:EMAIL_CHANGE_TOKEN_INVALID' },
  },
  {
    field: 'Mutation.cancelEmailChange',
    document: `mutation ($t: String!) { cancelEmailChange(token: $t) { ${E} } }`,
    variables: () => ({ t: randomUUID() }),
    expect: { all: 'PAYLOAD:EMAIL_CHANGE_TOKEN_INVALID' },
  },
  {
    field: 'Mutation.markNotificationsRead',
    document: `mutation { markNotificationsRead(all: true) { ${E} } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Mutation.updateMenteeProfile',
    document: `mutation ($input: MenteeProfileInput!) { updateMenteeProfile(input: $input) { ${E} } }`,
    variables: () => ({ input: MENTEE_PROFILE }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', otherMentee: 'OK', mentee: 'OK' },
  },
  {
    field: 'Mutation.reviewMentorApplication',
    document: `mutation ($input: ReviewMentorApplicationInput!) { reviewMentorApplication(input: $input) { ${E} } }`,
    variables: async (w, s) => {
      const applicant = await register(s, 'Applicant', ['MENTOR'], w.orgA);
      await call(
        s,
        `mutation ($input: MentorProfileInput!) { updateMentorProfile(input: $input) { errors { field code message } } }`,
        { input: MENTOR_PROFILE },
        applicant.token,
      );
      return { input: { userId: applicant.userId, decision: 'APPROVED', comment: 'Approved.' } };
    },
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', coachB: 'NOT_FOUND', coachA: 'OK', admin: 'OK' },
  },
  {
    field: 'Mutation.createOrganization',
    document: `mutation ($input: OrganizationInput!) { createOrganization(input: $input) { ${E} } }`,
    variables: () => ({ input: { name: `Org ${randomUUID().slice(0, 8)}` } }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.updateOrganization',
    document: `mutation ($id: ID!, $input: OrganizationInput!) { updateOrganization(id: $id, input: $input) { ${E} } }`,
    variables: (w) => ({
      id: w.orgA,
      input: { name: `Org A ${randomUUID().slice(0, 8)}`, city: 'Toronto', country: 'CA' },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.createProgram',
    document: `mutation ($input: ProgramInput!) { createProgram(input: $input) { ${E} } }`,
    variables: () => ({
      input: {
        name: `Programme ${randomUUID().slice(0, 8)}`,
        terms: { targetHours: 6, durationWeeks: 8, minMeetings: 3 },
        cpdCategory: 'Peer interaction',
      },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.updateProgram',
    document: `mutation ($id: ID!, $input: ProgramInput!) { updateProgram(id: $id, input: $input) { ${E} } }`,
    variables: (w) => ({
      id: w.programmeId,
      input: {
        name: `World programme ${randomUUID().slice(0, 8)}`,
        organizationIds: [w.orgA, w.orgB],
        terms: { targetHours: 12, durationWeeks: 16, minMeetings: 4 },
        cpdCategory: 'Peer interaction',
        requireSignedAgreement: false,
      },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.createProgramme',
    document: `mutation ($input: ProgrammeInput!) { createProgramme(input: $input) { ${E} } }`,
    variables: () => ({
      input: {
        name: `Programme ${randomUUID().slice(0, 8)}`,
        terms: { targetHours: 6, durationWeeks: 8, minMeetings: 3 },
        cpdCategory: 'Peer interaction',
      },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.updateProgramme',
    document: `mutation ($id: ID!, $input: ProgrammeInput!) { updateProgramme(id: $id, input: $input) { ${E} } }`,
    variables: (w) => ({
      id: w.programmeId,
      input: {
        name: `World programme ${randomUUID().slice(0, 8)}`,
        organizationIds: [w.orgA, w.orgB],
        terms: { targetHours: 12, durationWeeks: 16, minMeetings: 4 },
        cpdCategory: 'Peer interaction',
        requireSignedAgreement: false,
      },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.addCohort',
    document: `mutation ($id: ID!, $input: CohortInput!) { addCohort(programId: $id, input: $input) { ${E} } }`,
    variables: (w) => ({
      id: w.programmeId,
      input: {
        name: `Cohort ${randomUUID().slice(0, 6)}`,
        startsOn: addDays(w.today, 200),
        endsOn: addDays(w.today, 300),
      },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.updateCohort',
    document: `mutation ($id: ID!, $input: CohortInput!) { updateCohort(cohortId: $id, input: $input) { ${E} } }`,
    variables: (w) => ({
      id: w.cohortId,
      input: { name: 'Autumn', startsOn: addDays(w.today, -30), endsOn: addDays(w.today, 120) },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.enrollInProgram',
    document: `mutation ($input: EnrollInput!) { enrollInProgram(input: $input) { ${E} } }`,
    variables: (w) => ({ input: { programId: w.programmeId, role: 'MENTEE' } }),
    expect: { all: 'PAYLOAD:ROLE_NOT_HELD', anonymous: 'UNAUTHENTICATED', otherMentee: 'OK', mentee: 'OK' },
  },
  {
    field: 'Mutation.enrolInProgramme',
    document: `mutation ($input: EnrollInput!) { enrolInProgramme(input: $input) { ${E} } }`,
    variables: (w) => ({ input: { programmeId: w.programmeId, role: 'MENTEE' } }),
    expect: { all: 'PAYLOAD:ROLE_NOT_HELD', anonymous: 'UNAUTHENTICATED', otherMentee: 'OK', mentee: 'OK' },
  },
  {
    field: 'Mutation.createOrientationSession',
    document: `mutation ($input: OrientationSessionInput!) { createOrientationSession(input: $input) { ${E} } }`,
    variables: (w) => ({
      input: {
        programId: w.programmeId,
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        location: 'Online',
      },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', coachB: 'OK', coachA: 'OK', admin: 'OK' },
  },
  {
    field: 'Mutation.recordOrientationAttendance',
    document: `mutation ($s: ID!, $u: [ID!]!) { recordOrientationAttendance(sessionId: $s, userIds: $u) { ${E} } }`,
    variables: (w) => ({ s: w.orientationSessionId, u: [w.mentee.userId] }),
    expect: {
      all: 'FORBIDDEN',
      anonymous: 'UNAUTHENTICATED',
      coachB: 'PAYLOAD:UNKNOWN_USER',
      coachA: 'OK',
      admin: 'OK',
    },
  },
  {
    field: 'Mutation.createLearningResource',
    document: `mutation ($p: ID!, $input: LearningResourceInput!) { createLearningResource(programmeId: $p, input: $input) { ${E} } }`,
    variables: (w) => ({
      p: w.programmeId,
      input: { title: 'Tips', kind: 'GUIDE', body: 'Be on time.', language: 'en', stage: 'MID_WAY' },
    }),
    // the coaches of both partner organisations run the programme with its staff
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', coachB: 'OK', coachA: 'OK', admin: 'OK' },
  },
  {
    field: 'Mutation.updateLearningResource',
    document: `mutation ($id: ID!, $input: LearningResourceInput!) { updateLearningResource(id: $id, input: $input) { ${E} } }`,
    variables: async (w, s) => ({
      id: await learningResourceOf(s, w.programmeId),
      input: { title: 'Tips, revised', kind: 'GUIDE', body: 'Be on time.', language: 'en', stage: 'MID_WAY' },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', coachB: 'OK', coachA: 'OK', admin: 'OK' },
  },
  {
    field: 'Mutation.reorderLearningResources',
    document: `mutation ($p: ID!, $ids: [ID!]!) { reorderLearningResources(programmeId: $p, stage: COMPLETING, ids: $ids) { ${E} } }`,
    variables: async (w, s) => ({
      p: w.programmeId,
      ids: (
        await s.sql<{ id: string }>(
          `SELECT id FROM identity.learning_resource WHERE program_id = $1 AND stage = 'COMPLETING' ORDER BY position DESC`,
          [w.programmeId],
        )
      ).map((r) => r.id),
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', coachB: 'OK', coachA: 'OK', admin: 'OK' },
  },
  {
    field: 'Mutation.deleteLearningResource',
    document: `mutation ($id: ID!) { deleteLearningResource(id: $id) { ${E} } }`,
    variables: async (w, s) => ({ id: await learningResourceOf(s, w.programmeId) }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', coachB: 'OK', coachA: 'OK', admin: 'OK' },
  },
  {
    // optional (gates nothing), so the world's mentor stays visible for the rules that follow
    field: 'Mutation.createTrainingModule',
    document: `mutation ($input: CreateTrainingModuleInput!) { createTrainingModule(input: $input) { ${E} } }`,
    variables: (w) => ({ input: { programmeId: w.programmeId, ...TRAINING_MODULE } }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.updateTrainingModule',
    document: `mutation ($id: ID!, $input: TrainingModuleInput!) { updateTrainingModule(moduleId: $id, input: $input) { ${E} } }`,
    variables: async (w, stack) => ({
      id: await worldTrainingModule(stack, w.programmeId),
      input: { ...TRAINING_MODULE, estimatedMinutes: 15 },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.setTrainingModuleVersion',
    document: `mutation ($id: ID!, $input: TrainingModuleVersionInput!) { setTrainingModuleVersion(moduleId: $id, input: $input) { ${E} } }`,
    variables: async (w, stack) => ({
      id: await worldTrainingModule(stack, w.programmeId),
      input: {
        language: 'fr-CA',
        title: 'L’essentiel du mentorat',
        summary: 'Ce que fait un mentor.',
        content: 'Écouter.',
      },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.removeTrainingModuleVersion',
    document: `mutation ($id: ID!) { removeTrainingModuleVersion(moduleId: $id, language: "fr-CA") { ${E} } }`,
    variables: async (w, stack) => ({ id: await worldTrainingModule(stack, w.programmeId) }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.completeTrainingModule',
    document: `mutation ($id: ID!) { completeTrainingModule(moduleId: $id) { ${E} } }`,
    variables: async (w, stack) => ({ id: await worldTrainingModule(stack, w.programmeId) }),
    expect: {
      all: 'FORBIDDEN',
      anonymous: 'UNAUTHENTICATED',
      otherMentee: 'PAYLOAD:NOT_IN_AUDIENCE',
      mentee: 'PAYLOAD:NOT_IN_AUDIENCE',
      mentor: 'OK',
    },
  },
  {
    field: 'Mutation.recordTrainingCompletion',
    document: `mutation ($id: ID!, $u: ID!) { recordTrainingCompletion(moduleId: $id, userId: $u) { ${E} } }`,
    variables: async (w, stack) => ({ id: await worldTrainingModule(stack, w.programmeId), u: w.mentor.userId }),
    expect: {
      all: 'FORBIDDEN',
      anonymous: 'UNAUTHENTICATED',
      coachB: 'PAYLOAD:UNKNOWN_USER',
      coachA: 'OK',
      admin: 'OK',
    },
  },
  {
    field: 'Mutation.retireTrainingModule',
    document: `mutation ($id: ID!) { retireTrainingModule(moduleId: $id) { ${E} } }`,
    variables: async (w, stack) => ({ id: await worldTrainingModule(stack, w.programmeId) }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.updateTrainingNeeds',
    document: `mutation { updateTrainingNeeds(input: { needs: "Working with newcomers", tags: ["listening"] }) { ${E} } }`,
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', mentor: 'OK' },
  },
  {
    field: 'Mutation.grantRoles',
    document: `mutation ($input: ChangeRolesInput!) { grantRoles(input: $input) { ${E} } }`,
    variables: async (_w, s) => ({
      input: { userId: (await register(s, 'Grantee', ['MENTEE'])).userId, roles: ['ANALYST'] },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.revokeRoles',
    document: `mutation ($input: ChangeRolesInput!) { revokeRoles(input: $input) { ${E} } }`,
    variables: async (_w, s) => ({
      input: { userId: (await register(s, 'Revokee', ['MENTEE', 'MENTOR'])).userId, roles: ['ANALYST'] },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.suspendUser',
    document: `mutation ($id: ID!) { suspendUser(userId: $id) { ${E} } }`,
    variables: async (_w, s) => ({ id: (await register(s, 'Suspendee', ['MENTEE'])).userId }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.reinstateUser',
    document: `mutation ($id: ID!) { reinstateUser(userId: $id) { ${E} } }`,
    variables: async (_w, s) => ({ id: (await register(s, 'Reinstatee', ['MENTEE'])).userId }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.updateContactDetails',
    document: `mutation ($input: UpdateContactDetailsInput!) { updateContactDetails(input: $input) { ${E} } }`,
    variables: () => ({ input: { phone: '+1 416 555 0199' } }),
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },

  {
    field: 'Mutation.setLanguage',
    document: `mutation { setLanguage(language: FR_CA) { ${E} } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Mutation.setTimeZone',
    document: `mutation { setTimeZone(timeZone: "America/Vancouver") { ${E} } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Mutation.setNotificationEmail',
    document: `mutation { setNotificationEmail(kind: MATCH_PROPOSED, email: false) { ${E} } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  // nudges (issue 19): each person chooses the daily digest or each nudge, for themselves only
  {
    field: 'Mutation.setNudgeEmailDelivery',
    document: `mutation { setNudgeEmailDelivery(delivery: DAILY_DIGEST) { ${E} user { nudgeEmailDelivery } } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  // planned meetings in calendars (issue 20): each person's own choice
  {
    field: 'Mutation.setMeetingReminderHourBefore',
    document: `mutation { setMeetingReminderHourBefore(enabled: true) { ${E} } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },

  // ---------------------------------------------------------------- matching mutations
  {
    field: 'Mutation.askMentor',
    document: `mutation ($m: ID!) { askMentor(mentorId: $m, question: "What did your first year look like?") { ${E} } }`,
    variables: (w) => ({ m: w.mentor.userId }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', mentee: 'OK', otherMentee: 'OK' },
  },
  {
    field: 'Mutation.answerMentorQuestion',
    document: `mutation ($q: ID!) { answerMentorQuestion(questionId: $q, answer: "About eighteen months, with two exams.") { ${E} } }`,
    variables: (w) => ({ q: w.questionId }),
    expect: {
      all: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
      mentee: 'FORBIDDEN',
      mentor: 'OK',
      coachA: 'FORBIDDEN',
      admin: 'FORBIDDEN',
    },
  },
  {
    field: 'Mutation.postMentoringRequestMessage',
    document: `mutation ($r: ID!) { postMentoringRequestMessage(requestId: $r, body: "Happy to talk next week.") { ${E} } }`,
    variables: (w) => ({ r: w.requestId }),
    expect: {
      all: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
      otherMentee: 'OK',
      coachB: 'FORBIDDEN',
      mentor: 'OK',
      admin: 'FORBIDDEN',
    },
  },
  {
    field: 'Mutation.editMentoringRequest',
    document: `mutation ($r: ID!) { editMentoringRequest(requestId: $r, message: "Could we also talk about licensing?") { ${E} } }`,
    variables: (w) => ({ r: w.requestId }),
    expect: {
      all: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
      otherMentee: 'OK',
      coachB: 'FORBIDDEN',
      mentor: 'FORBIDDEN',
      admin: 'FORBIDDEN',
    },
  },
  {
    field: 'Mutation.declineMentoringRequest',
    document: `mutation ($r: ID!) { declineMentoringRequest(requestId: $r, reason: "My schedule is full this term.") { ${E} } }`,
    variables: (w) => ({ r: w.declineRequestId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentor: 'OK', coachA: 'FORBIDDEN', admin: 'FORBIDDEN' },
  },
  {
    field: 'Mutation.withdrawMentoringRequest',
    document: `mutation ($r: ID!) { withdrawMentoringRequest(requestId: $r) { ${E} } }`,
    variables: (w) => ({ r: w.declineRequestId }),
    expect: {
      all: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
      mentor: 'FORBIDDEN',
      coachA: 'FORBIDDEN',
      admin: 'FORBIDDEN',
    },
  },
  {
    field: 'Mutation.acceptMentoringRequest',
    document: `mutation ($r: ID!) { acceptMentoringRequest(requestId: $r) { ${E} } }`,
    variables: (w) => ({ r: w.requestId }),
    expect: {
      all: 'FORBIDDEN',
      anonymous: 'UNAUTHENTICATED',
      analyst: 'NOT_FOUND',
      mentee: 'NOT_FOUND',
      mentor: 'OK',
      coachA: 'NOT_FOUND',
    },
  },
  {
    field: 'Mutation.sendMentoringRequest',
    document: `mutation ($m: ID!, $p: ID!) { sendMentoringRequest(mentorId: $m, programmeId: $p, message: "I would value your view of Canadian audit practice.") { ${E} } }`,
    variables: (w) => ({ m: w.mentor.userId, p: w.programmeId }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', mentee: 'OK', otherMentee: 'OK' },
  },
  {
    field: 'Mutation.proposeMatch',
    document: `mutation ($me: ID!, $mo: ID!, $p: ID!) { proposeMatch(menteeId: $me, mentorId: $mo, programmeId: $p, note: "A good fit.") { ${E} } }`,
    variables: (w) => ({ me: w.mentee3.userId, mo: w.mentor.userId, p: w.programmeId }),
    expect: {
      all: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
      coachA: 'PAYLOAD:DECLINED_BEFORE',
      admin: 'PAYLOAD:DECLINED_BEFORE',
    },
  },
  {
    field: 'Mutation.declineMatchProposal',
    document: `mutation ($id: ID!) { declineMatchProposal(proposalId: $id, reason: "Not now.") { ${E} } }`,
    variables: (w) => ({ id: w.proposalId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentor: 'OK', coachA: 'FORBIDDEN', admin: 'FORBIDDEN' },
  },
  {
    field: 'Mutation.confirmMatchProposal',
    document: `mutation ($id: ID!) { confirmMatchProposal(proposalId: $id) { ${E} } }`,
    variables: (w) => ({ id: w.proposalId }),
    expect: {
      all: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
      mentor: 'PAYLOAD:NOT_PROPOSED',
      coachA: 'FORBIDDEN',
      admin: 'FORBIDDEN',
    },
  },
  {
    field: 'Mutation.runCohortMatching',
    document: `mutation ($c: ID!) { runCohortMatching(cohortId: $c) { ${E} } }`,
    variables: (w) => ({ c: w.cohortId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', coachB: 'OK', coachA: 'OK', admin: 'OK' },
  },
  {
    field: 'Mutation.lockCohortPair',
    document: `mutation ($c: ID!, $me: ID!, $mo: ID!) { lockCohortPair(cohortId: $c, menteeId: $me, mentorId: $mo) { ${E} } }`,
    variables: (w) => ({ c: w.cohortId, me: w.mentee3.userId, mo: w.mentor.userId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', coachB: 'PAYLOAD:UNKNOWN', coachA: 'OK', admin: 'OK' },
  }, // mentee3 is of organisation A
  {
    field: 'Mutation.excludeCohortPair',
    document: `mutation ($c: ID!, $me: ID!, $mo: ID!) { excludeCohortPair(cohortId: $c, menteeId: $me, mentorId: $mo) { ${E} } }`,
    variables: (w) => ({ c: w.cohortId, me: w.mentee3.userId, mo: w.mentor.userId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', coachB: 'PAYLOAD:UNKNOWN', coachA: 'OK', admin: 'OK' },
  }, // mentee3 is of organisation A
  {
    field: 'Mutation.clearCohortPairRule',
    document: `mutation ($c: ID!, $me: ID!, $mo: ID!) { clearCohortPairRule(cohortId: $c, menteeId: $me, mentorId: $mo) }`,
    variables: (w) => ({ c: w.cohortId, me: w.mentee3.userId, mo: w.mentor.userId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', coachB: 'OK', coachA: 'OK', admin: 'OK' },
  },

  // ---------------------------------------------------------------- relationships mutations (lifecycle last)
  {
    field: 'Mutation.draftAgreement',
    document: `mutation ($id: ID!, $input: AgreementInput!) { draftAgreement(relationshipId: $id, input: $input) { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId, input: AGREEMENT }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.signAgreement',
    document: `mutation ($id: ID!, $v: Int!) { signAgreement(relationshipId: $id, version: $v) { ${E} } }`,
    variables: async (w, s) => ({
      id: w.relationshipId,
      v: (
        await call(
          s,
          `query ($id: ID!) { relationship(id: $id) { agreement { current { version } } } }`,
          { id: w.relationshipId },
          w.admin.token,
        )
      ).relationship.agreement.current.version,
    }),
    // the coach of the organisation passes the access check; the world's programme does not ask for a coach's signature
    expect: {
      all: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
      mentee: 'OK',
      mentor: 'OK',
      coachA: 'PAYLOAD:COACH_SIGNATURE_NOT_REQUIRED',
    },
  },
  {
    field: 'Mutation.recordCheckIn',
    document: `mutation ($id: ID!, $input: CheckInInput!) { recordCheckIn(relationshipId: $id, input: $input) { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId, input: { heldOn: w.today, notes: 'Going well.' } }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', coachA: 'OK', admin: 'OK' },
  },
  {
    // the caseload's rows for a file, with the caseload's access; the server records the export itself
    field: 'Mutation.exportCaseload',
    document: `mutation ($org: ID) { exportCaseload(organizationId: $org, format: CSV) { pairs { id checkInDue { dueOn } } ${E} } }`,
    variables: (w) => ({ org: w.orgA }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', coachA: 'OK', admin: 'OK' },
  },
  {
    field: 'Mutation.askPulse',
    document: `mutation ($id: ID!) { askPulse(relationshipId: $id) { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId }),
    // the coach of the organisation or an admin asks; one open pulse at a time, so the admin finds the coach's open
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', coachA: 'OK', admin: 'PAYLOAD:PULSE_OPEN' },
  },
  {
    field: 'Mutation.answerPulse',
    document: `mutation ($id: ID!) { answerPulse(pulseId: $id, input: { score: 4, note: "Going well." }) { ${E} } }`,
    variables: async (w, s) => ({
      id: (
        await s.sql<{ id: string }>(
          `SELECT id FROM relationships.pulse WHERE relationship_id = $1 ORDER BY asked_at DESC LIMIT 1`,
          [w.relationshipId],
        )
      )[0].id,
    }),
    // each partner answers once; nobody else answers (not even the coach who asked)
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.sendMessage',
    document: `mutation ($id: ID!) { sendMessage(relationshipId: $id, body: "See you Tuesday.") { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.sendCoachThreadMessage',
    document: `mutation ($id: ID!) { sendCoachThreadMessage(relationshipId: $id, body: "How are things going?") { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId }),
    // the partners and the coach of the relationship's organisation write; admins read the thread but do not write
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK', coachA: 'OK' },
  },
  {
    field: 'Mutation.createGoal',
    document: `mutation ($id: ID!, $input: SmartGoalInput!) { createGoal(relationshipId: $id, input: $input) { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId, input: GOAL(addDays(w.today, 60)) }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.addMilestone',
    document: `mutation ($id: ID!, $d: LocalDate!) { addMilestone(goalId: $id, title: "Mock exam", dueOn: $d) { ${E} } }`,
    variables: (w) => ({ id: w.goalId, d: addDays(w.today, 20) }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.completeMilestone',
    document: `mutation ($id: ID!) { completeMilestone(milestoneId: $id) { ${E} } }`,
    variables: (w) => ({ id: w.milestoneId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'PAYLOAD:ALREADY_COMPLETED' },
  },
  {
    field: 'Mutation.recordGoalProgress',
    document: `mutation ($id: ID!) { recordGoalProgress(goalId: $id, note: "Half the syllabus done.") { ${E} } }`,
    variables: (w) => ({ id: w.goalId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.achieveGoal',
    document: `mutation ($id: ID!) { achieveGoal(goalId: $id) { ${E} } }`,
    variables: (w) => ({ id: w.goalId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'PAYLOAD:NOT_OPEN' },
  },
  {
    field: 'Mutation.dropGoal',
    document: `mutation ($id: ID!) { dropGoal(goalId: $id, reason: "Changed plans.") { ${E} } }`,
    variables: (w) => ({ id: w.goalId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'PAYLOAD:NOT_OPEN', mentor: 'PAYLOAD:NOT_OPEN' },
  },
  {
    field: 'Mutation.saveActionPlan',
    document: `mutation ($id: ID!, $input: ActionPlanInput!) { saveActionPlan(relationshipId: $id, input: $input) { ${E} } }`,
    variables: (w) => ({
      id: w.relationshipId,
      input: {
        goals: [
          {
            goal: 'Licensure',
            objectives: ['Pass CFE'],
            activities: [{ type: 'LEARNING_BY_DOING', description: 'Mock exams' }],
          },
        ],
      },
    }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.logMeeting',
    document: `mutation ($id: ID!, $input: MeetingInput!) { logMeeting(relationshipId: $id, input: $input) { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId, input: MEETING(w.today, '02:20') }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'PAYLOAD:OVERLAP' },
  },
  {
    field: 'Mutation.setMeetingGoals',
    document: `mutation ($id: ID!, $g: [ID!]!) { setMeetingGoals(meetingId: $id, goalIds: $g) { ${E} } }`,
    variables: (w) => ({ id: w.meetingId, g: [w.goalId] }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.confirmMeeting',
    document: `mutation ($id: ID!) { confirmMeeting(meetingId: $id) { ${E} } }`,
    variables: (w) => ({ id: w.meetingId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'PAYLOAD:AWAITING_OTHER_SIDE', mentor: 'OK' },
  },
  {
    field: 'Mutation.disputeMeeting',
    document: `mutation ($id: ID!) { disputeMeeting(meetingId: $id, reason: "We did not meet that day.") { ${E} } }`,
    variables: (w) => ({ id: w.disputeMeetingId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'PAYLOAD:AWAITING_OTHER_SIDE', mentor: 'OK' },
  },
  {
    field: 'Mutation.setMeetingPrivateNote',
    document: `mutation ($id: ID!) { setMeetingPrivateNote(meetingId: $id, note: "Follow up on CAS 200.") { ${E} } }`,
    variables: (w) => ({ id: w.meetingId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.amendMeeting',
    document: `mutation ($id: ID!, $input: MeetingInput!) { amendMeeting(meetingId: $id, input: $input) { ${E} } }`,
    variables: (w) => ({ id: w.meetingId, input: { ...MEETING(w.today, '00:00'), durationMinutes: 45 } }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'PAYLOAD:AMENDMENT_PENDING' },
  },
  {
    field: 'Mutation.proposeMeeting',
    document: `mutation ($id: ID!, $input: MeetingPlanInput!) { proposeMeeting(relationshipId: $id, input: $input) { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId, input: MEETING_PLAN(w.today) }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.acceptMeetingPlan',
    document: `mutation ($id: ID!) { acceptMeetingPlan(planId: $id) { ${E} } }`,
    // a fresh plan proposed by the mentor for each caller: only the mentee (awaited) accepts it
    variables: async (w, stack) => ({ id: await plannedByMentor(w, stack) }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'PAYLOAD:NOT_AWAITING_YOU' },
  },
  {
    field: 'Mutation.declineMeetingPlan',
    document: `mutation ($id: ID!) { declineMeetingPlan(planId: $id, reason: "I am away that week.") { ${E} } }`,
    variables: async (w, stack) => ({ id: await plannedByMentor(w, stack) }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'PAYLOAD:NOT_AWAITING_YOU' },
  },
  {
    field: 'Mutation.proposeAnotherMeetingTime',
    document: `mutation ($id: ID!, $input: MeetingPlanTimeInput!) { proposeAnotherMeetingTime(planId: $id, input: $input) { ${E} } }`,
    variables: async (w, stack) => ({
      id: await plannedByMentor(w, stack),
      input: { startsOn: addDays(w.today, 8), startTime: '11:00', timeZone: 'UTC', durationMinutes: 45 },
    }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'PAYLOAD:NOT_AWAITING_YOU' },
  },
  {
    field: 'Mutation.rescheduleMeetingPlan',
    document: `mutation ($id: ID!, $input: MeetingPlanTimeInput!) { rescheduleMeetingPlan(planId: $id, input: $input) { ${E} } }`,
    variables: async (w, stack) => ({
      id: await plannedByMentor(w, stack),
      input: { startsOn: addDays(w.today, 9), startTime: '11:00', timeZone: 'UTC', durationMinutes: 45 },
    }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.cancelMeetingPlan',
    document: `mutation ($id: ID!) { cancelMeetingPlan(planId: $id, reason: "Something came up.") { ${E} } }`,
    variables: async (w, stack) => ({ id: await plannedByMentor(w, stack) }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.recordPlannedMeeting',
    document: `mutation ($id: ID!, $input: MeetingInput!) { recordPlannedMeeting(planId: $id, input: $input) { ${E} } }`,
    // a plan still awaiting an answer: the partners pass the access check and are refused by the rule
    variables: async (w, stack) => ({ id: await plannedByMentor(w, stack), input: MEETING(w.today, '00:00') }),
    expect: {
      all: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
      mentee: 'PAYLOAD:INVALID_STATE',
      mentor: 'PAYLOAD:INVALID_STATE',
    },
  },
  // planned meetings in calendars (issue 20): anyone signed in creates and revokes their own private feed
  {
    field: 'Mutation.createCalendarFeed',
    document: `mutation { createCalendarFeed { ${E} } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Mutation.revokeCalendarFeed',
    document: `mutation { revokeCalendarFeed { ${E} } }`,
    expect: { all: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Mutation.pauseRelationship',
    document: `mutation ($id: ID!) { pauseRelationship(id: $id) { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'PAYLOAD:INVALID_STATE' },
  },
  {
    field: 'Mutation.resumeRelationship',
    document: `mutation ($id: ID!) { resumeRelationship(id: $id) { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'PAYLOAD:INVALID_STATE' },
  },
  {
    field: 'Mutation.completeRelationship',
    document: `mutation ($id: ID!) { completeRelationship(id: $id) { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.submitFeedback',
    document: `mutation ($id: ID!, $input: FeedbackInput!) { submitFeedback(relationshipId: $id, input: $input) { ${E} } }`,
    variables: (w) => ({
      id: w.relationshipId,
      input: {
        ratings: ['GOALS_PROGRESS', 'RELATIONSHIP_QUALITY', 'PROGRAMME_SUPPORT', 'WOULD_RECOMMEND'].map((question) => ({
          question,
          rating: 4,
        })),
      },
    }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'OK' },
  },
  {
    field: 'Mutation.continueRelationship',
    document: `mutation ($id: ID!, $goals: [SmartGoalInput!]!) { continueRelationship(id: $id, goals: $goals) { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId, goals: [GOAL(addDays(w.today, 120))] }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'PAYLOAD:INVALID_STATE' },
  },
  {
    field: 'Mutation.withdrawFromRelationship',
    document: `mutation ($id: ID!) { withdrawFromRelationship(id: $id, reason: "Moving abroad.") { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentee: 'OK', mentor: 'PAYLOAD:INVALID_STATE' },
  },
  {
    field: 'Mutation.closeRelationship',
    document: `mutation ($id: ID!) { closeRelationship(id: $id) { ${E} } }`,
    variables: (w) => ({ id: w.relationshipId }),
    expect: {
      all: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
      mentee: 'PAYLOAD:INVALID_STATE',
      mentor: 'PAYLOAD:INVALID_STATE',
    },
  },
  // bulk actions of the staff lists (issue 19): an item's refusal is the outcome (see outcomeOf); after the
  // withdrawal above, so the staff who may act find the relationship withdrawn and nothing changes
  {
    field: 'Mutation.endRelationships',
    document: `mutation ($ids: [ID!]!) { endRelationships(ids: $ids, reason: "Programme closed.") { items { ${E} } ${E} } }`,
    variables: (w) => ({ ids: [w.relationshipId] }),
    expect: {
      all: 'FORBIDDEN',
      anonymous: 'UNAUTHENTICATED',
      coachB: 'PAYLOAD:NOT_FOUND',
      coachA: 'PAYLOAD:INVALID_STATE',
      admin: 'PAYLOAD:INVALID_STATE',
    },
  },
  {
    field: 'Mutation.sendCoachThreadMessages',
    document: `mutation ($ids: [ID!]!) { sendCoachThreadMessages(relationshipIds: $ids, body: "Time for a check-in?") { items { ${E} } ${E} } }`,
    variables: (w) => ({ ids: [w.relationshipId] }),
    // the coach of the relationship's organisation writes (as for one pair); admins read coach threads only
    expect: {
      all: 'FORBIDDEN',
      anonymous: 'UNAUTHENTICATED',
      coachB: 'PAYLOAD:NOT_FOUND',
      coachA: 'PAYLOAD:INVALID_STATE',
    },
  },
  {
    // the admin app records each staff list export on the staff audit log before writing the file
    field: 'Mutation.recordListExport',
    document: `mutation ($input: RecordListExportInput!) { recordListExport(input: $input) { recorded ${E} } }`,
    variables: () => ({ input: { list: 'RELATIONSHIPS', format: 'CSV', rowCount: 3, filters: { status: 'ACTIVE' } } }),
    expect: {
      all: 'OK',
      anonymous: 'UNAUTHENTICATED',
      otherMentee: 'FORBIDDEN',
      mentee: 'FORBIDDEN',
      mentor: 'FORBIDDEN',
    },
  },
  {
    field: 'Mutation.reviewMentorApplications',
    document: `mutation ($input: ReviewMentorApplicationsInput!) { reviewMentorApplications(input: $input) { items { ${E} } ${E} } }`,
    variables: async (w, s) => {
      const applicant = await register(s, 'Applicant', ['MENTOR'], w.orgA);
      await call(
        s,
        `mutation ($input: MentorProfileInput!) { updateMentorProfile(input: $input) { errors { field code message } } }`,
        { input: MENTOR_PROFILE },
        applicant.token,
      );
      return { input: { userIds: [applicant.userId], decision: 'APPROVED', comment: 'Approved.' } };
    },
    expect: {
      all: 'FORBIDDEN',
      anonymous: 'UNAUTHENTICATED',
      coachB: 'PAYLOAD:NOT_FOUND',
      coachA: 'OK',
      admin: 'OK',
    },
  },

  // ---------------------------------------------------------------- reporting mutations
  {
    field: 'Mutation.requestLetter',
    document: `mutation ($input: RequestLetterInput!) { requestLetter(input: $input) { ${E} } }`,
    variables: (w) => ({ input: { programmeId: randomUUID(), from: addDays(w.today, -30), to: w.today } }),
    expect: { all: 'PAYLOAD:NO_HOURS', anonymous: 'UNAUTHENTICATED' },
  },
  ...(['approveLetter', 'declineLetter', 'revokeLetter'] as const).map((name): AccessRule => ({
    field: `Mutation.${name}`,
    document:
      name === 'approveLetter'
        ? `mutation ($input: ApproveLetterInput!) { approveLetter(input: $input) { ${E} } }`
        : `mutation ($input: LetterReasonInput!) { ${name}(input: $input) { ${E} } }`,
    variables: () => ({
      input:
        name === 'approveLetter'
          ? { letterId: randomUUID(), signatoryName: 'A', signatoryRole: 'Coordinator', typedSignature: 'A' }
          : { letterId: randomUUID(), reason: 'Reason' },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'NOT_FOUND' },
  })),
  {
    field: 'Mutation.issueCredentials',
    document: `mutation ($input: IssueCredentialsInput!) { issueCredentials(input: $input) { ${E} } }`,
    variables: () => ({ input: { relationshipId: randomUUID() } }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'NOT_FOUND' },
  },
  {
    field: 'Mutation.revokeCredential',
    document: `mutation ($input: RevokeCredentialInput!) { revokeCredential(input: $input) { ${E} } }`,
    variables: () => ({ input: { credentialId: randomUUID(), reason: 'Reason' } }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'NOT_FOUND' },
  },
  {
    // a partner of the relationship only: anyone else is told it does not exist
    field: 'Mutation.requestCredential',
    document: `mutation ($input: RequestCredentialInput!) { requestCredential(input: $input) { ${E} } }`,
    variables: () => ({ input: { relationshipId: randomUUID() } }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Mutation.declineCredentialRequest',
    document: `mutation ($input: DeclineCredentialRequestInput!) { declineCredentialRequest(input: $input) { ${E} } }`,
    variables: () => ({ input: { requestId: randomUUID(), reason: 'Reason' } }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'NOT_FOUND' },
  },
  {
    field: 'Mutation.openAuditCycle',
    document: `mutation ($input: OpenAuditCycleInput!) { openAuditCycle(input: $input) { ${E} } }`,
    variables: (w) => ({
      input: { from: addDays(w.today, -30), to: w.today, sampleRate: 0.1, seed: randomUUID(), strategy: 'UNIFORM' },
    }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },
  {
    field: 'Mutation.answerAuditVerification',
    document: `mutation ($input: AnswerAuditVerificationInput!) { answerAuditVerification(input: $input) { ${E} } }`,
    variables: (w) => ({
      input: { selectionId: randomUUID(), answers: [{ meetingId: w.meetingId, answer: 'CONFIRMED' }] },
    }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Mutation.removeAuditDocument',
    document: `mutation ($id: ID!) { removeAuditDocument(documentId: $id) { ${E} } }`,
    variables: () => ({ id: randomUUID() }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Mutation.submitAuditAnswer',
    document: `mutation ($input: SubmitAuditAnswerInput!) { submitAuditAnswer(input: $input) { ${E} } }`,
    variables: () => ({ input: { selectionId: randomUUID(), answer: 'My log is complete.' } }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED' },
  },
  {
    field: 'Mutation.recordAuditOutcome',
    document: `mutation ($input: RecordAuditOutcomeInput!) { recordAuditOutcome(input: $input) { ${E} } }`,
    variables: () => ({ input: { selectionId: randomUUID(), notes: 'Evidence reviewed.' } }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'NOT_FOUND' },
  },
  {
    field: 'Mutation.createCpdExport',
    document: `mutation ($input: CreateCpdExportInput!) { createCpdExport(input: $input) { ${E} } }`,
    variables: (w) => ({
      input: { userId: w.mentor.userId, format: 'TRACKING_SHEET_CSV', from: addDays(w.today, -30), to: w.today },
    }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', mentor: 'OK', admin: 'OK' },
  },
  {
    field: 'Mutation.writeCpdCheckpoint',
    document: `mutation { writeCpdCheckpoint { ${E} } }`,
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },

  {
    field: 'Mutation.eraseAccount',
    document: `mutation ($id: ID!) { eraseAccount(userId: $id) { ${E} } }`,
    variables: async (_w, s) => ({ id: (await register(s, 'Leaver', ['MENTEE'])).userId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', admin: 'OK' },
  },

  // ---------------------------------------------------------------- changes the world: last
  {
    field: 'Mutation.pauseMentorAvailability',
    document: `mutation ($d: LocalDate!) { pauseMentorAvailability(until: $d) { ${E} } }`,
    variables: (w) => ({ d: addDays(w.today, 30) }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', mentor: 'OK' },
  },
  {
    field: 'Mutation.resumeMentorAvailability',
    document: `mutation { resumeMentorAvailability { ${E} } }`,
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', mentor: 'OK' },
  },
  {
    field: 'Mutation.updateMentorProfile',
    document: `mutation ($input: MentorProfileInput!) { updateMentorProfile(input: $input) { ${E} } }`,
    variables: () => ({ input: { hoursPerMonth: 5 } }),
    expect: { all: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', mentor: 'OK' },
  },
  {
    field: 'Mutation.publishCohortMatchRun',
    document: `mutation ($id: ID!) { publishCohortMatchRun(runId: $id) { ${E} } }`,
    variables: (w) => ({ id: w.runId }),
    expect: { all: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', admin: 'PAYLOAD:DECLINED_BEFORE' },
  }, // coaches see only their own organisation's runs
];
