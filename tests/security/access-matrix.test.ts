/**
 * Every root field of the composed supergraph has a declared access rule (`access-rules.ts`), and each of
 * nine callers (eight people and an organisation's API key) gets exactly the declared outcome through the gateway, with identity's real tokens. Then
 * `_entities` straight to each subgraph with a foreign principal: no personal or relationship data comes
 * back to someone not entitled to it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@tandem/contracts';
import {
  principal,
  startStack,
  type GraphQLResponse,
  type Stack,
  isolatedDatabase,
  testDatabaseUrl,
} from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { adminEnv, buildWorld, CALLERS, type World } from '../support/world';
import { ACCESS_RULES, expectedOutcome, type Outcome } from './access-rules';

let stack: Stack;
let world: World;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@access.test`;

beforeAll(async () => {
  // a database of its own: other files' audits and organisations must not change what these callers see
  database = await isolatedDatabase(testDatabaseUrl(), [identity, matching, relationships, reporting]);
  stack = await startStack({
    databaseUrl: database.url,
    services: [identity, matching, relationships, reporting],
    env: adminEnv(ADMIN_EMAIL),
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
  });
  world = await buildWorld(stack, ADMIN_EMAIL);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

/** The outcome of one root field in a response (see `access-rules.ts`). */
export function outcomeOf(res: GraphQLResponse, field: string): Outcome {
  const value = (res.data as Record<string, unknown> | null | undefined)?.[field];
  const error = res.errors?.find((e) => !e.path || e.path[0] === field);
  if (error) return (error.extensions?.code ?? 'NO_CODE') as Outcome;
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return value.length === 0 ? 'EMPTY' : 'OK';
  if (typeof value === 'object') {
    const v = value as {
      errors?: Array<{ code: string }>;
      edges?: unknown[];
      nodes?: unknown[];
      items?: Array<{ errors?: Array<{ code: string }> }>;
    };
    if (v.errors && v.errors.length > 0) return `PAYLOAD:${v.errors[0].code}`;
    // a bulk mutation's payload: its first item's refusal (one item is asked for)
    const refused = v.items?.[0]?.errors?.[0];
    if (refused) return `PAYLOAD:${refused.code}`;
    const list = v.edges ?? v.nodes;
    if (list) return list.length === 0 ? 'EMPTY' : 'OK';
  }
  return 'OK';
}

function rootFields(): string[] {
  const doc = parse(readFileSync(stack.supergraphPath, 'utf8'));
  return doc.definitions
    .filter(
      (d): d is ObjectTypeDefinitionNode =>
        d.kind === Kind.OBJECT_TYPE_DEFINITION && (d.name.value === 'Query' || d.name.value === 'Mutation'),
    )
    .flatMap((d) => (d.fields ?? []).map((f) => `${d.name.value}.${f.name.value}`));
}

describe('contact details', () => {
  // before the matrix below, which ends the relationship
  it('should show a person’s contact details only to them, their relationship counterpart, the coach of their active relationship’s organisation and admins, and never to a stranger searching nor to their organisation’s API key', async () => {
    const seen: Record<string, string | null> = {};
    for (const caller of CALLERS) {
      const res = await stack.gql<{ user: { contact: { email: string } | null } }>(
        `query ($id: ID!) { user(id: $id) { contact { email } } }`,
        { id: world.mentee.userId },
        { token: world.tokenOf(caller) },
      );
      seen[caller] = res.data?.user?.contact?.email ?? (res.errors ? String(res.errors[0].extensions?.code) : null);
    }
    expect(seen).toEqual({
      anonymous: 'UNAUTHENTICATED',
      otherMentee: 'NOT_FOUND',
      coachB: 'NOT_FOUND',
      analyst: 'NOT_FOUND',
      apiKeyA: 'NOT_FOUND',
      mentee: world.mentee.email,
      mentor: world.mentee.email,
      coachA: world.mentee.email,
      admin: world.mentee.email,
    });
    // a searcher with no relationship sees no mentor's contact details (a counterpart may, as everywhere)
    const search = await stack.gql<{ searchMentors: { edges: Array<{ node: { mentor: { contact: unknown } } }> } }>(
      `{ searchMentors(first: 20) { edges { node { mentor { contact { email } } } } } }`,
      {},
      { token: world.otherMentee.token },
    );
    expect(search.data?.searchMentors.edges.length).toBeGreaterThan(0);
    expect(search.data?.searchMentors.edges.every((e) => e.node.mentor.contact === null)).toBe(true);
  });
});

describe('access to every root field', () => {
  it('should have a declared rule for every Query and Mutation field of the supergraph', () => {
    const declared = new Set(ACCESS_RULES.map((r) => r.field));
    const fields = rootFields();
    expect(fields.length).toBeGreaterThan(80);
    expect(
      fields.filter((f) => !declared.has(f)),
      'fields without an access rule',
    ).toEqual([]);
    expect(
      [...declared].filter((f) => !fields.includes(f)),
      'rules for fields that no longer exist',
    ).toEqual([]);
    expect(declared.size).toBe(ACCESS_RULES.length);
  });

  it('should give each of the nine callers the declared outcome on every field', async () => {
    const mismatches: string[] = [];
    const observed: Record<string, Record<string, string>> = {};
    for (const rule of ACCESS_RULES) {
      const name = rule.field.split('.')[1];
      observed[rule.field] = {};
      for (const caller of CALLERS) {
        const variables = rule.variables ? await rule.variables(world, stack, caller) : {};
        const res = await stack.gql(rule.document, variables, { token: world.tokenOf(caller) });
        const got: string = outcomeOf(res, name);
        observed[rule.field][caller] = got;
        const want = expectedOutcome(rule, caller);
        if (rule.knownBug?.[caller]) continue;
        if (got !== want)
          mismatches.push(
            `${rule.field} as ${caller}: expected ${want}, got ${got}${got === 'INTERNAL_SERVER_ERROR' || got === 'NO_CODE' ? ` (${res.errors?.[0]?.message})` : ''}`,
          );
      }
    }
    if (process.env.ACCESS_MATRIX_OUT) writeFileSync(process.env.ACCESS_MATRIX_OUT, JSON.stringify(observed, null, 1));
    expect(mismatches).toEqual([]);
  }, 600_000);
});

/** An entity lookup straight to a subgraph, with the gateway's secret and the given principal. */
async function entity(subgraph: string, typename: string, id: string, selection: string, as: Principal) {
  const res = await stack.subgraph<{ _entities: Array<Record<string, unknown> | null> }>(
    subgraph,
    `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`,
    { r: [{ __typename: typename, id }] },
    { as },
  );
  return { value: res.data?._entities?.[0] ?? null, code: res.errors?.[0]?.extensions?.code as string | undefined };
}

describe('_entities with a foreign principal', () => {
  const who = (): Record<string, Principal> => ({
    otherMentee: principal('MENTEE', world.orgB, world.otherMentee.userId as never),
    coachB: principal('COACH', world.orgB, world.coachB.userId as never),
    analyst: principal('ANALYST', null, world.analyst.userId as never),
    mentee: principal('MENTEE', world.orgA, world.mentee.userId as never),
    admin: principal('ADMIN', null, world.admin.userId as never),
  });

  it('should not give a stranger, a coach of another organisation or an analyst anyone’s contact details', async () => {
    for (const caller of ['otherMentee', 'coachB', 'analyst'] as const) {
      const { value } = await entity(
        'identity',
        'User',
        world.mentee.userId,
        'id contact { email phone }',
        who()[caller],
      );
      expect((value as { contact?: unknown } | null)?.contact ?? null, `User.contact for ${caller}`).toBeNull();
    }
    // the person sees their own
    const own = await entity('identity', 'User', world.mentee.userId, 'id contact { email }', who().mentee);
    expect(own.value).toMatchObject({ contact: { email: world.mentee.email } });
  });

  it('should name a relationship’s coaches to its partners, its coaches and admins, and to nobody else', async () => {
    const coaches = async (as: Principal) =>
      (
        (await entity('identity', 'Relationship', world.relationshipId, 'id coaches { id }', as)).value as {
          coaches: Array<{ id: string }>;
        } | null
      )?.coaches ?? null;
    for (const caller of ['otherMentee', 'coachB', 'analyst'] as const)
      expect(await coaches(who()[caller]), `Relationship.coaches for ${caller}`).toEqual([]);
    for (const caller of ['mentee', 'admin'] as const)
      expect(await coaches(who()[caller]), `Relationship.coaches for ${caller}`).toEqual([{ id: world.coachA.userId }]);
  });

  const guarded: Array<[string, string, (w: World) => string, string]> = [
    ['relationships', 'Relationship', (w) => w.relationshipId, 'id status'],
    ['relationships', 'Meeting', (w) => w.meetingId, 'id topics'],
    ['relationships', 'Goal', (w) => w.goalId, 'id title'],
    ['matching', 'MentoringRequest', (w) => w.declineRequestId, 'id message'],
    ['matching', 'MentorQuestion', (w) => w.questionId, 'id question'],
    ['matching', 'MatchProposal', (w) => w.proposalId, 'id note'],
  ];
  for (const [subgraph, typename, id, selection] of guarded) {
    it(`should not resolve a ${typename} for a stranger, a coach of another organisation or an analyst`, async () => {
      for (const caller of ['otherMentee', 'coachB', 'analyst'] as const) {
        const { value } = await entity(subgraph, typename, id(world), selection, who()[caller]);
        expect(value, `${typename} for ${caller}`).toBeNull();
      }
      const admin = await entity(subgraph, typename, id(world), selection, who().admin);
      expect(admin.value, `${typename} for an admin`).toMatchObject({ id: id(world) });
    });
  }

  it('should not resolve a CohortMatchRun or an Agreement for a stranger or an analyst', async () => {
    const [agreement] = await stack.sql<{ id: string }>(
      `SELECT id FROM relationships.agreement WHERE relationship_id = $1`,
      [world.relationshipId],
    );
    expect(agreement).toBeDefined();
    for (const caller of ['otherMentee', 'analyst'] as const) {
      expect(
        (await entity('matching', 'CohortMatchRun', world.runId, 'id pairs { score }', who()[caller])).value,
        `CohortMatchRun for ${caller}`,
      ).toBeNull();
    }
    for (const caller of ['otherMentee', 'coachB', 'analyst'] as const) {
      expect(
        (await entity('relationships', 'Agreement', agreement.id, 'id', who()[caller])).value,
        `Agreement for ${caller}`,
      ).toBeNull();
    }
    expect((await entity('relationships', 'Agreement', agreement.id, 'id', who().admin)).value).toMatchObject({
      id: agreement.id,
    });
  });

  it('should not give a person’s relationships, mentor load or CPD hours to a stranger, a coach of another organisation or an analyst', async () => {
    const sensitive: Array<[string, string, (v: Record<string, unknown> | null) => unknown]> = [
      [
        'relationships',
        'id relationshipCount relationships { id }',
        (v) => [v?.relationshipCount ?? null, (v?.relationships as unknown[] | null)?.length ? v?.relationships : null],
      ],
      ['reporting', 'id cpdHours', (v) => v?.cpdHours ?? null],
      ['matching', 'id activeMentees', (v) => v?.activeMentees ?? null],
    ];
    for (const [subgraph, selection, pick] of sensitive) {
      for (const caller of ['otherMentee', 'coachB', 'analyst'] as const) {
        const { value } = await entity(subgraph, 'User', world.mentor.userId, selection, who()[caller]);
        const got = pick(value as Record<string, unknown> | null);
        expect(
          Array.isArray(got) ? got.every((x) => x === null) : got === null,
          `${subgraph} User(${selection}) for ${caller}: ${JSON.stringify(value)}`,
        ).toBe(true);
      }
    }
    // the person sees their own
    const self = principal('MENTOR', world.orgA, world.mentor.userId as never);
    const own = await entity('relationships', 'User', world.mentor.userId, 'id relationshipCount', self);
    expect((own.value as { relationshipCount: number }).relationshipCount).toBeGreaterThan(0);
    expect(
      typeof (
        (await entity('reporting', 'User', world.mentor.userId, 'id cpdHours', self)).value as { cpdHours: unknown }
      ).cpdHours,
    ).toBe('number');
    expect(
      typeof (
        (await entity('matching', 'User', world.mentor.userId, 'id activeMentees', self)).value as {
          activeMentees: unknown;
        }
      ).activeMentees,
    ).toBe('number');
  });

  it('should give a person’s calendar feed and reminder choice to nobody else, not even an admin (issue 20)', async () => {
    const self = principal('MENTOR', world.orgA, world.mentor.userId as never);
    for (const caller of ['otherMentee', 'coachB', 'analyst', 'admin'] as const) {
      const feed = await entity(
        'relationships',
        'User',
        world.mentor.userId,
        'id calendarFeed { createdAt }',
        who()[caller],
      );
      expect(
        (feed.value as { calendarFeed: unknown } | null)?.calendarFeed ?? null,
        `calendarFeed for ${caller}`,
      ).toBeNull();
      const choice = await entity(
        'identity',
        'User',
        world.mentor.userId,
        'id meetingReminderHourBefore',
        who()[caller],
      );
      expect(
        (choice.value as { meetingReminderHourBefore: unknown } | null)?.meetingReminderHourBefore ?? null,
        `meetingReminderHourBefore for ${caller}`,
      ).toBeNull();
    }
    const own = await entity('identity', 'User', world.mentor.userId, 'id meetingReminderHourBefore', self);
    expect(typeof (own.value as { meetingReminderHourBefore: unknown }).meetingReminderHourBefore).toBe('boolean');
  });

  it('should not resolve a PersonalDataExport in any subgraph for anyone but the person and an admin', async () => {
    const callers: Record<string, Principal> = {
      ...who(),
      coachA: principal('COACH', world.orgA, world.coachA.userId as never),
      mentor: principal('MENTOR', world.orgA, world.mentor.userId as never),
    };
    const sections: Array<[string, string]> = [
      ['identity', 'identity generatedAt identityPeople { id displayName }'],
      ['matching', 'matching matchingPeople { id }'],
      ['relationships', 'relationships relationshipsPeople { id }'],
      ['reporting', 'reporting reportingPeople { id }'],
    ];
    const lookup = (subgraph: string, selection: string, as: Principal) =>
      stack.subgraph<{ _entities: Array<Record<string, unknown> | null> }>(
        subgraph,
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataExport { userId ${selection} } } }`,
        { r: [{ __typename: 'PersonalDataExport', userId: world.mentee.userId }] },
        { as },
      );
    for (const [subgraph, selection] of sections) {
      for (const caller of ['otherMentee', 'coachB', 'analyst', 'coachA', 'mentor'] as const) {
        const res = await lookup(subgraph, selection, callers[caller]);
        expect(
          res.data?._entities,
          `${subgraph} PersonalDataExport for ${caller}: ${JSON.stringify(res.data ?? res.errors)}`,
        ).toEqual([null]);
      }
      for (const caller of ['mentee', 'admin'] as const) {
        const res = await lookup(subgraph, selection, callers[caller]);
        const value = res.data?._entities?.[0] as Record<string, unknown> | null | undefined;
        expect(res.errors, `${subgraph} for ${caller}`).toBeUndefined();
        expect(value, `${subgraph} for ${caller}`).toMatchObject({
          userId: world.mentee.userId,
          [subgraph]: expect.any(Object),
        });
      }
    }
    // the names of the people an export mentions: nobody's for someone who may not export it, whatever ids they make up
    const named = (as: Principal) =>
      stack.subgraph<{ _entities: Array<{ displayName: string | null } | null> }>(
        'identity',
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataExportPerson { id displayName } } }`,
        {
          r: [{ __typename: 'PersonalDataExportPerson', exportedUserId: world.mentee.userId, id: world.mentor.userId }],
        },
        { as },
      );
    for (const caller of ['otherMentee', 'coachB', 'analyst', 'coachA', 'mentor'] as const) {
      expect((await named(callers[caller])).data?._entities, `PersonalDataExportPerson for ${caller}`).toEqual([null]);
    }
    expect((await named(callers.mentee)).data?._entities).toEqual([
      { id: world.mentor.userId, displayName: 'Mentor Amara' },
    ]);
  });

  it('should refuse entities to a request without the gateway secret, whoever it claims to be', async () => {
    for (const subgraph of ['identity', 'matching', 'relationships', 'reporting']) {
      const res = await stack.subgraph(subgraph, `{ _service { sdl } }`, {}, { secret: null, as: who().admin });
      expect(res.status, subgraph).toBe(403);
    }
  });
});
