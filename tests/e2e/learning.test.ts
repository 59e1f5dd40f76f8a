/**
 * Learning content, through the gateway (issue 19): a new programme starts with its copy of the default resources
 * (every stage, English and French); its staff and its partner organisations' coaches add, change, reorder and
 * delete them, bad input answering stable codes; a pair reads the resources of their relationship's stage in their
 * language (the mentor, not enrolled, as a partner of the relationship); an outsider and another organisation's
 * coach read nothing and change nothing.
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
  createProgramme,
  enrolledMentee,
  startedPair,
} from '../support/programme-setup';
import { ADMIN_PASSWORD, adminEnv, call, login, register, registerStaff, type Person } from '../support/world';

let stack: Stack;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@learning.test`;

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

const LIBRARY = `query ($id: ID!, $stage: LearningStage, $language: String) { programme(id: $id) {
  learningResources(stage: $stage, language: $language) { id title kind body url language stage position } } }`;
const CREATE = `mutation ($p: ID!, $input: LearningResourceInput!) { createLearningResource(programmeId: $p, input: $input) {
  errors { field code } resource { id title kind url language stage position } } }`;
const UPDATE = `mutation ($id: ID!, $input: LearningResourceInput!) { updateLearningResource(id: $id, input: $input) {
  errors { field code } resource { id title stage position } } }`;
const DELETE = `mutation ($id: ID!) { deleteLearningResource(id: $id) { errors { field code } resource { id } } }`;
const REORDER = `mutation ($p: ID!, $ids: [ID!]!) { reorderLearningResources(programmeId: $p, stage: MID_WAY, ids: $ids) {
  errors { field code } resources { id position } } }`;

type Resource = { id: string; title: string; language: string; stage: string; position: number; url: string | null };

const video = {
  title: 'Active listening in five minutes',
  kind: 'VIDEO',
  url: 'https://videos.example.org/active-listening',
  language: 'en',
  stage: 'MID_WAY',
};

describe('learning content', () => {
  let admin: Person;
  let coachA: Person;
  let coachB: Person;
  let mentor: Person;
  let mentee: Person;
  let outsider: Person;
  let programmeId: string;
  let relationshipId: string;

  const library = async (who: Person, vars: Record<string, unknown> = {}) =>
    (await call(stack, LIBRARY, { id: programmeId, ...vars }, who.token)).programme.learningResources as
      Resource[] | null;

  beforeAll(async () => {
    admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    const [orgA, orgB] = [
      await createOrganization(stack, admin, 'Agency A'),
      await createOrganization(stack, admin, 'Agency B'),
    ];
    programmeId = await createProgramme(stack, admin, [orgA], { name: `Learning ${randomUUID().slice(0, 6)}` });
    coachA = await registerStaff(stack, admin, 'Coach Ada', ['COACH'], orgA);
    coachB = await registerStaff(stack, admin, 'Coach Bo', ['COACH'], orgB);
    mentor = await approvedMentor(stack, admin, 'Mentor Mia', orgA);
    mentee = await enrolledMentee(stack, admin, programmeId, 'Mentee Mo', orgA);
    outsider = await register(stack, 'Outsider Oz', ['MENTEE']);
    relationshipId = await startedPair(stack, programmeId, mentee, mentor);
  });

  it('should give a new programme its own copy of the defaults: every stage, in English and French', async () => {
    const all = (await library(admin))!;
    const stages = ['PREPARING_FIRST_MEETING', 'WRITING_AGREEMENT', 'ACTION_PLAN', 'MID_WAY', 'COMPLETING'];
    expect([...new Set(all.map((r) => r.stage))]).toEqual(stages);
    for (const stage of stages)
      expect(all.filter((r) => r.stage === stage).map((r) => r.language)).toEqual(['en', 'fr-CA']);
    expect(all.find((r) => r.stage === 'PREPARING_FIRST_MEETING')!.title).toBe('Preparing your first meeting');
    const french = (await library(admin, { stage: 'COMPLETING', language: 'fr-CA' }))!;
    expect(french.map((r) => r.title)).toEqual(['Conclure votre relation de mentorat']);
  });

  it("should let the programme's coach add, change, reorder and delete resources", async () => {
    const added = (await call(stack, CREATE, { p: programmeId, input: video }, coachA.token)).createLearningResource;
    expect(added.resource).toMatchObject({ ...video, kind: 'VIDEO', position: 3 });

    const [defaultEn] = (await library(coachA, { stage: 'MID_WAY', language: 'en' }))!;
    const changed = (
      await call(
        stack,
        UPDATE,
        {
          id: defaultEn.id,
          input: {
            title: 'Our mid-way review',
            kind: 'CHECKLIST',
            body: '- Look back.',
            language: 'en',
            stage: 'MID_WAY',
          },
        },
        coachA.token,
      )
    ).updateLearningResource;
    expect(changed.resource).toMatchObject({ title: 'Our mid-way review', position: 1 });

    const midWay = (await library(admin, { stage: 'MID_WAY' }))!;
    const order = [added.resource.id, ...midWay.map((r) => r.id).filter((id) => id !== added.resource.id)];
    const reordered = (await call(stack, REORDER, { p: programmeId, ids: order }, admin.token))
      .reorderLearningResources;
    expect(reordered.resources.map((r: Resource) => r.id)).toEqual(order);
    expect((await library(mentee, { stage: 'MID_WAY', language: 'en' }))!.map((r) => r.title)).toEqual([
      video.title,
      'Our mid-way review',
    ]);

    await call(stack, DELETE, { id: added.resource.id }, coachA.token);
    expect((await library(admin, { stage: 'MID_WAY' }))!.map((r) => r.id)).not.toContain(added.resource.id);
  });

  it('should refuse bad input with stable codes and write nothing', async () => {
    const before = (await library(admin))!.length;
    const refused = async (input: Record<string, unknown>) => {
      const res = await stack.gql<{ createLearningResource: { errors: unknown[]; resource: unknown } }>(
        CREATE,
        { p: programmeId, input: { ...video, ...input } },
        { token: admin.token },
      );
      expect(res.data!.createLearningResource.resource).toBeNull();
      return res.data!.createLearningResource.errors;
    };
    expect(await refused({ title: '   ' })).toEqual([{ field: 'input.title', code: 'REQUIRED' }]);
    expect(await refused({ url: 'http://videos.example.org/x' })).toEqual([
      { field: 'input.url', code: 'INVALID_URL' },
    ]);
    expect(await refused({ url: null })).toEqual([{ field: 'input.url', code: 'REQUIRED' }]);
    expect(await refused({ kind: 'GUIDE', url: null, body: ' ' })).toEqual([{ field: 'input.body', code: 'REQUIRED' }]);
    expect(await refused({ language: 'de' })).toEqual([{ field: 'input.language', code: 'UNSUPPORTED_LANGUAGE' }]);
    expect(await refused({ title: 'x'.repeat(201) })).toEqual([{ field: 'input.title', code: 'TOO_LONG' }]);
    const mismatch = await stack.gql<{ reorderLearningResources: { errors: unknown[] } }>(
      REORDER,
      { p: programmeId, ids: [] },
      { token: admin.token },
    );
    expect(mismatch.data!.reorderLearningResources.errors).toEqual([{ field: 'ids', code: 'ORDER_MISMATCH' }]);
    expect((await library(admin))!.length).toBe(before);
  });

  it("should show both partners their stage's resources in their language, the mentor through the relationship", async () => {
    // as the participant app asks: the stage and the programme's library in the reader's language, in one query
    const STAGE = `query ($id: ID!, $language: String) { relationship(id: $id) { stage programme { learningResources(language: $language) { title stage } } } }`;
    const rel = (await call(stack, STAGE, { id: relationshipId, language: 'fr-CA' }, mentee.token)).relationship;
    expect(rel.stage).toBe('PREPARING_FIRST_MEETING');
    const fr = rel.programme.learningResources.filter((r: Resource) => r.stage === rel.stage);
    expect(fr.map((r: Resource) => r.title)).toEqual(['Préparer votre première rencontre']);
    // the mentor is not enrolled: a partner of one of its relationships, learnt from RelationshipStarted
    const en = await eventually(
      async () => {
        const rows = await library(mentor, { stage: rel.stage, language: 'en' });
        expect(rows).not.toBeNull();
        return rows!;
      },
      10_000,
      200,
    );
    expect(en.map((r) => r.title)).toEqual(['Preparing your first meeting']);
  });

  it("should fall back to English for a stage with nothing in the reader's language", async () => {
    const french = (await library(admin, { stage: 'WRITING_AGREEMENT', language: 'fr-CA' }))!;
    await call(stack, DELETE, { id: french[0].id }, admin.token);
    const fallback = (await library(mentee, { stage: 'WRITING_AGREEMENT', language: 'fr-CA' }))!;
    expect(fallback.map((r) => [r.title, r.language])).toEqual([['Writing your partnership agreement', 'en']]);
  });

  it("should give an outsider nothing and refuse another organisation's coach", async () => {
    expect(await library(outsider)).toBeNull();
    const res = await stack.gql(CREATE, { p: programmeId, input: video }, { token: coachB.token });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asParticipant = await stack.gql(CREATE, { p: programmeId, input: video }, { token: mentee.token });
    expect(asParticipant.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
