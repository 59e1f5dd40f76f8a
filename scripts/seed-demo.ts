/**
 * `npm run seed:demo`: loads a small, realistic demo programme through the gateway's GraphQL API only,
 * as real people would (the admin sets up organisations, the programme and staff; people register,
 * mentors apply and are approved, mentees fill in needs assessments, requests and proposals are answered,
 * partners sign agreements, set goals and confirm meetings; one relationship completes with feedback).
 * Idempotent: people and organisations are found before being created, and the workflows of a mentee
 * who already has requests or relationships are not replayed. A part whose API is not deployed yet is
 * skipped with a printed note.
 *
 * Environment: GATEWAY_URL (…/graphql), ADMIN_EMAIL, ADMIN_PASSWORD.
 */

export const DEMO_PASSWORD = 'Tandem-demo-2026';
export const DEMO_PROGRAM = 'Career Bridge Mentoring';
export const DEMO_ORGS = [
  { key: 'northbridge', name: 'Northbridge Newcomer Services', city: 'Toronto', country: 'CA' },
  { key: 'lakeshore', name: 'Lakeshore Professional Association', city: 'Mississauga', country: 'CA' },
] as const;
type OrgKey = (typeof DEMO_ORGS)[number]['key'];

interface Person {
  key: string;
  email: string;
  name: string;
  org: OrgKey | null;
  roles: Array<'MENTOR' | 'MENTEE'>;
  staff?: Array<'COACH' | 'PROGRAMME_ADMIN' | 'ANALYST' | 'ADMIN'>;
}

const D = 'demo.tandem.local';
export const DEMO_STAFF: Person[] = [
  {
    key: 'coachNorth',
    email: `priya.raman@${D}`,
    name: 'Priya Raman',
    org: 'northbridge',
    roles: ['MENTEE'],
    staff: ['COACH'],
  },
  {
    key: 'coachLake',
    email: `marc.tremblay@${D}`,
    name: 'Marc Tremblay',
    org: 'lakeshore',
    roles: ['MENTEE'],
    staff: ['COACH'],
  },
  {
    key: 'programAdmin',
    email: `helen.osei@${D}`,
    name: 'Helen Osei',
    org: null,
    roles: ['MENTEE'],
    staff: ['PROGRAMME_ADMIN'],
  },
  {
    key: 'analyst',
    email: `sam.whitfield@${D}`,
    name: 'Sam Whitfield',
    org: null,
    roles: ['MENTEE'],
    staff: ['ANALYST'],
  },
];

interface MentorSpec extends Person {
  approve: boolean;
  profile: Record<string, unknown>;
}
export const DEMO_MENTORS: MentorSpec[] = [
  {
    key: 'amara',
    email: `amara.okafor@${D}`,
    name: 'Amara Okafor',
    org: 'northbridge',
    roles: ['MENTOR'],
    approve: true,
    profile: {
      headline: 'Senior software engineer, platform teams',
      bio: 'Came to Canada in 2012; now leads a platform team and loves helping newcomers land their first role.',
      industryCode: '5415',
      occupationCode: '21231',
      yearsExperience: 14,
      skills: ['software engineering', 'interviewing', 'cloud', 'leadership'],
      languages: ['English', 'Yoruba'],
      city: 'Toronto',
      country: 'CA',
      timeZone: 'America/Toronto',
      meetingPreferences: ['VIDEO', 'IN_PERSON'],
      hoursPerMonth: 6,
      livedExperience: ['newcomer', 'career change'],
      employer: 'Shopwise',
      capacity: 3,
    },
  },
  {
    key: 'luis',
    email: `luis.fernandez@${D}`,
    name: 'Luis Fernández',
    org: 'northbridge',
    roles: ['MENTOR'],
    approve: true,
    profile: {
      headline: 'Civil engineer and project manager',
      bio: 'P.Eng. with twenty years in infrastructure; guides internationally trained engineers through licensing.',
      industryCode: '54',
      occupationCode: '21300',
      yearsExperience: 20,
      skills: ['project management', 'licensing', 'infrastructure'],
      languages: ['English', 'Spanish'],
      city: 'Toronto',
      country: 'CA',
      timeZone: 'America/Toronto',
      meetingPreferences: ['IN_PERSON', 'PHONE'],
      hoursPerMonth: 4,
      livedExperience: ['newcomer'],
      employer: 'Metrolinx',
      capacity: 2,
    },
  },
  {
    key: 'mei',
    email: `mei.chen@${D}`,
    name: 'Mei Chen',
    org: 'lakeshore',
    roles: ['MENTOR'],
    approve: true,
    profile: {
      headline: 'Financial analyst, banking',
      bio: 'CFA charterholder; helps accountants and analysts translate their experience for Canadian employers.',
      industryCode: '5221',
      occupationCode: '11100',
      yearsExperience: 11,
      skills: ['financial analysis', 'networking', 'resume writing'],
      languages: ['English', 'Mandarin'],
      city: 'Mississauga',
      country: 'CA',
      timeZone: 'America/Toronto',
      meetingPreferences: ['VIDEO'],
      hoursPerMonth: 5,
      livedExperience: ['newcomer', 'first-generation professional'],
      employer: 'Lakeshore Bank',
      capacity: 3,
    },
  },
  {
    key: 'david',
    email: `david.mensah@${D}`,
    name: 'David Mensah',
    org: 'lakeshore',
    roles: ['MENTOR'],
    approve: true,
    profile: {
      headline: 'Nurse manager, community health',
      bio: 'Twenty years in Ontario hospitals; mentors internationally educated nurses.',
      industryCode: '6211',
      occupationCode: '31301',
      yearsExperience: 19,
      skills: ['nursing', 'leadership', 'interviewing'],
      languages: ['English', 'French', 'Twi'],
      city: 'Mississauga',
      country: 'CA',
      timeZone: 'America/Toronto',
      meetingPreferences: ['PHONE', 'VIDEO'],
      hoursPerMonth: 4,
      livedExperience: ['newcomer', 'returning to work'],
      employer: 'Trillium Health',
      capacity: 2,
    },
  },
  {
    key: 'sofia',
    email: `sofia.rossi@${D}`,
    name: 'Sofia Rossi',
    org: 'northbridge',
    roles: ['MENTOR'],
    approve: false,
    profile: {
      headline: 'Data scientist, retail analytics',
      bio: 'Builds forecasting models; wants to give back to the programme that helped her.',
      industryCode: '5415',
      occupationCode: '21211',
      yearsExperience: 8,
      skills: ['data science', 'python', 'interviewing'],
      languages: ['English', 'Italian'],
      city: 'Toronto',
      country: 'CA',
      timeZone: 'America/Toronto',
      meetingPreferences: ['VIDEO'],
      hoursPerMonth: 4,
      livedExperience: ['newcomer'],
      employer: 'Loblaw Digital',
      capacity: 2,
    },
  },
  {
    key: 'omar',
    email: `omar.haddad@${D}`,
    name: 'Omar Haddad',
    org: 'lakeshore',
    roles: ['MENTOR'],
    approve: false,
    profile: {
      headline: 'HR business partner',
      bio: 'Hiring manager perspective on resumes, interviews and first 90 days.',
      industryCode: '52',
      occupationCode: '11100',
      yearsExperience: 12,
      skills: ['recruiting', 'resume writing', 'interviewing'],
      languages: ['English', 'Arabic', 'French'],
      city: 'Mississauga',
      country: 'CA',
      timeZone: 'America/Toronto',
      meetingPreferences: ['VIDEO', 'PHONE'],
      hoursPerMonth: 3,
      livedExperience: ['career change'],
      employer: 'Sun Life',
      capacity: 2,
    },
  },
];

interface MenteeSpec extends Person {
  profile: Record<string, unknown>;
}
export const DEMO_MENTEES: MenteeSpec[] = [
  {
    key: 'ana',
    email: `ana.silva@${D}`,
    name: 'Ana Silva',
    org: 'northbridge',
    roles: ['MENTEE'],
    profile: {
      headline: 'Software developer, 6 years in São Paulo',
      industryCode: '5415',
      occupationCode: '21231',
      yearsExperience: 6,
      skills: ['software engineering', 'interviewing'],
      languages: ['Portuguese', 'English'],
      city: 'Toronto',
      country: 'CA',
      timeZone: 'America/Toronto',
      meetingPreferences: ['VIDEO'],
      hoursPerMonth: 6,
      livedExperience: ['newcomer'],
      needs: ['Canadian interview practice', 'networking in tech'],
      goals: ['Land a developer role', 'Build a professional network', 'Understand Canadian workplace culture'],
      constraints: 'Evenings only',
    },
  },
  {
    key: 'rahul',
    email: `rahul.mehta@${D}`,
    name: 'Rahul Mehta',
    org: 'northbridge',
    roles: ['MENTEE'],
    profile: {
      headline: 'Structural engineer seeking P.Eng.',
      industryCode: '54',
      occupationCode: '21300',
      yearsExperience: 9,
      skills: ['project management', 'licensing'],
      languages: ['English', 'Hindi'],
      city: 'Toronto',
      country: 'CA',
      timeZone: 'America/Toronto',
      meetingPreferences: ['IN_PERSON'],
      hoursPerMonth: 4,
      livedExperience: ['newcomer'],
      needs: ['licensing pathway', 'Canadian experience'],
      goals: ['Get P.Eng. licence', 'Find an EIT position'],
      constraints: 'Weekends preferred',
    },
  },
  {
    key: 'fatima',
    email: `fatima.zahra@${D}`,
    name: 'Fatima Zahra',
    org: 'lakeshore',
    roles: ['MENTEE'],
    profile: {
      headline: 'Accountant (ACCA) new to Canada',
      industryCode: '5221',
      occupationCode: '11100',
      yearsExperience: 7,
      skills: ['financial analysis', 'resume writing'],
      languages: ['English', 'Arabic', 'French'],
      city: 'Mississauga',
      country: 'CA',
      timeZone: 'America/Toronto',
      meetingPreferences: ['VIDEO'],
      hoursPerMonth: 5,
      livedExperience: ['newcomer'],
      needs: ['CPA bridging', 'resume'],
      goals: ['Start CPA bridging', 'Get an analyst interview'],
      constraints: null,
    },
  },
  {
    key: 'chen',
    email: `wei.chen@${D}`,
    name: 'Wei Chen',
    org: 'lakeshore',
    roles: ['MENTEE'],
    profile: {
      headline: 'Registered nurse from Shanghai',
      industryCode: '6211',
      occupationCode: '31301',
      yearsExperience: 10,
      skills: ['nursing'],
      languages: ['Mandarin', 'English'],
      city: 'Mississauga',
      country: 'CA',
      timeZone: 'America/Toronto',
      meetingPreferences: ['PHONE'],
      hoursPerMonth: 4,
      livedExperience: ['newcomer'],
      needs: ['NCLEX preparation', 'clinical placement'],
      goals: ['Pass NCLEX', 'Find a clinical placement'],
      constraints: 'Shift work',
    },
  },
  {
    key: 'kofi',
    email: `kofi.boateng@${D}`,
    name: 'Kofi Boateng',
    org: 'northbridge',
    roles: ['MENTEE'],
    profile: {
      headline: 'Data analyst moving into data science',
      industryCode: '5415',
      occupationCode: '21211',
      yearsExperience: 4,
      skills: ['python', 'data science'],
      languages: ['English', 'Twi'],
      city: 'Toronto',
      country: 'CA',
      timeZone: 'America/Toronto',
      meetingPreferences: ['VIDEO'],
      hoursPerMonth: 4,
      livedExperience: ['newcomer', 'career change'],
      needs: ['portfolio review', 'interview practice'],
      goals: ['Build a data science portfolio', 'Get a data scientist role'],
      constraints: null,
    },
  },
  {
    key: 'elena',
    email: `elena.petrova@${D}`,
    name: 'Elena Petrova',
    org: 'lakeshore',
    roles: ['MENTEE'],
    profile: {
      headline: 'HR generalist returning to work',
      industryCode: '52',
      occupationCode: '11100',
      yearsExperience: 8,
      skills: ['recruiting'],
      languages: ['English', 'Russian'],
      city: 'Mississauga',
      country: 'CA',
      timeZone: 'America/Toronto',
      meetingPreferences: ['VIDEO', 'PHONE'],
      hoursPerMonth: 3,
      livedExperience: ['returning to work', 'newcomer'],
      needs: ['confidence', 'networking'],
      goals: ['Return to an HR role'],
      constraints: 'School hours',
    },
  },
  {
    key: 'jose',
    email: `jose.ramirez@${D}`,
    name: 'José Ramírez',
    org: 'northbridge',
    roles: ['MENTEE'],
    profile: {
      headline: 'Mechanical engineer',
      industryCode: '54',
      occupationCode: '21300',
      yearsExperience: 5,
      skills: ['project management'],
      languages: ['Spanish', 'English'],
      city: 'Toronto',
      country: 'CA',
      timeZone: 'America/Toronto',
      meetingPreferences: ['IN_PERSON', 'VIDEO'],
      hoursPerMonth: 4,
      livedExperience: ['newcomer'],
      needs: ['licensing pathway'],
      goals: ['Understand the P.Eng. process'],
      constraints: null,
    },
  },
];

export interface SeedOptions {
  gatewayUrl: string;
  adminEmail: string;
  adminPassword: string;
  log?: (line: string) => void;
}

export interface SeedResult {
  /** True when the demo was already complete and nothing changed. */
  alreadyLoaded: boolean;
  notes: string[];
  organizationIds: Record<OrgKey, string>;
  programId: string;
  cohortId: string | null;
  userIds: Record<string, string>;
}

interface GqlError {
  message: string;
  extensions?: { code?: string };
}

/** The demo, loaded through the gateway. */
export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? ((line: string) => console.log(`[seed] ${line}`));
  const notes: string[] = [];
  const note = (line: string) => {
    notes.push(line);
    log(`note: ${line}`);
  };

  // an untyped answer by default: each call reads the fields its own query string asks for
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(options.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }))) as {
        data?: T;
        errors?: GqlError[];
      };
      const limited = body.errors?.find((e) => e.extensions?.code === 'RATE_LIMITED');
      if (limited && attempt < 5) {
        const wait = Number((limited.extensions as { retryAfterSeconds?: number }).retryAfterSeconds ?? 2);
        await new Promise((r) => setTimeout(r, Math.min(wait, 30) * 1000));
        continue;
      }
      if (body.errors?.length)
        throw new Error(
          `${body.errors.map((e) => `${e.message} (${e.extensions?.code ?? '?'})`).join('; ')} in ${query.slice(0, 80).replace(/\s+/g, ' ')}`,
        );
      return body.data as T;
    }
  }
  /** Throws when a result payload carries field errors. */
  function ok<R extends { errors: Array<{ field: string; message: string }> }>(what: string, result: R): R {
    if (result.errors.length)
      throw new Error(`${what}: ${result.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    return result;
  }

  /** A part built on an API still changing: a failure becomes a note, not a failed seed. */
  async function optional(what: string, part: () => Promise<void>): Promise<void> {
    try {
      await part();
    } catch (error) {
      note(`${what} skipped: ${(error as Error).message}`);
    }
  }

  // what the deployed API offers (a part whose API is missing is skipped)
  const schema = await gql<{
    __schema: { queryType: { fields: Array<{ name: string }> }; mutationType: { fields: Array<{ name: string }> } };
  }>(`{ __schema { queryType { fields { name } } mutationType { fields { name } } } }`);
  const api = new Set([...schema.__schema.queryType.fields, ...schema.__schema.mutationType.fields].map((f) => f.name));
  const has = (...names: string[]) => names.every((n) => api.has(n));

  const SESSION = `ok errors { field code message } session { accessToken user { id } }`;
  const adminLogin = await gql(
    `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ${SESSION} } }`,
    { e: options.adminEmail, p: options.adminPassword },
  );
  if (!adminLogin.login.ok) throw new Error(`the admin could not sign in: ${JSON.stringify(adminLogin.login.errors)}`);
  const admin: string = adminLogin.login.session.accessToken;

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
  const today = new Date();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
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
    const reg = ok(`register ${p.email}`, r.register);
    userIds[p.key] = reg.session.user.id;
    tokens[p.key] = reg.session.accessToken;
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

  const alreadyLoaded = created.size === 0;
  const result: SeedResult = { alreadyLoaded, notes, organizationIds, programId, cohortId, userIds };
  if (alreadyLoaded) {
    log('the demo is already loaded: nothing changed');
    return result;
  }

  // requests in every state, coach proposals, then the relationships they start
  const person = (key: string) => [...DEMO_STAFF, ...DEMO_MENTORS, ...DEMO_MENTEES].find((p) => p.key === key)!;
  const as = (key: string) => signIn(person(key));
  const fresh = (key: string) => created.has(key);

  async function waitForRelationship(menteeKey: string, mentorKey: string): Promise<string | null> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const r = await gql(`{ me { relationships { id mentor { id } } } }`, {}, await as(menteeKey));
      const rel = (r.me.relationships ?? []).find(
        (x: { mentor: { id: string } }) => x.mentor.id === userIds[mentorKey],
      );
      if (rel) return rel.id;
      await new Promise((res) => setTimeout(res, 250));
    }
    note(`the relationship of ${person(menteeKey).name} and ${person(mentorKey).name} did not appear within 30 s`);
    return null;
  }

  const relationships: Array<{ id: string; mentee: string; mentor: string }> = [];
  if (has('sendMentoringRequest', 'acceptMentoringRequest', 'declineMentoringRequest', 'withdrawMentoringRequest')) {
    const send = async (mentee: string, mentor: string, message: string) => {
      const r = await gql(
        `mutation ($m: ID!, $p: ID!, $t: String!) { sendMentoringRequest(mentorId: $m, programmeId: $p, message: $t) { request { id } errors { field code message } } }`,
        { m: userIds[mentor], p: programId, t: message },
        await as(mentee),
      );
      return ok(`request ${mentee}→${mentor}`, r.sendMentoringRequest).request.id as string;
    };
    if (fresh('ana')) {
      const id = await send(
        'ana',
        'amara',
        'I am a developer from São Paulo preparing for Canadian interviews; your path sounds close to mine.',
      );
      ok(
        'accept',
        (
          await gql(
            `mutation ($r: ID!) { acceptMentoringRequest(requestId: $r) { request { id } errors { field code message } } }`,
            { r: id },
            await as('amara'),
          )
        ).acceptMentoringRequest,
      );
      const rel = await waitForRelationship('ana', 'amara');
      if (rel) relationships.push({ id: rel, mentee: 'ana', mentor: 'amara' });
    }
    if (fresh('fatima')) {
      const id = await send(
        'fatima',
        'mei',
        'I am an ACCA accountant starting CPA bridging; I would value your advice on analyst roles.',
      );
      ok(
        'accept',
        (
          await gql(
            `mutation ($r: ID!) { acceptMentoringRequest(requestId: $r) { request { id } errors { field code message } } }`,
            { r: id },
            await as('mei'),
          )
        ).acceptMentoringRequest,
      );
      const rel = await waitForRelationship('fatima', 'mei');
      if (rel) relationships.push({ id: rel, mentee: 'fatima', mentor: 'mei' });
    }
    if (fresh('kofi')) {
      await send('kofi', 'amara', 'Could you review my data portfolio and help me prepare for interviews?'); // stays PENDING
      const declined = await send('kofi', 'david', 'I am moving into data science and would like a mentor.');
      ok(
        'decline',
        (
          await gql(
            `mutation ($r: ID!, $t: String!) { declineMentoringRequest(requestId: $r, reason: $t) { request { id } errors { field code message } } }`,
            { r: declined, t: 'My experience is in nursing; a mentor in tech would serve you better.' },
            await as('david'),
          )
        ).declineMentoringRequest,
      );
    }
    if (fresh('elena')) {
      const withdrawn = await send('elena', 'mei', 'I am returning to HR work after a break.');
      ok(
        'withdraw',
        (
          await gql(
            `mutation ($r: ID!) { withdrawMentoringRequest(requestId: $r) { request { id } errors { field code message } } }`,
            { r: withdrawn },
            await as('elena'),
          )
        ).withdrawMentoringRequest,
      );
    }
    note(
      'EXPIRED requests appear only after the expiry job runs (14 days after sending); the demo cannot create one through the API',
    );
  } else note('mentoring requests are not deployed yet: requests skipped');

  if (has('proposeMatch', 'confirmMatchProposal')) {
    if (fresh('rahul')) {
      const r = await gql(
        `mutation ($me: ID!, $mo: ID!, $p: ID!, $n: String!) { proposeMatch(menteeId: $me, mentorId: $mo, programmeId: $p, note: $n) { proposal { id } errors { field code message } } }`,
        {
          me: userIds.rahul,
          mo: userIds.luis,
          p: programId,
          n: 'Rahul is working toward his P.Eng.; your licensing experience is exactly what he needs.',
        },
        await as('coachNorth'),
      );
      const proposal = ok('proposeMatch', r.proposeMatch).proposal.id;
      ok(
        'confirm',
        (
          await gql(
            `mutation ($p: ID!) { confirmMatchProposal(proposalId: $p) { proposal { id } errors { field code message } } }`,
            { p: proposal },
            await as('luis'),
          )
        ).confirmMatchProposal,
      );
      const rel = await waitForRelationship('rahul', 'luis');
      if (rel) relationships.push({ id: rel, mentee: 'rahul', mentor: 'luis' });
    }
    if (fresh('chen')) {
      const r = await gql(
        `mutation ($me: ID!, $mo: ID!, $p: ID!, $n: String!) { proposeMatch(menteeId: $me, mentorId: $mo, programmeId: $p, note: $n) { proposal { id } errors { field code message } } }`,
        {
          me: userIds.chen,
          mo: userIds.david,
          p: programId,
          n: 'Wei is preparing for the NCLEX; your nursing leadership would help.',
        },
        await as('coachLake'),
      );
      const proposal = ok('proposeMatch', r.proposeMatch).proposal.id;
      ok(
        'confirm',
        (
          await gql(
            `mutation ($p: ID!) { confirmMatchProposal(proposalId: $p) { proposal { id } errors { field code message } } }`,
            { p: proposal },
            await as('david'),
          )
        ).confirmMatchProposal,
      );
      const rel = await waitForRelationship('chen', 'david');
      if (rel) relationships.push({ id: rel, mentee: 'chen', mentor: 'david' });
    }
    if (fresh('jose')) {
      const r = await gql(
        `mutation ($me: ID!, $mo: ID!, $p: ID!, $n: String!) { proposeMatch(menteeId: $me, mentorId: $mo, programmeId: $p, note: $n) { proposal { id } errors { field code message } } }`,
        {
          me: userIds.jose,
          mo: userIds.luis,
          p: programId,
          n: 'José is a mechanical engineer starting the licensing process.',
        },
        await as('coachNorth'),
      );
      ok('proposeMatch', r.proposeMatch); // stays PROPOSED
    }
  } else note('coach proposals are not deployed yet: proposals skipped');

  // agreements, goals and meetings confirmed by both
  for (const [i, rel] of relationships.entries()) {
    const mentee = await as(rel.mentee);
    const mentor = await as(rel.mentor);
    if (has('draftAgreement', 'signAgreement')) {
      const d = await gql(
        `mutation ($r: ID!, $i: AgreementInput!) { draftAgreement(relationshipId: $r, input: $i) { agreement { current { version } } errors { field code message } } }`,
        {
          r: rel.id,
          i: {
            topGoals: (person(rel.mentee) as MenteeSpec).profile.goals as string[],
            meetingPlace: 'Video call or the Northbridge office',
            meetingTime: 'Every other Wednesday, 6 pm',
            meetingLengthMinutes: 90,
            meetingFrequency: 'Every two weeks',
            initiator: 'MENTEE',
            confidentiality: 'STAYS_BETWEEN_US_UNLESS_PERMISSION',
            durationWeeks: 17,
          },
        },
        mentee,
      );
      const version = ok('draftAgreement', d.draftAgreement).agreement.current.version;
      // the last relationship's mentor has not signed yet: its agreement is awaiting a signature
      const signers = i === relationships.length - 1 ? [mentee] : [mentee, mentor];
      for (const t of signers)
        ok(
          'signAgreement',
          (
            await gql(
              `mutation ($r: ID!, $v: Int!) { signAgreement(relationshipId: $r, version: $v) { errors { field code message } } }`,
              { r: rel.id, v: version },
              t,
            )
          ).signAgreement,
        );
    } else note('agreements are not deployed yet');
    if (has('createGoal')) {
      const goals = ((person(rel.mentee) as MenteeSpec).profile.goals as string[]).slice(0, 2);
      for (const g of goals) {
        ok(
          'createGoal',
          (
            await gql(
              `mutation ($r: ID!, $i: SmartGoalInput!) { createGoal(relationshipId: $r, input: $i) { goal { id } errors { field code message } } }`,
              {
                r: rel.id,
                i: {
                  title: g,
                  specific: `${g} in the Greater Toronto Area`,
                  measure: 'steps completed',
                  target: '5',
                  attainable: 'Builds on existing experience with weekly effort',
                  relevant: 'Directly serves the career goal set at intake',
                  dueOn: iso(addDays(today, 90)),
                },
              },
              mentee,
            )
          ).createGoal,
        );
      }
    }
    if (has('logMeeting', 'confirmMeeting')) {
      const meetings = i === 0 ? 3 : 2;
      for (let m = 0; m < meetings; m++) {
        const l = await gql(
          `mutation ($r: ID!, $i: MeetingInput!) { logMeeting(relationshipId: $r, input: $i) { meeting { id } errors { field code message } } }`,
          {
            r: rel.id,
            i: {
              occurredOn: iso(today),
              startTime: `${String(9 + m * 3).padStart(2, '0')}:00`,
              durationMinutes: 60 + m * 30,
              mode: m % 2 ? 'IN_PERSON' : 'VIDEO',
              topics: [['Introductions and goals', 'Resume review'][m % 2], 'Next steps'],
              homework: 'Update the resume and send two networking messages',
            },
          },
          mentor,
        );
        const meetingId = ok('logMeeting', l.logMeeting).meeting.id;
        // the last meeting of the second relationship awaits the mentee's confirmation
        if (!(i === 1 && m === meetings - 1))
          ok(
            'confirmMeeting',
            (
              await gql(
                `mutation ($m: ID!) { confirmMeeting(meetingId: $m) { errors { field code message } } }`,
                { m: meetingId },
                mentee,
              )
            ).confirmMeeting,
          );
      }
    }
  }

  // one completed relationship with feedback from both
  const done = relationships.find((r) => r.mentee === 'fatima');
  if (done && has('completeRelationship')) {
    for (const key of [done.mentor, done.mentee])
      ok(
        'completeRelationship',
        (
          await gql(
            `mutation ($r: ID!) { completeRelationship(id: $r) { errors { field code message } } }`,
            { r: done.id },
            await as(key),
          )
        ).completeRelationship,
      );
    if (has('submitFeedback'))
      await optional('feedback', async () => {
        const q = await gql(`{ __type(name: "FeedbackQuestion") { enumValues { name } } }`);
        const questions: string[] = q.__type?.enumValues.map((v: { name: string }) => v.name) ?? [];
        for (const [key, comment] of [
          [done.mentor, 'Fatima worked hard; rewarding experience.'],
          [done.mentee, 'Mei opened doors I did not know existed. Thank you!'],
        ] as const) {
          const f = await gql(
            `mutation ($r: ID!, $i: FeedbackInput!) { submitFeedback(relationshipId: $r, input: $i) { errors { field code message } } }`,
            {
              r: done.id,
              i: { ratings: questions.map((question, n) => ({ question, rating: 5 - (n % 2) })), comments: comment },
            },
            await as(key),
          );
          ok('submitFeedback', f.submitFeedback);
        }
      });
    else note('feedback is not deployed yet: the completed relationship has no feedback');
  }

  // a coach check-in on an active relationship
  const checked = relationships.find((r) => r.mentee === 'ana');
  if (checked && has('recordCheckIn'))
    await optional('the coach check-in', async () => {
      const c = await gql(
        `mutation ($r: ID!, $i: CheckInInput!) { recordCheckIn(relationshipId: $r, input: $i) { errors { field code message } } }`,
        {
          r: checked.id,
          i: {
            heldOn: iso(today),
            notes: 'Both partners engaged; agreement signed and three meetings confirmed.',
            followUp: 'Check progress on the resume',
            followUpOn: iso(addDays(today, 21)),
          },
        },
        await as('coachNorth'),
      );
      ok('recordCheckIn', c.recordCheckIn);
    });
  else if (checked) note('coach check-ins are not deployed yet');

  // an open audit cycle (opened by the admin, so the programme admin can review it: nobody decides their own audit)
  if (has('openAuditCycle'))
    await optional('the audit cycle', async () => {
      const a = await gql(
        `mutation ($i: OpenAuditCycleInput!) { openAuditCycle(input: $i) { audit { id selections { id } } errors { field code message } } }`,
        {
          i: {
            from: iso(addDays(today, -365)),
            to: iso(today),
            sampleRate: 0.5,
            seed: 'demo-2026',
            strategy: 'UNIFORM',
            dueInDays: 30,
          },
        },
        admin,
      );
      const audit = ok('openAuditCycle', a.openAuditCycle).audit;
      log(`audit cycle with ${audit.selections.length} selection(s)`);
    });
  else note('audits are not deployed yet: no audit cycle');

  log(
    `demo loaded: ${DEMO_STAFF.length} staff, ${DEMO_MENTORS.length} mentors, ${DEMO_MENTEES.length} mentees, ${relationships.length} relationships`,
  );
  return result;
}

const isMain = process.argv[1]?.endsWith('seed-demo.ts') || process.argv[1]?.endsWith('seed-demo.js');
if (isMain) {
  const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  const adminEmail = process.env.ADMIN_EMAIL ?? 'admin@tandem.local';
  const adminPassword = process.env.ADMIN_PASSWORD;
  if (!adminPassword) {
    console.error('[seed] ADMIN_PASSWORD is required (npm start keeps it in .data/admin.json)');
    process.exit(1);
  }
  seedDemo({ gatewayUrl, adminEmail, adminPassword }).then(
    (r) => {
      if (r.notes.length) console.log(`[seed] ${r.notes.length} part(s) skipped, see the notes above`);
    },
    (error: unknown) => {
      console.error(`[seed] failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
