/**
 * Changing the sign-in email (issue 17), through the gateway with the session check on: the current password,
 * a confirmation link to the new address (nothing changes until it is followed), a notice to the old address
 * whose "this wasn't me" link blocks (or undoes) the change and ends every session. The emails are read back
 * from MAIL_DIR and their links followed.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const mailDir = mkdtempSync(join(os.tmpdir(), 'tandem-email-change-mail-'));

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
type Errors = Array<{ field: string; code: string }>;
interface Account {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
}
const address = (name: string) => `${name}.${randomUUID().slice(0, 8)}@email-change.test`;

async function register(name: string): Promise<Account> {
  const email = address(name);
  await stack.gql(`mutation ($i: RegisterInput!) { register(input: $i) { errors { code } } }`, {
    i: { email, password: PASSWORD, displayName: name, roles: ['MENTEE'] },
  });
  const res = await signIn<{ session: { accessToken: string; refreshToken: string; user: { id: string } } }>(
    stack,
    email,
    PASSWORD,
    `session { accessToken refreshToken user { id } }`,
  );
  const s = res.data!.login.session;
  return { id: s.user.id, email, accessToken: s.accessToken, refreshToken: s.refreshToken };
}

const signsIn = async (email: string, password = PASSWORD) =>
  !!(
    await stack.gql<{ login: { session: unknown } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { session { accessToken } } }`,
      { e: email, p: password },
    )
  ).data?.login.session;
const emailOf = async (id: string) =>
  (await stack.sql<{ email: string }>(`SELECT email FROM identity."user" WHERE id = $1`, [id]))[0].email;
const me = (token: string) => stack.gql<{ me: { id: string } }>(`{ me { id } }`, {}, { token });

const requestChange = (account: Account, newEmail: string, currentPassword = PASSWORD) =>
  stack.gql<{ requestEmailChange: { pendingEmail: string | null; errors: Errors } }>(
    `mutation ($i: RequestEmailChangeInput!) { requestEmailChange(input: $i) { pendingEmail errors { field code } } }`,
    { i: { newEmail, currentPassword } },
    { token: account.accessToken },
  );
const confirm = (token: string) =>
  stack.gql<{ confirmEmailChange: { user: { id: string } | null; errors: Errors } }>(
    `mutation ($t: String!) { confirmEmailChange(token: $t) { user { id } errors { field code } } }`,
    { t: token },
  );
const cancel = (token: string) =>
  stack.gql<{ cancelEmailChange: { email: string | null; errors: Errors } }>(
    `mutation ($t: String!) { cancelEmailChange(token: $t) { email errors { field code } } }`,
    { t: token },
  );

const CONFIRM_SUBJECT = 'Confirm your new Tandem sign-in email';
const NOTICE_SUBJECT = 'Your Tandem sign-in email is about to change';

/** The emailed link's token (the link opens the configured page with the action and the token). */
async function linkFrom(to: string, subject: string, action: 'confirm' | 'cancel'): Promise<string> {
  return eventually(async () => {
    const mail = (await mailsTo(mailDir, to)).filter((m) => m.headers.subject === subject).pop();
    expect(mail).toBeDefined();
    const url = new URL(mail!.text.match(/https?:\/\/\S+/)![0]);
    expect(url.searchParams.get('action')).toBe(action);
    const token = url.searchParams.get('token');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    return token!;
  }, 15_000);
}

function expectEnded(res: GraphQLResponse) {
  expect(res.status).toBe(401);
  expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
}

describe('changing the sign-in email', () => {
  it('should change nothing until the new address confirms, then end every session', async () => {
    const person = await register('mover');
    const newEmail = address('moved');
    const asked = await requestChange(person, newEmail);
    expect(asked.data?.requestEmailChange).toEqual({ pendingEmail: newEmail, errors: [] });
    const confirmToken = await linkFrom(newEmail, CONFIRM_SUBJECT, 'confirm');
    await linkFrom(person.email, NOTICE_SUBJECT, 'cancel');
    // the confirmation goes to the new address only, the notice to the old one only
    expect((await mailsTo(mailDir, newEmail)).map((m) => m.headers.subject)).toEqual([CONFIRM_SUBJECT]);
    expect((await mailsTo(mailDir, person.email)).map((m) => m.headers.subject)).toEqual([NOTICE_SUBJECT]);

    expect(await emailOf(person.id)).toBe(person.email);
    expect(await signsIn(person.email)).toBe(true);
    expect((await me(person.accessToken)).data?.me.id).toBe(person.id);

    expect((await confirm(confirmToken)).data?.confirmEmailChange).toEqual({ user: { id: person.id }, errors: [] });
    expect(await emailOf(person.id)).toBe(newEmail);
    expectEnded(await me(person.accessToken));
    expect(await signsIn(person.email)).toBe(false);
    expect(await signsIn(newEmail)).toBe(true);
    // single use
    expect((await confirm(confirmToken)).data?.confirmEmailChange.errors).toEqual([
      { field: 'token', code: 'EMAIL_CHANGE_TOKEN_INVALID' },
    ]);
  });

  it('should show the pending change to the person on any device, to nobody else, until it is confirmed', async () => {
    const person = await register('planner');
    const newEmail = address('planned');
    const pendingOf = async (token: string, id = person.id) =>
      (
        await stack.gql<{ user: { pendingEmailChange: { email: string; expiresAt: string } | null } }>(
          `query ($id: ID!) { user(id: $id) { pendingEmailChange { email expiresAt } } }`,
          { id },
          { token },
        )
      ).data?.user.pendingEmailChange ?? null;
    expect(await pendingOf(person.accessToken)).toBeNull();
    await requestChange(person, newEmail);
    // another device: a session started after the request
    const elsewhere = (
      await signIn<{ session: { accessToken: string } }>(stack, person.email, PASSWORD, 'session { accessToken }')
    ).data!.login.session.accessToken;
    const pending = await pendingOf(elsewhere);
    expect(pending?.email).toBe(newEmail);
    expect(Date.parse(pending!.expiresAt)).toBeGreaterThan(Date.now() + 23 * 3600_000);
    // a stranger asking about the person learns nothing of it
    const stranger = await register('stranger');
    expect(await pendingOf(stranger.accessToken, person.id)).toBeNull();
    await confirm(await linkFrom(newEmail, CONFIRM_SUBJECT, 'confirm'));
    const after = (
      await signIn<{ session: { accessToken: string } }>(stack, newEmail, PASSWORD, 'session { accessToken }')
    ).data!.login.session.accessToken;
    expect(await pendingOf(after)).toBeNull();
  });

  it('should refuse a wrong current password as a field error and send nothing', async () => {
    const person = await register('guesser');
    const newEmail = address('elsewhere');
    const asked = await requestChange(person, newEmail, 'not the password');
    expect(asked.data?.requestEmailChange).toEqual({
      pendingEmail: null,
      errors: [{ field: 'input.currentPassword', code: 'INCORRECT_PASSWORD' }],
    });
    const [failed] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM identity.login_attempt WHERE email = lower($1) AND NOT succeeded`,
      [person.email],
    );
    expect(failed.n).toBe(1); // counted by the login throttle
    await new Promise((r) => setTimeout(r, 300));
    expect(await mailsTo(mailDir, newEmail)).toEqual([]);
    expect(await mailsTo(mailDir, person.email)).toEqual([]);
  });

  it("should block the change and end every session when the old address says it wasn't them", async () => {
    const victim = await register('victim');
    const attackerAddress = address('attacker');
    expect((await requestChange(victim, attackerAddress)).data?.requestEmailChange.errors).toEqual([]);
    const confirmToken = await linkFrom(attackerAddress, CONFIRM_SUBJECT, 'confirm');
    const cancelToken = await linkFrom(victim.email, NOTICE_SUBJECT, 'cancel');

    expect((await cancel(cancelToken)).data?.cancelEmailChange).toEqual({ email: victim.email, errors: [] });
    expect((await confirm(confirmToken)).data?.confirmEmailChange.errors).toEqual([
      { field: 'token', code: 'EMAIL_CHANGE_TOKEN_INVALID' },
    ]);
    expect(await emailOf(victim.id)).toBe(victim.email);
    expectEnded(await me(victim.accessToken));
    // whoever asked knew the password: it stops working until the owner chooses a new one by email
    expect(await signsIn(victim.email)).toBe(false);
    expect((await cancel(cancelToken)).data?.cancelEmailChange.errors).toEqual([
      { field: 'token', code: 'EMAIL_CHANGE_TOKEN_INVALID' },
    ]);
  });

  it('should undo a change already confirmed when the old address disputes it', async () => {
    const victim = await register('takenover');
    const attackerAddress = address('thief');
    await requestChange(victim, attackerAddress);
    const confirmToken = await linkFrom(attackerAddress, CONFIRM_SUBJECT, 'confirm');
    const cancelToken = await linkFrom(victim.email, NOTICE_SUBJECT, 'cancel');
    expect((await confirm(confirmToken)).data?.confirmEmailChange.errors).toEqual([]);
    expect(await emailOf(victim.id)).toBe(attackerAddress);

    expect((await cancel(cancelToken)).data?.cancelEmailChange).toEqual({ email: victim.email, errors: [] });
    expect(await emailOf(victim.id)).toBe(victim.email);
    expect(await signsIn(attackerAddress)).toBe(false);
  });

  it('should refuse a new sign-in email through updateContactDetails', async () => {
    const person = await register('shortcut');
    const res = await stack.gql<{ updateContactDetails: { errors: Errors } }>(
      `mutation ($i: UpdateContactDetailsInput!) { updateContactDetails(input: $i) { errors { field code } } }`,
      { i: { email: address('shortcut.new') } },
      { token: person.accessToken },
    );
    expect(res.data?.updateContactDetails.errors).toEqual([{ field: 'input.email', code: 'USE_CHANGE_EMAIL' }]);
    expect(await emailOf(person.id)).toBe(person.email);
  });
});

describe('the emails of a French-speaking account', () => {
  const setFrench = (account: Account) =>
    stack.gql(`mutation { setLanguage(language: FR_CA) { errors { code } } }`, {}, { token: account.accessToken });
  const onlyMailTo = (to: string) =>
    eventually(async () => {
      const mails = await mailsTo(mailDir, to);
      expect(mails).toHaveLength(1);
      return mails[0];
    }, 15_000);

  it('should write both emails of an email change in French', async () => {
    const person = await register('eloise');
    await setFrench(person);
    const newEmail = address('eloise.new');
    expect((await requestChange(person, newEmail)).data?.requestEmailChange.errors).toEqual([]);
    const confirmation = await onlyMailTo(newEmail);
    expect(confirmation.headers.subject).toBe('Confirmez votre nouveau courriel de connexion Tandem');
    expect(confirmation.text).toContain('Bonjour eloise,');
    expect(confirmation.text).toContain('confirmez d’ici 24 heures avec ce lien');
    expect(confirmation.text).toMatch(/action=confirm&token=[A-Za-z0-9_-]{43}/);
    expect(confirmation.html).toContain('<html lang="fr-CA">');
    const notice = await onlyMailTo(person.email);
    expect(notice.headers.subject).toBe('Le courriel de connexion de votre compte Tandem va changer');
    expect(notice.text).toContain(`remplacer son courriel de connexion par ${newEmail}`);
    expect(notice.text).toContain('pendant 7 jours');
    expect(notice.html).toContain('Ce n’était pas moi');
  });

  it('should tell a French-speaking owner in French that someone tried to register with their address', async () => {
    const owner = await register('gaelle');
    await setFrench(owner);
    const again = await stack.gql<{ register: { errors: Errors } }>(
      `mutation ($i: RegisterInput!) { register(input: $i) { errors { field code } } }`,
      { i: { email: owner.email, password: 'Another-pass-2026', displayName: 'Intruder', roles: ['MENTEE'] } },
    );
    expect(again.data?.register.errors).toEqual([]);
    const mail = await onlyMailTo(owner.email);
    expect(mail.text).toContain('Bonjour gaelle,');
    expect(mail.text).toMatch(
      /Le \d{1,2} \S+ \d{4} à \d{1,2} h \d{2} UTC, une personne a tenté de créer un nouveau compte/,
    );
    expect(mail.text).toContain('rien n’a été créé');
    expect(mail.html).toContain('<html lang="fr-CA">');
    expect(mail.html).toContain('<title>Quelqu’un a tenté de s’inscrire avec votre adresse courriel</title>');
  });
});
