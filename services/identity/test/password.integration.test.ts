/**
 * Changing a password while signed in, and resetting a forgotten one with a link sent by email: through the
 * gateway with identity's real tokens; the emails are read back from MAIL_DIR as a mail client would.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, mailsTo, type ReceivedMail, type Stack, testDatabaseUrl } from '@tandem/testkit';
import {
  freshIp,
  gqlFrom,
  login,
  PASSWORD,
  register,
  registerStaff,
  startIdentityStack,
  TEST_MAIL_DIR,
  uniqueEmail,
  type Account,
} from './helpers';

const RESET_URL = 'https://admin.tandem.test/reset-password';
/** Participants' links open the participant app (staff's the admin app's RESET_URL: tests/admin). */
const WEB_APP_URL = 'https://app.tandem.test';
const WEB_RESET_URL = `${WEB_APP_URL}/reset-password`;
let stack: Stack;

beforeAll(async () => {
  stack = await startIdentityStack(testDatabaseUrl(), { PASSWORD_RESET_URL: RESET_URL, WEB_APP_URL });
});
afterAll(async () => {
  await stack?.stop();
});

type Errors = Array<{ field: string; code: string; message: string }>;
interface ChangePayload {
  ok: boolean;
  errors: Errors;
  session: { accessToken: string; refreshToken: string; user: { id: string } } | null;
}

const CHANGE = `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) {
  ok errors { field code message } session { accessToken refreshToken user { id } } } }`;
const REQUEST = `mutation ($e: String!) { requestPasswordReset(email: $e) { ok errors { field code message } } }`;
const RESET = `mutation ($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) { ok errors { field code message } } }`;
const REFRESH = `mutation ($t: String!) { refreshSession(refreshToken: $t) { ok errors { code } } }`;
const NOTIFICATIONS = `{ me { notifications(first: 10) { edges { node { kind title body } } } } }`;

const change = (account: Pick<Account, 'token'>, current: string, next: string, ip?: string) =>
  gqlFrom<{ changePassword: ChangePayload }>(stack, CHANGE, { c: current, n: next }, { token: account.token, ip });
const requestReset = (email: string) =>
  gqlFrom<{ requestPasswordReset: { ok: boolean; errors: Errors } }>(stack, REQUEST, { e: email });
const reset = (token: string, newPassword: string) =>
  gqlFrom<{ resetPassword: { ok: boolean; errors: Errors } }>(stack, RESET, { t: token, n: newPassword });
const refreshWorks = async (refreshToken: string) =>
  (await gqlFrom<{ refreshSession: { ok: boolean } }>(stack, REFRESH, { t: refreshToken })).data?.refreshSession.ok;
const signInWorks = async (email: string, password: string) => (await login(stack, email, password)).data?.login.ok;

/** Waits until `count` reset emails have reached `email`, and returns them (oldest first). */
async function resetMails(email: string, count: number): Promise<ReceivedMail[]> {
  return eventually(async () => {
    const mails = (await mailsTo(TEST_MAIL_DIR, email)).filter(
      (m) => m.headers.subject === 'Reset your Tandem password',
    );
    expect(mails.length).toBeGreaterThanOrEqual(count);
    return mails;
  }, 15_000);
}

/** The token of the link in a reset email (a participant's link points at the participant app's reset page). */
function tokenOf(mail: ReceivedMail): string {
  const link = mail.text.match(/https?:\/\/\S+/)?.[0];
  expect(link, mail.text).toBeDefined();
  const url = new URL(link!);
  expect(`${url.origin}${url.pathname}`).toBe(WEB_RESET_URL);
  const token = url.searchParams.get('token');
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
  return token!;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('changePassword', () => {
  it('should refuse a wrong current password with a field error that counts toward the sign-in lock', async () => {
    const account = await register(stack, 'Rosa Diaz');
    const wrong = await change(account, 'not my password at all', 'A-new-password-2026');
    expect(wrong.errors).toBeUndefined();
    expect(wrong.data?.changePassword).toEqual({
      ok: false,
      errors: [
        { field: 'currentPassword', code: 'INCORRECT_PASSWORD', message: 'Your current password is not correct.' },
      ],
      session: null,
    });

    // guessing through changePassword locks the account like failed sign-ins do (4 more, from other addresses)
    for (let i = 0; i < 4; i++)
      expect(
        (await change(account, `guess number ${i}`, 'A-new-password-2026', freshIp())).data?.changePassword.errors[0]
          .code,
      ).toBe('INCORRECT_PASSWORD');
    const locked = await change(account, PASSWORD, 'A-new-password-2026', freshIp());
    expect(locked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(locked.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    const signIn = await login(stack, account.email, PASSWORD, freshIp());
    expect(signIn.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    // the password never changed (the lock over, the old one signs in)
    const [row] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM identity.notification WHERE user_id = $1 AND kind = 'PASSWORD_CHANGED'`,
      [account.id],
    );
    expect(row.n).toBe(0);
    await stack.sql(
      `UPDATE identity.login_attempt SET attempted_at = attempted_at - interval '16 minutes' WHERE email = lower($1)`,
      [account.email],
    );
    expect(await signInWorks(account.email, PASSWORD)).toBe(true);
  });

  it('should need a signed-in person', async () => {
    const res = await gqlFrom(stack, CHANGE, { c: PASSWORD, n: 'A-new-password-2026' });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('should refuse a new password the policy refuses, or the current one again, and change nothing', async () => {
    const account = await register(stack, 'Amy Santiago');
    const local = account.email.split('@')[0];
    const cases: Array<[string, string]> = [
      ['short1', 'TOO_SHORT'],
      ['password123', 'TOO_COMMON'],
      ['abcdefghijklm', 'TOO_COMMON'],
      [`${local}-2026!`, 'CONTAINS_EMAIL'],
      ['x'.repeat(201), 'TOO_LONG'],
      [PASSWORD, 'SAME_AS_CURRENT'],
    ];
    for (const [candidate, code] of cases) {
      const res = await change(account, PASSWORD, candidate);
      expect(res.data?.changePassword, candidate).toMatchObject({
        ok: false,
        errors: [{ field: 'newPassword', code }],
        session: null,
      });
    }
    // a wrong current password and a weak new one: both named
    const both = await change(account, 'wrong current password', 'short');
    expect(both.data?.changePassword.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'currentPassword:INCORRECT_PASSWORD',
      'newPassword:TOO_SHORT',
    ]);
    expect(await refreshWorks(account.refreshToken)).toBe(true);
    expect(await signInWorks(account.email, PASSWORD)).toBe(true);
  });

  it('should replace the password, sign every other session out, return a working session and send a security notice', async () => {
    const account = await register(stack, 'Terry Jeffords'); // session A (registration)
    const other = await login(stack, account.email, PASSWORD); // session B, "another device"
    const deviceB = other.data!.login.session!;
    const [before] = await stack.sql<{ password_hash: string }>(
      `SELECT password_hash FROM identity."user" WHERE id = $1`,
      [account.id],
    );
    const newPassword = 'Brooklyn-nine-nine-2026';

    const res = await change({ token: deviceB.accessToken }, PASSWORD, newPassword);
    expect(res.errors).toBeUndefined();
    expect(res.data?.changePassword).toMatchObject({ ok: true, errors: [] });
    const session = res.data!.changePassword.session!;
    expect(session.user.id).toBe(account.id);

    // the old password is refused, the new one works
    expect((await login(stack, account.email, PASSWORD)).data?.login.errors[0].code).toBe('INVALID_CREDENTIALS');
    expect(await signInWorks(account.email, newPassword)).toBe(true);
    const [after] = await stack.sql<{ password_hash: string }>(
      `SELECT password_hash FROM identity."user" WHERE id = $1`,
      [account.id],
    );
    expect(after.password_hash).toMatch(/^\$argon2id\$/);
    expect(after.password_hash).not.toBe(before.password_hash);
    // refresh tokens issued before no longer refresh (both devices); the returned session does
    expect(await refreshWorks(account.refreshToken)).toBe(false);
    expect(await refreshWorks(deviceB.refreshToken)).toBe(false);
    expect(
      (await gqlFrom<{ me: { id: string } }>(stack, `{ me { id } }`, {}, { token: session.accessToken })).data?.me.id,
    ).toBe(account.id);
    expect(await refreshWorks(session.refreshToken)).toBe(true);

    // told in-app and by email, without the password
    const notes = await gqlFrom<{
      me: { notifications: { edges: Array<{ node: { kind: string; title: string; body: string } }> } };
    }>(stack, NOTIFICATIONS, {}, { token: session.accessToken });
    const notice = notes.data!.me.notifications.edges.map((e) => e.node).find((n) => n.kind === 'PASSWORD_CHANGED');
    expect(notice?.title).toBe('Your Tandem password was changed');
    expect(notice?.body).toMatch(/signed out/);
    const mail = await eventually(async () => {
      const [m] = (await mailsTo(TEST_MAIL_DIR, account.email)).filter(
        (x) => x.headers.subject === 'Your Tandem password was changed',
      );
      expect(m).toBeDefined();
      return m;
    }, 15_000);
    expect(mail.text).toContain('Hello Terry Jeffords,');
    expect(mail.text).toMatch(/Forgot your password\?/);
    expect(mail.text).not.toContain(newPassword);
    expect(mail.text).not.toContain(PASSWORD);
    // no event: nothing downstream needs to know
    const events = await stack.sql(
      `SELECT name FROM identity.event_log WHERE payload->>'userId' = $1 AND name NOT IN ('UserRegistered', 'UserContactChanged')`,
      [account.id],
    );
    expect(events).toEqual([]);
  });
});

describe('password reset by email', () => {
  it("should link a participant's reset email to the participant app and a staff member's to the admin app", async () => {
    const participant = await register(stack, 'Pia Participant');
    const staff = await registerStaff(stack, 'Sam Staff', ['COACH']);
    await requestReset(participant.email);
    await requestReset(staff.email);
    const pageOf = async (email: string) => {
      const [mail] = await resetMails(email, 1);
      const url = new URL(mail.text.match(/https?:\/\/\S+/)![0]);
      // the HTML part has the very same link as its button
      expect(mail.html).toContain(`href="${url.toString().replace(/&/g, '&amp;')}"`);
      return `${url.origin}${url.pathname}`;
    };
    expect(await pageOf(participant.email)).toBe(WEB_RESET_URL);
    expect(await pageOf(staff.email)).toBe(RESET_URL);
  });

  it('should answer an unknown address exactly like a known one, and email only the account', async () => {
    const account = await register(stack, 'Charles Boyle');
    const unknown = uniqueEmail('nobody');
    const forUnknown = await requestReset(unknown);
    const forKnown = await requestReset(account.email.toUpperCase());
    expect(forKnown.status).toBe(forUnknown.status);
    expect(forKnown.data).toEqual(forUnknown.data);
    expect(forKnown.data).toEqual({ requestPasswordReset: { ok: true, errors: [] } });
    expect(forKnown.errors).toBeUndefined();

    const [mail] = await resetMails(account.email, 1);
    expect(mail.headers.to.toLowerCase()).toBe(`charles boyle <${account.email.toLowerCase()}>`);
    expect(mail.text).toMatch(/within 30 minutes/);
    expect(mail.headers['x-tandem-password-reset']).toMatch(/^[0-9a-f-]{36}$/);
    await settle(300);
    expect(await mailsTo(TEST_MAIL_DIR, unknown)).toEqual([]);

    // only a malformed address gets an error, naming the field
    expect((await requestReset('not an address')).data?.requestPasswordReset).toMatchObject({
      ok: false,
      errors: [{ field: 'email', code: 'INVALID_EMAIL' }],
    });
  });

  it('should set a new password once with the emailed link, sign every session out, and not sign in', async () => {
    const account = await register(stack, 'Gina Linetti'); // session A
    const deviceB = (await login(stack, account.email, PASSWORD)).data!.login.session!;
    await requestReset(account.email);
    const token = tokenOf((await resetMails(account.email, 1))[0]);
    // only the hash is stored
    const rows = await stack.sql<{ token_hash: string; expires_at: Date; created_at: Date }>(
      `SELECT token_hash, expires_at, created_at FROM identity.password_reset_token WHERE user_id = $1`,
      [account.id],
    );
    expect(rows.map((r) => r.token_hash)).toEqual([sha256(token)]);
    expect(new Date(rows[0].expires_at).getTime() - new Date(rows[0].created_at).getTime()).toBe(30 * 60_000);

    // the policy applies, and a refused password leaves the link usable
    const weak = await reset(token, 'password123');
    expect(weak.data?.resetPassword).toEqual({
      ok: false,
      errors: [{ field: 'newPassword', code: 'TOO_COMMON', message: expect.any(String) }],
    });
    const local = account.email.split('@')[0];
    expect((await reset(token, `${local}-reset`)).data?.resetPassword.errors[0].code).toBe('CONTAINS_EMAIL');
    expect(await signInWorks(account.email, PASSWORD)).toBe(true);

    const newPassword = 'Nine-nine-reset-2026';
    const done = await reset(token, newPassword);
    expect(done.errors).toBeUndefined();
    expect(done.data?.resetPassword).toEqual({ ok: true, errors: [] });
    // once only
    const again = await reset(token, 'Another-new-password-1');
    expect(again.data?.resetPassword).toEqual({
      ok: false,
      errors: [
        {
          field: 'token',
          code: 'RESET_TOKEN_INVALID',
          message: 'This reset link is not valid any more. Ask for a new one.',
        },
      ],
    });
    // an unknown token answers exactly alike
    expect((await reset('made-up-token', 'Another-new-password-1')).data).toEqual(again.data);
    expect((await reset('', 'Another-new-password-1')).data).toEqual(again.data);

    // every session ended; the old password is refused and the new one works
    expect(await refreshWorks(account.refreshToken)).toBe(false);
    expect(await refreshWorks(deviceB.refreshToken)).toBe(false);
    expect(await signInWorks(account.email, PASSWORD)).toBe(false);
    const signedIn = await login(stack, account.email, newPassword);
    expect(signedIn.data?.login.ok).toBe(true);

    // a security notice, without a secret
    const notice = await eventually(async () => {
      const [m] = (await mailsTo(TEST_MAIL_DIR, account.email)).filter(
        (x) => x.headers.subject === 'Your Tandem password was changed',
      );
      expect(m).toBeDefined();
      return m;
    }, 15_000);
    expect(notice.text).toMatch(/reset .* with a link sent to this email address/);
    expect(notice.text).not.toContain(token);
    expect(notice.text).not.toContain(newPassword);
  });

  it('should refuse an expired link and a link replaced by a newer one, alike', async () => {
    const account = await register(stack, 'Raymond Holt');
    await requestReset(account.email);
    const first = tokenOf((await resetMails(account.email, 1))[0]);
    await requestReset(account.email);
    const mails = await resetMails(account.email, 2);
    const second = tokenOf(mails[1]);
    expect(second).not.toBe(first);

    const invalid = {
      resetPassword: {
        ok: false,
        errors: [
          {
            field: 'token',
            code: 'RESET_TOKEN_INVALID',
            message: 'This reset link is not valid any more. Ask for a new one.',
          },
        ],
      },
    };
    // the newer link replaced the first
    expect((await reset(first, 'Cheddar-the-dog-2026')).data).toEqual(invalid);
    // the newer one expires 30 minutes after it was sent
    await stack.sql(
      `UPDATE identity.password_reset_token SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [sha256(second)],
    );
    expect((await reset(second, 'Cheddar-the-dog-2026')).data).toEqual(invalid);
    expect(await signInWorks(account.email, PASSWORD)).toBe(true);
  });

  it('should cancel links already sent when the password is changed or the email address changes', async () => {
    const invalid = {
      resetPassword: {
        ok: false,
        errors: [
          {
            field: 'token',
            code: 'RESET_TOKEN_INVALID',
            message: 'This reset link is not valid any more. Ask for a new one.',
          },
        ],
      },
    };
    // a link in the mailbox, then the person changes their password while signed in
    const changer = await register(stack, 'Terry Jeffords');
    await requestReset(changer.email);
    const beforeChange = tokenOf((await resetMails(changer.email, 1))[0]);
    expect((await change(changer, PASSWORD, 'Yoghurt-and-painting-2026')).data!.changePassword.ok).toBe(true);
    expect((await reset(beforeChange, 'Someone-else-took-it-2026')).data).toEqual(invalid);
    expect(await signInWorks(changer.email, 'Yoghurt-and-painting-2026')).toBe(true);

    // a link sent to an address the person then leaves
    const mover = await register(stack, 'Rosa Diaz');
    expect(await signInWorks(mover.email, PASSWORD)).toBe(true);
    const [signedIn] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM identity.login_attempt WHERE email = lower($1)`,
      [mover.email],
    );
    expect(signedIn.n).toBeGreaterThan(0);
    await requestReset(mover.email);
    const toOldAddress = tokenOf((await resetMails(mover.email, 1))[0]);
    // the sign-in email changes once the new address confirms it (requestEmailChange, then the emailed link)
    const newAddress = uniqueEmail('rosa.new');
    const asked = await gqlFrom<{ requestEmailChange: { errors: Errors } }>(
      stack,
      `mutation ($i: RequestEmailChangeInput!) { requestEmailChange(input: $i) { errors { field code } } }`,
      { i: { newEmail: newAddress, currentPassword: PASSWORD } },
      { token: mover.token },
    );
    expect(asked.data!.requestEmailChange.errors).toEqual([]);
    const confirmMail = await eventually(async () => {
      const [mail] = await mailsTo(TEST_MAIL_DIR, newAddress);
      expect(mail).toBeDefined();
      return mail;
    }, 15_000);
    const confirmToken = new URL(confirmMail.text.match(/https?:\/\/\S+/)![0]).searchParams.get('token');
    const moved = await gqlFrom<{ confirmEmailChange: { errors: Errors } }>(
      stack,
      `mutation ($t: String!) { confirmEmailChange(token: $t) { errors { field code } } }`,
      { t: confirmToken },
    );
    expect(moved.data!.confirmEmailChange.errors).toEqual([]);
    expect((await reset(toOldAddress, 'Someone-else-took-it-2026')).data).toEqual(invalid);
    // and the sign-in attempts recorded under the old address go with it (the next owner's export must not show them)
    const [left] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM identity.login_attempt WHERE email = lower($1)`,
      [mover.email],
    );
    expect(left.n).toBe(0);
  });

  it('should send at most 3 links per account per hour and drop further requests silently', async () => {
    const account = await register(stack, 'Hitchcock Scully');
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await requestReset(account.email)).data);
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify({ requestPasswordReset: { ok: true, errors: [] } })]),
    );
    await resetMails(account.email, 3);
    await settle(1500);
    expect(await mailsTo(TEST_MAIL_DIR, account.email)).toHaveLength(3);
    const [rows] = await stack.sql<{ n: number; usable: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE superseded_at IS NULL)::int AS usable FROM identity.password_reset_token WHERE user_id = $1`,
      [account.id],
    );
    expect(rows).toEqual({ n: 3, usable: 1 });

    // an hour later it may ask again
    await stack.sql(
      `UPDATE identity.password_reset_token SET created_at = created_at - interval '61 minutes' WHERE user_id = $1`,
      [account.id],
    );
    await requestReset(account.email);
    await resetMails(account.email, 4);
  });

  it('should lift the sign-in lock of an account whose password is reset', async () => {
    const account = await register(stack, 'Norm Scully');
    for (let i = 0; i < 5; i++) await login(stack, account.email, `wrong password ${i}`);
    expect((await login(stack, account.email, PASSWORD)).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    await requestReset(account.email);
    const token = tokenOf((await resetMails(account.email, 1))[0]);
    expect((await reset(token, 'Unlocked-again-2026')).data?.resetPassword.ok).toBe(true);
    expect(await signInWorks(account.email, 'Unlocked-again-2026')).toBe(true);
  });

  it('should send nothing for an erased account', async () => {
    const account = await register(stack, 'Adrian Pimento');
    const erased = await gqlFrom<{ eraseAccount: { ok: boolean } }>(
      stack,
      `mutation ($id: ID!) { eraseAccount(userId: $id) { ok } }`,
      { id: account.id },
      { token: account.token },
    );
    expect(erased.data?.eraseAccount.ok).toBe(true);
    const placeholder = `erased+${account.id}@erased.invalid`;
    expect((await requestReset(placeholder)).data).toEqual({ requestPasswordReset: { ok: true, errors: [] } });
    expect((await requestReset(account.email)).data).toEqual({ requestPasswordReset: { ok: true, errors: [] } });
    // a live account asked right after gets its email, so the two requests before were handled by then
    const witness = await register(stack, 'Kevin Cozner');
    await requestReset(witness.email);
    await resetMails(witness.email, 1);
    await settle(300);
    expect(await stack.sql(`SELECT id FROM identity.password_reset_token WHERE user_id = $1`, [account.id])).toEqual(
      [],
    );
    expect(await mailsTo(TEST_MAIL_DIR, placeholder)).toEqual([]);
    expect(
      (await mailsTo(TEST_MAIL_DIR, account.email)).filter((m) => m.headers.subject === 'Reset your Tandem password'),
    ).toEqual([]);
  });

  it('should list reset links in the personal data export as metadata, never the token or its hash', async () => {
    const account = await register(stack, 'Doug Judy');
    await requestReset(account.email);
    const token = tokenOf((await resetMails(account.email, 1))[0]);
    const res = await gqlFrom<{
      personalDataExport: { identity: { resetLinks: Array<Record<string, string | null>> } };
    }>(stack, `{ personalDataExport { identity } }`, {}, { token: account.token });
    const resets = res.data!.personalDataExport.identity.resetLinks;
    expect(resets).toHaveLength(1);
    expect(Object.keys(resets[0]).sort()).toEqual(['expiresAt', 'requestedAt', 'supersededAt', 'usedAt']);
    expect(resets[0].usedAt).toBeNull();
    const json = JSON.stringify(res.data);
    expect(json).not.toContain(token);
    expect(json).not.toContain(sha256(token));
  });
});
