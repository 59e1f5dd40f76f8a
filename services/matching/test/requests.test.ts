import { randomUUID } from 'node:crypto';
import { DEFAULT_PROGRAMME_NUDGES, type EventPayloads } from '@tandem/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { matching } from '../src/service';
import { composeServices, createJobs } from '../src/service';
import { given, mentee, mentor, menteeProfile, mentorProfile, programme, tick } from './fixtures';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
beforeAll(async () => {
  // its own database: in the shared one, other files' relationships services would start real relationships
  // from the MatchConfirmed events published here, on top of the ones these tests play
  database = await isolatedDatabase(testDatabaseUrl(), [matching]);
  stack = await startStack({ databaseUrl: database.url, services: [matching] });
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

const FIELDS = `id status message declineReason programmeId program { id } mentee { id } mentor { id } menteeEnrolledAt daysToMatch expiresAt`;
const SEND = `mutation ($mentorId: ID!, $message: String!, $programmeId: ID!) { sendMentoringRequest(mentorId: $mentorId, message: $message, programmeId: $programmeId) { request { ${FIELDS} } errors { field code message } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptMentoringRequest(requestId: $id) { request { ${FIELDS} } errors { field code } } }`;
const DECLINE = `mutation ($id: ID!, $reason: String!) { declineMentoringRequest(requestId: $id, reason: $reason) { request { ${FIELDS} } errors { field code } } }`;
const WITHDRAW = `mutation ($id: ID!) { withdrawMentoringRequest(requestId: $id) { request { ${FIELDS} } errors { field code } } }`;
const POST = `mutation ($id: ID!, $body: String!) { postMentoringRequestMessage(requestId: $id, body: $body) { message { body author { id } } errors { code } } }`;
const GET = `query ($id: ID!) { mentoringRequest(id: $id) { ${FIELDS} messages { body author { id } } } }`;

type Req = {
  id: string;
  status: string;
  program: { id: string };
  declineReason: string | null;
  menteeEnrolledAt: string | null;
  daysToMatch: number | null;
  expiresAt: string;
};
type Result = { request: Req | null; errors: Array<{ field: string; code: string }> };

async function events(name: string, key: string, value: string) {
  return stack.sql<{ payload: Record<string, unknown> }>(
    `SELECT payload FROM matching.event_log WHERE name = $1 AND payload->>$2 = $3 ORDER BY occurred_at`,
    [name, key, value],
  );
}

async function world(
  options: {
    capacity?: number;
    maxOpen?: number;
    expiryDays?: number;
    org?: string | null;
    nudges?: EventPayloads['ProgrammeChanged']['nudges'];
  } = {},
) {
  const org = options.org === undefined ? randomUUID() : options.org;
  const prog = programme({
    organizationIds: org ? [org] : [],
    maxOpenRequestsPerMentee: options.maxOpen ?? 3,
    requestExpiryDays: options.expiryDays ?? 14,
    ...(options.nudges ? { nudges: options.nudges } : {}),
  });
  const me = menteeProfile({ organizationId: org });
  const mentors = Array.from({ length: 4 }, () => mentorProfile({ capacity: options.capacity ?? 2 }));
  await given(
    stack,
    ['ProgrammeChanged', prog],
    ['MenteeProfileChanged', me],
    [
      'ProgrammeEnrolled',
      {
        userId: me.userId,
        programmeId: prog.programmeId,
        cohortId: null,
        role: 'MENTEE',
        organizationId: org,
        enrolledAt: '2026-01-01T00:00:00.000Z',
      },
    ],
    ...mentors.map((m) => ['MentorProfileChanged', m] as ['MentorProfileChanged', typeof m]),
  );
  return { org, prog, me, mentors };
}

async function send(menteeId: string, mentorId: string, programmeId: string, org: string | null = null) {
  const res = await stack.gql<{ sendMentoringRequest: Result }>(
    SEND,
    { mentorId, message: 'I would like help with accreditation.', programmeId },
    { as: mentee(menteeId, org) },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.sendMentoringRequest;
}

describe('mentoring requests', () => {
  it('should send, talk, and accept: the relationship starts through MatchConfirmed with the time to match', async () => {
    const { prog, me, mentors, org } = await world({ expiryDays: 10 });
    const sent = await send(me.userId, mentors[0].userId, prog.programmeId, org);
    expect(sent.errors).toEqual([]);
    expect(sent.request!.status).toBe('PENDING');
    expect(sent.request!.program).toEqual({ id: prog.programmeId });
    expect(Date.parse(sent.request!.expiresAt) - Date.now()).toBeGreaterThan(9.9 * 86_400_000);
    expect(await events('MentoringRequestSent', 'requestId', sent.request!.id)).toHaveLength(1);

    const id = sent.request!.id;
    const ask = await stack.gql<{ postMentoringRequestMessage: { message: { body: string } } }>(
      POST,
      { id, body: 'Which province?' },
      { as: mentor(mentors[0].userId) },
    );
    expect(ask.data!.postMentoringRequestMessage.message.body).toBe('Which province?');
    await stack.gql(POST, { id, body: 'Ontario.' }, { as: mentee(me.userId) });
    const thread = await stack.gql<{ mentoringRequest: { messages: Array<{ body: string; author: { id: string } }> } }>(
      GET,
      { id },
      { as: mentee(me.userId) },
    );
    expect(thread.data!.mentoringRequest.messages).toEqual([
      { body: 'Which province?', author: { id: mentors[0].userId } },
      { body: 'Ontario.', author: { id: me.userId } },
    ]);
    expect(await events('MentoringRequestMessagePosted', 'requestId', id)).toHaveLength(2);

    // only the mentor accepts
    const byMentee = await stack.gql(ACCEPT, { id }, { as: mentee(me.userId) });
    expect(byMentee.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const accepted = await stack.gql<{ acceptMentoringRequest: Result }>(
      ACCEPT,
      { id },
      { as: mentor(mentors[0].userId) },
    );
    expect(accepted.data!.acceptMentoringRequest.request).toMatchObject({
      status: 'ACCEPTED',
      menteeEnrolledAt: '2026-01-01T00:00:00.000Z',
    });
    expect(accepted.data!.acceptMentoringRequest.request!.daysToMatch).toBeGreaterThan(0);
    const [confirmed] = await events('MatchConfirmed', 'matchId', id);
    expect(confirmed.payload).toMatchObject({
      source: 'REQUEST',
      menteeId: me.userId,
      mentorId: mentors[0].userId,
      programmeId: prog.programmeId,
      menteeEnrolledAt: '2026-01-01T00:00:00.000Z',
      organizationId: org,
    });
    expect(await events('MentoringRequestAccepted', 'requestId', id)).toHaveLength(1);

    // accepting twice is refused; messages stop once it is no longer pending
    const again = await stack.gql<{ acceptMentoringRequest: Result }>(
      ACCEPT,
      { id },
      { as: mentor(mentors[0].userId) },
    );
    expect(again.data!.acceptMentoringRequest.errors[0].code).toBe('NOT_PENDING');
    const late = await stack.gql<{ postMentoringRequestMessage: { errors: Array<{ code: string }> } }>(
      POST,
      { id, body: 'x' },
      { as: mentee(me.userId) },
    );
    expect(late.data!.postMentoringRequestMessage.errors[0].code).toBe('NOT_PENDING');
  });

  it('should decline with a reason, tell the mentee, and stop them asking that mentor again for 90 days', async () => {
    const { prog, me, mentors } = await world();
    const sent = await send(me.userId, mentors[1].userId, prog.programmeId);
    const noReason = await stack.gql<{ declineMentoringRequest: Result }>(
      DECLINE,
      { id: sent.request!.id, reason: '  ' },
      { as: mentor(mentors[1].userId) },
    );
    expect(noReason.data!.declineMentoringRequest.errors[0].code).toBe('REQUIRED');
    const declined = await stack.gql<{ declineMentoringRequest: Result }>(
      DECLINE,
      { id: sent.request!.id, reason: 'Full this term' },
      { as: mentor(mentors[1].userId) },
    );
    expect(declined.data!.declineMentoringRequest.request).toMatchObject({
      status: 'DECLINED',
      declineReason: 'Full this term',
    });
    const [event] = await events('MentoringRequestDeclined', 'requestId', sent.request!.id);
    expect(event.payload).toMatchObject({ menteeId: me.userId, reason: 'Full this term' });
    const retry = await send(me.userId, mentors[1].userId, prog.programmeId);
    expect(retry.errors[0].code).toBe('DECLINED_RECENTLY');
    // the mentee picks another
    expect((await send(me.userId, mentors[2].userId, prog.programmeId)).request!.status).toBe('PENDING');
  });

  it('should let the mentee withdraw, and refuse a second open request to the same mentor and more than the programme allows', async () => {
    const { prog, me, mentors } = await world({ maxOpen: 2 });
    const first = await send(me.userId, mentors[0].userId, prog.programmeId);
    expect((await send(me.userId, mentors[0].userId, prog.programmeId)).errors[0].code).toBe('DUPLICATE_REQUEST');
    await send(me.userId, mentors[1].userId, prog.programmeId);
    expect((await send(me.userId, mentors[2].userId, prog.programmeId)).errors[0].code).toBe('TOO_MANY_OPEN_REQUESTS');
    const byMentor = await stack.gql(WITHDRAW, { id: first.request!.id }, { as: mentor(mentors[0].userId) });
    expect(byMentor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const withdrawn = await stack.gql<{ withdrawMentoringRequest: Result }>(
      WITHDRAW,
      { id: first.request!.id },
      { as: mentee(me.userId) },
    );
    expect(withdrawn.data!.withdrawMentoringRequest.request!.status).toBe('WITHDRAWN');
    expect(await events('MentoringRequestWithdrawn', 'requestId', first.request!.id)).toHaveLength(1);
    expect((await send(me.userId, mentors[2].userId, prog.programmeId)).request!.status).toBe('PENDING');
  });

  it('should let the mentee reword a pending request, keep each earlier wording for the two parties, and refuse bad edits whole', async () => {
    const { org, prog, me, mentors } = await world();
    const sent = await send(me.userId, mentors[0].userId, prog.programmeId, org);
    const id = sent.request!.id;
    const EDIT = `mutation ($id: ID!, $message: String!) { editMentoringRequest(requestId: $id, message: $message) { request { id message } errors { field code } } }`;
    const edit = (message: string, as = mentee(me.userId, org)) =>
      stack.gql<{ editMentoringRequest: { request: { message: string } | null; errors: Result['errors'] } }>(
        EDIT,
        { id, message },
        { as },
      );
    const edited = await edit('  I would like help with accreditation and with my first interviews.  ');
    expect(edited.data!.editMentoringRequest).toEqual({
      request: { id, message: 'I would like help with accreditation and with my first interviews.' },
      errors: [],
    });
    for (const [message, code] of [
      ['   ', 'REQUIRED'],
      ['x'.repeat(4001), 'TOO_LONG'],
      ['I would like help with accreditation and with my first interviews.', 'UNCHANGED'],
    ] as const)
      expect((await edit(message)).data!.editMentoringRequest.errors).toEqual([{ field: 'message', code }]);
    expect((await edit('Not mine to change.', mentor(mentors[0].userId))).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );

    const HISTORY = `query ($id: ID!) { mentoringRequest(id: $id) { message edits { previousMessage editedAt } } }`;
    const seen = async (as: ReturnType<typeof principal>) =>
      (
        await stack.gql<{ mentoringRequest: { message: string; edits: Array<{ previousMessage: string }> | null } }>(
          HISTORY,
          { id },
          { as },
        )
      ).data!.mentoringRequest;
    const byMentor = await seen(mentor(mentors[0].userId));
    expect(byMentor.message).toBe('I would like help with accreditation and with my first interviews.');
    expect(byMentor.edits!.map((e) => e.previousMessage)).toEqual(['I would like help with accreditation.']);
    // the coach sees the request, not the conversation: no earlier wordings
    expect((await seen(principal('COACH', org))).edits).toBeNull();
    expect(await events('MentoringRequestEdited', 'requestId', id)).toHaveLength(1);

    // once answered, the wording is what the mentor answered
    await stack.gql(WITHDRAW, { id }, { as: mentee(me.userId, org) });
    expect((await edit('Too late now.')).data!.editMentoringRequest.errors).toEqual([
      { field: 'requestId', code: 'NOT_PENDING' },
    ]);
    expect(await stack.sql(`SELECT 1 FROM matching.mentoring_request_edit WHERE request_id = $1`, [id])).toHaveLength(
      1,
    );
  });

  it('should remind the mentor before expiry and expire overdue requests when the job runs', async () => {
    const { prog, me, mentors } = await world({ expiryDays: 7 });
    const soon = (await send(me.userId, mentors[0].userId, prog.programmeId)).request!;
    const overdue = (await send(me.userId, mentors[1].userId, prog.programmeId)).request!;
    const later = (await send(me.userId, mentors[2].userId, prog.programmeId)).request!;
    await stack.sql(`UPDATE matching.mentoring_request SET expires_at = now() + interval '1 day' WHERE id = $1`, [
      soon.id,
    ]);
    await stack.sql(`UPDATE matching.mentoring_request SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      overdue.id,
    ]);
    const [job] = createJobs(composeServices(stack.services.matching.runtime));
    await job.run();
    await job.run(); // a second run changes nothing
    const status = async (id: string) =>
      (await stack.gql<{ mentoringRequest: Req }>(GET, { id }, { as: mentee(me.userId) })).data!.mentoringRequest
        .status;
    expect(await status(soon.id)).toBe('PENDING');
    expect(await status(overdue.id)).toBe('EXPIRED');
    expect(await status(later.id)).toBe('PENDING');
    expect(await events('MentoringRequestExpiring', 'requestId', soon.id)).toHaveLength(1);
    expect(await events('MentoringRequestExpired', 'requestId', overdue.id)).toHaveLength(1);
    expect(await events('MentoringRequestExpiring', 'requestId', later.id)).toHaveLength(0);
  });

  it("should remind each mentor as many days before expiry as the request's programme says, 2 when it says nothing", async () => {
    const [five, two, older] = [
      await world({ nudges: { ...DEFAULT_PROGRAMME_NUDGES, requestExpiryReminderDays: 5 } }),
      await world({ nudges: { ...DEFAULT_PROGRAMME_NUDGES, requestExpiryReminderDays: 2 } }),
      await world(), // an event from before the setting: no nudges at all
    ];
    const inFourDays = async (w: Awaited<ReturnType<typeof world>>, mentorIndex = 0) => {
      const r = (await send(w.me.userId, w.mentors[mentorIndex].userId, w.prog.programmeId, w.org)).request!;
      await stack.sql(`UPDATE matching.mentoring_request SET expires_at = now() + interval '4 days' WHERE id = $1`, [
        r.id,
      ]);
      return r.id;
    };
    const [early, onTime, unchanged] = [await inFourDays(five), await inFourDays(two), await inFourDays(older)];
    const inOneDay = (await send(two.me.userId, two.mentors[1].userId, two.prog.programmeId, two.org)).request!.id;
    await stack.sql(`UPDATE matching.mentoring_request SET expires_at = now() + interval '1 day' WHERE id = $1`, [
      inOneDay,
    ]);
    const [job] = createJobs(composeServices(stack.services.matching.runtime));
    await job.run();
    const reminded = async (id: string) => (await events('MentoringRequestExpiring', 'requestId', id)).length;
    expect([
      await reminded(early),
      await reminded(onTime),
      await reminded(unchanged),
      await reminded(inOneDay),
    ]).toEqual([1, 0, 0, 1]);

    // the programme that said nothing now asks for 5 days: its request 4 days from expiry is reminded at the next run
    await given(stack, [
      'ProgrammeChanged',
      {
        ...older.prog,
        nudges: { ...DEFAULT_PROGRAMME_NUDGES, requestExpiryReminderDays: 5 },
        changedAt: tick(),
      },
    ]);
    await job.run();
    expect([await reminded(early), await reminded(onTime), await reminded(unchanged)]).toEqual([1, 0, 1]);
  });

  it('should let exactly one of several concurrent acceptances win for a mentor with one place', async () => {
    const prog = programme({ maxOpenRequestsPerMentee: 3 });
    const busy = mentorProfile({ capacity: 1 });
    const mentees = Array.from({ length: 5 }, () => menteeProfile());
    await given(
      stack,
      ['ProgrammeChanged', prog],
      ['MentorProfileChanged', busy],
      ...mentees.map((m) => ['MenteeProfileChanged', m] as ['MenteeProfileChanged', typeof m]),
    );
    const ids: string[] = [];
    for (const m of mentees) ids.push((await send(m.userId, busy.userId, prog.programmeId)).request!.id);
    const results = await Promise.all(
      ids.map((id) => stack.gql<{ acceptMentoringRequest: Result }>(ACCEPT, { id }, { as: mentor(busy.userId) })),
    );
    const wins = results.filter((r) => r.data?.acceptMentoringRequest.request?.status === 'ACCEPTED');
    const refusals = results.flatMap((r) => r.data?.acceptMentoringRequest.errors ?? []);
    expect(wins).toHaveLength(1);
    expect(refusals.map((e) => e.code)).toEqual([
      'CAPACITY_REACHED',
      'CAPACITY_REACHED',
      'CAPACITY_REACHED',
      'CAPACITY_REACHED',
    ]);
    const confirmed = await stack.sql(
      `SELECT count(*)::int AS n FROM matching.event_log WHERE name = 'MatchConfirmed' AND payload->>'mentorId' = $1`,
      [busy.userId],
    );
    expect(confirmed[0].n).toBe(1);
    // the place stays taken when the relationship starts, and frees when it ends
    const relationshipId = randomUUID();
    const won = wins[0].data!.acceptMentoringRequest.request!.id;
    const ref = {
      relationshipId,
      menteeId: randomUUID(),
      mentorId: busy.userId,
      programmeId: prog.programmeId,
      organizationId: null,
    };
    await given(stack, [
      'RelationshipStarted',
      { ...ref, matchId: won, cohortId: null, startedOn: '2026-02-01', plannedEndOn: '2026-06-01' },
    ]);
    const still = await stack.gql<{ acceptMentoringRequest: Result }>(
      ACCEPT,
      { id: ids.find((i) => i !== won) },
      { as: mentor(busy.userId) },
    );
    expect(still.data!.acceptMentoringRequest.errors[0].code).toBe('CAPACITY_REACHED');
    const activeMentees = async () =>
      (
        await stack.subgraph<{ _entities: Array<{ activeMentees: number | null }> }>(
          'matching',
          `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { activeMentees } } }`,
          { r: [{ __typename: 'User', id: busy.userId }] },
          { as: mentor(busy.userId) },
        )
      ).data!._entities[0].activeMentees;
    expect(await activeMentees()).toBe(1);
    await given(stack, [
      'RelationshipCompleted',
      { ...ref, completedOn: '2026-06-01', confirmedHours: 24, confirmedMeetings: 8, metTerms: true },
    ]);
    expect(await activeMentees()).toBe(0);
    const freed = await stack.gql<{ acceptMentoringRequest: Result }>(
      ACCEPT,
      { id: ids.find((i) => i !== won) },
      { as: mentor(busy.userId) },
    );
    expect(freed.data!.acceptMentoringRequest.request!.status).toBe('ACCEPTED');
  });
});

describe('who sees a request', () => {
  it('should show it to its two parties, a coach of the mentee organisation and admins, and answer NOT_FOUND to anyone else', async () => {
    const { prog, me, mentors, org } = await world();
    const id = (await send(me.userId, mentors[0].userId, prog.programmeId, org)).request!.id;
    const seeing = [
      mentee(me.userId, org),
      mentor(mentors[0].userId),
      principal('COACH', org),
      principal('ADMIN'),
      principal('PROGRAMME_ADMIN'),
    ];
    for (const who of seeing) {
      const res = await stack.gql<{ mentoringRequest: { id: string } }>(GET, { id }, { as: who });
      expect(res.data?.mentoringRequest.id, who.roles.join()).toBe(id);
    }
    const blind = [
      principal('MENTEE', org),
      mentor(mentors[1].userId),
      principal('COACH', randomUUID()),
      principal('COACH'),
      principal('ANALYST', org),
    ];
    for (const who of blind) {
      const res = await stack.gql(GET, { id }, { as: who });
      expect(res.errors?.[0].extensions?.code, who.roles.join()).toBe('NOT_FOUND');
    }
    const unknown = await stack.gql(GET, { id: randomUUID() }, { as: principal('ADMIN') });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // coaches and admins see the request, not the conversation
    const coachView = await stack.gql<{ mentoringRequest: { messages: null } }>(
      GET,
      { id },
      { as: principal('COACH', org) },
    );
    expect(coachView.data!.mentoringRequest.messages).toBeNull();

    const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on MentoringRequest { id status } } }`;
    const foreign = await stack.subgraph<{ _entities: Array<{ id: string } | null> }>(
      'matching',
      ENTITIES,
      { r: [{ __typename: 'MentoringRequest', id }] },
      { as: principal('COACH', randomUUID()) },
    );
    expect(foreign.data!._entities).toEqual([null]);
    const coach = await stack.subgraph<{ _entities: Array<{ id: string } | null> }>(
      'matching',
      ENTITIES,
      { r: [{ __typename: 'MentoringRequest', id }] },
      { as: principal('COACH', org) },
    );
    expect(coach.data!._entities).toEqual([{ id, status: 'PENDING' }]);

    // lists follow the same rule
    const LIST = `{ mentoringRequests(first: 100) { edges { node { id } } } }`;
    const listed = async (who: ReturnType<typeof principal>) =>
      (
        await stack.gql<{ mentoringRequests: { edges: Array<{ node: { id: string } }> } }>(LIST, {}, { as: who })
      ).data!.mentoringRequests.edges.map((e) => e.node.id);
    expect(await listed(principal('COACH', org))).toEqual([id]);
    expect(await listed(mentor(mentors[0].userId))).toEqual([id]);
    expect(await listed(principal('COACH', randomUUID()))).toEqual([]);
    const FILTERED = `query ($p: ID, $m: ID) { mentoringRequests(programmeId: $p, menteeId: $m, status: PENDING) { edges { node { id } } } }`;
    const filtered = async (vars: Record<string, unknown>) =>
      (
        await stack.gql<{ mentoringRequests: { edges: Array<{ node: { id: string } }> } }>(FILTERED, vars, {
          as: principal('ADMIN'),
        })
      ).data!.mentoringRequests.edges.map((e) => e.node.id);
    expect(await filtered({ p: prog.programmeId, m: me.userId })).toEqual([id]);
    expect(await filtered({ p: randomUUID(), m: me.userId })).toEqual([]);
  });
});

describe('questions to mentors', () => {
  it('should let a mentee ask, the mentor answer, and keep it between them (and the coach and admins)', async () => {
    const { me, mentors, org } = await world();
    const ASK = `mutation ($m: ID!, $q: String!) { askMentor(mentorId: $m, question: $q) { question { id question answer } errors { code } } }`;
    const ANSWER = `mutation ($id: ID!, $a: String!) { answerMentorQuestion(questionId: $id, answer: $a) { question { id answer answeredAt } errors { code } } }`;
    const asked = await stack.gql<{ askMentor: { question: { id: string } } }>(
      ASK,
      { m: mentors[0].userId, q: 'Did you requalify here?' },
      { as: mentee(me.userId, org) },
    );
    const id = asked.data!.askMentor.question.id;
    expect(await events('MentorQuestionAsked', 'questionId', id)).toHaveLength(1);
    const stranger = await stack.gql(ANSWER, { id, a: 'No' }, { as: mentor(mentors[1].userId) });
    expect(stranger.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const answered = await stack.gql<{ answerMentorQuestion: { question: { answer: string } } }>(
      ANSWER,
      { id, a: 'Yes, in 2015.' },
      { as: mentor(mentors[0].userId) },
    );
    expect(answered.data!.answerMentorQuestion.question.answer).toBe('Yes, in 2015.');
    expect(await events('MentorQuestionAnswered', 'questionId', id)).toHaveLength(1);
    const GETQ = `query ($id: ID!) { mentorQuestion(id: $id) { answer } }`;
    for (const who of [mentee(me.userId), principal('COACH', org), principal('ADMIN')]) {
      expect(
        (await stack.gql<{ mentorQuestion: { answer: string } }>(GETQ, { id }, { as: who })).data?.mentorQuestion
          .answer,
      ).toBe('Yes, in 2015.');
    }
    for (const who of [principal('MENTEE'), principal('COACH', randomUUID())]) {
      expect((await stack.gql(GETQ, { id }, { as: who })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const unapproved = mentorProfile({ status: 'PENDING_REVIEW' });
    await given(stack, ['MentorProfileChanged', unapproved]);
    const refused = await stack.gql<{ askMentor: { errors: Array<{ code: string }> } }>(
      ASK,
      { m: unapproved.userId, q: 'Hi?' },
      { as: mentee(me.userId) },
    );
    expect(refused.data!.askMentor.errors[0].code).toBe('MENTOR_UNAVAILABLE');
  });
});

describe('ids that name nothing', () => {
  it('should answer NOT_FOUND or a field error, never an internal error, for ids that are not UUIDs', async () => {
    const who = principal('ADMIN');
    for (const query of [
      `{ mentoringRequest(id: "nope") { id } }`,
      `{ matchProposal(id: "nope") { id } }`,
      `{ mentorQuestion(id: "nope") { id } }`,
      `{ cohortMatchRun(id: "nope") { id } }`,
    ]) {
      const res = await stack.gql(query, {}, { as: who });
      expect(res.errors?.[0].extensions?.code, query).toBe('NOT_FOUND');
    }
    const send = await stack.gql<{ sendMentoringRequest: Result }>(
      SEND,
      { mentorId: 'x', message: 'hi', programmeId: 'y' },
      { as: principal('MENTEE') },
    );
    expect(send.data!.sendMentoringRequest.errors[0].code).toBe('UNKNOWN_PROGRAMME');
    const search = await stack.gql<{ searchMentors: { edges: unknown[] } }>(
      `{ searchMentors(criteria: { programmeId: "zzz" }, first: 1) { edges { cursor } } }`,
      {},
      { as: principal('MENTEE') },
    );
    expect(search.errors).toBeUndefined();
  });
});

describe('the public API forms (programme spelling, connections with totalCount)', () => {
  it('should answer programme and the deprecated program alike, and page the thread and the requests with their totals', async () => {
    const { prog, me, mentors, org } = await world();
    const ids = [];
    for (const m of mentors.slice(0, 3)) ids.push((await send(me.userId, m.userId, prog.programmeId, org)).request!.id);
    for (const body of ['One.', 'Two.', 'Three.'])
      await stack.gql(POST, { id: ids[0], body }, { as: mentee(me.userId) });

    const THREAD = `query ($id: ID!, $after: String) { mentoringRequest(id: $id) { programme { id } program { id }
      messagesConnection(first: 2, after: $after) { totalCount edges { cursor node { body } } pageInfo { hasNextPage endCursor } } } }`;
    type Thread = {
      mentoringRequest: {
        programme: { id: string };
        program: { id: string };
        messagesConnection: {
          totalCount: number;
          edges: Array<{ node: { body: string } }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        } | null;
      };
    };
    const first = (await stack.gql<Thread>(THREAD, { id: ids[0] }, { as: mentee(me.userId) })).data!.mentoringRequest;
    expect(first.programme).toEqual({ id: prog.programmeId });
    expect(first.program).toEqual(first.programme);
    expect(first.messagesConnection!.totalCount).toBe(3);
    expect(first.messagesConnection!.edges.map((e) => e.node.body)).toEqual(['One.', 'Two.']);
    expect(first.messagesConnection!.pageInfo.hasNextPage).toBe(true);
    const next = (
      await stack.gql<Thread>(
        THREAD,
        { id: ids[0], after: first.messagesConnection!.pageInfo.endCursor },
        { as: mentee(me.userId) },
      )
    ).data!.mentoringRequest.messagesConnection!;
    expect(next.edges.map((e) => e.node.body)).toEqual(['Three.']);
    expect(next.pageInfo.hasNextPage).toBe(false);
    // the thread stays between the two parties: a coach of the organisation sees the request, not the thread
    const coach = await stack.gql<Thread>(THREAD, { id: ids[0] }, { as: principal('COACH', org) });
    expect(coach.data!.mentoringRequest.messagesConnection).toBeNull();

    const LIST = `query ($p: ID) { mentoringRequests(programmeId: $p, first: 2) { totalCount edges { node { id programme { id } } } } }`;
    const list = await stack.gql<{ mentoringRequests: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      LIST,
      { p: prog.programmeId },
      { as: mentee(me.userId) },
    );
    expect(list.data!.mentoringRequests.totalCount).toBe(3);
    expect(list.data!.mentoringRequests.edges.map((e) => e.node.id)).toEqual([ids[2], ids[1]]);
  });
});
