/**
 * Mentor training, through the gateway (issue 19): a programme requires a training module before its mentors are
 * visible and another before a relationship starts. The enrolled mentor is absent from search (and cannot be asked
 * or proposed) until they complete the first; then they appear; accepting a request is refused (TRAINING_REQUIRED,
 * naming the module) until they complete the second. The mentor's training needs are theirs, their coach's and
 * admins' to read, not a mentee's; outsiders can neither write modules nor record completions for others.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import {
  approvedMentor,
  createOrganization,
  enrolledMentee,
  enrolMentor,
  programmeWithMentor,
} from '../support/programme-setup';
import { ADMIN_PASSWORD, adminEnv, call, login, registerStaff, type Person } from '../support/world';

let stack: Stack;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@training.test`;

type Errors = Array<{ field: string; code: string; message: string }>;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
  });
});
afterAll(async () => {
  await stack?.stop();
});

const CREATE = `mutation ($input: CreateTrainingModuleInput!) { createTrainingModule(input: $input) { errors { field code message } module { id title required gate audience } } }`;
const COMPLETE = `mutation ($id: ID!) { completeTrainingModule(moduleId: $id, confirmation: "Read it all.") { errors { field code message } completion { moduleId completedAt recordedById } } }`;
const RECORD = `mutation ($id: ID!, $u: ID!) { recordTrainingCompletion(moduleId: $id, userId: $u) { errors { field code message } completion { moduleId } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptMentoringRequest(requestId: $id) { errors { field code message } request { status } } }`;
const REQUEST = `mutation ($m: ID!, $p: ID!) { sendMentoringRequest(mentorId: $m, programmeId: $p, message: "Could we work on my audit practice?") { errors { field code message } request { id } } }`;
const PROPOSE = `mutation ($me: ID!, $mo: ID!, $p: ID!) { proposeMatch(menteeId: $me, mentorId: $mo, programmeId: $p, note: "Same field.") { errors { field code message } proposal { id } } }`;
const MY_TRAINING = `{ me { training { completed module { id title gate } completion { confirmation } } } }`;
/** The data of an operation whose result payload may carry errors (call throws on them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures read deep into ad-hoc results
async function raw<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const res = await stack.gql<T>(query, variables, { token });
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

const NEEDS = `query ($id: ID!) { user(id: $id) { mentorProfile { headline trainingNeeds { needs tags } } training { completed } trainingCompletions { moduleId } } }`;

describe('mentor training', () => {
  let admin: Person;
  let coachA: Person;
  let coachB: Person;
  let mentor: Person;
  let mentee: Person;
  let programmeId: string;
  let visibleModule: string;
  let startModule: string;
  const skill = `skill-${randomUUID().slice(0, 8)}`;

  const search = async () => {
    const res = await stack.gql<{ searchMentors: { edges: Array<{ node: { mentor: { id: string } } }> } }>(
      `query ($s: [String!]) { searchMentors(criteria: { skills: $s }, exact: [SKILLS], first: 20) { edges { node { mentor { id } } } } }`,
      { s: [skill] },
      { token: mentee.token },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.searchMentors.edges.map((e) => e.node.mentor.id);
  };

  beforeAll(async () => {
    admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    const [orgA, orgB] = [
      await createOrganization(stack, admin, 'Agency A'),
      await createOrganization(stack, admin, 'Agency B'),
    ];
    coachA = await registerStaff(stack, admin, 'Coach Ada', ['COACH'], orgA);
    coachB = await registerStaff(stack, admin, 'Coach Bo', ['COACH'], orgB);
    ({ programmeId, mentor } = await programmeWithMentor(stack, admin, 'Mentor Mia', [orgA, orgB]));
    await call(
      stack,
      `mutation ($input: MentorProfileInput!) { updateMentorProfile(input: $input) { errors { field code message } } }`,
      { input: { skills: ['audit', skill] } },
      mentor.token,
    );
    mentee = await enrolledMentee(stack, admin, programmeId, 'Mentee Mo', orgA);
    // before any requirement, the mentor is found
    await eventually(async () => expect(await search()).toContain(mentor.userId), 10_000, 200);
  });

  it('should refuse module writes to anyone but ADMIN and PROGRAMME_ADMIN, and check the input', async () => {
    const input = {
      programmeId,
      title: 'Boundaries',
      summary: 'Keeping a mentoring relationship safe.',
      link: 'https://learn.example.org/boundaries',
    };
    for (const who of [mentee, mentor, coachA]) {
      const res = await stack.gql(CREATE, { input }, { token: who.token });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const bad = await raw(CREATE, { input: { ...input, link: 'http://insecure', required: true } }, admin.token);
    expect(bad.createTrainingModule.module).toBeNull();
    expect(bad.createTrainingModule.errors.map((e: { code: string }) => e.code).sort()).toEqual([
      'INVALID_URL',
      'REQUIRED',
    ]);
  });

  it('should hide the mentor until they complete the BEFORE_VISIBLE module, then show them', async () => {
    const created = await call(
      stack,
      CREATE,
      {
        input: {
          programmeId,
          title: 'Mentoring essentials',
          summary: 'What a mentor does and does not do.',
          content: 'Listen first.\n\nAgree on goals together.',
          estimatedMinutes: 20,
          required: true,
          gate: 'BEFORE_VISIBLE',
          audience: 'MENTOR',
        },
      },
      admin.token,
    );
    expect(created.createTrainingModule.errors).toEqual([]);
    visibleModule = created.createTrainingModule.module.id;
    await eventually(async () => expect(await search()).not.toContain(mentor.userId), 10_000, 200);

    const asked = await raw(REQUEST, { m: mentor.userId, p: programmeId }, mentee.token);
    expect(asked.sendMentoringRequest.errors).toEqual([expect.objectContaining({ code: 'MENTOR_UNAVAILABLE' })]);
    const proposed = await raw(PROPOSE, { me: mentee.userId, mo: mentor.userId, p: programmeId }, coachA.token);
    expect(proposed.proposeMatch.errors).toEqual([expect.objectContaining({ code: 'MENTOR_UNAVAILABLE' })]);

    const mine = await call(stack, MY_TRAINING, {}, mentor.token);
    expect(mine.me.training).toEqual([
      {
        completed: false,
        module: { id: visibleModule, title: 'Mentoring essentials', gate: 'BEFORE_VISIBLE' },
        completion: null,
      },
    ]);
    // a mentee cannot complete a module meant for mentors
    const notForMentee = await raw(COMPLETE, { id: visibleModule }, mentee.token);
    expect(notForMentee.completeTrainingModule.errors).toEqual([expect.objectContaining({ code: 'NOT_IN_AUDIENCE' })]);

    const done = await call(stack, COMPLETE, { id: visibleModule }, mentor.token);
    expect(done.completeTrainingModule.errors).toEqual([]);
    expect(done.completeTrainingModule.completion.recordedById).toBe(mentor.userId);
    const after = await call(stack, MY_TRAINING, {}, mentor.token);
    expect(after.me.training[0]).toMatchObject({ completed: true, completion: { confirmation: 'Read it all.' } });
    await eventually(async () => expect(await search()).toContain(mentor.userId), 10_000, 200);
  });

  it('should refuse to start the relationship with TRAINING_REQUIRED until the BEFORE_START module is done', async () => {
    const created = await call(
      stack,
      CREATE,
      {
        input: {
          programmeId,
          title: 'Safeguarding basics',
          summary: 'Recognising and reporting concerns.',
          link: 'https://learn.example.org/safeguarding',
          required: true,
          gate: 'BEFORE_START',
          audience: 'BOTH',
        },
      },
      admin.token,
    );
    startModule = created.createTrainingModule.module.id;
    await stack.settle();
    // BEFORE_START does not hide the mentor
    expect(await search()).toContain(mentor.userId);
    const requestId = (await call(stack, REQUEST, { m: mentor.userId, p: programmeId }, mentee.token))
      .sendMentoringRequest.request.id as string;

    const refused = await raw<{ acceptMentoringRequest: { errors: Errors; request: null } }>(
      ACCEPT,
      { id: requestId },
      mentor.token,
    );
    expect(refused.acceptMentoringRequest.request).toBeNull();
    expect(refused.acceptMentoringRequest.errors).toEqual([
      expect.objectContaining({ field: 'requestId', code: 'TRAINING_REQUIRED' }),
    ]);
    expect(refused.acceptMentoringRequest.errors[0].message).toMatch(/“Safeguarding basics”/);

    expect((await call(stack, COMPLETE, { id: startModule }, mentor.token)).completeTrainingModule.errors).toEqual([]);
    // the mentee's part is recorded by their coach; a coach of another organisation may not
    const stranger = await raw(RECORD, { id: startModule, u: mentee.userId }, coachB.token);
    expect(stranger.recordTrainingCompletion.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_USER' })]);
    await eventually(
      async () => {
        const still = await raw(ACCEPT, { id: requestId }, mentor.token);
        expect(still.acceptMentoringRequest.errors[0]?.message).toMatch(/The mentee must complete/);
      },
      10_000,
      200,
    );
    const recorded = await call(stack, RECORD, { id: startModule, u: mentee.userId }, coachA.token);
    expect(recorded.recordTrainingCompletion.errors).toEqual([]);
    await eventually(
      async () => {
        const accepted = await raw(ACCEPT, { id: requestId }, mentor.token);
        expect(accepted.acceptMentoringRequest.errors).toEqual([]);
        expect(accepted.acceptMentoringRequest.request.status).toBe('ACCEPTED');
      },
      10_000,
      200,
    );
  });

  it('should show the training needs to the mentor, their coach and admins, never to a mentee or another coach', async () => {
    const saved = await call(
      stack,
      `mutation ($input: TrainingNeedsInput!) { updateTrainingNeeds(input: $input) { errors { field code } trainingNeeds { needs tags } } }`,
      { input: { needs: 'Working with newcomers', tags: ['cultural humility', ' cultural humility ', 'coaching'] } },
      mentor.token,
    );
    expect(saved.updateTrainingNeeds.trainingNeeds).toEqual({
      needs: 'Working with newcomers',
      tags: ['cultural humility', 'coaching'],
    });
    for (const who of [mentor, coachA, admin]) {
      const seen = await call(stack, NEEDS, { id: mentor.userId }, who.token);
      expect(seen.user.mentorProfile.trainingNeeds.tags).toEqual(['cultural humility', 'coaching']);
      expect(seen.user.trainingCompletions.map((c: { moduleId: string }) => c.moduleId).sort()).toEqual(
        [visibleModule, startModule].sort(),
      );
    }
    for (const who of [mentee, coachB]) {
      const seen = await call(stack, NEEDS, { id: mentor.userId }, who.token);
      expect(seen.user.mentorProfile.headline).toBeTruthy();
      expect(seen.user.mentorProfile.trainingNeeds).toBeNull();
      expect(seen.user.training).toBeNull();
      expect(seen.user.trainingCompletions).toBeNull();
    }
    const menteeWrites = await stack.gql(
      `mutation { updateTrainingNeeds(input: { needs: "x" }) { errors { code } } }`,
      {},
      { token: mentee.token },
    );
    expect(menteeWrites.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('should stop requiring a retired module (the mentor of a retired requirement is visible)', async () => {
    const other = await approvedMentor(stack, admin, 'Mentor Nia');
    await call(
      stack,
      `mutation ($input: MentorProfileInput!) { updateMentorProfile(input: $input) { errors { field code message } } }`,
      { input: { skills: ['audit', skill] } },
      other.token,
    );
    await enrolMentor(stack, admin, programmeId, other.userId);
    await stack.settle();
    expect(await search()).not.toContain(other.userId);
    const retired = await call(
      stack,
      `mutation ($id: ID!) { retireTrainingModule(moduleId: $id) { errors { code } module { retiredAt } } }`,
      { id: visibleModule },
      admin.token,
    );
    expect(retired.retireTrainingModule.module.retiredAt).toBeTruthy();
    await eventually(async () => expect(await search()).toContain(other.userId), 10_000, 200);
    const listed = await call(
      stack,
      `query ($id: ID!) { programme(id: $id) { trainingModules { id } all: trainingModules(includeRetired: true) { id } } }`,
      { id: programmeId },
      admin.token,
    );
    expect(listed.programme.trainingModules.map((m: { id: string }) => m.id)).toEqual([startModule]);
    expect(listed.programme.all).toHaveLength(2);
  });
  it('should give each reader the module in their language where it has a version, else as written (issue 22)', async () => {
    const VERSION = `mutation ($id: ID!, $input: TrainingModuleVersionInput!) { setTrainingModuleVersion(moduleId: $id, input: $input) { errors { field code message } module { id language writtenIn } } }`;
    const REMOVE = `mutation ($id: ID!, $l: String!) { removeTrainingModuleVersion(moduleId: $id, language: $l) { errors { field code message } module { id } } }`;
    const READ = `query ($l: String) { me { training(language: $l) { module { id title summary content link language writtenIn versions { language } } } } }`;
    const STAFF = `query ($p: ID!, $l: String) { programme(id: $p) { trainingModules(language: $l) { id title language versions { language written title summary content link } } } }`;
    const created = await call(
      stack,
      CREATE,
      {
        input: {
          programmeId,
          title: 'Working with newcomers',
          summary: 'What a newcomer’s first year in Canada asks of a mentor.',
          content: 'Ask what they already know.',
          audience: 'BOTH',
        },
      },
      admin.token,
    );
    const id: string = created.createTrainingModule.module.id;
    type Read = { me: { training: Array<{ module: Record<string, unknown> & { id: string } }> } };
    const read = async (who: Person, language: string | null) =>
      (await raw<Read>(READ, { l: language }, who.token)).me.training.find((s) => s.module.id === id)!.module;

    // no French version yet: a French reader gets the text as written, and is told its language
    expect(await read(mentee, 'fr-CA')).toMatchObject({
      title: 'Working with newcomers',
      language: 'en',
      writtenIn: 'en',
    });

    // staff only may write a version, and its input is checked like the module's (every problem at once, nothing written)
    const french = {
      language: 'fr-CA',
      title: 'Accompagner les nouveaux arrivants',
      summary: 'Ce que la première année au Canada d’une personne nouvellement arrivée demande d’un mentor.',
      content: 'Demandez d’abord ce qu’elle sait déjà.',
      link: 'https://apprendre.example.org/nouveaux-arrivants',
    };
    for (const who of [mentee, mentor, coachA]) {
      const res = await stack.gql(VERSION, { id, input: french }, { token: who.token });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const bad = await raw(
      VERSION,
      { id, input: { language: 'de', title: ' ', summary: 'x', link: 'http://x' } },
      admin.token,
    );
    expect(bad.setTrainingModuleVersion.module).toBeNull();
    expect(
      bad.setTrainingModuleVersion.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort(),
    ).toEqual(['input.language:UNSUPPORTED_LANGUAGE', 'input.link:INVALID_URL', 'input.title:REQUIRED']);
    const same = await raw(VERSION, { id, input: { ...french, language: 'en' } }, admin.token);
    expect(same.setTrainingModuleVersion.errors).toEqual([
      expect.objectContaining({ field: 'input.language', code: 'WRITTEN_LANGUAGE' }),
    ]);
    // a refusal in French reads in French
    const fr = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${admin.token}`,
        'accept-language': 'fr-CA',
      },
      body: JSON.stringify({ query: VERSION, variables: { id, input: { ...french, language: 'en' } } }),
    });
    const frBody = (await fr.json()) as { data: { setTrainingModuleVersion: { errors: Errors } } };
    expect(frBody.data.setTrainingModuleVersion.errors[0].message).toBe(
      'Le module est écrit dans cette langue : modifiez le module lui-même.',
    );
    expect((await read(mentee, 'fr-CA')).title).toBe('Working with newcomers');

    const saved = await raw(VERSION, { id, input: french }, admin.token);
    expect(saved.setTrainingModuleVersion).toMatchObject({ errors: [], module: { id, writtenIn: 'en' } });

    // the French reader gets the French text; the English one and a reader who asks nothing get it as written
    expect(await read(mentee, 'fr-CA')).toMatchObject({
      title: french.title,
      summary: french.summary,
      content: french.content,
      link: french.link,
      language: 'fr-CA',
      writtenIn: 'en',
      versions: null, // what exists in which language is staff's to see
    });
    expect(await read(mentor, 'en')).toMatchObject({ title: 'Working with newcomers', language: 'en', link: null });
    expect(await read(mentor, null)).toMatchObject({ title: 'Working with newcomers', language: 'en' });
    expect(await read(mentor, 'de')).toMatchObject({ title: 'Working with newcomers', language: 'en' });

    // staff see every version, the written one first
    type Staff = { programme: { trainingModules: Array<{ id: string; title: string; versions: unknown[] }> } };
    const staffView = (
      await raw<Staff>(STAFF, { p: programmeId, l: 'fr-CA' }, admin.token)
    ).programme.trainingModules.find((m) => m.id === id)!;
    expect(staffView.title).toBe(french.title);
    expect(staffView.versions).toEqual([
      {
        language: 'en',
        written: true,
        title: 'Working with newcomers',
        summary: expect.any(String),
        content: 'Ask what they already know.',
        link: null,
      },
      { written: false, ...french },
    ]);
    const coachView = (
      await raw<Staff>(STAFF, { p: programmeId, l: null }, coachA.token)
    ).programme.trainingModules.find((m) => m.id === id)!;
    expect(coachView.versions).toBeNull();

    // one completion, whatever the version read
    const done = await raw(COMPLETE, { id }, mentee.token);
    expect(done.completeTrainingModule.errors).toEqual([]);

    // rewritten in French, the English text stays as the English version; English readers still get English
    const rewritten = await raw(
      `mutation ($id: ID!, $input: TrainingModuleInput!) { updateTrainingModule(moduleId: $id, input: $input) { errors { field code } module { writtenIn title } } }`,
      {
        id,
        input: {
          title: french.title,
          summary: french.summary,
          content: french.content,
          audience: 'BOTH',
          language: 'fr-CA',
        },
      },
      admin.token,
    );
    expect(rewritten.updateTrainingModule).toEqual({ errors: [], module: { writtenIn: 'fr-CA', title: french.title } });
    expect(await read(mentor, 'en')).toMatchObject({
      title: 'Working with newcomers',
      language: 'en',
      writtenIn: 'fr-CA',
    });
    const afterRewrite = (
      await raw<Staff>(STAFF, { p: programmeId, l: null }, admin.token)
    ).programme.trainingModules.find((m) => m.id === id)!;
    expect(afterRewrite.versions.map((v) => (v as { language: string }).language)).toEqual(['fr-CA', 'en']);

    // removing the English version: English readers get the French text; the written language cannot be removed
    expect((await raw(REMOVE, { id, l: 'fr-CA' }, admin.token)).removeTrainingModuleVersion.errors).toEqual([
      expect.objectContaining({ field: 'language', code: 'WRITTEN_LANGUAGE' }),
    ]);
    expect((await raw(REMOVE, { id, l: 'en' }, admin.token)).removeTrainingModuleVersion.errors).toEqual([]);
    expect(await read(mentor, 'en')).toMatchObject({ title: french.title, language: 'fr-CA' });
    expect((await raw(REMOVE, { id, l: 'en' }, admin.token)).removeTrainingModuleVersion.errors).toEqual([]);
    const unknown = await stack.gql(REMOVE, { id: randomUUID(), l: 'en' }, { token: admin.token });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
