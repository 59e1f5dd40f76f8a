import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { Database } from '@tandem/subgraph-kit';
import type { Mailer } from '../src/modules/notifications/mailer';
import { NotificationDigestService } from '../src/modules/notifications/notification-digest.service';
import type { NotificationRepository } from '../src/modules/notifications/notification.repository';

// 15:00 UTC: 10:00 in Toronto (the digest hour has come), 00:00 the next day in Tokyo (it has not)
const NOW = new Date('2026-12-07T15:00:00Z');
const item = (id: string, link: string | null, roles = ['MENTEE']) => ({
  id,
  kind: 'NO_RECENT_MEETING' as const,
  title: `Title ${id}`,
  body: `Body ${id}`,
  link,
  email: 'mo@example.org',
  displayName: 'Mentee Mo',
  language: 'en' as const,
  attempts: 1,
  roles,
});

describe(NotificationDigestService.name, () => {
  const setup = (send: Mailer['send']) => {
    const repo = {
      digestRecipients: vi.fn(async () => [
        { userId: 'mo', timeZone: null },
        { userId: 'kenji', timeZone: 'Asia/Tokyo' },
      ]),
      openDigest: vi.fn(async () => ({ id: 'digest-1', notificationIds: ['n1', 'n2'] })),
      digestItems: vi.fn(async () => [item('n1', '/relationships/r1#meetings'), item('n2', null)]),
      digestSent: vi.fn(async () => undefined),
      digestFailed: vi.fn(async () => undefined),
    };
    const db = { transaction: vi.fn(async (work: (tx: never) => Promise<unknown>) => work({} as never)) };
    const mailer = { send: vi.fn(send) };
    const sut = new NotificationDigestService(
      repo as unknown as NotificationRepository,
      mailer as unknown as Mailer,
      db as unknown as Database,
      pino({ level: 'silent' }),
      { web: 'https://app.test', admin: 'https://admin.test' },
    );
    return { sut, repo, mailer };
  };

  it('should send one email listing each waiting nudge with its link, to people whose digest hour has come', async () => {
    const { sut, repo, mailer } = setup(async () => '/mail/digest-1.eml');
    expect(await sut.sendDue(NOW)).toEqual({ sent: 1, nudges: 2 });
    // the person in Tokyo is not asked for: it is midnight there
    expect(repo.openDigest).toHaveBeenCalledTimes(1);
    expect(repo.openDigest).toHaveBeenCalledWith(expect.anything(), 'mo', '2026-12-07');
    const mail = mailer.send.mock.calls[0][0];
    expect(mail).toMatchObject({ id: 'digest-1', idHeader: 'X-Tandem-Digest', to: 'mo@example.org' });
    expect(mail.subject).toBe('Tandem: 2 things to look at today');
    expect(mail.text).toContain('• Title n1\nBody n1\n\nhttps://app.test/relationships/r1#meetings');
    expect(mail.text).toContain('• Title n2\nBody n2');
    expect(mail.text).toContain('https://app.test/me#emails');
    expect(repo.digestSent).toHaveBeenCalledWith('digest-1', ['n1', 'n2'], '/mail/digest-1.eml');
    expect(repo.digestFailed).not.toHaveBeenCalled();
  });

  it('should send nothing when the day’s digest was already sent (openDigest finds it)', async () => {
    const { sut, repo, mailer } = setup(async () => 'ref');
    repo.openDigest.mockResolvedValue(null as never);
    expect(await sut.sendDue(NOW)).toEqual({ sent: 0, nudges: 0 });
    expect(mailer.send).not.toHaveBeenCalled();
  });

  it('should put the nudges back to wait when the email cannot be sent', async () => {
    const { sut, repo } = setup(async () => {
      throw new Error('SMTP down');
    });
    expect(await sut.sendDue(NOW)).toEqual({ sent: 0, nudges: 0 });
    expect(repo.digestFailed).toHaveBeenCalledWith('digest-1', ['n1', 'n2'], 'SMTP down');
    expect(repo.digestSent).not.toHaveBeenCalled();
  });
});
