/**
 * People: found by email (through the admin's user search) or registered with the demo password; staff get their
 * roles from the admin, new mentors their profile (and a coach's approval), new mentees theirs, and both enrol.
 */
import { DEMO_PASSWORD, DEMO_STAFF, type Person } from './cast';
import { ok, SESSION, type Seeding } from './client';
import { DEMO_MENTEES } from './mentees';
import { DEMO_MENTORS } from './mentors';
import type { DemoProgramme } from './programme';

export interface DemoPeople {
  userIds: Record<string, string>;
  /** The people this run registered (the workflows are played for them only). */
  created: Set<string>;
  signIn(p: Person): Promise<string>;
}

export async function ensurePeople(
  { gql, log, admin }: Seeding,
  { organizationIds, programId, cohortId }: DemoProgramme,
): Promise<DemoPeople> {
  // people: found by email (through the admin's user search) or registered with the demo password
  const userIds: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const created = new Set<string>();
  async function findUser(email: string): Promise<{ id: string; roles: string[] } | null> {
    const r = await gql(
      `query ($s: String) { users(search: $s, first: 5) { edges { node { id roles contact { email } } } } }`,
      { s: email },
      admin,
    );
    const node = r.users.edges
      .map((e: { node: { id: string; roles: string[]; contact: { email: string } | null } }) => e.node)
      .find((n: { contact: { email: string } | null }) => n.contact?.email === email);
    return node ?? null;
  }
  async function signIn(p: Person): Promise<string> {
    if (tokens[p.key]) return tokens[p.key];
    const r = await gql(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ${SESSION} } }`, {
      e: p.email,
      p: DEMO_PASSWORD,
    });
    if (!r.login.ok) throw new Error(`${p.email} could not sign in: ${JSON.stringify(r.login.errors)}`);
    tokens[p.key] = r.login.session.accessToken;
    return tokens[p.key];
  }
  async function ensurePerson(p: Person): Promise<string> {
    const existing = await findUser(p.email);
    if (existing) {
      userIds[p.key] = existing.id;
      return existing.id;
    }
    const r = await gql(`mutation ($i: RegisterInput!) { register(input: $i) { ${SESSION} } }`, {
      i: {
        email: p.email,
        password: DEMO_PASSWORD,
        displayName: p.name,
        roles: p.roles,
        organizationId: p.org ? organizationIds[p.org] : null,
      },
    });
    ok(`register ${p.email}`, r.register);
    // register answers without a session (alike for a new and a taken address): sign in
    const l = await gql(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ${SESSION} } }`, {
      e: p.email,
      p: DEMO_PASSWORD,
    });
    const signedIn = ok(`login ${p.email}`, l.login);
    userIds[p.key] = signedIn.session.user.id;
    tokens[p.key] = signedIn.session.accessToken;
    created.add(p.key);
    if (p.staff?.length) {
      const g = await gql(
        `mutation ($i: ChangeRolesInput!) { grantRoles(input: $i) { ok errors { field code message } user { id } } }`,
        { i: { userId: userIds[p.key], roles: p.staff, organizationId: p.org ? organizationIds[p.org] : null } },
        admin,
      );
      ok(`grantRoles ${p.email}`, g.grantRoles);
      const rv = await gql(
        `mutation ($i: ChangeRolesInput!) { revokeRoles(input: $i) { ok errors { field code message } } }`,
        { i: { userId: userIds[p.key], roles: p.roles } },
        admin,
      );
      ok(`revokeRoles ${p.email}`, rv.revokeRoles);
      delete tokens[p.key]; // the roles changed: sign in again when needed
    }
    log(`${p.staff?.join('/') ?? p.roles.join('/')} ${p.name} <${p.email}>`);
    return userIds[p.key];
  }

  for (const p of DEMO_STAFF) await ensurePerson(p);
  for (const m of DEMO_MENTORS) {
    await ensurePerson(m);
    if (created.has(m.key)) {
      const r = await gql(
        `mutation ($i: MentorProfileInput!) { updateMentorProfile(input: $i) { ok errors { field code message } } }`,
        { i: m.profile },
        await signIn(m),
      );
      ok(`updateMentorProfile ${m.email}`, r.updateMentorProfile);
      if (m.approve) {
        const coach = DEMO_STAFF.find((s) => s.org === m.org && s.staff?.includes('COACH'))!;
        const a = await gql(
          `mutation ($i: ReviewMentorApplicationInput!) { reviewMentorApplication(input: $i) { ok errors { field code message } } }`,
          {
            i: {
              userId: userIds[m.key],
              decision: 'APPROVED',
              comment: 'Strong fit for the programme; welcome aboard.',
            },
          },
          await signIn(coach),
        );
        ok(`approve ${m.email}`, a.reviewMentorApplication);
      }
      const e = await gql(
        `mutation ($i: EnrollInput!) { enrollInProgram(input: $i) { ok errors { field code message } } }`,
        { i: { programId, userId: userIds[m.key], role: 'MENTOR', cohortId } },
        admin,
      );
      ok(`enrol ${m.email}`, e.enrollInProgram);
    }
  }
  for (const m of DEMO_MENTEES) {
    await ensurePerson(m);
    if (created.has(m.key)) {
      const r = await gql(
        `mutation ($i: MenteeProfileInput!) { updateMenteeProfile(input: $i) { ok errors { field code message } } }`,
        { i: m.profile },
        await signIn(m),
      );
      ok(`updateMenteeProfile ${m.email}`, r.updateMenteeProfile);
      const e = await gql(
        `mutation ($i: EnrollInput!) { enrollInProgram(input: $i) { ok errors { field code message } } }`,
        { i: { programId, userId: userIds[m.key], role: 'MENTEE', cohortId } },
        admin,
      );
      ok(`enrol ${m.email}`, e.enrollInProgram);
    }
  }
  return { userIds, created, signIn };
}
