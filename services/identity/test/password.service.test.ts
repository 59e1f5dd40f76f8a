import { createHash } from 'node:crypto';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { Database, SubgraphContext } from '@tandem/subgraph-kit';
import type { LoginGuard } from '../src/modules/auth/login-guard';
import type { SessionService } from '../src/modules/auth/session.service';
import type { Mailer } from '../src/modules/notifications/mailer';
import type { NotificationService } from '../src/modules/notifications/notification.service';
import type { PasswordResetRepository } from '../src/modules/password/password-reset.repository';
import { notificationText } from '../src/modules/notifications/notification.messages';
import { passwordChangedNotice, resetEmail, resetLink } from '../src/modules/password/password.messages';
import { hashResetToken, newResetToken, PasswordService } from '../src/modules/password/password.service';
import type { UserRepository } from '../src/modules/users/user.repository';

describe(PasswordService.name, () => {
  const setup = () => {
    // a lookup that never finishes: the answer must not wait for it
    const lockByEmail = vi.fn(() => new Promise<never>(() => {}));
    const db = {
      transaction: vi.fn(async (work: (tx: never) => Promise<unknown>) => work({} as never)),
    } as unknown as Database;
    const sut = new PasswordService(
      { lockByEmail } as unknown as UserRepository,
      {} as PasswordResetRepository,
      {} as LoginGuard,
      {} as SessionService,
      {} as NotificationService,
      { send: vi.fn() } as unknown as Mailer,
      db,
      {
        resetUrl: {
          staff: 'http://127.0.0.1:5173/reset-password',
          participant: 'http://127.0.0.1:5174/reset-password',
        },
      },
      pino({ level: 'silent' }),
      () => true,
    );
    return { sut, lockByEmail };
  };
  const ctx = {} as SubgraphContext;

  it('should answer a reset request before the address is even looked up', () => {
    const { sut, lockByEmail } = setup();
    expect(sut.requestPasswordReset(ctx, '  someone@example.org ')).toMatchObject({ ok: true, errors: [] });
    expect(lockByEmail).toHaveBeenCalledWith(expect.anything(), 'someone@example.org');
  });

  it('should refuse only a malformed address, naming the field, and look nothing up', () => {
    const { sut, lockByEmail } = setup();
    expect(sut.requestPasswordReset(ctx, 'not an address')).toMatchObject({
      ok: false,
      errors: [{ field: 'email', code: 'INVALID_EMAIL' }],
    });
    expect(sut.requestPasswordReset(ctx, '')).toMatchObject({
      ok: false,
      errors: [{ field: 'email', code: 'REQUIRED' }],
    });
    expect(lockByEmail).not.toHaveBeenCalled();
  });
});

describe('reset tokens and messages', () => {
  it('should make 256-bit URL-safe tokens and store their sha256', () => {
    const token = newResetToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newResetToken()).not.toBe(token);
    expect(hashResetToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('should put the token in the configured page’s query, keeping what it already has', () => {
    expect(resetLink('https://admin.example.org/reset-password', 'abc_-123')).toBe(
      'https://admin.example.org/reset-password?token=abc_-123',
    );
    expect(resetLink('https://admin.example.org/app/reset?lang=fr', 'abc')).toBe(
      'https://admin.example.org/app/reset?lang=fr&token=abc',
    );
  });

  it('should email the link with its rules, and notify a change without any secret', () => {
    const mail = resetEmail({
      resetId: 'r-1',
      to: 'bo@example.org',
      toName: 'Bo Chen',
      link: 'https://a.example/reset-password?token=SECRET',
      ttlMinutes: 30,
    });
    expect(mail).toMatchObject({
      id: 'r-1',
      idHeader: 'X-Tandem-Password-Reset',
      to: 'bo@example.org',
      subject: 'Reset your Tandem password',
    });
    expect(mail.text).toContain('https://a.example/reset-password?token=SECRET');
    expect(mail.text).toMatch(/within 30 minutes/);
    const at = new Date('2026-11-28T17:05:00Z');
    const notice = passwordChangedNotice('u-1', 'CHANGED', at);
    expect(notice).toMatchObject({ userId: 'u-1', kind: 'PASSWORD_CHANGED', sourceEventId: null });
    // its words come from the catalogue, in the recipient's language
    const english = notificationText('en', notice.text);
    expect(english.title).toBe('Your Tandem password was changed');
    expect(english.body).toContain('changed on November 28, 2026 at 17:05 UTC by someone signed in to it');
    expect(notificationText('en', passwordChangedNotice('u-1', 'RESET', at).text).body).toMatch(
      /with a link sent to this email address/,
    );
    expect(notificationText('fr-CA', notice.text).body).toContain('changé le 28 novembre 2026 à 17 h 05 UTC');
  });

  it('should write the reset email in the account’s language', () => {
    const mail = resetEmail({
      resetId: 'r-2',
      to: 'eloise@example.org',
      toName: 'Éloïse',
      link: 'https://a.example/reset-password?token=SECRET',
      ttlMinutes: 30,
      language: 'fr-CA',
    });
    expect(mail.subject).toBe('Réinitialiser votre mot de passe Tandem');
    expect(mail.text).toContain('Bonjour Éloïse,');
    expect(mail.text).toContain('d’ici 30 minutes');
    expect(mail.html).toContain('Choisir un nouveau mot de passe');
  });
});
