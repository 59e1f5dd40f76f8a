/**
 * Answers shared between callers (issue 24): an approved mentor's name and headline read through another subgraph
 * (a relationship's `mentor`) are fetched from identity once and then served to every other participant from the
 * gateway, until identity signals that the mentor changed; anything whose rule depends on who asks is fetched for
 * each caller. Identity's statement count in the answer (EXPOSE_SQL_COUNT) tells whether it was asked.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { relationships } from '@tandem/relationships';
import type { Principal } from '@tandem/contracts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [identity, relationships] });
});
afterAll(async () => {
  await stack?.stop();
});

const MENTOR_OF = `query ($id: ID!) { relationship(id: $id) { mentor { id displayName mentorProfile { headline } } } }`;
const MENTEE_OF = `query ($id: ID!) { relationship(id: $id) { mentee { id displayName } } }`;

interface Answer {
  relationship: {
    mentor?: { displayName: string | null; mentorProfile: { headline: string | null } | null };
    mentee?: { displayName: string | null };
  };
}

type Id = ReturnType<typeof randomUUID>;

async function person(displayName: string, roles: string[], organizationId: string | null): Promise<Id> {
  const id = randomUUID();
  await stack.sql(
    `INSERT INTO identity."user" (id, email, display_name, roles, organization_id) VALUES ($1, $2, $3, $4, $5)`,
    [id, `${id}@example.org`, displayName, roles, organizationId],
  );
  return id;
}

async function mentor(displayName: string, status: string, organizationId: string | null): Promise<Id> {
  const id = await person(displayName, ['MENTOR'], organizationId);
  await stack.sql(`INSERT INTO identity.mentor_profile (user_id, status, headline) VALUES ($1, $2, $3)`, [
    id,
    status,
    `Headline of ${displayName}`,
  ]);
  return id;
}

async function relationship(mentorId: string, menteeId: string, organizationId: string): Promise<string> {
  const id = randomUUID();
  await stack.sql(
    `INSERT INTO relationships.relationship (id, mentee_id, mentor_id, status, started_on, organization_id)
     VALUES ($1, $2, $3, 'ACTIVE', '2026-09-01', $4)`,
    [id, menteeId, mentorId, organizationId],
  );
  return id;
}

/** A mentor (with this review status) and a mentee of one organisation, in an active relationship. */
async function pair(mentorName: string, status: string, menteeName: string) {
  const org = randomUUID();
  const mentorId = await mentor(mentorName, status, org);
  const menteeId = await person(menteeName, ['MENTEE'], org);
  const relId = await relationship(mentorId, menteeId, org);
  return { org, mentorId, menteeId, relId, mentee: principal('MENTEE', org, menteeId) };
}

/** The answer, and how many statements identity ran for it (0: not asked). */
async function ask(query: string, id: string, as: Principal): Promise<{ data: Answer; identity: number }> {
  const res = await stack.gql<Answer>(query, { id }, { as });
  expect(res.errors).toBeUndefined();
  return { data: res.data!, identity: res.sqlStatements?.identity ?? 0 };
}

/** Asks until the answer passes, for at most `ms` (a signal reaches the gateway when the change commits). */
async function askUntil(query: string, id: string, as: Principal, ok: (a: Answer) => boolean, ms = 1_000) {
  const started = Date.now();
  for (;;) {
    const { data } = await ask(query, id, as);
    if (ok(data)) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`still ${JSON.stringify(data)} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('answers shared between participants', () => {
  it("should fetch an approved mentor's name and headline once, then serve them to every participant", async () => {
    const { org, mentorId, relId, mentee } = await pair('Amara Okafor', 'APPROVED', 'Lina Haddad');

    const first = await ask(MENTOR_OF, relId, mentee);
    expect(first.data.relationship.mentor).toEqual({
      id: mentorId,
      displayName: 'Amara Okafor',
      mentorProfile: { headline: 'Headline of Amara Okafor' },
    });
    expect(first.identity).toBeGreaterThan(0);

    // the mentee again, their coach, the mentor themself: the same answer, identity not asked
    for (const as of [mentee, principal('COACH', org), principal('MENTOR', org, mentorId)]) {
      const again = await ask(MENTOR_OF, relId, as);
      expect(again.data).toEqual(first.data);
      expect(again.identity).toBe(0);
    }
  });

  it('should show a new name and headline as soon as identity signals the change', async () => {
    const { org, mentorId, relId, mentee } = await pair('Wei Zhang', 'APPROVED', 'Sofia Rossi');
    const asMentor = principal('MENTOR', org, mentorId);
    await ask(MENTOR_OF, relId, mentee);
    expect((await ask(MENTOR_OF, relId, mentee)).identity).toBe(0);

    const renamed = await stack.gql(
      `mutation { updateContactDetails(input: { displayName: "Wei Zhang-Li" }) { errors { code } } }`,
      {},
      { as: asMentor },
    );
    expect(renamed.errors).toBeUndefined();
    // the mentor reads their own write at once (their reads skip the shared answers for a moment)
    expect((await ask(MENTOR_OF, relId, asMentor)).data.relationship.mentor?.displayName).toBe('Wei Zhang-Li');
    await askUntil(MENTOR_OF, relId, mentee, (a) => a.relationship.mentor?.displayName === 'Wei Zhang-Li');

    const rewritten = await stack.gql(
      `mutation { updateMentorProfile(input: { headline: "Data engineering, mentoring since 2019" }) { errors { code } } }`,
      {},
      { as: asMentor },
    );
    expect(rewritten.errors).toBeUndefined();
    await askUntil(
      MENTOR_OF,
      relId,
      mentee,
      (a) => a.relationship.mentor?.mentorProfile?.headline === 'Data engineering, mentoring since 2019',
    );
    // and shared again from then on
    expect((await ask(MENTOR_OF, relId, principal('COACH', org))).identity).toBe(0);
  });

  it('should never share what depends on who asks: a mentor awaiting review, a mentee', async () => {
    const { org, relId, mentee } = await pair('Priya Sharma', 'PENDING_REVIEW', 'Jonas Berg');
    const coach = principal('COACH', org);

    // their own coach sees the name of a mentor awaiting review; the mentee (identity has learnt no relationship
    // between them here) does not, even right after the coach
    const seen = await ask(MENTOR_OF, relId, coach);
    expect(seen.data.relationship.mentor?.displayName).toBe('Priya Sharma');
    const hidden = await ask(MENTOR_OF, relId, mentee);
    expect(hidden.data.relationship.mentor?.displayName).toBeNull();
    expect(hidden.identity).toBeGreaterThan(0);

    // a mentee's name follows the rules of mentee profiles: asked for every caller
    await ask(MENTEE_OF, relId, coach);
    expect((await ask(MENTEE_OF, relId, coach)).identity).toBeGreaterThan(0);
  });
});
