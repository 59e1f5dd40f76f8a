/**
 * Sessions follow the account, not the token (issue 17), through the gateway with identity's real tokens and
 * the session check on (TTL 0, so "the next request" is exactly that): a role revoked, an erasure, a password
 * changed or reset, a suspension each end every session issued before it; the principal a request is served as
 * carries the account's current roles, never the token's.
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
  type GraphQLResponse,
  type Stack,
  testDatabaseUrl,
} from '@tandem/testkit';

let stack: Stack;
const mailDir = mkdtempSync(join(os.tmpdir(), 'tandem-sessions-mail-'));

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity],
    env: { identity: { BOOTSTRAP_ADMIN: 'false', MAIL_DIR: mailDir } },
    sessionCheck: true,
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(mailDir, { recursive: true, force: true });
});

const PASSWORD = 'correct horse battery staple';
const SESSION = `errors { field code } session { accessToken refreshToken }`;
interface Session {
  accessToken: string;
  refreshToken: string;
}
interface Account extends Session {
  id: string;
  email: string;
}

async function register(name: string): Promise<Account> {
  const email = `${name.toLowerCase()}.${randomUUID().slice(0, 8)}@sessions.test`;
  await stack.gql(`mutation ($i: RegisterInput!) { register(input: $i) { errors { code } } }`, {
    i: { email, password: PASSWORD, displayName: name, roles: ['MENTEE'] },
  });
  const s = (
    await signIn<{ session: Session & { user: { id: string } } }>(
      stack,
      email,
      PASSWORD,
      `session { accessToken refreshToken user { id } }`,
    )
  ).data!.login.session;
  return { id: s.user.id, email, accessToken: s.accessToken, refreshToken: s.refreshToken };
}

/** Signs in (an ADMIN through the second factor the testkit enrols and holds). */
async function login(email: string, password = PASSWORD): Promise<GraphQLResponse<{ login: { session: Session } }>> {
  return signIn(stack, email, password, SESSION);
}

/** An account with these roles (set in its table, as an admin's grant would), signed in again. */
async function staff(name: string, roles: Role[]): Promise<Account> {
  const account = await register(name);
  await stack.sql(`UPDATE identity."user" SET roles = $2 WHERE id = $1`, [account.id, roles]);
  return { ...account, ...(await login(account.email)).data!.login.session };
}

const me = (token: string) => stack.gql<{ me: { id: string; roles: Role[] } }>(`{ me { id roles } }`, {}, { token });
const refresh = (refreshToken: string) =>
  stack.gql<{ refreshSession: { errors: Array<{ code: string }>; session: Session | null } }>(
    `mutation ($t: String!) { refreshSession(refreshToken: $t) { ${SESSION} } }`,
    { t: refreshToken },
  );

/** The answer to a token whose session has ended: 401 UNAUTHENTICATED, as for an expired one. */
function expectEnded(res: GraphQLResponse) {
  expect(res.status).toBe(401);
  expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(res.data ?? null).toBeNull();
}

describe('roles', () => {
  it('should refuse a token issued before a role was revoked, on the next request', async () => {
    const admin = await staff('Admin', ['ADMIN']);
    const analyst = await staff('Analyst', ['MENTEE', 'ANALYST']);
    expect((await me(analyst.accessToken)).data?.me.roles).toEqual(['MENTEE', 'ANALYST']);
    const revoked = await stack.gql<{ revokeRoles: { errors: unknown[] } }>(
      `mutation ($i: ChangeRolesInput!) { revokeRoles(input: $i) { errors { code } } }`,
      { i: { userId: analyst.id, roles: ['ANALYST'] } },
      { token: admin.accessToken },
    );
    expect(revoked.data?.revokeRoles.errors).toEqual([]);
    expectEnded(await me(analyst.accessToken));
    // a refresh gives a token with the current roles
    const again = await refresh(analyst.refreshToken);
    expect(again.data?.refreshSession.errors).toEqual([]);
    expect((await me(again.data!.refreshSession.session!.accessToken)).data?.me.roles).toEqual(['MENTEE']);
  });

  it('should not let a revoked ADMIN grant itself anything with its old token', async () => {
    const admin = await staff('Keeper', ['ADMIN']);
    const revokedAdmin = await staff('Formeradmin', ['ADMIN']);
    await stack.gql(
      `mutation ($i: ChangeRolesInput!) { revokeRoles(input: $i) { errors { code } } }`,
      { i: { userId: revokedAdmin.id, roles: ['ADMIN'] } },
      { token: admin.accessToken },
    );
    const grant = await stack.gql(
      `mutation ($i: ChangeRolesInput!) { grantRoles(input: $i) { errors { code } } }`,
      { i: { userId: revokedAdmin.id, roles: ['ADMIN'] } },
      { token: revokedAdmin.accessToken },
    );
    expectEnded(grant);
    const [row] = await stack.sql<{ roles: Role[] }>(`SELECT roles FROM identity."user" WHERE id = $1`, [
      revokedAdmin.id,
    ]);
    expect(row.roles).not.toContain('ADMIN');
  });

  it("should serve a request with the account's current roles, never the token's", async () => {
    const mentee = await register('Pretender');
    // a validly signed token claiming ADMIN for an account that is a mentee (its session version is 0)
    const claimsAdmin = await stack.token({ userId: mentee.id, roles: ['ADMIN'], organizationId: null });
    const grant = await stack.gql(
      `mutation ($i: ChangeRolesInput!) { grantRoles(input: $i) { errors { code } } }`,
      { i: { userId: mentee.id, roles: ['ADMIN'] } },
      { token: claimsAdmin },
    );
    expect(grant.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await me(claimsAdmin)).data?.me.roles).toEqual(['MENTEE']);
  });

  it('should refuse a token for an account that does not exist', async () => {
    const token = await stack.token({ userId: randomUUID(), roles: ['ADMIN'], organizationId: null });
    expectEnded(await me(token));
  });
});

describe('erasure', () => {
  it("should refuse an erased account's token and never revive it by a reset link or an email change", async () => {
    const leaver = await register('Leaver');
    // links in the mailboxes before the erasure: a reset link and an email change's confirmation
    await stack.gql(`mutation ($e: String!) { requestPasswordReset(email: $e) { errors { code } } }`, {
      e: leaver.email,
    });
    const newEmail = `revived.${randomUUID().slice(0, 8)}@sessions.test`;
    const asked = await stack.gql<{ requestEmailChange: { errors: unknown[] } }>(
      `mutation ($i: RequestEmailChangeInput!) { requestEmailChange(input: $i) { errors { code } } }`,
      { i: { newEmail, currentPassword: PASSWORD } },
      { token: leaver.accessToken },
    );
    expect(asked.data?.requestEmailChange.errors).toEqual([]);
    const resetToken = await linkToken(leaver.email, 'Reset your Tandem password');
    const confirmToken = await linkToken(newEmail, 'Confirm your new Tandem sign-in email');

    const erased = await stack.gql<{ eraseAccount: { errors: unknown[] } }>(
      `mutation ($id: ID!) { eraseAccount(userId: $id) { errors { code } } }`,
      { id: leaver.id },
      { token: leaver.accessToken },
    );
    expect(erased.data?.eraseAccount.errors).toEqual([]);
    expectEnded(await me(leaver.accessToken));
    expect((await refresh(leaver.refreshToken)).data?.refreshSession.session).toBeNull();

    const reset = await stack.gql<{ resetPassword: { errors: Array<{ code: string }> } }>(
      `mutation ($t: String!) { resetPassword(token: $t, newPassword: "Back-from-the-dead-2026") { errors { code } } }`,
      { t: resetToken },
    );
    expect(reset.data?.resetPassword.errors).toEqual([{ code: 'RESET_TOKEN_INVALID' }]);
    const confirmed = await stack.gql<{ confirmEmailChange: { errors: Array<{ code: string }> } }>(
      `mutation ($t: String!) { confirmEmailChange(token: $t) { errors { code } } }`,
      { t: confirmToken },
    );
    expect(confirmed.data?.confirmEmailChange.errors).toEqual([{ code: 'EMAIL_CHANGE_TOKEN_INVALID' }]);
    const [row] = await stack.sql<{ email: string; passwordHash: string | null }>(
      `SELECT email, password_hash AS "passwordHash" FROM identity."user" WHERE id = $1`,
      [leaver.id],
    );
    expect(row).toEqual({ email: `erased+${leaver.id}@erased.invalid`, passwordHash: null });
    expect((await login(newEmail, PASSWORD)).data?.login.session).toBeNull();
    expect((await login(leaver.email, PASSWORD)).data?.login.session).toBeNull();
  });
});

describe('passwords', () => {
  it('should end every older session when the password is changed, keeping the new one', async () => {
    const person = await register('Changer');
    const otherDevice = (await login(person.email)).data!.login.session;
    const changed = await stack.gql<{ changePassword: { errors: unknown[]; session: Session } }>(
      `mutation { changePassword(currentPassword: "${PASSWORD}", newPassword: "Another-good-pass-2026") { ${SESSION} } }`,
      {},
      { token: person.accessToken },
    );
    expect(changed.data?.changePassword.errors).toEqual([]);
    expectEnded(await me(person.accessToken));
    expectEnded(await me(otherDevice.accessToken));
    expect((await refresh(otherDevice.refreshToken)).data?.refreshSession.session).toBeNull();
    expect((await me(changed.data!.changePassword.session.accessToken)).data?.me.id).toBe(person.id);
  });

  it('should end every session when the password is reset with an emailed link', async () => {
    const person = await register('Forgetter');
    await stack.gql(`mutation ($e: String!) { requestPasswordReset(email: $e) { errors { code } } }`, {
      e: person.email,
    });
    const token = await linkToken(person.email, 'Reset your Tandem password');
    const reset = await stack.gql<{ resetPassword: { errors: unknown[] } }>(
      `mutation ($t: String!) { resetPassword(token: $t, newPassword: "Remembered-now-2026") { errors { code } } }`,
      { t: token },
    );
    expect(reset.data?.resetPassword.errors).toEqual([]);
    expectEnded(await me(person.accessToken));
    const fresh = (await login(person.email, 'Remembered-now-2026')).data!.login.session;
    expect((await me(fresh.accessToken)).data?.me.id).toBe(person.id);
  });
});

describe('suspension', () => {
  it('should end every session of a suspended account and refuse its sign-in until reinstated', async () => {
    const admin = await staff('Suspender', ['ADMIN']);
    const person = await register('Suspended');
    const suspend = await stack.gql<{ suspendUser: { errors: unknown[] } }>(
      `mutation ($id: ID!) { suspendUser(userId: $id) { errors { code } } }`,
      { id: person.id },
      { token: admin.accessToken },
    );
    expect(suspend.data?.suspendUser.errors).toEqual([]);
    expectEnded(await me(person.accessToken));
    expect((await refresh(person.refreshToken)).data?.refreshSession.session).toBeNull();
    expect((await login(person.email)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const selfSuspend = await stack.gql<{ suspendUser: { errors: Array<{ code: string }> } }>(
      `mutation ($id: ID!) { suspendUser(userId: $id) { errors { code } } }`,
      { id: admin.id },
      { token: admin.accessToken },
    );
    expect(selfSuspend.data?.suspendUser.errors).toEqual([{ code: 'SELF' }]);

    await stack.gql(
      `mutation ($id: ID!) { reinstateUser(userId: $id) { errors { code } } }`,
      { id: person.id },
      { token: admin.accessToken },
    );
    expectEnded(await me(person.accessToken)); // the sessions the suspension ended stay ended
    const back = (await login(person.email)).data!.login.session;
    expect((await me(back.accessToken)).data?.me.id).toBe(person.id);
  });
});

/** The token of the link in the newest email to `address` with this subject. */
async function linkToken(address: string, subject: string): Promise<string> {
  return eventually(async () => {
    const mail = (await mailsTo(mailDir, address)).filter((m) => m.headers.subject === subject).pop();
    expect(mail).toBeDefined();
    const token = new URL(mail!.text.match(/https?:\/\/\S+/)![0]).searchParams.get('token');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    return token!;
  }, 15_000);
}
