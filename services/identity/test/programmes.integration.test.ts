import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@tandem/testkit';
import { randomUUID } from 'node:crypto';
import type { Stack } from '@tandem/testkit';
import { createOrganization, gqlFrom, register, registerStaff, startIdentityStack, type Account } from './helpers';

let stack: Stack;
let programAdmin: Account;

beforeAll(async () => {
  stack = await startIdentityStack(testDatabaseUrl());
  programAdmin = await registerStaff(stack, 'Pat Programme', ['PROGRAMME_ADMIN']);
});
afterAll(async () => {
  await stack?.stop();
});

const CREATE = `mutation ($i: ProgramInput!) { createProgram(input: $i) { ok errors { field code } program {
  id name terms { targetHours durationWeeks minMeetings hoursOrMeetings } cpdCategory requireSignedAgreement requireOrientation
  maxOpenRequestsPerMentee requestExpiryDays matchingWeights { criterion weight } organizations { id name } cohorts { id name startsOn endsOn } } } }`;
const triec = (organizationIds: string[]) => ({
  name: `Mentoring Partnership ${randomUUID().slice(0, 4)}`,
  organizationIds,
  cpdCategory: 'Mentoring',
  terms: { targetHours: 24, durationWeeks: 16, minMeetings: 8 },
  requireOrientation: true,
  matchingWeights: [{ criterion: 'occupation', weight: 3 }],
});

describe('organisations and programmes', () => {
  it('should create a programme with its terms and defaults, add a cohort, and publish the whole snapshot', async () => {
    const orgId = await createOrganization(stack, programAdmin, `ACCES Employment ${randomUUID().slice(0, 4)}`);
    const created = await gqlFrom<{
      createProgram: { ok: boolean; program: Record<string, unknown> & { id: string } };
    }>(stack, CREATE, { i: triec([orgId]) }, { token: programAdmin.token });
    expect(created.data?.createProgram).toMatchObject({
      ok: true,
      program: {
        terms: { targetHours: 24, durationWeeks: 16, minMeetings: 8, hoursOrMeetings: false },
        cpdCategory: 'Mentoring',
        requireSignedAgreement: true,
        requireOrientation: true,
        maxOpenRequestsPerMentee: 3,
        requestExpiryDays: 14,
        matchingWeights: [{ criterion: 'occupation', weight: 3 }],
        organizations: [{ id: orgId }],
        cohorts: [],
      },
    });
    const programId = created.data!.createProgram.program.id;
    const cohort = await gqlFrom<{
      addCohort: { ok: boolean; program: { cohorts: Array<{ id: string; name: string; startsOn: string }> } };
    }>(
      stack,
      `mutation ($p: ID!, $i: CohortInput!) { addCohort(programId: $p, input: $i) { ok program { cohorts { id name startsOn } } } }`,
      { p: programId, i: { name: 'Fall 2026', startsOn: '2026-09-01', endsOn: '2026-12-31' } },
      { token: programAdmin.token },
    );
    expect(cohort.data?.addCohort).toMatchObject({
      ok: true,
      program: { cohorts: [{ name: 'Fall 2026', startsOn: '2026-09-01' }] },
    });

    const [event] = await stack.sql(
      `SELECT payload FROM identity.event_log WHERE name = 'ProgrammeChanged' AND payload->>'programmeId' = $1 ORDER BY occurred_at DESC LIMIT 1`,
      [programId],
    );
    expect(event.payload).toMatchObject({
      organizationIds: [orgId],
      terms: { targetHours: 24, durationWeeks: 16, minMeetings: 8, hoursOrMeetings: false },
      requireOrientation: true,
      maxOpenRequestsPerMentee: 3,
      requestExpiryDays: 14,
      matchingWeights: { occupation: 3 },
      cohorts: [
        {
          cohortId: cohort.data!.addCohort.program.cohorts[0].id,
          name: 'Fall 2026',
          startsOn: '2026-09-01',
          endsOn: '2026-12-31',
        },
      ],
    });
  });

  it('should name bad fields, refuse non-admins, and answer unknown ids with NOT_FOUND', async () => {
    const bad = await gqlFrom<{ createProgram: { ok: boolean; errors: Array<{ field: string; code: string }> } }>(
      stack,
      CREATE,
      {
        i: {
          ...triec([randomUUID()]),
          name: ' ',
          terms: { targetHours: 0, durationWeeks: 0, minMeetings: -1 },
          requestExpiryDays: 0,
        },
      },
      { token: programAdmin.token },
    );
    expect(bad.data?.createProgram.ok).toBe(false);
    expect(bad.data?.createProgram.errors.map((e) => e.field).sort()).toEqual([
      'input.name',
      'input.organizationIds',
      'input.requestExpiryDays',
      'input.terms.durationWeeks',
      'input.terms.minMeetings',
      'input.terms.targetHours',
    ]);
    const mentee = await register(stack, 'Not Admin');
    expect((await gqlFrom(stack, CREATE, { i: triec([]) }, { token: mentee.token })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    const unknown = await gqlFrom(
      stack,
      `query ($id: ID!) { program(id: $id) { id } }`,
      { id: randomUUID() },
      { token: mentee.token },
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const name = `Same Name ${randomUUID().slice(0, 6)}`;
    const ORG = `mutation ($i: OrganizationInput!) { createOrganization(input: $i) { errors { code } } }`;
    const dup = await gqlFrom<{ createOrganization: { errors: Array<{ code: string }> } }>(
      stack,
      ORG,
      { i: { name } },
      { token: programAdmin.token },
    );
    expect(dup.data?.createOrganization.errors).toEqual([]);
    const dup2 = await gqlFrom<{ createOrganization: { errors: Array<{ code: string }> } }>(
      stack,
      ORG,
      { i: { name: name.toUpperCase() } },
      { token: programAdmin.token },
    );
    expect(dup2.data?.createOrganization.errors).toEqual([{ code: 'TAKEN' }]);
  });

  it('should enrol people as mentor or mentee in a cohort, and record orientation attendance', async () => {
    const orgId = await createOrganization(stack, programAdmin);
    const created = await gqlFrom<{ createProgram: { program: { id: string } } }>(
      stack,
      CREATE,
      { i: triec([orgId]) },
      { token: programAdmin.token },
    );
    const programId = created.data!.createProgram.program.id;
    const withCohort = await gqlFrom<{ addCohort: { program: { cohorts: Array<{ id: string }> } } }>(
      stack,
      `mutation ($p: ID!, $i: CohortInput!) { addCohort(programId: $p, input: $i) { program { cohorts { id } } } }`,
      { p: programId, i: { name: 'Winter', startsOn: '2027-01-10', endsOn: '2027-05-01' } },
      { token: programAdmin.token },
    );
    const cohortId = withCohort.data!.addCohort.program.cohorts[0].id;
    const mentee = await register(stack, 'Enrolling Mentee', ['MENTEE'], { organizationId: orgId });
    const ENROL = `mutation ($i: EnrollInput!) { enrollInProgram(input: $i) { ok errors { field code } enrollment { role cohortId program { id } user { id } } } }`;

    const wrongRole = await gqlFrom<{ enrollInProgram: { errors: Array<{ field: string; code: string }> } }>(
      stack,
      ENROL,
      { i: { programId, role: 'MENTOR' } },
      { token: mentee.token },
    );
    expect(wrongRole.data?.enrollInProgram.errors).toEqual([{ field: 'input.role', code: 'ROLE_NOT_HELD' }]);
    const self = await gqlFrom<{ enrollInProgram: unknown }>(
      stack,
      ENROL,
      { i: { programId, role: 'MENTEE', cohortId } },
      { token: mentee.token },
    );
    expect(self.data?.enrollInProgram).toEqual({
      ok: true,
      errors: [],
      enrollment: { role: 'MENTEE', cohortId, program: { id: programId }, user: { id: mentee.id } },
    });
    const [enrolled] = await stack.sql(
      `SELECT payload FROM identity.event_log WHERE name = 'ProgrammeEnrolled' AND payload->>'userId' = $1`,
      [mentee.id],
    );
    expect(enrolled.payload).toMatchObject({ programmeId: programId, cohortId, role: 'MENTEE', organizationId: orgId });
    // someone else cannot enrol another person
    const other = await register(stack, 'Other Person', ['MENTEE']);
    expect(
      (await gqlFrom(stack, ENROL, { i: { programId, role: 'MENTEE', userId: mentee.id } }, { token: other.token }))
        .errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');

    const session = await gqlFrom<{ createOrientationSession: { ok: boolean; session: { id: string } } }>(
      stack,
      `mutation ($i: OrientationSessionInput!) { createOrientationSession(input: $i) { ok errors { field code } session { id } } }`,
      // attendance is recorded once a session has started
      {
        i: {
          programId,
          startsAt: new Date(Date.now() - 3_600_000).toISOString(),
          link: 'https://meet.example.org/orientation',
        },
      },
      { token: programAdmin.token },
    );
    expect(session.data?.createOrientationSession.ok).toBe(true);
    const sessionId = session.data!.createOrientationSession.session.id;
    const coach = await registerStaff(stack, 'Org Coach', ['COACH'], orgId);
    const ATTEND = `mutation ($s: ID!, $u: [ID!]!) { recordOrientationAttendance(sessionId: $s, userIds: $u) { ok errors { field code } session { attendeeCount } } }`;
    const foreign = await gqlFrom<{ recordOrientationAttendance: { errors: Array<{ code: string }> } }>(
      stack,
      ATTEND,
      { s: sessionId, u: [other.id] },
      { token: coach.token },
    );
    expect(foreign.data?.recordOrientationAttendance.errors).toEqual([{ field: 'userIds', code: 'UNKNOWN_USER' }]);
    const attended = await gqlFrom<{ recordOrientationAttendance: unknown }>(
      stack,
      ATTEND,
      { s: sessionId, u: [mentee.id] },
      { token: coach.token },
    );
    expect(attended.data?.recordOrientationAttendance).toEqual({ ok: true, errors: [], session: { attendeeCount: 1 } });
    await gqlFrom(stack, ATTEND, { s: sessionId, u: [mentee.id] }, { token: coach.token });
    const events = await stack.sql(
      `SELECT payload FROM identity.event_log WHERE name = 'OrientationAttended' AND payload->>'userId' = $1`,
      [mentee.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ programmeId: programId, sessionId });

    const mine = await gqlFrom<{
      me: {
        enrollments: Array<{
          role: string;
          program: { id: string; orientationSessions: Array<{ attendedByMe: boolean }> };
        }>;
        organization: { id: string };
      };
    }>(
      stack,
      `{ me { organization { id } enrollments { role program { id orientationSessions { attendedByMe } } } } }`,
      {},
      { token: mentee.token },
    );
    expect(mine.data?.me).toEqual({
      organization: { id: orgId },
      enrollments: [{ role: 'MENTEE', program: { id: programId, orientationSessions: [{ attendedByMe: true }] } }],
    });
  });

  it('should resolve Program, Organization and Cohort references for other subgraphs', async () => {
    const orgId = await createOrganization(stack, programAdmin, `Ref Org ${randomUUID().slice(0, 4)}`);
    const created = await gqlFrom<{ createProgram: { program: { id: string } } }>(
      stack,
      CREATE,
      { i: triec([orgId]) },
      { token: programAdmin.token },
    );
    const programId = created.data!.createProgram.program.id;
    const res = await stack.subgraph<{
      _entities: Array<{ id: string; terms?: { targetHours: number }; name?: string } | null>;
    }>(
      'identity',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Programme { id terms { targetHours } } ... on Organization { id name } } }`,
      {
        r: [
          { __typename: 'Programme', id: programId },
          { __typename: 'Organization', id: orgId },
          { __typename: 'Programme', id: randomUUID() },
        ],
      },
      { as: { userId: randomUUID(), roles: ['MENTEE'], organizationId: null } },
    );
    expect(res.data?._entities).toEqual([
      { id: programId, terms: { targetHours: 24 } },
      { id: orgId, name: expect.stringMatching(/^Ref Org/) },
      null,
    ]);
  });
});
