import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, principal, isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { matching } from '../src/service';
import { given, mentee, mentor, menteeProfile, mentorProfile, programme } from './fixtures';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
beforeAll(async () => {
  // its own database, so no other file's services consume the events published here
  database = await isolatedDatabase(testDatabaseUrl(), [matching]);
  stack = await startStack({ databaseUrl: database.url, services: [matching] });
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

const FIELDS = `id status note declineReason menteeEnrolledAt daysToMatch cohortId coach { id } mentee { id } mentor { id }`;
const PROPOSE = `mutation ($menteeId: ID!, $mentorId: ID!, $programmeId: ID!, $note: String!) { proposeMatch(menteeId: $menteeId, mentorId: $mentorId, programmeId: $programmeId, note: $note) { proposal { ${FIELDS} } errors { field code } } }`;
const CONFIRM = `mutation ($id: ID!) { confirmMatchProposal(proposalId: $id) { proposal { ${FIELDS} } errors { code } } }`;
const DECLINE = `mutation ($id: ID!, $reason: String!) { declineMatchProposal(proposalId: $id, reason: $reason) { proposal { ${FIELDS} } errors { code } } }`;
const GET = `query ($id: ID!) { matchProposal(id: $id) { id status } }`;
type Proposal = {
  id: string;
  status: string;
  declineReason: string | null;
  menteeEnrolledAt: string | null;
  daysToMatch: number | null;
  cohortId: string | null;
};
type Result = { proposal: Proposal | null; errors: Array<{ field?: string; code: string }> };

async function world(capacity = 1) {
  const org = randomUUID();
  const cohortId = randomUUID();
  const prog = programme({
    organizationIds: [org],
    cohorts: [{ cohortId, name: 'Spring', startsOn: daysFromToday(-30), endsOn: daysFromToday(120) }],
  });
  const me = menteeProfile({ organizationId: org });
  const m = mentorProfile({ capacity });
  const enrolledAt = new Date(Date.now() - 21 * 86_400_000).toISOString();
  await given(
    stack,
    ['ProgrammeChanged', prog],
    ['MenteeProfileChanged', me],
    ['MentorProfileChanged', m],
    [
      'ProgrammeEnrolled',
      { userId: me.userId, programmeId: prog.programmeId, cohortId, role: 'MENTEE', organizationId: org, enrolledAt },
    ],
  );
  return { org, prog, me, m, cohortId, enrolledAt };
}

describe('coach proposals', () => {
  it('should let a coach of the mentee organisation propose, and the mentor confirm: MatchConfirmed from a proposal with the time to match', async () => {
    const { org, prog, me, m, cohortId, enrolledAt } = await world();
    const coach = principal('COACH', org);
    const otherCoach = principal('COACH', randomUUID());
    const vars = {
      menteeId: me.userId,
      mentorId: m.userId,
      programmeId: prog.programmeId,
      note: 'Both in civil engineering.',
    };
    const foreign = await stack.gql(PROPOSE, vars, { as: otherCoach });
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const asMentee = await stack.gql(PROPOSE, vars, { as: mentee(me.userId, org) });
    expect(asMentee.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const proposed = await stack.gql<{ proposeMatch: Result }>(PROPOSE, vars, { as: coach });
    expect(proposed.errors).toBeUndefined();
    const proposal = proposed.data!.proposeMatch.proposal!;
    expect(proposal).toMatchObject({ status: 'PROPOSED', cohortId, menteeEnrolledAt: enrolledAt });
    const [event] = await stack.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM matching.event_log WHERE name = 'MatchProposed' AND payload->>'proposalId' = $1`,
      [proposal.id],
    );
    expect(event.payload).toMatchObject({
      menteeId: me.userId,
      mentorId: m.userId,
      coachId: coach.userId,
      note: 'Both in civil engineering.',
      organizationId: org,
    });
    expect(
      (await stack.gql<{ proposeMatch: Result }>(PROPOSE, vars, { as: coach })).data!.proposeMatch.errors[0].code,
    ).toBe('DUPLICATE_PROPOSAL');

    // the mentee sees it; a stranger does not
    expect(
      (await stack.gql<{ matchProposal: Proposal }>(GET, { id: proposal.id }, { as: mentee(me.userId) })).data!
        .matchProposal.status,
    ).toBe('PROPOSED');
    expect((await stack.gql(GET, { id: proposal.id }, { as: otherCoach })).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await stack.gql(CONFIRM, { id: proposal.id }, { as: coach })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );

    const confirmed = await stack.gql<{ confirmMatchProposal: Result }>(
      CONFIRM,
      { id: proposal.id },
      { as: mentor(m.userId) },
    );
    expect(confirmed.data!.confirmMatchProposal.proposal!.status).toBe('CONFIRMED');
    expect(confirmed.data!.confirmMatchProposal.proposal!.daysToMatch).toBeCloseTo(21, 1);
    const [match] = await stack.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM matching.event_log WHERE name = 'MatchConfirmed' AND payload->>'matchId' = $1`,
      [proposal.id],
    );
    expect(match.payload).toMatchObject({
      source: 'PROPOSAL',
      coachId: coach.userId,
      cohortId,
      menteeEnrolledAt: enrolledAt,
      organizationId: org,
    });

    // the mentor's only place is now held: a second proposal cannot be made, nor confirmed
    const second = menteeProfile({ organizationId: org });
    await given(stack, ['MenteeProfileChanged', second]);
    const refused = await stack.gql<{ proposeMatch: Result }>(
      PROPOSE,
      { ...vars, menteeId: second.userId },
      { as: coach },
    );
    expect(refused.data!.proposeMatch.errors[0].code).toBe('CAPACITY_REACHED');
  });

  it('should refuse a confirmation beyond capacity and let the mentor decline with a reason', async () => {
    const { org, prog, me, m } = await world(1);
    const coach = principal('COACH', org);
    const other = menteeProfile({ organizationId: org });
    await given(stack, ['MenteeProfileChanged', other]);
    const a = (
      await stack.gql<{ proposeMatch: Result }>(
        PROPOSE,
        { menteeId: me.userId, mentorId: m.userId, programmeId: prog.programmeId, note: 'a' },
        { as: coach },
      )
    ).data!.proposeMatch.proposal!;
    const b = (
      await stack.gql<{ proposeMatch: Result }>(
        PROPOSE,
        { menteeId: other.userId, mentorId: m.userId, programmeId: prog.programmeId, note: 'b' },
        { as: principal('ADMIN') },
      )
    ).data!.proposeMatch.proposal!;
    const [ra, rb] = await Promise.all(
      [a, b].map((p) => stack.gql<{ confirmMatchProposal: Result }>(CONFIRM, { id: p.id }, { as: mentor(m.userId) })),
    );
    const outcomes = [ra, rb]
      .map((r) => r.data!.confirmMatchProposal.proposal?.status ?? r.data!.confirmMatchProposal.errors[0].code)
      .sort();
    expect(outcomes).toEqual(['CAPACITY_REACHED', 'CONFIRMED']);
    const loser = ra.data!.confirmMatchProposal.proposal ? b : a;
    const declined = await stack.gql<{ declineMatchProposal: Result }>(
      DECLINE,
      { id: loser.id, reason: 'No room this term' },
      { as: mentor(m.userId) },
    );
    expect(declined.data!.declineMatchProposal.proposal).toMatchObject({
      status: 'DECLINED',
      declineReason: 'No room this term',
    });
    const [event] = await stack.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM matching.event_log WHERE name = 'MatchProposalDeclined' AND payload->>'proposalId' = $1`,
      [loser.id],
    );
    expect(event.payload).toMatchObject({ reason: 'No room this term', mentorId: m.userId });
    const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on MatchProposal { id status } } }`;
    const foreign = await stack.subgraph<{ _entities: unknown[] }>(
      'matching',
      ENTITIES,
      { r: [{ __typename: 'MatchProposal', id: loser.id }] },
      { as: principal('MENTOR') },
    );
    expect(foreign.data!._entities).toEqual([null]);
    const own = await stack.subgraph<{ _entities: unknown[] }>(
      'matching',
      ENTITIES,
      { r: [{ __typename: 'MatchProposal', id: loser.id }] },
      { as: coach },
    );
    expect(own.data!._entities).toEqual([{ id: loser.id, status: 'DECLINED' }]);
  });
});
