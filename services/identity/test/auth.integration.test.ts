import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@tandem/testkit';
import { decodeJwt } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '@tandem/contracts';
import type { Stack } from '@tandem/testkit';
import {
  freshIp,
  gqlFrom,
  login,
  PASSWORD,
  register,
  registerStaff,
  relogin,
  SESSION_FIELDS,
  startIdentityStack,
  uniqueEmail,
  createOrganization,
} from './helpers';

let stack: Stack;

beforeAll(async () => {
  stack = await startIdentityStack(testDatabaseUrl());
});
afterAll(async () => {
  await stack?.stop();
});

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { ${SESSION_FIELDS} } }`;
const REFRESH = `mutation ($t: String!) { refreshSession(refreshToken: $t) { ${SESSION_FIELDS} } }`;
const ME = `{ me { id displayName roles contact { email phone } } }`;

describe('registration', () => {
  it('should create an account (answering without a session) whose login token works through the gateway', async () => {
    const email = uniqueEmail('amara');
    const res = await gqlFrom<{ register: { ok: boolean; session: unknown } }>(stack, REGISTER, {
      input: { email, password: PASSWORD, displayName: 'Amara Okafor', roles: ['MENTEE', 'MENTOR'] },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.register).toMatchObject({ ok: true, errors: [], session: null });
    const signedIn = await login(stack, email, PASSWORD);
    const { accessToken, user } = signedIn.data!.login.session!;
    expect(user.roles).toEqual(['MENTEE', 'MENTOR']);

    const claims = decodeJwt(accessToken);
    expect(claims).toMatchObject({
      sub: user.id,
      roles: ['MENTEE', 'MENTOR'],
      org: null,
      iss: ACCESS_TOKEN_ISSUER,
      aud: ACCESS_TOKEN_AUDIENCE,
    });
    expect(claims.exp! - claims.iat!).toBe(15 * 60);

    const me = await gqlFrom(stack, ME, {}, { token: accessToken });
    expect(me.data).toEqual({
      me: { id: user.id, displayName: 'Amara Okafor', roles: ['MENTEE', 'MENTOR'], contact: { email, phone: null } },
    });

    const [row] = await stack.sql<{ password_hash: string }>(
      `SELECT password_hash FROM identity."user" WHERE id = $1`,
      [user.id],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const [event] = await stack.sql(
      `SELECT payload FROM identity.event_log WHERE name = 'UserRegistered' AND payload->>'userId' = $1`,
      [user.id],
    );
    expect(event.payload).toMatchObject({ userId: user.id, displayName: 'Amara Okafor', roles: ['MENTEE', 'MENTOR'] });
  });

  it('should answer an email already used (whatever its case) exactly like a new one, and write nothing', async () => {
    const first = await register(stack, 'Bo Chen');
    // counted for this address only: other test files register people in the same database at the same time
    const sameAddress = `SELECT count(*)::int AS n FROM identity."user" WHERE lower(email) = lower($1)`;
    const before = await stack.sql(sameAddress, [first.email]);
    const res = await gqlFrom(stack, REGISTER, {
      input: { email: first.email.toUpperCase(), password: PASSWORD, displayName: 'Other Bo', roles: ['MENTEE'] },
    });
    const fresh = await gqlFrom(stack, REGISTER, {
      input: { email: uniqueEmail('newbo'), password: PASSWORD, displayName: 'New Bo', roles: ['MENTEE'] },
    });
    expect(res).toEqual({ ...fresh, headers: res.headers });
    expect(res.data).toEqual({ register: { ok: true, errors: [], session: null } });
    const after = await stack.sql(sameAddress, [first.email]);
    expect(after[0].n).toBe(before[0].n);
    // the old password still signs the existing account in; the one typed at registration does not change it
    expect((await login(stack, first.email, PASSWORD)).data?.login.session?.user.id).toBe(first.id);
  });

  it('should name every bad field: email format, weak password, staff role, unknown organisation', async () => {
    const res = await gqlFrom<{
      register: { ok: boolean; errors: Array<{ field: string; code: string; message: string }> };
    }>(stack, REGISTER, {
      input: {
        email: 'not-an-email',
        password: 'password123',
        displayName: '  ',
        roles: ['ADMIN'],
        organizationId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(res.data?.register.ok).toBe(false);
    const codes = Object.fromEntries(res.data!.register.errors.map((e) => [e.field, e.code]));
    expect(codes).toEqual({
      'input.email': 'INVALID_EMAIL',
      'input.password': 'TOO_COMMON',
      'input.displayName': 'REQUIRED',
      'input.roles': 'NOT_SELF_SERVICE',
      'input.organizationId': 'UNKNOWN_ORGANIZATION',
    });
    const short = await gqlFrom<{ register: { errors: Array<{ field: string; code: string }> } }>(stack, REGISTER, {
      input: { email: uniqueEmail(), password: 'short', displayName: 'X', roles: ['MENTOR'] },
    });
    expect(short.data?.register.errors).toEqual([
      expect.objectContaining({ field: 'input.password', code: 'TOO_SHORT' }),
    ]);
  });

  it('should join a partner organisation given at registration', async () => {
    const admin = await registerStaff(stack, 'Ada Admin', ['ADMIN']);
    const orgId = await createOrganization(stack, admin);
    const mentee = await register(stack, 'Farah Haddad', ['MENTEE'], { organizationId: orgId });
    expect(decodeJwt(mentee.token).org).toBe(orgId);
  });
});

describe('login', () => {
  it('should sign in with the password and answer a wrong password and an unknown email alike', async () => {
    const account = await register(stack, 'Chidi Anagonye');
    const good = await login(stack, account.email.toLowerCase(), PASSWORD);
    expect(good.data?.login.ok).toBe(true);
    expect(decodeJwt(good.data!.login.session!.accessToken).sub).toBe(account.id);

    const wrongPassword = await login(stack, account.email, 'not the password at all');
    const unknownEmail = await login(stack, uniqueEmail('nobody'), PASSWORD);
    expect(wrongPassword.data?.login).toEqual({
      ok: false,
      errors: [{ field: 'credentials', code: 'INVALID_CREDENTIALS', message: 'The email or password is incorrect.' }],
      session: null,
    });
    expect(unknownEmail.data?.login).toEqual(wrongPassword.data?.login);
  });

  it('should lock an account after 5 failures in 15 minutes, from any address, with a retry hint', async () => {
    const account = await register(stack, 'Eleanor Shellstrop');
    for (let i = 0; i < 5; i++) {
      const res = await login(stack, account.email, `wrong password ${i}`);
      expect(res.data?.login.errors[0].code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await login(stack, account.email, PASSWORD, freshIp());
    expect(locked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    const retry = locked.errors?.[0].extensions?.retryAfterSeconds as number;
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);

    // the lock lifts when the failures leave the window
    await stack.sql(
      `UPDATE identity.login_attempt SET attempted_at = attempted_at - interval '16 minutes' WHERE email = lower($1)`,
      [account.email],
    );
    expect((await login(stack, account.email, PASSWORD)).data?.login.ok).toBe(true);
  });

  it('should forget earlier failures after a successful login', async () => {
    const account = await register(stack, 'Jason Mendoza');
    for (let i = 0; i < 4; i++) await login(stack, account.email, 'wrong password!');
    expect((await login(stack, account.email, PASSWORD)).data?.login.ok).toBe(true);
    for (let i = 0; i < 4; i++) await login(stack, account.email, 'wrong password!');
    expect((await login(stack, account.email, PASSWORD)).data?.login.ok).toBe(true);
  });

  it('should lock an address after 20 failures, whichever accounts it tries', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      const res = await login(stack, uniqueEmail('spray'), 'guessing password', ip);
      expect(res.data?.login.ok).toBe(false);
    }
    const account = await register(stack, 'Tahani Al-Jamil');
    const locked = await login(stack, account.email, PASSWORD, ip);
    expect(locked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(locked.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // the same account from another address is not locked
    expect((await login(stack, account.email, PASSWORD, freshIp())).data?.login.ok).toBe(true);
  });
});

describe('refresh tokens', () => {
  it('should rotate: each refresh token works once and yields a new pair', async () => {
    const account = await register(stack, 'Michael Realman');
    const first = await gqlFrom<{
      refreshSession: { ok: boolean; session: { accessToken: string; refreshToken: string } };
    }>(stack, REFRESH, { t: account.refreshToken });
    expect(first.data?.refreshSession, JSON.stringify(first)).toMatchObject({ ok: true });
    const next = first.data!.refreshSession.session;
    expect(next.refreshToken).not.toBe(account.refreshToken);
    expect((await gqlFrom(stack, ME, {}, { token: next.accessToken })).data?.me).toMatchObject({ id: account.id });

    const second = await gqlFrom<{ refreshSession: { ok: boolean } }>(stack, REFRESH, { t: next.refreshToken });
    expect(second.data?.refreshSession.ok).toBe(true);
    const stored = await stack.sql(
      `SELECT count(*)::int AS n FROM identity.refresh_token WHERE user_id = $1 AND token_hash = $2`,
      [account.id, next.refreshToken],
    );
    expect(stored[0].n).toBe(0); // only hashes are stored
  });

  it('should revoke the whole family when a used refresh token is presented again', async () => {
    const account = await register(stack, 'Janet Della-Denunzio');
    const rotated = await gqlFrom<{ refreshSession: { session: { refreshToken: string } } }>(stack, REFRESH, {
      t: account.refreshToken,
    });
    const current = rotated.data!.refreshSession.session.refreshToken;

    const replay = await gqlFrom<{ refreshSession: { ok: boolean; errors: Array<{ code: string }> } }>(stack, REFRESH, {
      t: account.refreshToken,
    });
    expect(replay.data?.refreshSession).toMatchObject({ ok: false, errors: [{ code: 'INVALID_REFRESH_TOKEN' }] });
    // the legitimate holder's newest token is dead too
    const afterReuse = await gqlFrom<{ refreshSession: { ok: boolean } }>(stack, REFRESH, { t: current });
    expect(afterReuse.data?.refreshSession.ok).toBe(false);
    // another session of the same person (another family) survives
    const other = await login(stack, account.email, PASSWORD);
    expect(
      (
        await gqlFrom<{ refreshSession: { ok: boolean } }>(stack, REFRESH, {
          t: other.data!.login.session!.refreshToken,
        })
      ).data?.refreshSession.ok,
    ).toBe(true);
  });

  it('should end the session on logout and reject garbage tokens', async () => {
    const account = await register(stack, 'Derek Hofstetler');
    const out = await gqlFrom<{ logout: boolean }>(stack, `mutation ($t: String!) { logout(refreshToken: $t) }`, {
      t: account.refreshToken,
    });
    expect(out.data?.logout).toBe(true);
    expect(
      (await gqlFrom<{ refreshSession: { ok: boolean } }>(stack, REFRESH, { t: account.refreshToken })).data
        ?.refreshSession.ok,
    ).toBe(false);
    expect(
      (await gqlFrom<{ refreshSession: { ok: boolean } }>(stack, REFRESH, { t: 'garbage' })).data?.refreshSession.ok,
    ).toBe(false);
  });
});

describe('staff roles', () => {
  it('should let only an ADMIN grant staff roles, and the new token carry them', async () => {
    const admin = await registerStaff(stack, 'Shawn Admin', ['ADMIN']);
    const orgId = await createOrganization(stack, admin);
    const person = await register(stack, 'Simone Garnett', ['MENTOR']);
    const GRANT = `mutation ($i: ChangeRolesInput!) { grantRoles(input: $i) { ok errors { field code } user { id roles } } }`;

    const byMentor = await gqlFrom(
      stack,
      GRANT,
      { i: { userId: person.id, roles: ['ADMIN'] } },
      { token: person.token },
    );
    expect(byMentor.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const noOrg = await gqlFrom<{ grantRoles: { ok: boolean; errors: Array<{ field: string; code: string }> } }>(
      stack,
      GRANT,
      { i: { userId: person.id, roles: ['COACH'] } },
      { token: admin.token },
    );
    expect(noOrg.data?.grantRoles).toMatchObject({
      ok: false,
      errors: [{ field: 'input.organizationId', code: 'REQUIRED' }],
    });
    const notStaff = await gqlFrom<{ grantRoles: { ok: boolean; errors: Array<{ code: string }> } }>(
      stack,
      GRANT,
      { i: { userId: person.id, roles: ['MENTEE'] } },
      { token: admin.token },
    );
    expect(notStaff.data?.grantRoles.errors[0].code).toBe('NOT_STAFF_ROLE');

    const granted = await gqlFrom<{ grantRoles: { ok: boolean; user: { roles: string[] } } }>(
      stack,
      GRANT,
      { i: { userId: person.id, roles: ['COACH'], organizationId: orgId } },
      { token: admin.token },
    );
    expect(granted.data?.grantRoles).toMatchObject({ ok: true, user: { roles: ['MENTOR', 'COACH'] } });
    const relogged = await relogin(stack, person);
    expect(decodeJwt(relogged.token)).toMatchObject({ roles: ['MENTOR', 'COACH'], org: orgId });

    const unknown = await gqlFrom(
      stack,
      GRANT,
      { i: { userId: '00000000-0000-4000-8000-000000000000', roles: ['COACH'] } },
      { token: admin.token },
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const revoked = await gqlFrom<{ revokeRoles: { ok: boolean; user: { roles: string[] } } }>(
      stack,
      `mutation ($i: ChangeRolesInput!) { revokeRoles(input: $i) { ok user { roles } } }`,
      { i: { userId: person.id, roles: ['COACH'] } },
      { token: admin.token },
    );
    expect(revoked.data?.revokeRoles).toEqual({ ok: true, user: { roles: ['MENTOR'] } });
    const events = await stack.sql(
      `SELECT payload FROM identity.event_log WHERE name = 'UserRolesChanged' AND payload->>'userId' = $1 ORDER BY occurred_at`,
      [person.id],
    );
    expect(events.map((e) => (e.payload as { roles: string[] }).roles)).toEqual([['MENTOR', 'COACH'], ['MENTOR']]);
  });
});
