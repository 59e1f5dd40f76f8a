import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { gqlFrom, register, startIdentityStack } from './helpers';

let stack: Stack;

beforeAll(async () => {
  stack = await startIdentityStack(testDatabaseUrl());
});
afterAll(async () => {
  await stack?.stop();
});

type Setting = { kind: string; email: boolean; canTurnOff: boolean };
const SETTINGS = `query ($id: ID!) { user(id: $id) { notificationEmails { kind email canTurnOff } } }`;
const SET = `mutation ($k: NotificationKind!, $e: Boolean!) { setNotificationEmail(kind: $k, email: $e) {
  errors { field code } user { id notificationEmails { kind email } } } }`;
type SetResult = {
  setNotificationEmail: {
    errors: Array<{ field: string; code: string }>;
    user: { id: string; notificationEmails: Array<{ kind: string; email: boolean }> } | null;
  };
};

const statusesOf = (userId: string) =>
  stack.sql<{ kind: string; email_status: string }>(
    `SELECT kind, email_status FROM identity.notification WHERE user_id = $1 ORDER BY kind, created_at`,
    [userId],
  );

describe('notification emails a person turns off', () => {
  it('should show each kind on by default to the person only, and never let a security notice be turned off', async () => {
    const me = await register(stack, 'Paula Prefs', ['MENTOR']);
    const other = await register(stack, 'Nosy Neighbour', ['MENTEE']);
    const own = await gqlFrom<{ user: { notificationEmails: Setting[] } }>(
      stack,
      SETTINGS,
      { id: me.id },
      { token: me.token },
    );
    const settings = own.data!.user.notificationEmails;
    expect(settings.find((s) => s.kind === 'REQUEST_RECEIVED')).toEqual({
      kind: 'REQUEST_RECEIVED',
      email: true,
      canTurnOff: true,
    });
    expect(settings.find((s) => s.kind === 'PASSWORD_CHANGED')).toEqual({
      kind: 'PASSWORD_CHANGED',
      email: true,
      canTurnOff: false,
    });
    // only the kinds a mentor can receive: not a mentee's, not an administrator's
    const kinds = settings.map((s) => s.kind);
    expect(kinds).toEqual(expect.arrayContaining(['REQUEST_RECEIVED', 'QUESTION_ASKED', 'RELATIONSHIP_TERMS_MET']));
    expect(kinds).not.toContain('REQUEST_ACCEPTED');
    expect(kinds).not.toContain('WEBHOOK_ENDPOINT_DISABLED');
    const mentee = await gqlFrom<{ user: { notificationEmails: Setting[] } }>(
      stack,
      SETTINGS,
      { id: other.id },
      { token: other.token },
    );
    const menteeKinds = mentee.data!.user.notificationEmails.map((s) => s.kind);
    expect(menteeKinds).toEqual(expect.arrayContaining(['REQUEST_ACCEPTED', 'QUESTION_ANSWERED', 'PASSWORD_CHANGED']));
    expect(menteeKinds).not.toContain('REQUEST_RECEIVED');
    const seen = await gqlFrom<{ user: { notificationEmails: Setting[] | null } }>(
      stack,
      SETTINGS,
      { id: me.id },
      { token: other.token },
    );
    expect(seen.data?.user.notificationEmails ?? null).toBeNull();

    const refused = await gqlFrom<SetResult>(stack, SET, { k: 'PASSWORD_CHANGED', e: false }, { token: me.token });
    expect(refused.data?.setNotificationEmail).toEqual({
      errors: [{ field: 'kind', code: 'ALWAYS_EMAILED' }],
      user: null,
    });
    const [{ n }] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM identity.notification_email_opt_out WHERE user_id = $1`,
      [me.id],
    );
    expect(n).toBe(0);
  });

  it('should forget the choices of an erased account', async () => {
    const me = await register(stack, 'Gone Soon', ['MENTEE']);
    await gqlFrom<SetResult>(stack, SET, { k: 'MATCH_PROPOSED', e: false }, { token: me.token });
    await gqlFrom(
      stack,
      `mutation { setNudgeEmailDelivery(delivery: EACH) { errors { code } } }`,
      {},
      { token: me.token },
    );
    const count = async () =>
      (
        await stack.sql<{ n: number }>(
          `SELECT (SELECT count(*) FROM identity.notification_email_opt_out WHERE user_id = $1)::int
             + (SELECT count(*) FROM identity.notification_email_delivery WHERE user_id = $1)::int AS n`,
          [me.id],
        )
      )[0].n;
    expect(await count()).toBe(2);
    const erased = await gqlFrom<{ eraseAccount: { ok: boolean } }>(
      stack,
      `mutation ($id: ID!) { eraseAccount(userId: $id) { ok } }`,
      { id: me.id },
      { token: me.token },
    );
    expect(erased.data?.eraseAccount.ok).toBe(true);
    expect(await count()).toBe(0);
  });

  it('should keep the in-app notification but send no email of a kind the person turned off, until turned on again', async () => {
    const mentee = await register(stack, 'Mona Mentee', ['MENTEE']);
    const mentor = await register(stack, 'Quiet Mentor', ['MENTOR']);
    const off = await gqlFrom<SetResult>(stack, SET, { k: 'REQUEST_RECEIVED', e: false }, { token: mentor.token });
    expect(off.data?.setNotificationEmail.errors).toEqual([]);
    expect(
      off.data?.setNotificationEmail.user?.notificationEmails.find((s) => s.kind === 'REQUEST_RECEIVED')?.email,
    ).toBe(false);
    // twice is the same as once
    await gqlFrom<SetResult>(stack, SET, { k: 'REQUEST_RECEIVED', e: false }, { token: mentor.token });

    const request = () => ({
      requestId: randomUUID(),
      menteeId: mentee.id,
      mentorId: mentor.id,
      programmeId: randomUUID(),
      sentAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    });
    await stack.publish('MentoringRequestSent', request());
    // another kind still goes by email
    await stack.publish('MentorQuestionAsked', {
      questionId: randomUUID(),
      menteeId: mentee.id,
      mentorId: mentor.id,
      askedAt: new Date().toISOString(),
    });
    await stack.settle();
    await eventually(
      async () =>
        expect(await statusesOf(mentor.id)).toEqual([
          { kind: 'QUESTION_ASKED', email_status: 'SENT' },
          { kind: 'REQUEST_RECEIVED', email_status: 'SKIPPED' },
        ]),
      15_000,
    );

    const on = await gqlFrom<SetResult>(stack, SET, { k: 'REQUEST_RECEIVED', e: true }, { token: mentor.token });
    expect(on.data?.setNotificationEmail.errors).toEqual([]);
    await stack.publish('MentoringRequestSent', request());
    await stack.settle();
    await eventually(
      async () => expect((await statusesOf(mentor.id)).map((r) => r.email_status)).toEqual(['SENT', 'SKIPPED', 'SENT']),
      15_000,
    );
  });
});
