/** The organisations, the programme and its cohort, found by name or created by the admin. */
import { DEMO_ORGS, DEMO_PROGRAM, type OrgKey } from './cast';
import { addDays, iso, ok, type Seeding } from './client';

export interface DemoProgramme {
  organizationIds: Record<OrgKey, string>;
  programId: string;
  cohortId: string | null;
}

export async function ensureProgramme({ gql, log, admin, today }: Seeding): Promise<DemoProgramme> {
  // organisations and the programme (found by name)
  const orgs = await gql<{ organizations: Array<{ id: string; name: string }> }>(
    `{ organizations { id name } }`,
    {},
    admin,
  );
  const organizationIds = {} as Record<OrgKey, string>;
  for (const o of DEMO_ORGS) {
    const found = orgs.organizations.find((x) => x.name === o.name);
    if (found) organizationIds[o.key] = found.id;
    else {
      const r = await gql(
        `mutation ($i: OrganizationInput!) { createOrganization(input: $i) { ok errors { field code message } organization { id } } }`,
        { i: { name: o.name, city: o.city, country: o.country } },
        admin,
      );
      organizationIds[o.key] = ok('createOrganization', r.createOrganization).organization.id;
      log(`organisation ${o.name}`);
    }
  }
  const programs = await gql<{
    programs: Array<{ id: string; name: string; cohorts: Array<{ id: string; name: string }> }>;
  }>(`{ programs { id name cohorts { id name } } }`, {}, admin);
  let program = programs.programs.find((p) => p.name === DEMO_PROGRAM);
  if (!program) {
    const r = await gql(
      `mutation ($i: ProgramInput!) { createProgram(input: $i) { ok errors { field code message } program { id name cohorts { id name } } } }`,
      {
        i: {
          name: DEMO_PROGRAM,
          description:
            'Pairs internationally trained professionals with established professionals in their field for 24 hours over four months.',
          organizationIds: Object.values(organizationIds),
          terms: { targetHours: 24, durationWeeks: 17, minMeetings: 6, hoursOrMeetings: false },
          cpdCategory: 'Peer and professional interaction',
          requireSignedAgreement: true,
          requireOrientation: false,
          maxOpenRequestsPerMentee: 3,
          requestExpiryDays: 14,
          // the demo's pairs start when it loads and log the meetings they held earlier that day: meetings held
          // before the relationship started on the platform count when the programme allows them
          priorMeetingDays: 7,
        },
      },
      admin,
    );
    program = ok('createProgram', r.createProgram).program as {
      id: string;
      name: string;
      cohorts: Array<{ id: string; name: string }>;
    };
    log(`programme ${DEMO_PROGRAM}`);
  }
  const programId = program.id;
  let cohortId: string | null = program.cohorts[0]?.id ?? null;
  if (!cohortId) {
    const r = await gql(
      `mutation ($p: ID!, $i: CohortInput!) { addCohort(programId: $p, input: $i) { ok errors { field code message } program { cohorts { id name } } } }`,
      {
        p: programId,
        i: {
          name: `Cohort ${today.getUTCFullYear()}`,
          startsOn: iso(addDays(today, -30)),
          endsOn: iso(addDays(today, 120)),
        },
      },
      admin,
    );
    cohortId = ok('addCohort', r.addCohort).program.cohorts[0].id;
  }
  return { organizationIds, programId, cohortId };
}
