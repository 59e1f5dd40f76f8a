import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { reporting } from '../src/service';
import { CPD_CATEGORY, World } from './fixtures';

let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [reporting] });
  world = new World(stack);
});
afterAll(async () => {
  await stack?.stop();
});

async function pair() {
  const programme = await world.programme();
  const mentorId = await world.person('Grace Hopper', { roles: ['MENTOR'] });
  const menteeId = await world.person('Alan Turing');
  const rel = await world.relationship({ programmeId: programme.id, mentorId, menteeId });
  return { programme, mentorId, menteeId, rel };
}

const entriesOf = (userId: string) =>
  stack.sql<{
    seq: number;
    kind: string;
    role: string;
    hours: string;
    meeting_id: string;
    revision: number;
    cpd_category: string;
    occurred_on: string;
  }>(
    `SELECT seq, kind, role, hours, meeting_id, revision, cpd_category, occurred_on::text FROM reporting.cpd_entry WHERE user_id = $1 ORDER BY seq`,
    [userId],
  );

describe('CPD ledger from MeetingConfirmed', () => {
  it('should append one entry per participant with role, category and hours, and count them in cpdHours', async () => {
    const { mentorId, menteeId, rel } = await pair();
    const m = await world.confirm(world.meeting(rel, '2026-05-18', 90));
    await world.settle();

    const mentor = await entriesOf(mentorId);
    const mentee = await entriesOf(menteeId);
    expect(mentor).toEqual([
      expect.objectContaining({
        seq: 1,
        kind: 'MEETING',
        role: 'MENTOR',
        hours: '1.50',
        meeting_id: m.meetingId,
        revision: 1,
        cpd_category: CPD_CATEGORY,
        occurred_on: '2026-05-18',
      }),
    ]);
    expect(mentee).toEqual([expect.objectContaining({ seq: 1, kind: 'MEETING', role: 'MENTEE', hours: '1.50' })]);

    const ent = await stack.subgraph<{ _entities: Array<{ cpdHours: number | null }> }>(
      'reporting',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { cpdHours } } }`,
      { r: [{ __typename: 'User', id: mentorId }] },
      { as: principal('MENTOR', null, mentorId) },
    );
    expect(ent.data?._entities[0].cpdHours).toBe(1.5);
    const foreign = await stack.subgraph<{ _entities: Array<{ cpdHours: number | null }> }>(
      'reporting',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { cpdHours } } }`,
      { r: [{ __typename: 'User', id: mentorId }] },
      { as: principal('MENTEE') },
    );
    expect(foreign.data?._entities[0].cpdHours).toBeNull();
  });

  it('should never create a duplicate entry for a redelivered or re-sent confirmation', async () => {
    const { mentorId, rel } = await pair();
    const m = world.meeting(rel, '2026-06-01', 60);
    const envelope = await stack.publish('MeetingConfirmed', m);
    await stack.publish('MeetingConfirmed', m); // same content, a new event id
    // the same event id delivered twice (at-least-once delivery)
    await stack.sql(`INSERT INTO pgboss.job (name, data) VALUES ('reporting_inbox', $1)`, [JSON.stringify(envelope)]);
    await world.settle();
    expect(await entriesOf(mentorId)).toHaveLength(1);
  });

  it('should append a reversal and a new entry for a confirmed amendment, never editing the original', async () => {
    const { mentorId, menteeId, rel } = await pair();
    const original = await world.confirm(world.meeting(rel, '2026-06-15', 60));
    await world.settle();
    await world.confirm(world.meeting(rel, '2026-06-16', 120, { amendsMeetingId: original.meetingId, revision: 2 }));
    await world.settle();

    const entries = await entriesOf(mentorId);
    expect(entries.map((e) => [e.seq, e.kind, e.hours, e.occurred_on])).toEqual([
      [1, 'MEETING', '1.00', '2026-06-15'],
      [2, 'REVERSAL', '-1.00', '2026-06-15'],
      [3, 'MEETING', '2.00', '2026-06-16'],
    ]);
    const net = await stack.sql<{ h: string }>(`SELECT sum(hours) AS h FROM reporting.cpd_entry WHERE user_id = $1`, [
      menteeId,
    ]);
    expect(Number(net[0].h)).toBe(2);
  });

  it('should end with the same net hours, and the original reversed, when the amendment is applied before the original', async () => {
    // two replicas (or two workers) may apply the confirmations of a meeting and of its amendment in either order
    const { mentorId, menteeId, rel } = await pair();
    const original = world.meeting(rel, '2026-07-06', 60);
    const amendment = world.meeting(rel, '2026-07-06', 90, { amendsMeetingId: original.meetingId, revision: 2 });
    await world.confirm(amendment);
    await world.settle();
    await world.confirm(original);
    await world.settle();

    for (const userId of [mentorId, menteeId]) {
      const entries = await entriesOf(userId);
      expect(entries.map((e) => [e.seq, e.kind, e.hours, e.meeting_id])).toEqual([
        [1, 'MEETING', '1.50', amendment.meetingId],
        [2, 'MEETING', '1.00', original.meetingId],
        [3, 'REVERSAL', '-1.00', amendment.meetingId],
      ]);
    }
    // the analytics count the amended meeting once, with its new duration
    const [rollup] = await stack.sql<{ meetings: number; hours: string }>(
      `SELECT sum(meetings_confirmed)::int AS meetings, sum(hours_confirmed) AS hours FROM reporting.stats_daily WHERE programme_id = $1`,
      [rel.programmeId],
    );
    expect([rollup.meetings, Number(rollup.hours)]).toEqual([1, 1.5]);
    const chain = await stack.subgraph<{ verifyCpdLedger: { intact: boolean } }>(
      'reporting',
      `query ($id: ID!) { verifyCpdLedger(userId: $id) { intact } }`,
      { id: mentorId },
      { as: principal('ADMIN') },
    );
    expect(chain.data!.verifyCpdLedger.intact).toBe(true);
  });

  it('should net the last revision once, whatever the order a chain of amendments is applied in', async () => {
    // M1 -> M2 -> M3 (60, 90, 120 minutes), applied in every order
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const order of orders) {
      const { mentorId, menteeId, rel } = await pair();
      const m1 = world.meeting(rel, '2026-07-20', 60);
      const m2 = world.meeting(rel, '2026-07-20', 90, { amendsMeetingId: m1.meetingId, revision: 2 });
      const m3 = world.meeting(rel, '2026-07-20', 120, { amendsMeetingId: m2.meetingId, revision: 3 });
      for (const i of order) {
        await world.confirm([m1, m2, m3][i]);
        await world.settle();
      }
      for (const userId of [mentorId, menteeId]) {
        const [net] = await stack.sql<{ h: string }>(
          `SELECT sum(hours) AS h FROM reporting.cpd_entry WHERE user_id = $1`,
          [userId],
        );
        expect([order.join(''), Number(net.h)]).toEqual([order.join(''), 2]);
      }
      const [rollup] = await stack.sql<{ meetings: number; hours: string }>(
        `SELECT sum(meetings_confirmed)::int AS meetings, sum(hours_confirmed) AS hours FROM reporting.stats_daily WHERE programme_id = $1`,
        [rel.programmeId],
      );
      expect([order.join(''), rollup.meetings, Number(rollup.hours)]).toEqual([order.join(''), 1, 2]);
    }
  }, 60_000);

  it('should refuse UPDATE and DELETE on the ledger', async () => {
    const { mentorId, rel } = await pair();
    await world.confirm(world.meeting(rel, '2026-07-01', 60));
    await world.settle();
    await expect(stack.sql(`UPDATE reporting.cpd_entry SET hours = 10 WHERE user_id = $1`, [mentorId])).rejects.toThrow(
      /append-only/,
    );
    await expect(stack.sql(`DELETE FROM reporting.cpd_entry WHERE user_id = $1`, [mentorId])).rejects.toThrow(
      /append-only/,
    );
  });
});

describe('verifyCpdLedger', () => {
  const verify = (userId: string, as = principal('ADMIN')) =>
    stack.gql<{
      verifyCpdLedger: { intact: boolean; entries: number; brokenAtSequence: number | null; reason: string | null };
    }>(
      `query ($u: ID!) { verifyCpdLedger(userId: $u) { intact entries brokenAtSequence reason } }`,
      { u: userId },
      { as },
    );

  it('should report an intact chain, then the first tampered entry after a superuser edit', async () => {
    const { mentorId, rel } = await pair();
    for (const day of ['2026-05-04', '2026-05-11', '2026-05-18']) await world.confirm(world.meeting(rel, day, 60));
    await world.settle();
    expect((await verify(mentorId)).data?.verifyCpdLedger).toEqual({
      intact: true,
      entries: 3,
      brokenAtSequence: null,
      reason: null,
    });
    expect((await verify(mentorId, principal('MENTOR', null, mentorId))).data?.verifyCpdLedger.intact).toBe(true);

    await stack.sql(`ALTER TABLE reporting.cpd_entry DISABLE TRIGGER cpd_entry_no_update`);
    try {
      await stack.sql(`UPDATE reporting.cpd_entry SET hours = 5 WHERE user_id = $1 AND seq = 2`, [mentorId]);
    } finally {
      await stack.sql(`ALTER TABLE reporting.cpd_entry ENABLE TRIGGER cpd_entry_no_update`);
    }
    expect((await verify(mentorId)).data?.verifyCpdLedger).toEqual({
      intact: false,
      entries: 3,
      brokenAtSequence: 2,
      reason: 'CONTENT_CHANGED',
    });
  });

  it('should detect a deleted entry as a gap in the sequence', async () => {
    const { menteeId, rel } = await pair();
    for (const day of ['2026-05-04', '2026-05-11', '2026-05-18']) await world.confirm(world.meeting(rel, day, 60));
    await world.settle();
    await stack.sql(`ALTER TABLE reporting.cpd_entry DISABLE TRIGGER cpd_entry_no_update`);
    try {
      await stack.sql(`DELETE FROM reporting.cpd_entry WHERE user_id = $1 AND seq = 2`, [menteeId]);
    } finally {
      await stack.sql(`ALTER TABLE reporting.cpd_entry ENABLE TRIGGER cpd_entry_no_update`);
    }
    expect((await verify(menteeId)).data?.verifyCpdLedger).toMatchObject({
      intact: false,
      brokenAtSequence: 2,
      reason: 'SEQUENCE_GAP',
    });
  });

  it("should answer NOT_FOUND to someone else asking about a person's ledger", async () => {
    const { mentorId } = await pair();
    for (const p of [principal('MENTEE'), principal('ANALYST'), principal('COACH')]) {
      expect((await verify(mentorId, p)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });
});
