/**
 * Time zones through the gateway (issue 20): a person gives their IANA zone at registration (the app proposes the
 * browser's) and changes it on the Me page; an unknown zone is refused with INVALID_TIME_ZONE and writes nothing;
 * only the person reads it; relationships hears of the choice (UserTimeZoneChanged) and keeps it in its read model,
 * where it wins over the profile's zone. A programme has a zone too (America/Toronto unless staff name another).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identity } from '@tandem/identity';
import { relationships } from '@tandem/relationships';
import { eventually, signIn, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';

const PASSWORD = 'Time-zones-2026-pass';
const E = 'errors { field code message }';
type Errors = Array<{ field: string; code: string; message: string }>;

let stack: Stack;

async function call<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await stack.gql<T>(query, variables, token ? { token } : {});
  if (res.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

async function register(displayName: string, timeZone?: string) {
  const email = `${displayName.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 6)}@zones.test`;
  const data = await call<{ register: { errors: Errors } }>(
    `mutation ($input: RegisterInput!) { register(input: $input) { ${E} } }`,
    { input: { email, password: PASSWORD, displayName, roles: ['MENTEE'], timeZone } },
  );
  return { email, errors: data.register.errors };
}

async function login(email: string, password = PASSWORD): Promise<{ token: string; userId: string }> {
  const res = await signIn<{ session: { accessToken: string; user: { id: string } } }>(
    stack,
    email,
    password,
    `session { accessToken user { id } }`,
  );
  return { token: res.data!.login.session.accessToken, userId: res.data!.login.session.user.id };
}

const zoneOf = async (token: string) =>
  (await call<{ me: { timeZone: string | null } }>(`{ me { timeZone } }`, {}, token)).me.timeZone;

const readModelZone = async (userId: string) => {
  const [row] = await stack.sql<{ zone: string | null }>(
    `SELECT COALESCE(chosen_time_zone, time_zone) AS zone FROM relationships.person_profile WHERE user_id = $1`,
    [userId],
  );
  return row?.zone ?? null;
};

const ADMIN = { email: `zones-admin-${randomUUID().slice(0, 8)}@zones.test`, password: 'Zones-admin-2026-pass' };

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, relationships],
    env: { identity: { BOOTSTRAP_ADMIN: 'true', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } },
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('a person’s time zone', () => {
  it('should keep the zone given at registration and tell relationships', async () => {
    const { email, errors } = await register('Tomas Toronto', 'America/Toronto');
    expect(errors).toEqual([]);
    const tomas = await login(email);
    expect(await zoneOf(tomas.token)).toBe('America/Toronto');
    await eventually(async () => expect(await readModelZone(tomas.userId)).toBe('America/Toronto'), 15_000);
  });

  it('should refuse an unknown zone at registration and create no account', async () => {
    const { email, errors } = await register('Nowhere Person', 'Mars/Olympus_Mons');
    expect(errors).toEqual([expect.objectContaining({ field: 'input.timeZone', code: 'INVALID_TIME_ZONE' })]);
    const [row] = await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM identity."user" WHERE email = $1`, [
      email,
    ]);
    expect(row!.n).toBe(0);
  });

  it('should change the zone on request, refuse abbreviations, and show it to the person only', async () => {
    const { email } = await register('Vera Vancouver');
    const vera = await login(email);
    const other = await login((await register('Otto Other', 'Europe/Paris')).email);
    expect(await zoneOf(vera.token)).toBeNull();

    const SET = `mutation ($z: String!) { setTimeZone(timeZone: $z) { ${E} user { id timeZone } } }`;
    const bad = await call<{ setTimeZone: { errors: Errors; user: null } }>(SET, { z: 'PST' }, vera.token);
    expect(bad.setTimeZone.errors).toEqual([expect.objectContaining({ field: 'timeZone', code: 'INVALID_TIME_ZONE' })]);
    expect(bad.setTimeZone.user).toBeNull();
    expect(await zoneOf(vera.token)).toBeNull();

    const ok = await call<{ setTimeZone: { errors: Errors; user: { id: string; timeZone: string } } }>(
      SET,
      { z: 'America/Vancouver' },
      vera.token,
    );
    expect(ok.setTimeZone).toEqual({ errors: [], user: { id: vera.userId, timeZone: 'America/Vancouver' } });
    expect(await zoneOf(vera.token)).toBe('America/Vancouver');
    await eventually(async () => expect(await readModelZone(vera.userId)).toBe('America/Vancouver'), 15_000);

    // someone else reading Vera's account does not see her zone
    const seen = await stack.gql<{ user: { timeZone: string | null } | null }>(
      `query ($id: ID!) { user(id: $id) { timeZone } }`,
      { id: vera.userId },
      { token: other.token },
    );
    expect(seen.data?.user?.timeZone ?? null).toBeNull();
  });

  it('should give a programme a time zone, Toronto by default, and refuse an unknown one', async () => {
    const admin = await login(ADMIN.email, ADMIN.password);
    const base = {
      name: `Zoned programme ${randomUUID().slice(0, 6)}`,
      terms: { targetHours: 6, durationWeeks: 17, minMeetings: 6, hoursOrMeetings: false },
      cpdCategory: 'Mentoring',
    };
    const created = await call<{ createProgramme: { errors: Errors; programme: { id: string; timeZone: string } } }>(
      `mutation ($i: ProgrammeInput!) { createProgramme(input: $i) { ${E} programme { id timeZone } } }`,
      { i: base },
      admin.token,
    );
    expect(created.createProgramme.errors).toEqual([]);
    expect(created.createProgramme.programme.timeZone).toBe('America/Toronto');
    const id = created.createProgramme.programme.id;

    const UPDATE = `mutation ($id: ID!, $i: ProgrammeInput!) { updateProgramme(id: $id, input: $i) { ${E} programme { timeZone } } }`;
    const bad = await call<{ updateProgramme: { errors: Errors; programme: null } }>(
      UPDATE,
      { id, i: { ...base, timeZone: 'Pacific Time' } },
      admin.token,
    );
    expect(bad.updateProgramme).toEqual({
      programme: null,
      errors: [expect.objectContaining({ field: 'input.timeZone', code: 'INVALID_TIME_ZONE' })],
    });
    const moved = await call<{ updateProgramme: { errors: Errors; programme: { timeZone: string } } }>(
      UPDATE,
      { id, i: { ...base, timeZone: 'America/Vancouver' } },
      admin.token,
    );
    expect(moved.updateProgramme).toEqual({ errors: [], programme: { timeZone: 'America/Vancouver' } });
    // a later change that names no zone keeps the one set
    const kept = await call<{ updateProgramme: { programme: { timeZone: string } } }>(
      UPDATE,
      { id, i: { ...base, name: `${base.name} (renamed)` } },
      admin.token,
    );
    expect(kept.updateProgramme.programme.timeZone).toBe('America/Vancouver');
  });
});
