/**
 * Read-your-writes across subgraphs, through the gateway: a mentee saves a profile (identity) and searches at
 * once (matching, which learns the profile from an event). The save returns the profile's version; the search
 * given that version ranks on the new criteria, or says PREPARING, never silently unranked.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { call, MENTEE_PROFILE, register } from '../support/world';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;

beforeAll(async () => {
  // its own database: the search ranks every mentor of the platform
  database = await isolatedDatabase(testDatabaseUrl(), [identity, matching]);
  stack = await startStack({ databaseUrl: database.url, services: [identity, matching] });
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

const SAVE = `mutation ($input: MenteeProfileInput!) { updateMenteeProfile(input: $input) {
  errors { field code message } user { menteeProfile { version } } } }`;
const SEARCH = `query ($v: DateTime) { searchMentors(first: 5, profileVersion: $v) {
  ranking { status profileVersion } edges { node { mentor { id } score explanation { criterion matched } } } } }`;

interface SearchAnswer {
  searchMentors: {
    ranking: { status: string; profileVersion: string | null };
    edges: Array<{ node: { mentor: { id: string }; score: number; explanation: Array<{ criterion: string }> } }>;
  };
}

/** An approved mentor in matching's read model, as identity would publish one. */
async function mentor(industryCode: string, skills: string[]): Promise<string> {
  const userId = randomUUID();
  await stack.publish('MentorProfileChanged', {
    userId,
    displayName: `Mentor ${industryCode}`,
    status: 'APPROVED',
    headline: null,
    industry: { code: industryCode, label: industryCode },
    occupation: null,
    yearsExperience: 10,
    skills,
    languages: ['en'],
    city: null,
    country: null,
    timeZone: null,
    meetingPreferences: [],
    hoursPerMonth: 4,
    capacity: 2,
    livedExperience: [],
    employer: null,
    pausedUntil: null,
    organizationId: null,
    changedAt: new Date().toISOString(),
  });
  return userId;
}

describe('the first search after a profile save', () => {
  it('should rank on the profile just saved when given its version', async () => {
    const nurse = await mentor('6221', ['nursing', 'triage']);
    const accountant = await mentor('5412', ['audit', 'financial reporting']);
    await stack.settle();
    const mentee = await register(stack, 'Mentee Read Your Writes', ['MENTEE']);
    // first an accountant's profile, searched and settled
    await call(stack, SAVE, { input: MENTEE_PROFILE }, mentee.token);
    await stack.settle();
    const before = await call<SearchAnswer>(stack, SEARCH, {}, mentee.token);
    expect(before.searchMentors.edges[0].node.mentor.id).toBe(accountant);

    // then a nurse's: the search right after the save, with the version it returned, ranks the nurse first
    const saved = await call(
      stack,
      SAVE,
      { input: { ...MENTEE_PROFILE, industryCode: '6221', occupationCode: null, skills: ['nursing', 'triage'] } },
      mentee.token,
    );
    const version = saved.updateMenteeProfile.user.menteeProfile.version as string;
    expect(Date.parse(version)).toBeGreaterThan(0);
    const after = await call<SearchAnswer>(stack, SEARCH, { v: version }, mentee.token);
    expect(after.searchMentors.ranking).toEqual({ status: 'RANKED', profileVersion: version });
    expect(after.searchMentors.edges[0].node.mentor.id).toBe(nurse);
    expect(after.searchMentors.edges[0].node.score).toBeGreaterThan(0);
  });

  it('should say the ranking is being prepared when the version has not reached search in time', async () => {
    const mentee = await register(stack, 'Mentee Preparing', ['MENTEE']);
    const saved = await call(stack, SAVE, { input: MENTEE_PROFILE }, mentee.token);
    const version = saved.updateMenteeProfile.user.menteeProfile.version as string;
    await stack.settle();
    // a version search cannot have yet (as if the event were still on its way): it waits, then says so
    const later = new Date(Date.parse(version) + 60_000).toISOString();
    const started = Date.now();
    const answer = await call<SearchAnswer>(stack, SEARCH, { v: later }, mentee.token);
    expect(answer.searchMentors.ranking).toEqual({ status: 'PREPARING', profileVersion: version });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  });

  it('should say the search is unranked when there is nothing to rank on', async () => {
    const mentee = await register(stack, 'Mentee Without Profile', ['MENTEE']);
    const answer = await call<SearchAnswer>(stack, SEARCH, {}, mentee.token);
    expect(answer.searchMentors.ranking).toEqual({ status: 'UNRANKED', profileVersion: null });
  });
});
