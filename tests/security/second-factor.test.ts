/**
 * The staff second factor (issue 17, "Staff accounts"), through the gateway with the session check on: TOTP
 * codes generated with otplib as an authenticator app would, recovery codes, replay, the login throttle, the
 * enrolment a required factor forces, the organisation setting for coaches, an ADMIN's reset, the events the
 * audit log reads; and registration that does not say whether an email is taken.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@tandem/contracts';
import { identity } from '@tandem/identity';
import {
  eventually,
  mailsTo,
  signIn,
  startStack,
  totpCode,
  type GraphQLResponse,
  type Stack,
  testDatabaseUrl,
} from '@tandem/testkit';

let stack: Stack;
const mailDir = mkdtempSync(join(os.tmpdir(), 'tandem-second-factor-mail-'));
const ADMIN_EMAIL = `root.${randomUUID().slice(0, 8)}@second-factor.test`;
const ADMIN_PASSWORD = 'Root-admin-pass-2026';
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity],
    env: { identity: { BOOTSTRAP_ADMIN: 'true', ADMIN_EMAIL, ADMIN_PASSWORD, MAIL_DIR: mailDir } },
    sessionCheck: true,
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(mailDir, { recursive: true, force: true });
});

type Errors = Array<{ field: string; code: string }>;
interface Challenge {
  token: string;
  kind: 'CODE' | 'ENROL';
  expiresAt: string;
}
interface Login {
  errors: Errors;
  session: { accessToken: string; user: { id: string } } | null;
  secondFactorChallenge: Challenge | null;
}
const LOGIN = `errors { field code } session { accessToken user { id } } secondFactorChallenge { token kind expiresAt }`;

let ipCounter = 0;
/** A documentation address of its own per test, so the per-address limit of one test never reaches another. */
const freshIp = () => `2001:db8::2fa:${process.pid.toString(16)}:${(++ipCounter).toString(16)}`;

/** A GraphQL call through the gateway from `ip` (the test stack's gateway trusts X-Forwarded-For from loopback). */
async function gql<T>(
  query: string,
  variables: Record<string, unknown>,
  options: { ip: string; token?: string },
): Promise<GraphQLResponse<T>> {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': options.ip,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
  return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
}

const login = (email: string, password: string, ip: string) =>
  gql<{ login: Login }>(
    `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ${LOGIN} } }`,
    { e: email, p: password },
    { ip },
  );
const complete = (challenge: string, code: string, ip: string) =>
  gql<{ completeSignIn: Login }>(
    `mutation ($c: String!, $k: String!) { completeSignIn(challenge: $c, code: $k) { ${LOGIN} } }`,
    { c: challenge, k: code },
    { ip },
  );
const startEnrolment = (ip: string, challenge?: string, token?: string) =>
  gql<{ startSecondFactorEnrolment: { errors: Errors; enrolment: { secret: string; otpauthUri: string } | null } }>(
    `mutation ($c: String) { startSecondFactorEnrolment(challenge: $c) { errors { field code } enrolment { secret otpauthUri } } }`,
    { c: challenge ?? null },
    { ip, token },
  );
const confirmEnrolment = (code: string, ip: string, challenge?: string, token?: string) =>
  gql<{
    confirmSecondFactorEnrolment: {
      errors: Errors;
      recoveryCodes: string[] | null;
      session: { accessToken: string } | null;
    };
  }>(
    `mutation ($c: String, $k: String!) { confirmSecondFactorEnrolment(challenge: $c, code: $k) { errors { field code } recoveryCodes session { accessToken } } }`,
    { c: challenge ?? null, k: code },
    { ip, token },
  );
const status = (token: string, ip = freshIp()) =>
  gql<{ me: { secondFactor: { enabled: boolean; required: boolean; recoveryCodesLeft: number } | null } }>(
    `{ me { secondFactor { enabled required recoveryCodesLeft } } }`,
    {},
    { ip, token },
  ).then((r) => r.data?.me.secondFactor);

const step = () => Math.floor(Date.now() / 30_000);

/** A person registered, given staff roles in the table (as an admin's grant would), not signed in. */
async function staffAccount(name: string, roles: Role[], organizationId: string | null = null) {
  const email = `${name.toLowerCase()}.${randomUUID().slice(0, 8)}@second-factor.test`;
  const reg = await gql<{ register: { errors: Errors } }>(
    `mutation ($i: RegisterInput!) { register(input: $i) { errors { field code } } }`,
    { i: { email, password: PASSWORD, displayName: name, roles: ['MENTEE'] } },
    { ip: freshIp() },
  );
  expect(reg.data?.register.errors).toEqual([]);
  const [row] = await stack.sql<{ id: string }>(`SELECT id FROM identity."user" WHERE lower(email) = lower($1)`, [
    email,
  ]);
  await stack.sql(`UPDATE identity."user" SET roles = $2, organization_id = $3 WHERE id = $1`, [
    row.id,
    roles,
    organizationId,
  ]);
  return { id: row.id, email };
}

/**
 * Staff with a second factor (the first code for the current step, `confirmedStep`): set up at their first
 * sign-in with its ENROL challenge where one is required, by choice while signed in otherwise.
 */
async function enrolledStaff(name: string, roles: Role[] = ['PROGRAMME_ADMIN']) {
  const account = await staffAccount(name, roles);
  const ip = freshIp();
  const signedIn = (await login(account.email, PASSWORD, ip)).data!.login;
  const challenge = signedIn.secondFactorChallenge?.token;
  expect(signedIn.secondFactorChallenge?.kind ?? 'none').toBe(challenge ? 'ENROL' : 'none');
  const token = signedIn.session?.accessToken;
  const { secret } = (await startEnrolment(ip, challenge, token)).data!.startSecondFactorEnrolment.enrolment!;
  const confirmedStep = step();
  const confirmed = (await confirmEnrolment(await totpCode(secret, confirmedStep), ip, challenge, token)).data!
    .confirmSecondFactorEnrolment;
  expect(confirmed.errors).toEqual([]);
  // with a challenge the sign-in completes here; signed in, the session goes on
  expect(!!confirmed.session).toBe(!!challenge);
  return {
    ...account,
    secret,
    confirmedStep,
    recoveryCodes: confirmed.recoveryCodes!,
    token: confirmed.session?.accessToken ?? token!,
  };
}

const events = (name: string, userId: string) =>
  stack.sql<{ payload: Record<string, unknown> }>(
    `SELECT payload FROM identity.event_log WHERE name = $1 AND payload->>'userId' = $2 ORDER BY occurred_at, id`,
    [name, userId],
  );

describe('a second factor required of admins', () => {
  it('should make an ADMIN without one set it up at sign-in, the challenge allowing nothing else, then sign in', async () => {
    const ip = freshIp();
    const first = await login(ADMIN_EMAIL, ADMIN_PASSWORD, ip);
    expect(first.data?.login.errors).toEqual([]);
    expect(first.data?.login.session).toBeNull();
    const challenge = first.data!.login.secondFactorChallenge!;
    expect(challenge.kind).toBe('ENROL');
    const ttl = Date.parse(challenge.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(4 * 60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000 + 5_000);
    // the enrolment challenge is not a sign-in: it does not take a code, and it is no access token
    expect((await complete(challenge.token, '123456', ip)).data?.completeSignIn.errors).toEqual([
      { field: 'challenge', code: 'CHALLENGE_INVALID' },
    ]);
    expect((await gql(`{ me { id } }`, {}, { ip, token: challenge.token })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );

    const started = await startEnrolment(ip, challenge.token);
    const { secret, otpauthUri } = started.data!.startSecondFactorEnrolment.enrolment!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Tandem:/);
    const [admin] = await stack.sql<{ id: string }>(`SELECT id FROM identity."user" WHERE email = $1`, [ADMIN_EMAIL]);
    const [stored] = await stack.sql<{ secret_encrypted: string }>(
      `SELECT secret_encrypted FROM identity.second_factor WHERE user_id = $1`,
      [admin.id],
    );
    expect(stored.secret_encrypted).not.toContain(secret); // encrypted at rest

    expect((await confirmEnrolment('000000', ip, challenge.token)).data?.confirmSecondFactorEnrolment.errors).toEqual([
      { field: 'code', code: 'INVALID_CODE' },
    ]);
    const confirmed = (await confirmEnrolment(await totpCode(secret), ip, challenge.token)).data!
      .confirmSecondFactorEnrolment;
    expect(confirmed.errors).toEqual([]);
    expect(confirmed.session?.accessToken).toBeTruthy();
    const codes = confirmed.recoveryCodes!;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // only their hashes are kept
    const hashes = await stack.sql<{ code_hash: string }>(
      `SELECT code_hash FROM identity.recovery_code WHERE user_id = $1`,
      [admin.id],
    );
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes) {
      expect(code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(codes).not.toContain(code_hash);
    }
    // single use: the challenge is spent
    expect(
      (await confirmEnrolment(await totpCode(secret, step() + 1), ip, challenge.token)).data
        ?.confirmSecondFactorEnrolment.errors,
    ).toEqual([{ field: 'challenge', code: 'CHALLENGE_INVALID' }]);
    expect(await status(confirmed.session!.accessToken)).toEqual({
      enabled: true,
      required: true,
      recoveryCodesLeft: 10,
    });
    // the secret is never shown again
    expect(
      (await startEnrolment(ip, undefined, confirmed.session!.accessToken)).data?.startSecondFactorEnrolment,
    ).toEqual({ errors: [{ field: 'secondFactor', code: 'ALREADY_ENROLLED' }], enrolment: null });

    // from now on: password, then a code
    const again = (await login(ADMIN_EMAIL, ADMIN_PASSWORD, ip)).data!.login;
    expect(again.session).toBeNull();
    expect(again.secondFactorChallenge?.kind).toBe('CODE');
    const signedIn = (await complete(again.secondFactorChallenge!.token, await totpCode(secret, step() + 1), ip)).data!
      .completeSignIn;
    expect(signedIn.errors).toEqual([]);
    expect(signedIn.session?.user.id).toBe(admin.id);
    expect(
      (await gql<{ me: { id: string } }>(`{ me { id } }`, {}, { ip, token: signedIn.session!.accessToken })).data?.me
        .id,
    ).toBe(admin.id);

    const changed = await events('StaffSecondFactorChanged', admin.id);
    expect(changed.map((e) => e.payload)).toEqual([
      expect.objectContaining({ userId: admin.id, change: 'ENROLLED', changedBy: admin.id }),
    ]);
    const signIns = await events('StaffSignedIn', admin.id);
    expect(signIns.map((e) => e.payload)).toEqual([
      expect.objectContaining({ userId: admin.id, roles: ['ADMIN'], secondFactor: 'TOTP', clientIp: ip }),
      expect.objectContaining({ userId: admin.id, roles: ['ADMIN'], secondFactor: 'TOTP', clientIp: ip }),
    ]);
  });

  it('should publish StaffSignedIn for staff without a second factor, and nothing for participants', async () => {
    const analyst = await staffAccount('Analyst', ['ANALYST']);
    const ip = freshIp();
    const res = (await login(analyst.email, PASSWORD, ip)).data!.login;
    expect(res.secondFactorChallenge).toBeNull();
    expect(res.session?.user.id).toBe(analyst.id);
    expect((await events('StaffSignedIn', analyst.id)).map((e) => e.payload)).toEqual([
      expect.objectContaining({ userId: analyst.id, roles: ['ANALYST'], secondFactor: null, clientIp: ip }),
    ]);
    const mentee = await staffAccount('Mentee', ['MENTEE']);
    expect((await login(mentee.email, PASSWORD, ip)).data?.login.session).not.toBeNull();
    expect(await events('StaffSignedIn', mentee.id)).toEqual([]);
  });
});

describe('codes', () => {
  it('should refuse a code already used (replay), an earlier one, one out of the window, and a spent challenge', async () => {
    const person = await enrolledStaff('Replay');
    const ip = freshIp();
    // the enrolment used the code of `confirmedStep`; the next step is within the ±1 window
    const code = await totpCode(person.secret, person.confirmedStep + 1);
    const first = (await login(person.email, PASSWORD, ip)).data!.login.secondFactorChallenge!;
    expect(first.kind).toBe('CODE');
    expect((await complete(first.token, code, ip)).data?.completeSignIn.session).not.toBeNull();
    // the challenge is spent
    expect((await complete(first.token, code, ip)).data?.completeSignIn.errors).toEqual([
      { field: 'challenge', code: 'CHALLENGE_INVALID' },
    ]);
    // the same code again, in a new sign-in: refused
    const second = (await login(person.email, PASSWORD, ip)).data!.login.secondFactorChallenge!;
    expect((await complete(second.token, code, ip)).data?.completeSignIn).toMatchObject({
      errors: [{ field: 'code', code: 'INVALID_CODE' }],
      session: null,
    });
    // a step before the last one used, though still within the window: refused
    expect(
      (await complete(second.token, await totpCode(person.secret, person.confirmedStep), ip)).data?.completeSignIn
        .errors,
    ).toEqual([{ field: 'code', code: 'INVALID_CODE' }]);
    // two steps ahead of the clock: outside the window
    expect(
      (await complete(second.token, await totpCode(person.secret, step() + 2), ip)).data?.completeSignIn.errors,
    ).toEqual([{ field: 'code', code: 'INVALID_CODE' }]);
    // the wrong codes did not spend the challenge: a recovery code completes it
    expect((await complete(second.token, person.recoveryCodes[0], ip)).data?.completeSignIn.errors).toEqual([]);
  });

  it('should accept a recovery code once, in place of a code, and count it used', async () => {
    const person = await enrolledStaff('Recovery');
    const ip = freshIp();
    const [recovery] = person.recoveryCodes;
    const first = (await login(person.email, PASSWORD, ip)).data!.login.secondFactorChallenge!;
    const signedIn = (await complete(first.token, recovery.toUpperCase(), ip)).data!.completeSignIn;
    expect(signedIn.errors).toEqual([]);
    expect(await status(signedIn.session!.accessToken)).toMatchObject({ recoveryCodesLeft: 9 });
    const second = (await login(person.email, PASSWORD, ip)).data!.login.secondFactorChallenge!;
    expect((await complete(second.token, recovery, ip)).data?.completeSignIn).toMatchObject({
      errors: [{ field: 'code', code: 'INVALID_CODE' }],
      session: null,
    });
    const payloads = (await events('StaffSignedIn', person.id)).map((e) => e.payload.secondFactor);
    expect(payloads.at(-1)).toBe('RECOVERY_CODE');
  });

  it('should count wrong codes as failed sign-ins, so the login throttle locks the account', async () => {
    const person = await enrolledStaff('Guesser');
    for (let i = 0; i < 5; i++) {
      const ip = freshIp(); // from many addresses: the account's limit applies
      const challenge = (await login(person.email, PASSWORD, ip)).data!.login.secondFactorChallenge!;
      // a right password between the guesses does not restart the count
      expect(challenge.kind).toBe('CODE');
      expect((await complete(challenge.token, String(100000 + i), ip)).data?.completeSignIn.errors).toEqual([
        { field: 'code', code: 'INVALID_CODE' },
      ]);
    }
    const locked = await login(person.email, PASSWORD, freshIp());
    expect(locked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(locked.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('renewal, removal, reset and the organisation setting', () => {
  it('should renew recovery codes with a code (old ones stop working) and remove the factor with password and code', async () => {
    const person = await enrolledStaff('Renewer', ['ANALYST']);
    const ip = freshIp();
    const renewed = await gql<{ renewRecoveryCodes: { errors: Errors; recoveryCodes: string[] | null } }>(
      `mutation ($k: String!) { renewRecoveryCodes(code: $k) { errors { field code } recoveryCodes } }`,
      { k: await totpCode(person.secret, person.confirmedStep + 1) },
      { ip, token: person.token },
    );
    const fresh = renewed.data!.renewRecoveryCodes.recoveryCodes!;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => person.recoveryCodes.includes(c))).toBe(false);
    const challenge = (await login(person.email, PASSWORD, ip)).data!.login.secondFactorChallenge!;
    expect((await complete(challenge.token, person.recoveryCodes[0], ip)).data?.completeSignIn.errors).toEqual([
      { field: 'code', code: 'INVALID_CODE' },
    ]);

    const remove = (password: string, code: string) =>
      gql<{ removeSecondFactor: { errors: Errors; user: { id: string } | null } }>(
        `mutation ($p: String!, $k: String!) { removeSecondFactor(password: $p, code: $k) { errors { field code } user { id } } }`,
        { p: password, k: code },
        { ip, token: person.token },
      ).then((r) => r.data!.removeSecondFactor);
    expect(await remove('not the password', fresh[0])).toEqual({
      errors: [{ field: 'password', code: 'INCORRECT_PASSWORD' }],
      user: null,
    });
    expect(await remove(PASSWORD, 'wrong-codes')).toEqual({
      errors: [{ field: 'code', code: 'INVALID_CODE' }],
      user: null,
    });
    expect(await remove(PASSWORD, fresh[1])).toEqual({ errors: [], user: { id: person.id } });
    // an analyst is not required to have one: the next sign-in is a plain one
    expect((await login(person.email, PASSWORD, ip)).data?.login.session).not.toBeNull();
    expect((await events('StaffSecondFactorChanged', person.id)).map((e) => e.payload)).toEqual([
      expect.objectContaining({ change: 'ENROLLED', changedBy: person.id }),
      expect.objectContaining({ change: 'RECOVERY_CODES_RENEWED', changedBy: person.id }),
      expect.objectContaining({ change: 'REMOVED', changedBy: person.id }),
    ]);
  });

  it('should let an ADMIN reset another person’s factor, who then sets one up again at sign-in', async () => {
    const admin = await enrolledStaff('Resetter', ['ADMIN']);
    const person = await enrolledStaff('Lostphone', ['PROGRAMME_ADMIN']);
    const ip = freshIp();
    const reset = (userId: string, token: string) =>
      gql<{ resetSecondFactor: { errors: Errors; user: { id: string } | null } }>(
        `mutation ($id: ID!) { resetSecondFactor(userId: $id) { errors { field code } user { id } } }`,
        { id: userId },
        { ip, token },
      );
    // not for oneself, not by a programme admin
    expect((await reset(admin.id, admin.token)).data?.resetSecondFactor.errors).toEqual([
      { field: 'userId', code: 'USE_REMOVE_SECOND_FACTOR' },
    ]);
    expect((await reset(admin.id, person.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await reset(person.id, admin.token)).data?.resetSecondFactor).toEqual({
      errors: [],
      user: { id: person.id },
    });
    expect(await stack.sql(`SELECT 1 FROM identity.recovery_code WHERE user_id = $1`, [person.id])).toEqual([]);
    expect((await login(person.email, PASSWORD, ip)).data?.login.secondFactorChallenge?.kind).toBe('ENROL');
    expect((await events('StaffSecondFactorChanged', person.id)).at(-1)?.payload).toMatchObject({
      change: 'REMOVED',
      changedBy: admin.id,
    });
  });

  it('should require a second factor of an organisation’s coaches once it says so, and only of its own', async () => {
    const admin = await enrolledStaff('Orgadmin', ['PROGRAMME_ADMIN']);
    const ip = freshIp();
    const org = async (name: string) =>
      (
        await gql<{ createOrganization: { organization: { id: string } } }>(
          `mutation ($i: OrganizationInput!) { createOrganization(input: $i) { organization { id } } }`,
          { i: { name: `${name} ${randomUUID().slice(0, 8)}` } },
          { ip, token: admin.token },
        )
      ).data!.createOrganization.organization.id;
    const strict = await org('Strict');
    const relaxed = await org('Relaxed');
    const coach = await staffAccount('Strictcoach', ['COACH'], strict);
    const other = await staffAccount('Relaxedcoach', ['COACH'], relaxed);
    expect((await login(coach.email, PASSWORD, ip)).data?.login.session).not.toBeNull();

    const set = await gql<{
      setCoachSecondFactorRequirement: {
        errors: Errors;
        organization: { id: string; coachesRequireSecondFactor: boolean };
      };
    }>(
      `mutation ($id: ID!) { setCoachSecondFactorRequirement(organizationId: $id, required: true) { errors { field code } organization { id coachesRequireSecondFactor } } }`,
      { id: strict },
      { ip, token: admin.token },
    );
    expect(set.data?.setCoachSecondFactorRequirement).toEqual({
      errors: [],
      organization: { id: strict, coachesRequireSecondFactor: true },
    });
    expect((await login(coach.email, PASSWORD, ip)).data?.login).toMatchObject({
      session: null,
      secondFactorChallenge: { kind: 'ENROL' },
    });
    expect((await login(other.email, PASSWORD, ip)).data?.login.session).not.toBeNull();
    // the coach sets one up and signs in with it
    const res = await signIn(stack, coach.email, PASSWORD, `errors { code } session { accessToken }`, (q, v) =>
      gql(q, v, { ip }),
    );
    expect(await status(res.data!.login.session!.accessToken)).toEqual({
      enabled: true,
      required: true,
      recoveryCodesLeft: 10,
    });
  });
});

describe('registration', () => {
  it('should answer a taken email exactly like a new one, create nothing, and tell the owner by email', async () => {
    const existing = await staffAccount('Owner', ['MENTEE']);
    const ip = freshIp();
    const register = (email: string) =>
      gql(
        `mutation ($i: RegisterInput!) { register(input: $i) { ok errors { field code message } session { accessToken } secondFactorChallenge { token } } }`,
        { i: { email, password: 'Another-pass-2026', displayName: 'Stranger', roles: ['MENTOR'] } },
        { ip },
      );
    const taken = await register(existing.email.toUpperCase());
    const fresh = await register(`new.${randomUUID().slice(0, 8)}@second-factor.test`);
    expect(taken.status).toBe(fresh.status);
    expect(taken.errors).toBeUndefined();
    expect(taken.data).toEqual(fresh.data);
    expect(taken.data).toEqual({ register: { ok: true, errors: [], session: null, secondFactorChallenge: null } });
    const rows = await stack.sql<{ roles: Role[]; display_name: string }>(
      `SELECT roles, display_name FROM identity."user" WHERE lower(email) = lower($1)`,
      [existing.email],
    );
    expect(rows).toEqual([{ roles: ['MENTEE'], display_name: 'Owner' }]);
    // the stranger's password does not sign in; the owner's still does
    expect((await login(existing.email, 'Another-pass-2026', ip)).data?.login.errors).toEqual([
      { field: 'credentials', code: 'INVALID_CREDENTIALS' },
    ]);
    const mail = await eventually(async () => {
      const found = (await mailsTo(mailDir, existing.email)).find(
        (m) => m.headers.subject === 'Someone tried to register with your email address',
      );
      if (!found) throw new Error('no notice yet');
      return found;
    }, 10_000);
    expect(mail.text).toContain('nothing was created');
    expect(mail.text).not.toContain('Another-pass-2026');
  });
});
