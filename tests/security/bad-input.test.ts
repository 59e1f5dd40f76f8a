/**
 * Hostile input, property-based (fast-check): random, huge, empty, unicode, negative, out-of-range and
 * wrong-enum values in the inputs of the main mutations. Every refusal is a clear error with a stable code
 * (a GraphQL error with a code other than INTERNAL_SERVER_ERROR, or a result payload whose FieldErrors name
 * the field), and a refused mutation writes nothing: the row counts of every service table, of every
 * `event_log` and of the outbox are unchanged. The file runs on a database of its own, so that other test
 * files' writes do not move the counts.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type GraphQLResponse, type Stack, isolatedDatabase, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import {
  addDays,
  adminEnv,
  AGREEMENT,
  buildWorld,
  GOAL,
  MEETING,
  MENTEE_PROFILE,
  MENTOR_PROFILE,
  type World,
} from '../support/world';

const SERVICES = [identity, matching, relationships, reporting];
const NUM_RUNS = Number(process.env.BAD_INPUT_RUNS ?? 30);
let stack: Stack;
let world: World;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let countSql: string;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@bad-input.test`;

beforeAll(async () => {
  database = await isolatedDatabase(testDatabaseUrl(), SERVICES);
  stack = await startStack({
    databaseUrl: database.url,
    services: SERVICES,
    env: adminEnv(ADMIN_EMAIL),
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
  });
  world = await buildWorld(stack, ADMIN_EMAIL);
  const tables = await stack.sql<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema = ANY($1) AND table_name <> 'migrations'`,
    [[...SERVICES.map((s) => s.schema), 'pgboss']],
  );
  countSql = `SELECT ${tables.map((t, i) => `(SELECT count(*) FROM "${t.schema}"."${t.name}")::int AS c${i}`).join(', ')}`;
  tableNames = tables.map((t) => `${t.schema}.${t.name}`);
}, 240_000);
afterAll(async () => {
  await stack?.stop().catch(() => {});
  await database?.drop();
});

let tableNames: string[] = [];
async function counts(): Promise<Record<string, number>> {
  const [row] = await stack.sql<Record<string, number>>(countSql);
  return Object.fromEntries(tableNames.map((name, i) => [name, row[`c${i}`]]));
}

// ---------------------------------------------------------------- hostile values
const huge = fc.constantFrom('x'.repeat(20_000), 'é'.repeat(5_000), '𝔘'.repeat(3_000));
const weirdText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\n\t',
    '\u0000',
    'bell\u0007',
    'esc\u001b[31m',
    'next\u0085line',
    'del\u007f',
    '\u202e\u202d',
    '👩🏽‍💻🎉',
    "'; DROP TABLE users; --",
    '<script>alert(1)</script>',
    '${jndi:ldap://x}',
    '%s%n',
    '..\\..\\etc\\passwd',
  ),
  fc.string(),
  fc.fullUnicodeString({ maxLength: 40 }),
  huge,
);
const weirdInt = fc.oneof(
  fc.constantFrom(-1, 0, -2147483648, 2147483647, 99999999),
  fc.integer(),
  fc.constantFrom(1.5, 3e10, -3e10) as fc.Arbitrary<number>,
);
const weirdFloat = fc.oneof(
  fc.constantFrom(-1, 0, -0.0001, 1e308, -1e308, 2),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const weirdEnum = fc.constantFrom('NOT_A_VALUE', 'video', '', 'MENTOR ', 'ADMIN');
const weirdId = fc.constantFrom(
  '',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  randomUUID(),
  "1' OR '1'='1",
  'x'.repeat(5000),
);
const weirdDate = fc.constantFrom(
  '',
  '2026-02-30',
  '2026-13-01',
  'yesterday',
  '0000-00-00',
  '9999-12-31',
  '1900-01-01',
  '2026-1-1',
  '2026-01-01T00:00:00Z',
);
const weirdTime = fc.constantFrom('', '25:00', '12:60', 'noon', '-01:00', '9:5', '23:59:59');
const weirdList = <T>(item: fc.Arbitrary<T>) =>
  fc.oneof(
    fc.constant([] as T[]),
    fc.array(item, { minLength: 1, maxLength: 5 }),
    fc.array(item, { minLength: 300, maxLength: 400 }),
  );
const weirdMaybe = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.constant(null));

/** A valid input with one to three of its fields replaced by hostile values. */
function hostile(
  base: Record<string, unknown>,
  fields: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(fields);
  return fc
    .uniqueArray(fc.constantFrom(...keys), { minLength: 1, maxLength: Math.min(3, keys.length) })
    .chain((chosen) =>
      fc
        .tuple(...chosen.map((k) => fields[k]))
        .map((values) => ({ ...base, ...Object.fromEntries(chosen.map((k, i) => [k, values[i]])) })),
    );
}

const STACK_TRACE = /\bat .+\.(ts|js):\d+|node_modules|QueryFailedError|TypeORMError|column ".*" of relation/;

interface Case {
  name: string;
  document: string;
  token: (w: World) => string | undefined;
  variables: (w: World) => fc.Arbitrary<Record<string, unknown>>;
}

const E = 'errors { field code message }';
const CASES: Case[] = [
  {
    name: 'register',
    document: `mutation ($input: RegisterInput!) { register(input: $input) { ok ${E} } }`,
    token: () => undefined,
    variables: () =>
      hostile(
        {
          email: 'valid.person@bad-input.test',
          password: 'Valid-pass-2026',
          displayName: 'Valid Person',
          roles: ['MENTEE'],
        },
        {
          email: weirdText,
          password: weirdText,
          displayName: weirdText,
          roles: weirdList(weirdEnum),
          organizationId: weirdId,
        },
      ).map((input) => ({ input })),
  },
  {
    name: 'updateMentorProfile',
    document: `mutation ($input: MentorProfileInput!) { updateMentorProfile(input: $input) { ok ${E} } }`,
    token: (w) => w.mentor.token,
    variables: () =>
      hostile(MENTOR_PROFILE, {
        headline: weirdText,
        industryCode: weirdText,
        occupationCode: weirdText,
        yearsExperience: weirdInt,
        skills: weirdList(weirdText),
        languages: weirdList(weirdText),
        timeZone: weirdText,
        meetingPreferences: weirdList(weirdEnum),
        hoursPerMonth: weirdInt,
        capacity: weirdInt,
        country: weirdText,
      }).map((input) => ({ input })),
  },
  {
    name: 'updateMenteeProfile',
    document: `mutation ($input: MenteeProfileInput!) { updateMenteeProfile(input: $input) { ok ${E} } }`,
    token: (w) => w.mentee.token,
    variables: () =>
      hostile(MENTEE_PROFILE, {
        headline: weirdText,
        industryCode: weirdText,
        yearsExperience: weirdInt,
        skills: weirdList(weirdText),
        needs: weirdList(weirdText),
        goals: weirdList(weirdText),
        timeZone: weirdText,
        meetingPreferences: weirdList(weirdEnum),
        hoursPerMonth: weirdInt,
        constraints: weirdText,
      }).map((input) => ({ input })),
  },
  {
    name: 'createProgram',
    document: `mutation ($input: ProgramInput!) { createProgram(input: $input) { ok ${E} } }`,
    token: (w) => w.admin.token,
    variables: (w) =>
      hostile(
        {
          name: 'Valid programme',
          organizationIds: [w.orgA],
          terms: { targetHours: 12, durationWeeks: 16, minMeetings: 4 },
          cpdCategory: 'Peer interaction',
        },
        {
          name: weirdText,
          organizationIds: weirdList(weirdId),
          cpdCategory: weirdText,
          maxOpenRequestsPerMentee: weirdInt,
          requestExpiryDays: weirdInt,
          terms: fc.record({ targetHours: weirdFloat, durationWeeks: weirdInt, minMeetings: weirdInt }),
          matchingWeights: weirdList(fc.record({ criterion: weirdText, weight: weirdFloat })),
        },
      ).map((input) => ({ input })),
  },
  {
    name: 'sendMentoringRequest',
    document: `mutation ($m: ID!, $p: ID!, $msg: String!) { sendMentoringRequest(mentorId: $m, programmeId: $p, message: $msg) { ${E} } }`,
    token: (w) => w.mentee3.token,
    variables: (w) =>
      hostile(
        { m: w.mentor.userId, p: w.programmeId, msg: 'I would value your advice, please.' },
        { m: weirdId, p: weirdId, msg: weirdText },
      ),
  },
  {
    name: 'logMeeting',
    document: `mutation ($id: ID!, $input: MeetingInput!) { logMeeting(relationshipId: $id, input: $input) { ${E} } }`,
    token: (w) => w.mentee.token,
    variables: (w) =>
      hostile(MEETING(w.today, '05:00'), {
        occurredOn: weirdDate,
        startTime: weirdTime,
        durationMinutes: weirdInt,
        mode: weirdEnum,
        topics: weirdList(weirdText),
        homework: weirdMaybe(weirdText),
        privateNote: weirdText,
      }).map((input) => ({ id: w.relationshipId, input })),
  },
  {
    name: 'createGoal',
    document: `mutation ($id: ID!, $input: SmartGoalInput!) { createGoal(relationshipId: $id, input: $input) { ${E} } }`,
    token: (w) => w.mentee.token,
    variables: (w) =>
      hostile(GOAL(addDays(w.today, 60)), {
        title: weirdMaybe(weirdText),
        specific: weirdMaybe(weirdText),
        measure: weirdMaybe(weirdText),
        target: weirdText,
        attainable: weirdText,
        relevant: weirdText,
        dueOn: weirdDate,
      }).map((input) => ({ id: w.relationshipId, input })),
  },
  {
    name: 'draftAgreement',
    document: `mutation ($id: ID!, $input: AgreementInput!) { draftAgreement(relationshipId: $id, input: $input) { ${E} } }`,
    token: (w) => w.mentee.token,
    variables: (w) =>
      hostile(AGREEMENT, {
        topGoals: weirdList(weirdText),
        meetingPlace: weirdText,
        meetingTime: weirdText,
        meetingLengthMinutes: weirdInt,
        meetingFrequency: weirdText,
        initiator: weirdEnum,
        confidentiality: weirdEnum,
        durationWeeks: weirdInt,
      }).map((input) => ({ id: w.relationshipId, input })),
  },
  {
    name: 'openAuditCycle',
    document: `mutation ($input: OpenAuditCycleInput!) { openAuditCycle(input: $input) { ${E} } }`,
    token: (w) => w.admin.token,
    variables: (w) =>
      hostile(
        { from: addDays(w.today, -30), to: w.today, sampleRate: 0.2, seed: 'seed', strategy: 'UNIFORM' },
        {
          from: weirdDate,
          to: weirdDate,
          sampleRate: weirdFloat,
          seed: weirdText,
          strategy: weirdEnum,
          dueInDays: weirdInt,
        },
      ).map((input) => ({ input })),
  },
  {
    name: 'submitFeedback',
    document: `mutation ($id: ID!, $input: FeedbackInput!) { submitFeedback(relationshipId: $id, input: $input) { ${E} } }`,
    token: (w) => w.mentee.token,
    variables: (w) =>
      hostile(
        { ratings: [{ question: 'RELATIONSHIP_QUALITY', rating: 4 }], comments: 'Thanks.' },
        {
          ratings: weirdList(
            fc.record({
              question: fc.oneof(weirdEnum, fc.constantFrom('GOALS_PROGRESS', 'WOULD_RECOMMEND')),
              rating: weirdInt,
            }),
          ),
          comments: weirdMaybe(weirdText),
        },
      ).map((input) => ({ id: w.relationshipId, input })),
  },
];

/** How the platform answered: accepted, or refused with the codes it gave. */
function judge(res: GraphQLResponse, field: string): { accepted: boolean; problems: string[]; codes: string[] } {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`HTTP ${res.status}`);
  const codes: string[] = [];
  for (const error of res.errors ?? []) {
    const code = error.extensions?.code;
    if (!code) problems.push(`an error without a code: ${error.message.slice(0, 200)}`);
    else codes.push(code);
    if (code === 'INTERNAL_SERVER_ERROR') problems.push(`INTERNAL_SERVER_ERROR: ${error.message.slice(0, 200)}`);
    // bad input names the offending field (`input.email`, `input.skills.2`), so a client can show it there
    const fields = (error.extensions?.fields ?? []) as Array<{ field?: string }>;
    // (but a body over the size limit is refused before anyone reads its fields)
    if (code === 'BAD_USER_INPUT' && res.status !== 413 && (fields.length === 0 || fields.some((f) => !f.field)))
      problems.push(`BAD_USER_INPUT naming no field: ${error.message.slice(0, 200)}`);
    if (STACK_TRACE.test(error.message) || JSON.stringify(error.extensions ?? {}).match(/stacktrace/i))
      problems.push(`internals in the error: ${error.message.slice(0, 200)}`);
  }
  const payload = (
    res.data as
      | Record<string, { ok?: boolean; errors?: Array<{ field: string; code: string; message: string }> }>
      | null
      | undefined
  )?.[field];
  for (const fe of payload?.errors ?? []) {
    codes.push(fe.code);
    if (!fe.field) problems.push(`a FieldError naming no field (${fe.code})`);
    if (!/^[A-Z][A-Z0-9_]*$/.test(fe.code)) problems.push(`an unstable FieldError code: ${fe.code}`);
    if (!fe.message) problems.push(`a FieldError with no message (${fe.field})`);
  }
  const accepted = !res.errors && !!payload && (payload.errors?.length ?? 0) === 0;
  if (!accepted && codes.length === 0) problems.push('refused with no code');
  return { accepted, problems, codes };
}

/** Variables for a failure message, long strings and lists shortened. */
function brief(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    typeof v === 'string' && v.length > 40
      ? `<${v.length} chars: ${v.slice(0, 12)}…>`
      : Array.isArray(v) && v.length > 5
        ? [...v.slice(0, 3), `<${v.length} items>`]
        : v,
  );
}

describe('text with control characters', () => {
  it('should be refused by every service before anything is written, naming the field (NUL, escape, bell)', async () => {
    await stack.settle();
    const before = await counts();
    const cases: Array<[string, Record<string, unknown>, string | undefined, string]> = [
      [
        'mutation ($input: RegisterInput!) { register(input: $input) { ok } }',
        {
          input: {
            email: 'ctl@bad-input.test',
            password: 'Valid-pass-2026',
            displayName: 'Nul\u0000Name',
            roles: ['MENTEE'],
          },
        },
        undefined,
        'input.displayName',
      ],
      [
        'mutation ($m: ID!, $p: ID!, $msg: String!) { sendMentoringRequest(mentorId: $m, programmeId: $p, message: $msg) { errors { code } } }',
        { m: world.mentor.userId, p: world.programmeId, msg: 'Hello \u001b[2J' },
        world.mentee3.token,
        'message',
      ],
      [
        'mutation ($id: ID!, $input: MeetingInput!) { logMeeting(relationshipId: $id, input: $input) { errors { code } } }',
        { id: world.relationshipId, input: { ...MEETING(world.today, '06:00'), topics: ['ok', 'ding\u0007'] } },
        world.mentee.token,
        'input.topics.1',
      ],
      [
        'mutation ($input: OpenAuditCycleInput!) { openAuditCycle(input: $input) { errors { code } } }',
        {
          input: {
            from: addDays(world.today, -30),
            to: world.today,
            sampleRate: 0.2,
            seed: 's\u0000',
            strategy: 'UNIFORM',
          },
        },
        world.admin.token,
        'input.seed',
      ],
    ];
    for (const [document, variables, token, field] of cases) {
      const res = await stack.gql(document, variables, { token });
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field, code: 'CONTROL_CHARACTER' }],
      });
    }
    expect(await counts()).toEqual(before);
  });
});

describe('hostile input to mutations', () => {
  for (const c of CASES) {
    it(`${c.name}: always a clear, coded refusal and no partial write`, async () => {
      await stack.settle();
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(c.variables(world), async (variables) => {
          const before = await counts();
          const res = await stack.gql(c.document, variables, { token: c.token(world) });
          const verdict = judge(res, c.name);
          if (verdict.problems.length > 0) throw new Error(`${verdict.problems.join('; ')} for ${brief(variables)}`);
          verdict.codes.forEach((code) => seen.add(code));
          if (verdict.accepted) {
            await stack.settle();
            return;
          }
          const after = await counts();
          const changed = Object.keys(before)
            .filter((t) => before[t] !== after[t])
            .map((t) => `${t}: ${before[t]} -> ${after[t]}`);
          if (changed.length > 0)
            throw new Error(
              `refused (${verdict.codes.join(', ')}) yet wrote ${changed.join(', ')} for ${brief(variables)}`,
            );
        }),
        { numRuns: NUM_RUNS, endOnFailure: true },
      );
      expect(seen.size).toBeGreaterThan(0); // refusals did happen
    }, 120_000);
  }
});
