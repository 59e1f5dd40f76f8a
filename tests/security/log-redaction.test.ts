/**
 * Logs never contain passwords, tokens or contact details: the whole stack logs at debug level into a
 * captured destination (with the production redaction rules) while a person registers, signs in,
 * refreshes the session, changes contact details and the sign-in email, changes the password, asks for a reset link, resets the
 * password with it and signs out.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, mailsTo, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';

let stack: Stack;
const mailDir = mkdtempSync(join(os.tmpdir(), 'tandem-log-redaction-mail-'));
const lines: string[] = [];
const destination = new Writable({
  write(chunk, _encoding, done) {
    lines.push(String(chunk));
    done();
  },
});

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships, reporting],
    env: { identity: { MAIL_DIR: mailDir } },
    log: { destination, level: 'debug' },
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(mailDir, { recursive: true, force: true });
});

const SESSION = `ok errors { field code } session { accessToken refreshToken user { id } }`;

describe('logs', () => {
  it('should never contain passwords, tokens, email addresses or phone numbers', async () => {
    const tag = randomUUID().slice(0, 8);
    const email = `secret.person.${tag}@logs.test`;
    const password = `Pw-${tag}-never-logged`;
    const newEmail = `moved.person.${tag}@logs.test`;
    const phone = `+1 416 555 ${String(1000 + Math.floor(Math.random() * 8999))}`;
    const secrets: Record<string, string> = { email, password, newEmail, phone };
    const remember = (name: string, value: string) => (secrets[name] = value);
    lines.length = 0;

    // register answers without a session (alike for a new and a taken address): the sign-ins below make them
    const reg = await stack.gql<{ register: { ok: boolean } }>(
      `mutation ($input: RegisterInput!) { register(input: $input) { ${SESSION} } }`,
      { input: { email, password, displayName: 'Secret Person', roles: ['MENTEE'] } },
    );
    expect(reg.data?.register.ok).toBe(true);

    const bad = await stack.gql<{ login: { ok: boolean } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ${SESSION} } }`,
      { e: email, p: `${password}-wrong` },
    );
    expect(bad.data?.login.ok).toBe(false);
    remember('wrongPassword', `${password}-wrong`);

    const login = await stack.gql<{ login: { ok: boolean; session: { accessToken: string; refreshToken: string } } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ${SESSION} } }`,
      { e: email, p: password },
    );
    expect(login.data?.login.ok).toBe(true);
    remember('loginAccess', login.data!.login.session.accessToken);
    remember('loginRefresh', login.data!.login.session.refreshToken);

    const refreshed = await stack.gql<{
      refreshSession: { ok: boolean; session: { accessToken: string; refreshToken: string } };
    }>(`mutation ($t: String!) { refreshSession(refreshToken: $t) { ${SESSION} } }`, { t: secrets.loginRefresh });
    expect(refreshed.data?.refreshSession.ok).toBe(true);
    const token = remember('refreshedAccess', refreshed.data!.refreshSession.session.accessToken);
    remember('refreshedRefresh', refreshed.data!.refreshSession.session.refreshToken);

    // a reused refresh token (refused) and a garbage bearer token are logged as failures, not as values
    await stack.gql(`mutation ($t: String!) { refreshSession(refreshToken: $t) { ok } }`, { t: secrets.loginRefresh });
    await stack.gql(`{ me { id } }`, {}, { token: `garbage.${tag}.token` });
    remember('garbageToken', `garbage.${tag}.token`);

    const contact = await stack.gql<{ updateContactDetails: { ok: boolean } }>(
      `mutation ($input: UpdateContactDetailsInput!) { updateContactDetails(input: $input) { ok errors { field code } } }`,
      { input: { phone } },
      { token },
    );
    expect(contact.errors).toBeUndefined();
    expect(contact.data?.updateContactDetails.ok).toBe(true);
    // the sign-in email: asked for with the password, confirmed with the link sent to the new address
    const askedMove = await stack.gql<{ requestEmailChange: { errors: unknown[] } }>(
      `mutation ($i: RequestEmailChangeInput!) { requestEmailChange(input: $i) { errors { field code } } }`,
      { i: { newEmail, currentPassword: password } },
      { token },
    );
    expect(askedMove.data?.requestEmailChange.errors).toEqual([]);
    const linkTokens = await eventually(async () => {
      const mails = [...(await mailsTo(mailDir, newEmail)), ...(await mailsTo(mailDir, email))].filter((m) =>
        /sign-in email/.test(String(m.headers.subject)),
      );
      expect(mails).toHaveLength(2);
      return mails.map((m) => new URL(m.text.match(/https?:\/\/\S+/)![0]).searchParams.get('token')!);
    }, 15_000);
    linkTokens.forEach((t, i) => remember(`emailChangeToken${i}`, t));
    const confirmToken = (await mailsTo(mailDir, newEmail))
      .map((m) => new URL(m.text.match(/https?:\/\/\S+/)![0]).searchParams.get('token')!)
      .pop()!;
    const moved = await stack.gql<{ confirmEmailChange: { errors: unknown[] } }>(
      `mutation ($t: String!) { confirmEmailChange(token: $t) { errors { field code } } }`,
      { t: confirmToken },
    );
    expect(moved.data?.confirmEmailChange.errors).toEqual([]);
    const me = await stack.gql<{ me: { contact: { email: string; phone: string } } }>(
      `{ me { contact { email phone } } }`,
      {},
      { token },
    );
    expect(me.data?.me.contact).toEqual({ email: newEmail, phone });

    // the password changed while signed in (and a wrong current password, refused)
    const wrongCurrent = remember('wrongCurrentPassword', `${password}-not-current`);
    const refused = await stack.gql<{ changePassword: { ok: boolean } }>(
      `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { ok } }`,
      { c: wrongCurrent, n: `Changed-${tag}-refused` },
      { token },
    );
    expect(refused.data?.changePassword.ok).toBe(false);
    remember('refusedNewPassword', `Changed-${tag}-refused`);
    const changedPassword = remember('changedPassword', `Changed-${tag}-never-logged`);
    const changed = await stack.gql<{
      changePassword: { ok: boolean; session: { accessToken: string; refreshToken: string } };
    }>(
      `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { ${SESSION} } }`,
      { c: password, n: changedPassword },
      { token },
    );
    expect(changed.data?.changePassword.ok).toBe(true);
    const changedToken = remember('changedAccess', changed.data!.changePassword.session.accessToken);
    remember('changedRefresh', changed.data!.changePassword.session.refreshToken);

    // a reset link asked for by email (for the address and for one without an account), then used, then used again
    const unknownEmail = remember('unknownEmail', `nobody.${tag}@logs.test`);
    for (const e of [newEmail, unknownEmail]) {
      const asked = await stack.gql<{ requestPasswordReset: { ok: boolean } }>(
        `mutation ($e: String!) { requestPasswordReset(email: $e) { ok } }`,
        { e },
      );
      expect(asked.data?.requestPasswordReset.ok).toBe(true);
    }
    const mail = await eventually(async () => {
      const [m] = (await mailsTo(mailDir, newEmail)).filter((x) => x.headers.subject === 'Reset your Tandem password');
      expect(m).toBeDefined();
      return m;
    }, 15_000);
    const link = remember('resetLink', mail.text.match(/https?:\/\/\S+/)![0]);
    const resetToken = remember('resetToken', new URL(link).searchParams.get('token')!);
    remember('resetTokenHash', createHash('sha256').update(resetToken).digest('hex'));
    const resetPassword = remember('resetPassword', `Reset-${tag}-never-logged`);
    for (let i = 0; i < 2; i++) {
      await stack.gql(`mutation ($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) { ok } }`, {
        t: resetToken,
        n: resetPassword,
      });
    }
    expect(
      (
        await stack.gql<{ login: { ok: boolean } }>(
          `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ok } }`,
          { e: newEmail, p: resetPassword },
        )
      ).data?.login.ok,
    ).toBe(true);

    await stack.gql(
      `mutation ($t: String!) { logout(refreshToken: $t) }`,
      { t: secrets.changedRefresh },
      { token: changedToken },
    );
    await stack.settle();

    // the stack did log these requests (so the check below is not vacuous)
    expect(lines.length).toBeGreaterThan(10);
    const log = lines.join('');
    expect(log).toMatch(/register|login|refreshSession|updateContactDetails/);
    expect(log).toContain('password changed; every other session revoked');
    expect(log).toContain('password reset link issued');
    expect(log).toContain('password reset asked for an address without an account');
    expect(log).toContain('password reset with an emailed link; every session revoked');

    const leaks = Object.entries(secrets)
      .filter(([, value]) => log.includes(value))
      .map(([name]) => name);
    expect(leaks, 'secrets found in the logs').toEqual([]);
    // nor the local part of an address, nor the digits of the phone number without spaces
    expect(log).not.toContain(`secret.person.${tag}`);
    expect(log).not.toContain(phone.replace(/\D/g, ''));
  }, 60_000);
});
