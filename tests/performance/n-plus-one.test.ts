/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * No N+1, enforced: every list-returning operation of the load benchmark (`npm run bench`) runs through the
 * gateway with 1 item and with 50, and each subgraph must run the same number of SQL statements for both
 * (the gateway reports them per subgraph with EXPOSE_SQL_COUNT). Real data made through the API with
 * identity's real tokens: 50 approved mentors, a mentee with 1 relationship and one with 50 (each with a
 * SMART goal with two milestones and a meeting confirmed by both), their coach, an analyst.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principal, signIn, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';

const N = 50;
const PASSWORD = 'Perf-pass-2026';
const ADMIN = { email: `admin-${randomUUID().slice(0, 8)}@perf.test`, password: 'Perf-admin-2026' };
type Errors = Array<{ field: string; code?: string; message: string }>;
interface Account {
  email: string;
  token: string;
  userId: string;
}

let stack: Stack;
let orgId: string;
let programmeId: string;
let coach: Account;
let mentors: Account[] = [];
let menteeOne: Account;
let menteeMany: Account;
let searcher: Account;
const today = new Date().toISOString().slice(0, 10);
const year = today.slice(0, 4);

async function call<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await stack.gql<T>(query, variables, token ? { token } : {});
  if (res.errors) throw new Error(`${query.slice(0, 80)}…: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

async function noErrors(result: { errors: Errors }, what: string) {
  if (result.errors.length) throw new Error(`${what}: ${JSON.stringify(result.errors)}`);
}

async function login(email: string, password = PASSWORD): Promise<Account> {
  // staff through their second factor (the testkit enrols it on first sign-in and answers the challenge)
  const res = await signIn(stack, email, password, `errors { field message } session { accessToken user { id } }`);
  if (res.errors) throw new Error(`login: ${JSON.stringify(res.errors)}`);
  const data = res.data!;
  await noErrors(data.login, 'login');
  return { email, token: data.login.session.accessToken, userId: data.login.session.user.id };
}

async function register(displayName: string, roles: string[], organizationId?: string): Promise<Account> {
  const email = `${displayName.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 6)}@perf.test`;
  const data = await call(
    `mutation ($input: RegisterInput!) { register(input: $input) { errors { field message } } }`,
    { input: { email, password: PASSWORD, displayName, roles, organizationId } },
  );
  await noErrors(data.register, 'register');
  return login(email); // register answers without a session
}

async function inBatches<T, R>(items: T[], size: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)))));
  return out;
}

const INDUSTRIES = ['5412', '5415', '6211', '5413', '5221'];
const SKILLS = ['audit', 'financial reporting', 'python', 'leadership', 'interviews', 'networking', 'ifrs'];

async function menteeProfile(who: Account, i: number) {
  const data = await call(
    `mutation ($input: MenteeProfileInput!) { updateMenteeProfile(input: $input) { errors { field message } } }`,
    {
      input: {
        headline: `Newcomer professional ${i}`,
        industryCode: INDUSTRIES[i % INDUSTRIES.length],
        occupationCode: '11100',
        yearsExperience: 5,
        skills: ['audit', 'ifrs'],
        languages: ['en'],
        city: 'Toronto',
        country: 'CA',
        timeZone: 'America/Toronto',
        meetingPreferences: ['VIDEO'],
        livedExperience: ['newcomer to the country'],
        needs: ['canadian workplace culture'],
        goals: ['Build a professional network'],
      },
    },
    who.token,
  );
  await noErrors(data.updateMenteeProfile, 'mentee profile');
}

/** A relationship played as matching's MatchConfirmed, with a goal (two milestones) and a meeting confirmed by both. */
async function relationshipWithActivity(mentee: Account, mentor: Account) {
  const matchId = randomUUID();
  await stack.publish(
    'MatchConfirmed',
    {
      matchId,
      source: 'REQUEST',
      menteeId: mentee.userId,
      mentorId: mentor.userId,
      programmeId,
      cohortId: null,
      organizationId: orgId,
      coachId: null,
      // the first of this month: the meetings are spread over its first days (see activity)
      confirmedAt: `${today.slice(0, 7)}-01T00:00:00.000Z`,
      menteeEnrolledAt: null,
    },
    'matching',
  );
  return matchId;
}

async function activity(relationshipId: string, mentee: Account, mentor: Account, i: number) {
  const goal = await call(
    `mutation ($id: ID!, $input: SmartGoalInput!) { createGoal(relationshipId: $id, input: $input) { goal { id } errors { field message } } }`,
    {
      id: relationshipId,
      input: {
        title: `Goal ${i}`,
        specific: 'Chair one panel',
        measure: 'panels chaired',
        target: '1',
        attainable: 'Monthly panels at work',
        relevant: 'Move to management',
        dueOn: '2099-12-31',
      },
    },
    mentee.token,
  );
  await noErrors(goal.createGoal, 'goal');
  for (const title of ['Ask my manager', 'Prepare the agenda']) {
    const ms = await call(
      `mutation ($g: ID!, $t: String!) { addMilestone(goalId: $g, title: $t, dueOn: "2099-06-01") { errors { field message } } }`,
      { g: goal.createGoal.goal.id, t: title },
      mentee.token,
    );
    await noErrors(ms.addMilestone, 'milestone');
  }
  const logged = await call(
    `mutation ($id: ID!, $input: MeetingInput!) { logMeeting(relationshipId: $id, input: $input) { errors { field message } meeting { id } } }`,
    {
      id: relationshipId,
      input: {
        // a person has no two meetings at once and no more than a day's worth on one date: ten a day, 08:00 to 17:00
        // UTC from this month's 1st (relationships' clock reads the month's last day meanwhile)
        occurredOn: `${today.slice(0, 7)}-${String(1 + Math.floor(i / 10)).padStart(2, '0')}`,
        startTime: `${String(8 + (i % 10)).padStart(2, '0')}:00`,
        timeZone: 'UTC',
        durationMinutes: 60,
        mode: 'VIDEO',
        topics: ['Getting acquainted'],
        homework: null,
      },
    },
    mentee.token,
  );
  await noErrors(logged.logMeeting, 'log meeting');
  const confirmed = await call(
    `mutation ($id: ID!) { confirmMeeting(meetingId: $id) { errors { field message } } }`,
    { id: logged.logMeeting.meeting.id },
    mentor.token,
  );
  await noErrors(confirmed.confirmMeeting, 'confirm meeting');
}

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships, reporting],
    env: { identity: { BOOTSTRAP_ADMIN: 'true', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } },
    gatewayEnv: {
      RATE_LIMIT_PER_USER_PER_MINUTE: '100000',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000',
      // what each subgraph runs per item, every time: the gateway's shared answers (an approved mentor's name
      // served from an earlier answer) would hide identity's statements depending on what ran before
      SHARE_PUBLIC_ENTITIES: 'false',
    },
  });
  const admin = await login(ADMIN.email, ADMIN.password);
  const org = await call(
    `mutation ($input: OrganizationInput!) { createOrganization(input: $input) { errors { field message } organization { id } } }`,
    { input: { name: `Perf Partners ${randomUUID().slice(0, 4)}`, city: 'Toronto', country: 'CA' } },
    admin.token,
  );
  orgId = org.createOrganization.organization.id;
  const prog = await call(
    `mutation ($input: ProgramInput!) { createProgram(input: $input) { errors { field message } program { id } } }`,
    {
      input: {
        name: `Perf Programme ${randomUUID().slice(0, 4)}`,
        organizationIds: [orgId],
        terms: { targetHours: 24, durationWeeks: 16, minMeetings: 8, hoursOrMeetings: false },
        cpdCategory: 'Peer and professional interaction',
        requireSignedAgreement: false,
      },
    },
    admin.token,
  );
  await noErrors(prog.createProgram, 'programme');
  programmeId = prog.createProgram.program.id;

  const coachAccount = await register('Perf Coach', ['MENTEE']);
  const granted = await call(
    `mutation ($input: ChangeRolesInput!) { grantRoles(input: $input) { errors { field message } } }`,
    { input: { userId: coachAccount.userId, roles: ['COACH'], organizationId: orgId } },
    admin.token,
  );
  await noErrors(granted.grantRoles, 'grant coach');
  coach = await login(coachAccount.email);

  mentors = await inBatches(
    Array.from({ length: N }, (_, i) => i),
    5,
    async (i) => {
      const m = await register(`Mentor ${i} Perf`, ['MENTOR'], orgId);
      const p = await call(
        `mutation ($input: MentorProfileInput!) { updateMentorProfile(input: $input) { errors { field message } } }`,
        {
          input: {
            headline: `Mentor ${i}: ${SKILLS[i % SKILLS.length]} in ${INDUSTRIES[i % INDUSTRIES.length]}`,
            industryCode: INDUSTRIES[i % INDUSTRIES.length],
            occupationCode: '11100',
            yearsExperience: 5 + (i % 20),
            skills: [SKILLS[i % SKILLS.length], SKILLS[(i * 3) % SKILLS.length]],
            languages: ['en'],
            city: 'Toronto',
            country: 'CA',
            timeZone: 'America/Toronto',
            meetingPreferences: ['VIDEO'],
            hoursPerMonth: 4,
            capacity: 5,
            livedExperience: [],
            employer: `Firm ${i}`,
          },
        },
        m.token,
      );
      await noErrors(p.updateMentorProfile, 'mentor profile');
      const r = await call(
        `mutation ($input: ReviewMentorApplicationInput!) { reviewMentorApplication(input: $input) { errors { field message } } }`,
        { input: { userId: m.userId, decision: 'APPROVED', comment: 'ok' } },
        coach.token,
      );
      await noErrors(r.reviewMentorApplication, 'review');
      return m;
    },
  );
  [menteeOne, menteeMany, searcher] = await Promise.all(
    ['Solo Mentee', 'Busy Mentee', 'Searching Mentee'].map((name) => register(name, ['MENTEE'], orgId)),
  );
  await Promise.all([menteeOne, menteeMany, searcher].map((m, i) => menteeProfile(m, i)));

  const pairs: Array<[Account, Account]> = [
    [menteeOne, mentors[0]],
    ...mentors.map((m) => [menteeMany, m] as [Account, Account]),
  ];
  for (const [mentee, mentor] of pairs) await relationshipWithActivity(mentee, mentor);
  await stack.settle(60_000);
  const rows = await stack.sql<{ id: string; mentee_id: string; mentor_id: string }>(
    `SELECT id, mentee_id, mentor_id FROM relationships.relationship WHERE mentee_id = ANY($1::uuid[])`,
    [[menteeOne.userId, menteeMany.userId]],
  );
  expect(rows).toHaveLength(N + 1);
  const byId = new Map([...mentors, menteeOne, menteeMany].map((a) => [a.userId, a]));
  // a meeting is logged once it has ended: the month's meetings are logged as of its last day
  const realClock = relationships.clock;
  const [y, m] = today.split('-').map(Number);
  relationships.clock = () => new Date(Date.UTC(y, m, 0, 23, 0));
  try {
    await inBatches(rows, 5, (row, i) => activity(row.id, byId.get(row.mentee_id)!, byId.get(row.mentor_id)!, i));
  } finally {
    relationships.clock = realClock;
  }
  await stack.settle(60_000);
}, 600_000);

afterAll(async () => {
  await stack?.stop();
});

/** Runs the operation for the small and the large case and returns both responses (no GraphQL errors allowed). */
async function both(
  query: string,
  small: { vars: Record<string, unknown>; token: string },
  large: { vars: Record<string, unknown>; token: string },
) {
  const out = [];
  for (const c of [small, large]) {
    const res = await stack.gql<any>(query, c.vars, { token: c.token });
    expect(res.errors).toBeUndefined();
    expect(res.sqlStatements).toBeDefined();
    out.push(res);
  }
  process.stdout.write(
    `SQL statements per subgraph, 1 item: ${JSON.stringify(out[0].sqlStatements)}; 50 items: ${JSON.stringify(out[1].sqlStatements)}\n`,
  );
  return out as [(typeof out)[0], (typeof out)[0]];
}

export const DASHBOARD = `query Dashboard($from: LocalDate!, $to: LocalDate!) {
  me {
    id displayName
    menteeProfile { headline skills industry { code label } }
    relationships {
      id status startedOn
      mentor { id displayName mentorProfile { headline } }
      goals { title status milestones { title dueOn } }
      meetings { occurredOn durationMinutes status }
      progress { confirmedHours confirmedMeetings termsMet pace }
    }
    cpdHours
    cpdStatement(from: $from, to: $to) { verifiedHours verifiedMeetings }
  }
}`;

describe('no N+1 across the benchmark operations', () => {
  it('should answer the mentee dashboard with the same statements per subgraph for 1 and for 50 relationships', async () => {
    const vars = { from: `${year}-01-01`, to: `${year}-12-31` };
    const [one, many] = await both(DASHBOARD, { vars, token: menteeOne.token }, { vars, token: menteeMany.token });
    expect(one.data.me.relationships).toHaveLength(1);
    expect(many.data.me.relationships).toHaveLength(N);
    for (const r of many.data.me.relationships) {
      expect(r.mentor.displayName).toMatch(/^Mentor \d+ Perf$/);
      expect(r.mentor.mentorProfile.headline).toMatch(/^Mentor \d+:/);
      expect(r.goals).toHaveLength(1);
      expect(r.goals[0].milestones.map((m: any) => m.title).sort()).toEqual(['Ask my manager', 'Prepare the agenda']);
      expect(r.meetings).toHaveLength(1);
      expect(r.progress.confirmedHours).toBe(1);
    }
    expect(many.data.me.cpdStatement.verifiedHours).toBe(N);
    expect(one.data.me.cpdStatement.verifiedHours).toBe(1);
    expect(Object.keys(many.sqlStatements!).sort()).toEqual(['identity', 'relationships', 'reporting']);
    expect(many.sqlStatements).toEqual(one.sqlStatements);
    // and no more than these: identity reads the mentee with their profile (1) and the mentors with their public
    // profiles (2; shared answers, off here, take those from earlier answers); relationships the list, the goals
    // with their milestones and the meeting logs the progress is summed from; reporting both CPD totals at once
    expect(many.sqlStatements).toEqual({ identity: 3, relationships: 3, reporting: 1 });
  });

  it('should rank 1 and 50 mentors with the same statements per subgraph', async () => {
    const Q = `query ($first: Int!) { searchMentors(first: $first) { edges { node { displayName score headline mentor { id displayName mentorProfile { headline yearsExperience } } } } } }`;
    const [one, many] = await both(
      Q,
      { vars: { first: 1 }, token: searcher.token },
      { vars: { first: N }, token: searcher.token },
    );
    expect(one.data.searchMentors.edges).toHaveLength(1);
    expect(many.data.searchMentors.edges).toHaveLength(N);
    for (const e of many.data.searchMentors.edges) expect(e.node.mentor.displayName).toBe(e.node.displayName);
    expect(Object.keys(many.sqlStatements!).sort()).toEqual(['identity', 'matching']);
    expect(many.sqlStatements!.identity).toBe(one.sqlStatements!.identity);
    // matching: the index's read of what changed, what the search starts from (the mentee, who declined them, the
    // programme's weights), the page from the index's candidates
    expect(one.sqlStatements!.matching).toBe(3);
    // the ranking widens its seed (same code, then code family, then everyone) when fewer than a page share the
    // asked code: a page of 50 may take one or two statements more than a page of 1, never one per mentor
    expect(many.sqlStatements!.matching - one.sqlStatements!.matching).toBeGreaterThanOrEqual(0);
    expect(many.sqlStatements!.matching - one.sqlStatements!.matching).toBeLessThanOrEqual(2);
  });

  it("should list 1 and 50 of an organisation's relationships for its coach with the same statements per subgraph", async () => {
    const Q = `query ($first: Int!) { organizationRelationships(first: $first) { nodes { id status atRisk atRiskFlags { code }
      mentee { displayName } mentor { displayName } progress { confirmedHours confirmedMeetings pace } } } }`;
    const [one, many] = await both(
      Q,
      { vars: { first: 1 }, token: coach.token },
      { vars: { first: N }, token: coach.token },
    );
    expect(one.data.organizationRelationships.nodes).toHaveLength(1);
    expect(many.data.organizationRelationships.nodes).toHaveLength(N);
    for (const r of many.data.organizationRelationships.nodes) {
      expect(['Solo Mentee', 'Busy Mentee']).toContain(r.mentee.displayName);
      expect(r.mentor.displayName).toMatch(/^Mentor \d+ Perf$/);
      expect(r.progress.confirmedMeetings).toBe(1);
    }
    expect(Object.keys(many.sqlStatements!).sort()).toEqual(['identity', 'relationships']);
    expect(many.sqlStatements).toEqual(one.sqlStatements);
  });

  it("should answer 1 and 50 pairs of a coach's caseload with the same statements per subgraph", async () => {
    const Q = `query ($first: Int!) { caseload(first: $first) { atRiskCount checkInsDueCount edges { node { id status
      atRiskFlags { code reason } lastConfirmedMeetingOn checkInDue { reason dueOn } checkIns { heldOn }
      mentee { displayName } mentor { displayName } progress { confirmedHours pace } } } } }`;
    const [one, many] = await both(
      Q,
      { vars: { first: 1 }, token: coach.token },
      { vars: { first: N }, token: coach.token },
    );
    expect(one.data.caseload.edges).toHaveLength(1);
    expect(many.data.caseload.edges).toHaveLength(N);
    for (const { node: r } of many.data.caseload.edges) {
      expect(r.mentor.displayName).toMatch(/^Mentor \d+ Perf$/);
      expect(r.lastConfirmedMeetingOn).not.toBeNull();
    }
    expect(Object.keys(many.sqlStatements!).sort()).toEqual(['identity', 'relationships']);
    expect(many.sqlStatements).toEqual(one.sqlStatements);
  });

  it('should compute programme stats for 1 month and for 50 months with the same statements', async () => {
    const analyst = await stack.token(principal('ANALYST', null));
    const Q = `query ($from: LocalDate!, $to: LocalDate!, $programId: ID) { programStats(from: $from, to: $to, groupBy: MONTH, filter: { programId: $programId }) {
      groupKey groupLabel matches menteesEnrolled mentorsEnrolled meetingsConfirmed hoursConfirmed } }`;
    const month = today.slice(0, 7);
    const start = new Date(`${month}-01T00:00:00Z`);
    const fiftyBack = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - (N - 1), 1))
      .toISOString()
      .slice(0, 10);
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    const [one, many] = await both(
      Q,
      { vars: { from: `${month}-01`, to: end, programId: programmeId }, token: analyst },
      { vars: { from: fiftyBack, to: end, programId: programmeId }, token: analyst },
    );
    const thisMonth = (rows: any[]) => rows.find((r) => r.groupKey === month);
    expect(thisMonth(one.data.programStats)).toMatchObject({ matches: N + 1, meetingsConfirmed: N + 1 });
    expect(thisMonth(many.data.programStats)).toMatchObject({ matches: N + 1, meetingsConfirmed: N + 1 });
    expect(many.data.programStats.length).toBeGreaterThanOrEqual(one.data.programStats.length);
    expect(many.sqlStatements).toEqual(one.sqlStatements);
  });

  it('should compute programme stats grouped by programme for one programme and for all with the same statements', async () => {
    const analyst = await stack.token(principal('ANALYST', null));
    const Q = `query ($from: LocalDate!, $to: LocalDate!, $programId: ID) { programStats(from: $from, to: $to, groupBy: PROGRAM, filter: { programId: $programId }) { groupKey groupLabel matches } }`;
    const vars = { from: `${year}-01-01`, to: `${year}-12-31` };
    const [one, many] = await both(
      Q,
      { vars: { ...vars, programId: programmeId }, token: analyst },
      { vars, token: analyst },
    );
    expect(one.data.programStats.find((r: any) => r.groupKey === programmeId)).toMatchObject({ matches: N + 1 });
    expect(many.data.programStats.length).toBeGreaterThanOrEqual(one.data.programStats.length);
    expect(many.sqlStatements).toEqual(one.sqlStatements);
  });
});
