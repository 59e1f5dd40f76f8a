/** The programme spelling and the connections, beside the deprecated forms they replace (which keep working). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@tandem/testkit';
import { randomUUID } from 'node:crypto';
import type { Stack } from '@tandem/testkit';
import { createOrganization, gqlFrom, register, registerStaff, startIdentityStack, type Account } from './helpers';

let stack: Stack;
let admin: Account;

beforeAll(async () => {
  stack = await startIdentityStack(testDatabaseUrl());
  admin = await registerStaff(stack, 'Pat Programme', ['PROGRAMME_ADMIN']);
});
afterAll(async () => {
  await stack?.stop();
});

type Errors = Array<{ field: string; code: string }>;
interface Page<N> {
  edges: Array<{ cursor: string; node: N }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}
const programmeInput = (name: string, organizationIds: string[] = []) => ({
  name,
  organizationIds,
  cpdCategory: 'Mentoring',
  terms: { targetHours: 12, durationWeeks: 10, minMeetings: 4 },
});

async function createProgramme(name: string, organizationIds: string[] = []): Promise<string> {
  const res = await gqlFrom<{
    createProgramme: { errors: Errors; programme: { id: string }; program: { id: string } };
  }>(
    stack,
    `mutation ($i: ProgrammeInput!) { createProgramme(input: $i) { errors { field code } programme { id } program { id } } }`,
    { i: programmeInput(name, organizationIds) },
    { token: admin.token },
  );
  expect(res.data?.createProgramme.errors).toEqual([]);
  // the deprecated field names the same programme
  expect(res.data?.createProgramme.program.id).toBe(res.data?.createProgramme.programme.id);
  return res.data!.createProgramme.programme.id;
}

describe('the programme spelling', () => {
  it('should create and change a programme under its new names, and read it as programme and as program', async () => {
    const id = await createProgramme(`Spelling ${randomUUID().slice(0, 6)}`);
    const updated = await gqlFrom<{
      updateProgramme: { errors: Errors; programme: { terms: { targetHours: number } } };
    }>(
      stack,
      `mutation ($id: ID!, $i: ProgrammeInput!) { updateProgramme(id: $id, input: $i) { errors { field code } programme { terms { targetHours } } } }`,
      {
        id,
        i: { ...programmeInput('Spelling renamed'), terms: { targetHours: 30, durationWeeks: 10, minMeetings: 4 } },
      },
      { token: admin.token },
    );
    expect(updated.data?.updateProgramme).toEqual({ errors: [], programme: { terms: { targetHours: 30 } } });
    const read = await gqlFrom<{ programme: { name: string }; program: { name: string } }>(
      stack,
      `query ($id: ID!) { programme(id: $id) { name } program(id: $id) { name } }`,
      { id },
      { token: admin.token },
    );
    expect(read.data).toEqual({ programme: { name: 'Spelling renamed' }, program: { name: 'Spelling renamed' } });
  });

  it('should take programmeId or programId alike, and refuse both when they differ', async () => {
    const id = await createProgramme(`Cohorts ${randomUUID().slice(0, 6)}`);
    const other = await createProgramme(`Other ${randomUUID().slice(0, 6)}`);
    const ADD = `mutation ($p: ID, $old: ID, $i: CohortInput!) { addCohort(programmeId: $p, programId: $old, input: $i) {
      errors { field code } programme { cohorts { name programmeId programId } } } }`;
    const cohort = (name: string) => ({ name, startsOn: '2027-01-10', endsOn: '2027-05-01' });
    const both = await gqlFrom<{ addCohort: { errors: Errors; programme: null } }>(
      stack,
      ADD,
      { p: id, old: other, i: cohort('Ambiguous') },
      { token: admin.token },
    );
    expect(both.data?.addCohort).toEqual({ errors: [{ field: 'programmeId', code: 'AMBIGUOUS' }], programme: null });
    const none = await gqlFrom<{ addCohort: { errors: Errors } }>(
      stack,
      ADD,
      { i: cohort('None') },
      { token: admin.token },
    );
    expect(none.data?.addCohort.errors).toEqual([{ field: 'programmeId', code: 'REQUIRED' }]);
    await gqlFrom(stack, ADD, { p: id, old: id, i: cohort('Same') }, { token: admin.token });
    const added = await gqlFrom<{ addCohort: { errors: Errors; programme: { cohorts: unknown[] } } }>(
      stack,
      ADD,
      { old: id, i: cohort('Former name') },
      { token: admin.token },
    );
    expect(added.data?.addCohort.programme.cohorts).toEqual([
      { name: 'Former name', programmeId: id, programId: id },
      { name: 'Same', programmeId: id, programId: id },
    ]);

    const mentee = await register(stack, 'Spelling Mentee', ['MENTEE']);
    const ENROL = `mutation ($i: EnrollInput!) { enrolInProgramme(input: $i) { errors { field code } enrollment { role programme { id } program { id } } } }`;
    const ambiguous = await gqlFrom<{ enrolInProgramme: { errors: Errors } }>(
      stack,
      ENROL,
      { i: { programmeId: id, programId: other, role: 'MENTEE' } },
      { token: mentee.token },
    );
    expect(ambiguous.data?.enrolInProgramme.errors).toEqual([{ field: 'input.programmeId', code: 'AMBIGUOUS' }]);
    const enrolled = await gqlFrom<{ enrolInProgramme: unknown }>(
      stack,
      ENROL,
      { i: { programmeId: id, role: 'MENTEE' } },
      { token: mentee.token },
    );
    expect(enrolled.data?.enrolInProgramme).toEqual({
      errors: [],
      enrollment: { role: 'MENTEE', programme: { id }, program: { id } },
    });
    const session = await gqlFrom<{ createOrientationSession: { errors: Errors; session: { programmeId: string } } }>(
      stack,
      `mutation ($i: OrientationSessionInput!) { createOrientationSession(input: $i) { errors { field code } session { programmeId } } }`,
      { i: { programmeId: id, startsAt: '2027-01-05T17:00:00Z', location: 'Room 4' } },
      { token: admin.token },
    );
    expect(session.data?.createOrientationSession).toEqual({ errors: [], session: { programmeId: id } });
  });
});

describe('connections', () => {
  it('should page programmes and organisations by name with a total count, and keep the plain lists', async () => {
    const tag = randomUUID().slice(0, 6);
    for (const n of ['A', 'B', 'C']) await createProgramme(`${n} paged ${tag}`);
    const PAGE = `query ($after: String) { programmes(first: 2, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } totalCount } programs { id } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    let plain = 0;
    for (;;) {
      const res: { data?: { programmes: Page<{ id: string; name: string }>; programs: unknown[] } | null } =
        await gqlFrom(stack, PAGE, { after }, { token: admin.token });
      const page = res.data!.programmes;
      expect(page.edges.length).toBeLessThanOrEqual(2);
      seen.push(...page.edges.map((e) => e.node.id));
      total = page.totalCount;
      plain = res.data!.programs.length;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(total).toBe(plain);

    await createOrganization(stack, admin, `Paged Org ${tag}`);
    const orgs = await gqlFrom<{ organizationsConnection: Page<{ name: string }>; organizations: unknown[] }>(
      stack,
      `{ organizationsConnection(first: 100) { edges { node { name } } pageInfo { hasNextPage } totalCount } organizations { id } }`,
      {},
      { token: admin.token },
    );
    const connection = orgs.data!.organizationsConnection;
    expect(connection.totalCount).toBe(orgs.data!.organizations.length);
    expect(connection.edges.map((e) => e.node.name)).toContain(`Paged Org ${tag}`);
  });

  it('should order programmes by name as people read them: accents and case after the letters', async () => {
    const tag = randomUUID().slice(0, 6);
    const names = ['zoo', 'Éducation', 'Zèbre', 'eau', 'Œuvre', 'Ezra', 'école'].map((n) => `${n} ${tag}`);
    for (const n of names) await createProgramme(n);
    const PAGE = `query ($after: String) { programmes(first: 3, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } programs { name } }`;
    const paged: string[] = [];
    let plain: string[] = [];
    for (let after: string | null = null; ;) {
      const res: { data?: { programmes: Page<{ name: string }>; programs: Array<{ name: string }> } | null } =
        await gqlFrom(stack, PAGE, { after }, { token: admin.token });
      paged.push(...res.data!.programmes.edges.map((e) => e.node.name));
      plain = res.data!.programs.map((p) => p.name);
      if (!res.data!.programmes.pageInfo.hasNextPage) break;
      after = res.data!.programmes.pageInfo.endCursor;
    }
    // C-locale byte order would give "eau, école, Ezra, zoo, Zèbre, Éducation, Œuvre"
    const expected = ['eau', 'école', 'Éducation', 'Ezra', 'Œuvre', 'Zèbre', 'zoo'].map((n) => `${n} ${tag}`);
    expect(paged.filter((n) => n.endsWith(tag))).toEqual(expected);
    expect(plain.filter((n) => n.endsWith(tag))).toEqual(expected);
  });

  it("should page a programme's enrolments and sessions and a person's enrolments, counted, with the same access as the lists", async () => {
    const orgId = await createOrganization(stack, admin);
    const id = await createProgramme(`Enrolments ${randomUUID().slice(0, 6)}`, [orgId]);
    const people = [];
    for (const n of [1, 2, 3]) {
      const person = await register(stack, `Enrollee ${n}`, ['MENTEE'], { organizationId: n < 3 ? orgId : undefined });
      await gqlFrom(
        stack,
        `mutation ($i: EnrollInput!) { enrolInProgramme(input: $i) { errors { code } } }`,
        { i: { programmeId: id, role: 'MENTEE' } },
        { token: person.token },
      );
      people.push(person);
    }
    const Q = `query ($id: ID!) { programme(id: $id) {
      enrollmentsConnection(first: 2) { edges { node { user { id } } } pageInfo { hasNextPage } totalCount }
      enrollments { id }
      orientationSessionsConnection { edges { node { id } } totalCount } } }`;
    type Answer = {
      programme: {
        enrollmentsConnection: Page<{ user: { id: string } }> | null;
        enrollments: unknown[] | null;
        orientationSessionsConnection: Page<{ id: string }>;
      };
    };
    const asAdmin = await gqlFrom<Answer>(stack, Q, { id }, { token: admin.token });
    expect(asAdmin.data?.programme.enrollmentsConnection).toMatchObject({
      edges: [{ node: { user: { id: people[0].id } } }, { node: { user: { id: people[1].id } } }],
      pageInfo: { hasNextPage: true },
      totalCount: 3,
    });
    expect(asAdmin.data?.programme.enrollments).toHaveLength(3);
    expect(asAdmin.data?.programme.orientationSessionsConnection).toEqual({ edges: [], totalCount: 0 });
    const coach = await registerStaff(stack, 'Enrolment Coach', ['COACH'], orgId);
    const asCoach = await gqlFrom<Answer>(stack, Q, { id }, { token: coach.token });
    expect(asCoach.data?.programme.enrollmentsConnection).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: false },
    });
    expect(asCoach.data?.programme.enrollments).toHaveLength(2);
    const asMentee = await gqlFrom<Answer>(stack, Q, { id }, { token: people[0].token });
    expect(asMentee.data?.programme.enrollmentsConnection).toBeNull();
    expect(asMentee.data?.programme.enrollments).toBeNull();

    const mine = await gqlFrom<{ me: { enrollmentsConnection: Page<{ programme: { id: string } }> } }>(
      stack,
      `{ me { enrollmentsConnection { edges { node { programme { id } } } totalCount } } }`,
      {},
      { token: people[2].token },
    );
    expect(mine.data?.me.enrollmentsConnection).toEqual({ edges: [{ node: { programme: { id } } }], totalCount: 1 });
  });

  it('should count people and notifications when asked', async () => {
    const users = await gqlFrom<{ users: Page<{ id: string }> }>(
      stack,
      `{ users(first: 1) { edges { node { id } } totalCount } }`,
      {},
      { token: admin.token },
    );
    expect(users.data?.users.edges).toHaveLength(1);
    expect(users.data?.users.totalCount).toBeGreaterThan(1);
    const person = await register(stack, 'Counted Person');
    const notes = await gqlFrom<{ me: { notifications: { totalCount: number; unreadCount: number } } }>(
      stack,
      `{ me { notifications { totalCount unreadCount } } }`,
      {},
      { token: person.token },
    );
    expect(notes.data?.me.notifications).toEqual({ totalCount: 0, unreadCount: 0 });
  });
});
