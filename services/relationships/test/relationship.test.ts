/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import { as, eventsFor, matchPayload, publishProgramme, startRelationship } from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [relationships] });
});
afterAll(async () => {
  await stack?.stop();
});

const REL = `query ($id: ID!) { relationship(id: $id) { id status startedOn plannedEndOn programmeId organizationId viewerRole mentor { id } mentee { id }
  terms { targetHours durationWeeks minMeetings hoursOrMeetings requireSignedAgreement known }
  progress { confirmedHours confirmedMeetings termsMet daysLeft expectedHours pace } completion { mentorConfirmedAt menteeConfirmedAt } } }`;

describe('starting a relationship', () => {
  it('should start one relationship per match even when MatchConfirmed is delivered twice, and publish RelationshipStarted once', async () => {
    const programmeId = await publishProgramme(stack, {
      targetHours: 3,
      durationWeeks: 26,
      minMeetings: 3,
      hoursOrMeetings: true,
    });
    const payload = matchPayload({ programmeId, confirmedAt: '2026-05-04T15:00:00Z' });
    await stack.publish('MatchConfirmed', payload, 'matching');
    await stack.publish('MatchConfirmed', payload, 'matching');
    await stack.settle();
    const rows = await stack.sql<{ id: string; planned_end_on: string; started_on: string }>(
      `SELECT id, started_on::text, planned_end_on::text FROM relationships.relationship WHERE match_id = $1`,
      [payload.matchId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ started_on: '2026-05-04', planned_end_on: '2026-11-02' });
    expect(await eventsFor(stack, 'RelationshipStarted', rows[0].id)).toHaveLength(1);

    const res = await stack.gql<{ relationship: Record<string, any> }>(
      REL,
      { id: rows[0].id },
      { as: as('MENTEE', null, payload.menteeId) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.relationship).toMatchObject({
      status: 'ACTIVE',
      startedOn: '2026-05-04',
      plannedEndOn: '2026-11-02',
      viewerRole: 'MENTEE',
      mentor: { id: payload.mentorId },
      mentee: { id: payload.menteeId },
      terms: { targetHours: 3, durationWeeks: 26, minMeetings: 3, hoursOrMeetings: true, known: true },
      progress: { confirmedHours: 0, confirmedMeetings: 0, termsMet: false },
    });
  });

  it('should store default terms when the programme is unknown and follow the programme once ProgrammeChanged arrives', async () => {
    const pair = await startRelationship(stack, { confirmedAt: '2026-01-05T10:00:00Z' });
    let res = await stack.gql<{ relationship: Record<string, any> }>(REL, { id: pair.id }, { as: pair.mentor });
    expect(res.data!.relationship.terms).toMatchObject({ targetHours: 24, durationWeeks: 17, known: false });
    expect(res.data!.relationship.plannedEndOn).toBe('2026-05-04');

    await publishProgramme(
      stack,
      { targetHours: 24, durationWeeks: 16, minMeetings: 0, hoursOrMeetings: false },
      { programmeId: pair.programmeId },
    );
    res = await stack.gql<{ relationship: Record<string, any> }>(REL, { id: pair.id }, { as: pair.mentor });
    expect(res.data!.relationship.terms).toMatchObject({ targetHours: 24, durationWeeks: 16, known: true });
    expect(res.data!.relationship.plannedEndOn).toBe('2026-04-27');

    // an older change arriving late is ignored
    await publishProgramme(
      stack,
      { targetHours: 1, durationWeeks: 1, minMeetings: 0, hoursOrMeetings: false },
      { programmeId: pair.programmeId, changedAt: '2020-01-01T00:00:00Z' },
    );
    res = await stack.gql<{ relationship: Record<string, any> }>(REL, { id: pair.id }, { as: pair.mentor });
    expect(res.data!.relationship.terms.durationWeeks).toBe(16);
  });

  it('should list the signed-in user’s relationships on User.relationships and count them', async () => {
    const a = await startRelationship(stack);
    const b = await startRelationship(stack, { mentorId: a.mentorId });
    const res = await stack.subgraph<{
      _entities: Array<{ relationships: Array<{ id: string }> | null; relationshipCount: number | null }>;
    }>(
      'relationships',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { relationships { id } relationshipCount } } }`,
      { r: [{ __typename: 'User', id: a.mentorId }] },
      { as: a.mentor },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0].relationships!.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(res.data!._entities[0].relationshipCount).toBe(2);

    const other = await stack.subgraph<{ _entities: Array<{ relationships: unknown; relationshipCount: unknown }> }>(
      'relationships',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { relationships { id } relationshipCount } } }`,
      { r: [{ __typename: 'User', id: a.mentorId }] },
      { as: a.mentee },
    );
    expect(other.data!._entities[0]).toEqual({ relationships: null, relationshipCount: null });
  });
});

describe('pause and resume', () => {
  it('should let either side pause and resume, publish both events, and refuse resuming an active one', async () => {
    const pair = await startRelationship(stack);
    const pause = await stack.gql<any>(
      `mutation ($id: ID!) { pauseRelationship(id: $id) { relationship { status pausedAt } errors { field code } } }`,
      { id: pair.id },
      { as: pair.mentee },
    );
    expect(pause.data.pauseRelationship).toMatchObject({ relationship: { status: 'PAUSED' }, errors: [] });
    const again = await stack.gql<any>(
      `mutation ($id: ID!) { pauseRelationship(id: $id) { relationship { status } errors { field code } } }`,
      { id: pair.id },
      { as: pair.mentor },
    );
    expect(again.data.pauseRelationship).toEqual({
      relationship: null,
      errors: [{ field: 'id', code: 'INVALID_STATE' }],
    });
    const resume = await stack.gql<any>(
      `mutation ($id: ID!) { resumeRelationship(id: $id) { relationship { status pausedAt } errors { code } } }`,
      { id: pair.id },
      { as: pair.mentor },
    );
    expect(resume.data.resumeRelationship).toEqual({ relationship: { status: 'ACTIVE', pausedAt: null }, errors: [] });
    const resumeAgain = await stack.gql<any>(
      `mutation ($id: ID!) { resumeRelationship(id: $id) { errors { code } } }`,
      { id: pair.id },
      { as: pair.mentor },
    );
    expect(resumeAgain.data.resumeRelationship.errors[0].code).toBe('INVALID_STATE');
    expect(await eventsFor(stack, 'RelationshipPaused', pair.id)).toHaveLength(1);
    expect(await eventsFor(stack, 'RelationshipResumed', pair.id)).toHaveLength(1);
  });

  it('should refuse a coach pausing (NOT_FOUND: only partners change it)', async () => {
    const pair = await startRelationship(stack);
    const res = await stack.gql<any>(
      `mutation ($id: ID!) { pauseRelationship(id: $id) { errors { code } } }`,
      { id: pair.id },
      { as: pair.coach },
    );
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
