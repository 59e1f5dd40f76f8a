/**
 * Webhooks' pure rules and the sender's guards (issue 23): which URLs and addresses are refused outside
 * development (SSRF), the back-off and the disable rule, what each event carries (ids and facts, no personal
 * data), and a sender that will not connect to loopback, follow a redirect or wait past its timeout.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, EventName, EventPayloads } from '@tandem/contracts';
import { outgoingEvent, webhookBody, WEBHOOK_SOURCE_EVENTS } from '../src/modules/webhooks/webhook.events';
import { addressAllowed, retryDelaySeconds, shouldDisable, urlProblem } from '../src/modules/webhooks/webhook.rules';
import { signedHeaders, WebhookSender } from '../src/modules/webhooks/webhook.sender';

const PROD = { allowPrivate: false };
const DEV = { allowPrivate: true };
const envelope = <N extends EventName>(name: N, payload: EventPayloads[N]): EventEnvelope<N> => ({
  id: '0b7c1d8e-3f4a-4b5c-8d6e-7f8091a2b3c4',
  name,
  version: 1,
  occurredAt: '2026-12-01T10:00:00.000Z',
  producer: 'test',
  payload,
});
const REF = {
  relationshipId: 'r1',
  menteeId: 'u-mentee',
  mentorId: 'u-mentor',
  programmeId: 'p1',
  organizationId: 'o1',
};

describe('webhook rules', () => {
  it('should refuse private, loopback, link-local and mapped addresses unless allowed', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
      '100.64.0.1',
    ])
      expect([a, addressAllowed(a, PROD)]).toEqual([a, false]);
    for (const a of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']) expect(addressAllowed(a, PROD)).toBe(true);
    expect(addressAllowed('127.0.0.1', DEV)).toBe(true);
  });

  it('should accept only https URLs on public hosts in production, and http on loopback in development', () => {
    expect(urlProblem('https://hooks.example.org/tandem', PROD)).toBeNull();
    expect(urlProblem('http://hooks.example.org/tandem', PROD)?.code).toBe('HTTPS_REQUIRED');
    expect(urlProblem('https://127.0.0.1/x', PROD)?.code).toBe('PRIVATE_ADDRESS');
    expect(urlProblem('https://[::1]/x', PROD)?.code).toBe('PRIVATE_ADDRESS');
    expect(urlProblem('https://localhost/x', PROD)?.code).toBe('PRIVATE_ADDRESS');
    expect(urlProblem('https://user:pw@hooks.example.org/', PROD)?.code).toBe('CREDENTIALS_IN_URL');
    expect(urlProblem('not a url', PROD)?.code).toBe('INVALID_URL');
    expect(urlProblem('http://127.0.0.1:8080/hook', DEV)).toBeNull();
  });

  it('should double the retry delay from the base, capped at 12 hours', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 30))).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(30, 30)).toBe(12 * 3600);
  });

  it('should disable only after enough failures in a row spanning long enough', () => {
    const rule = { failures: 15, seconds: 86_400 };
    const since = new Date('2026-12-01T00:00:00Z');
    expect(shouldDisable(15, since, new Date('2026-12-01T12:00:00Z'), rule)).toBe(false);
    expect(shouldDisable(14, since, new Date('2026-12-02T01:00:00Z'), rule)).toBe(false);
    expect(shouldDisable(15, since, new Date('2026-12-02T00:00:00Z'), rule)).toBe(true);
  });
});

describe('webhook payloads', () => {
  it('should listen to the seven events the issue names', () => {
    expect([...WEBHOOK_SOURCE_EVENTS].sort()).toEqual([
      'AuditOutcomeRecorded',
      'MeetingConfirmed',
      'ProgrammeEnrolled',
      'RelationshipCompleted',
      'RelationshipStarted',
      'RelationshipTermsMet',
      'RelationshipWithdrawn',
    ]);
  });

  it('should carry ids and facts, never free text such as a reason, topics or homework', () => {
    const withdrawn = outgoingEvent(
      envelope('RelationshipWithdrawn', {
        ...REF,
        withdrawnBy: 'u-mentee',
        reason: 'My manager Alice Smith (alice@example.org) moved me',
        withdrawnOn: '2026-12-01',
        confirmedHours: 4,
        confirmedMeetings: 3,
      }),
    )!;
    expect(withdrawn).toMatchObject({ type: 'relationship.withdrawn', organizationId: 'o1' });
    expect(JSON.stringify(withdrawn.data)).not.toContain('Alice');
    const meeting = envelope('MeetingConfirmed', {
      ...REF,
      meetingId: 'm1',
      amendsMeetingId: null,
      revision: 1,
      occurredOn: '2026-11-30',
      startTime: '18:00',
      durationMinutes: 90,
      mode: 'VIDEO',
      topics: ['Salary negotiation with Bob'],
      homework: 'Call Bob',
      confirmedByMentorAt: '2026-11-30T20:00:00Z',
      confirmedByMenteeAt: '2026-11-30T21:00:00Z',
    });
    const body = JSON.parse(webhookBody(outgoingEvent(meeting)!, meeting));
    expect(body).toEqual({
      type: 'meeting.confirmed',
      timestamp: '2026-12-01T10:00:00.000Z',
      data: {
        eventId: meeting.id,
        ...REF,
        meetingId: 'm1',
        amendsMeetingId: null,
        revision: 1,
        occurredOn: '2026-11-30',
        durationMinutes: 90,
        hours: 1.5,
        mode: 'VIDEO',
      },
    });
    const audit = outgoingEvent(
      envelope('AuditOutcomeRecorded', {
        auditId: 'a1',
        selectionId: 's1',
        userId: 'u1',
        outcome: 'VERIFIED',
        verifiedHours: 3,
        recordedAt: '2026-12-01T10:00:00Z',
      }),
    )!;
    // an audit names a person, not an organisation: the person's organisation receives it
    expect(audit).toMatchObject({ type: 'audit.outcome_recorded', organizationId: null, subjectUserId: 'u1' });
    expect(outgoingEvent(envelope('GoalAchieved', { ...REF, goalId: 'g1', achievedAt: '2026-12-01' }))).toBeNull();
  });
});

describe(WebhookSender.name, () => {
  let server: http.Server;
  let port: number;
  const seen: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/redirect') return void res.writeHead(302, { location: '/ok' }).end();
      if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end('late'), 2000);
      res.writeHead(200).end('x'.repeat(5000));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const message = (path: string, host = '127.0.0.1') => ({
    url: `http://${host}:${port}${path}`,
    messageId: 'msg_1',
    body: '{"type":"programme.enrolled"}',
    secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    at: new Date(),
  });

  it('should refuse a loopback target in production without connecting, even through a host name', async () => {
    const sut = new WebhookSender(PROD, 1000);
    const before = seen.length;
    expect((await sut.send(message('/ok'))).ok).toBe(false);
    const viaName = await new WebhookSender(PROD, 1000).send({
      ...message('/ok', 'localhost'),
      url: `https://localhost:${port}/ok`,
    });
    expect(viaName).toMatchObject({ ok: false, status: null });
    expect(viaName.error).toMatch(/refused address/);
    expect(seen.length).toBe(before);
  });

  it('should not follow redirects, keep only an excerpt of the answer, and give up at its timeout', async () => {
    const sut = new WebhookSender(DEV, 300);
    expect(await sut.send(message('/redirect'))).toMatchObject({ ok: false, status: 302, error: 'HTTP 302' });
    expect(seen).not.toContain('/ok');
    const big = await sut.send(message('/big'));
    expect(big.ok).toBe(true);
    expect(big.bodyExcerpt).toHaveLength(2048);
    expect(await sut.send(message('/slow'))).toMatchObject({
      ok: false,
      status: null,
      error: 'no answer within 300 ms',
    });
  });

  it('should sign so that the Standard Webhooks library verifies', () => {
    const m = message('/ok');
    const headers = signedHeaders(m);
    expect(new Webhook(m.secrets[0]).verify(m.body, headers)).toEqual({ type: 'programme.enrolled' });
  });
});
