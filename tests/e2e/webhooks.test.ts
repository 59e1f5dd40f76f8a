/**
 * Webhooks (issue 23), through the gateway with identity's real tokens: an organisation's admin registers an
 * endpoint on a local receiver; a person joining a programme is delivered, signed per Standard Webhooks and
 * verified with its library, retried after a 500 until it succeeds, kept with the answer, replayable with the
 * same webhook-id; a rotated secret signs beside the old one; an endpoint that keeps failing is disabled and
 * its admin told in-app and by email; coaches, participants and other organisations' admins are refused.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, mailsTo, type isolatedDatabase, type Stack } from '@tandem/testkit';
import { newOrganization, Receiver, startWebhookStack } from '../support/webhooks';
import { call, register, type Person } from '../support/world';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let admin: Person;
let orgA: string;
let orgB: string;
let programmeId: string;
const receiver = new Receiver();
const mailDir = mkdtempSync(join(os.tmpdir(), 'tandem-webhooks-mail-'));
const ADMIN_EMAIL = `root.${randomUUID().slice(0, 8)}@webhooks.test`;
const E = 'errors { field code message }';
const ENDPOINT = 'id organizationId url enabled disabledReason consecutiveFailures eventTypes previousSecretExpiresAt';
const DELIVERIES = `deliveries(first: 10) { totalCount edges { node { id messageId eventType status attempts responseStatus responseBodyExcerpt error payload replayOf } } }`;

beforeAll(async () => {
  await receiver.start();
  ({ database, stack, admin } = await startWebhookStack(ADMIN_EMAIL, {
    MAIL_DIR: mailDir,
    WEBHOOK_MAX_ATTEMPTS: '3',
    WEBHOOK_DISABLE_AFTER_FAILURES: '3',
    WEBHOOK_DISABLE_AFTER_SECONDS: '0',
  }));
  orgA = (await newOrganization(stack, admin.token, 'Webhooks A')).id;
  orgB = (await newOrganization(stack, admin.token, 'Webhooks B')).id;
  programmeId = (
    await call(
      stack,
      `mutation ($input: ProgramInput!) { createProgram(input: $input) { ${E} program { id } } }`,
      {
        input: {
          name: `Webhooks programme ${randomUUID().slice(0, 6)}`,
          organizationIds: [orgA, orgB],
          terms: { targetHours: 12, durationWeeks: 16, minMeetings: 4 },
          cpdCategory: 'Peer interaction',
          requireSignedAgreement: false,
        },
      },
      admin.token,
    )
  ).createProgram.program.id as string;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await database?.drop();
  await receiver.stop();
  rmSync(mailDir, { recursive: true, force: true });
});

const createEndpoint = (path: string, token = admin.token, organizationId = orgA) =>
  stack.gql<{
    createWebhookEndpoint: {
      errors: Array<{ field: string; code: string }>;
      secret: string | null;
      endpoint: { id: string } | null;
    };
  }>(
    `mutation ($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { ${E} secret endpoint { ${ENDPOINT} } } }`,
    {
      i: {
        organizationId,
        url: `${receiver.url}${path}`,
        description: 'HR system',
        eventTypes: ['PROGRAMME_ENROLLED'],
      },
    },
    { token },
  );

/** A new mentee of organisation A enrolled in the programme: ProgrammeEnrolled, the event the endpoints listen to. */
async function enrolSomeone(): Promise<string> {
  const mentee = await register(stack, `Mentee ${randomUUID().slice(0, 4)}`, ['MENTEE'], orgA);
  await call(
    stack,
    `mutation ($input: EnrollInput!) { enrolInProgramme(input: $input) { ${E} } }`,
    { input: { programmeId, userId: mentee.userId, role: 'MENTEE' } },
    admin.token,
  );
  return mentee.userId;
}

const endpointOf = async (id: string) =>
  (
    await call(
      stack,
      `query ($id: ID!) { webhookEndpoint(id: $id) { ${ENDPOINT} ${DELIVERIES} } }`,
      { id },
      admin.token,
    )
  ).webhookEndpoint;

describe('webhooks', () => {
  let endpointId: string;
  let secret: string;
  let menteeId: string;

  it('should deliver a signed event, retrying after a 500 until the receiver answers 200', async () => {
    const created = await createEndpoint('/hr');
    expect(created.errors).toBeUndefined();
    expect(created.data!.createWebhookEndpoint.errors).toEqual([]);
    secret = created.data!.createWebhookEndpoint.secret!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    endpointId = created.data!.createWebhookEndpoint.endpoint!.id;
    // the secret is stored sealed, never as given
    const [row] = await stack.sql<{ sealed: string }>(
      `SELECT secret_sealed AS sealed FROM identity.webhook_endpoint WHERE id = $1`,
      [endpointId],
    );
    expect(row.sealed).not.toContain(secret.slice(6, 20));

    receiver.answer('/hr', 500);
    menteeId = await enrolSomeone();
    await eventually(() => expect(receiver.at('/hr')).toHaveLength(2), 15_000);
    const [first, second] = receiver.at('/hr');
    const wh = new Webhook(secret);
    for (const r of [first, second]) {
      const verified = wh.verify(r.body, r.headers) as { type: string; data: Record<string, unknown> };
      expect(verified.type).toBe('programme.enrolled');
      expect(verified.data).toMatchObject({ userId: menteeId, programmeId, organizationId: orgA, role: 'MENTEE' });
      // ids and facts only: no name or email of the person
      expect(r.body).not.toMatch(/@webhooks\.test|@world\.test|displayName|email/);
    }
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    // a signature from another secret does not verify
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(first.body, first.headers),
    ).toThrow();

    const endpoint = await eventually(async () => {
      const e = await endpointOf(endpointId);
      expect(e.deliveries.edges[0]?.node.status).toBe('SUCCEEDED');
      return e;
    });
    expect(endpoint.consecutiveFailures).toBe(0);
    expect(endpoint.deliveries.edges[0].node).toMatchObject({
      eventType: 'PROGRAMME_ENROLLED',
      attempts: 2,
      responseStatus: 200,
      responseBodyExcerpt: 'thanks',
      messageId: first.headers['webhook-id'],
    });
  });

  it('should replay a delivery with the same webhook-id, and never show the secret again', async () => {
    const before = receiver.at('/hr').length;
    const { node } = (await endpointOf(endpointId)).deliveries.edges[0];
    const replay = await call(
      stack,
      `mutation ($id: ID!) { replayWebhookDelivery(id: $id) { ${E} delivery { id replayOf status } } }`,
      { id: node.id },
      admin.token,
    );
    expect(replay.replayWebhookDelivery.delivery.replayOf).toBe(node.id);
    await eventually(() => expect(receiver.at('/hr')).toHaveLength(before + 1), 10_000);
    const last = receiver.at('/hr').at(-1)!;
    expect(last.headers['webhook-id']).toBe(node.messageId);
    expect(new Webhook(secret).verify(last.body, last.headers)).toMatchObject({ type: 'programme.enrolled' });
    await eventually(async () => {
      const e = await endpointOf(endpointId);
      expect(e.deliveries.totalCount).toBe(2);
      expect(e.deliveries.edges[0].node).toMatchObject({ replayOf: node.id, status: 'SUCCEEDED', attempts: 1 });
    });
    const asked = await stack.gql(
      `query ($id: ID!) { webhookEndpoint(id: $id) { secret } }`,
      { id: endpointId },
      {
        token: admin.token,
      },
    );
    expect(asked.data).toBeUndefined();
    expect(asked.errors?.[0].message).toContain('Cannot query field "secret"');
  });

  it('should sign with the new and the previous secret for a day after a rotation', async () => {
    const rotated = await call(
      stack,
      `mutation ($id: ID!) { rotateWebhookEndpointSecret(id: $id) { ${E} secret endpoint { previousSecretExpiresAt } } }`,
      { id: endpointId },
      admin.token,
    );
    const fresh = rotated.rotateWebhookEndpointSecret.secret as string;
    expect(fresh).not.toBe(secret);
    expect(Date.parse(rotated.rotateWebhookEndpointSecret.endpoint.previousSecretExpiresAt)).toBeGreaterThan(
      Date.now() + 23 * 3600_000,
    );
    const before = receiver.at('/hr').length;
    await enrolSomeone();
    await eventually(() => expect(receiver.at('/hr')).toHaveLength(before + 1), 10_000);
    const last = receiver.at('/hr').at(-1)!;
    expect(last.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(fresh).verify(last.body, last.headers)).toBeTruthy();
    expect(new Webhook(secret).verify(last.body, last.headers)).toBeTruthy();
  });

  it('should disable an endpoint after repeated failure and tell its admin in-app and by email', async () => {
    const created = await createEndpoint('/down');
    const downId = created.data!.createWebhookEndpoint.endpoint!.id;
    await enrolSomeone();
    const endpoint = await eventually(async () => {
      const e = await endpointOf(downId);
      expect(e.enabled).toBe(false);
      return e;
    }, 15_000);
    expect(receiver.at('/down')).toHaveLength(3);
    expect(endpoint.disabledReason).toMatch(/^3 failed deliveries in a row since /);
    expect(endpoint.deliveries.edges[0].node).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      responseStatus: 500,
      responseBodyExcerpt: 'receiver broke',
      error: 'HTTP 500',
    });
    const notices = await call(
      stack,
      `{ me { notifications(first: 20) { edges { node { kind title body link } } } } }`,
      {},
      admin.token,
    );
    const notice = notices.me.notifications.edges.find(
      (e: { node: { kind: string } }) => e.node.kind === 'WEBHOOK_ENDPOINT_DISABLED',
    );
    expect(notice?.node.body).toContain(`${receiver.url}/down`);
    expect(notice?.node.body).toMatch(/after 3 failed deliveries in a row since .* UTC\. Fix the receiver/);
    // it opens the endpoint on the admin app's Webhooks page, its organisation chosen (staff do not use the participant app)
    expect(notice?.node.link).toBe(`admin:/webhooks?organisation=${orgA}#endpoint-${downId}`);
    const mail = await eventually(async () => {
      const found = (await mailsTo(mailDir, ADMIN_EMAIL)).find(
        (m) => m.headers.subject === 'A webhook endpoint was disabled',
      );
      expect(found).toBeDefined();
      return found!;
    }, 15_000);
    expect(mail.text).toContain(`${receiver.url}/down`);
    expect(mail.text).toMatch(new RegExp(`https?://[^\\s]+/webhooks\\?organisation=${orgA}#endpoint-${downId}`));

    // a disabled endpoint gets nothing new and cannot be replayed; enabled again, its failure count starts over
    const replay = await call(
      stack,
      `mutation ($id: ID!) { replayWebhookDelivery(id: $id) { errors { field code } } }`,
      { id: endpoint.deliveries.edges[0].node.id },
      admin.token,
    ).catch((e: Error) => e.message);
    expect(replay).toContain('ENDPOINT_DISABLED');
    const enabled = await call(
      stack,
      `mutation ($id: ID!) { setWebhookEndpointEnabled(id: $id, enabled: true) { ${E} endpoint { enabled consecutiveFailures disabledReason } } }`,
      { id: downId },
      admin.token,
    );
    expect(enabled.setWebhookEndpointEnabled.endpoint).toEqual({
      enabled: true,
      consecutiveFailures: 0,
      disabledReason: null,
    });
  });

  it('should carry the other subgraphs’ events to the organisation they concern, a redelivery sent once', async () => {
    const created = await stack.gql<{ createWebhookEndpoint: { secret: string } }>(
      `mutation ($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret } }`,
      {
        i: {
          organizationId: orgA,
          url: `${receiver.url}/all`,
          eventTypes: ['RELATIONSHIP_STARTED', 'RELATIONSHIP_TERMS_MET', 'AUDIT_OUTCOME_RECORDED'],
        },
      },
      { token: admin.token },
    );
    const wh = new Webhook(created.data!.createWebhookEndpoint.secret);
    const person = await register(stack, `Audited ${randomUUID().slice(0, 4)}`, ['MENTEE'], orgA);
    const ref = { relationshipId: randomUUID(), menteeId: person.userId, mentorId: randomUUID(), programmeId };
    // as relationships and reporting publish them; organisation B's relationship goes nowhere here
    const start = (organizationId: string, relationshipId: string) =>
      stack.publish(
        'RelationshipStarted',
        {
          ...ref,
          relationshipId,
          organizationId,
          matchId: randomUUID(),
          cohortId: null,
          startedOn: '2026-12-01',
          plannedEndOn: '2027-03-30',
        },
        'relationships',
      );
    const started = await start(orgA, ref.relationshipId);
    await start(orgB, randomUUID());
    await stack.publish(
      'RelationshipTermsMet',
      {
        ...ref,
        organizationId: orgA,
        meetingId: randomUUID(),
        metOn: '2026-12-20',
        confirmedHours: 3,
        confirmedMeetings: 3,
      },
      'relationships',
    );
    await stack.publish(
      'AuditOutcomeRecorded',
      {
        auditId: randomUUID(),
        selectionId: randomUUID(),
        userId: person.userId,
        outcome: 'VERIFIED',
        verifiedHours: 3,
        recordedAt: new Date().toISOString(),
      },
      'reporting',
    );
    // the same event delivered to identity twice (at least once): one message
    await stack.sql(
      `INSERT INTO pgboss.job (name, data) SELECT name, $1::jsonb FROM pgboss.subscription WHERE event = 'RelationshipStarted'`,
      [JSON.stringify(started)],
    );
    await stack.settle();
    await eventually(() => expect(receiver.at('/all')).toHaveLength(3), 15_000);
    await stack.settle();
    const got = receiver
      .at('/all')
      .map((r) => wh.verify(r.body, r.headers) as { type: string; data: Record<string, unknown> });
    expect(got.map((m) => m.type).sort()).toEqual([
      'audit.outcome_recorded',
      'relationship.started',
      'relationship.terms_met',
    ]);
    expect(got.find((m) => m.type === 'relationship.started')!.data).toMatchObject({
      ...ref,
      organizationId: orgA,
      eventId: started.id,
    });
    expect(got.find((m) => m.type === 'audit.outcome_recorded')!.data).toMatchObject({
      userId: person.userId,
      outcome: 'VERIFIED',
    });
    expect(receiver.at('/all')).toHaveLength(3);
  });

  it('should refuse URLs that are not http(s), and list endpoints only to their organisation’s admins', async () => {
    const bad = await stack.gql<{ createWebhookEndpoint: { errors: Array<{ field: string; code: string }> } }>(
      `mutation ($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { errors { field code } } }`,
      { i: { organizationId: orgA, url: 'ftp://hooks.example.org/x', eventTypes: [] } },
      { token: admin.token },
    );
    expect(bad.data!.createWebhookEndpoint.errors).toEqual([
      { field: 'input.url', code: 'HTTPS_REQUIRED' },
      { field: 'input.eventTypes', code: 'REQUIRED' },
    ]);

    const as = (roles: Array<'COACH' | 'PROGRAMME_ADMIN' | 'MENTEE' | 'ANALYST'>, organizationId: string | null) =>
      stack.token({ userId: randomUUID(), roles, organizationId });
    const list = async (token: string) =>
      (await stack.gql(`query ($o: ID!) { webhookEndpoints(organizationId: $o) { id } }`, { o: orgA }, { token }))
        .errors?.[0]?.extensions?.code ?? 'OK';
    expect(await list(await as(['PROGRAMME_ADMIN'], orgA))).toBe('OK');
    expect(await list(await as(['PROGRAMME_ADMIN'], orgB))).toBe('FORBIDDEN');
    expect(await list(await as(['COACH'], orgA))).toBe('FORBIDDEN');
    expect(await list(await as(['MENTEE'], orgA))).toBe('FORBIDDEN');
    expect(await list(await as(['ANALYST'], null))).toBe('FORBIDDEN');

    // another organisation's admin can neither read, change, rotate nor replay A's endpoints
    const other = await as(['PROGRAMME_ADMIN'], orgB);
    const { node } = (await endpointOf(endpointId)).deliveries.edges[0];
    for (const [query, id] of [
      [`query ($id: ID!) { webhookEndpoint(id: $id) { id } }`, endpointId],
      [`mutation ($id: ID!) { setWebhookEndpointEnabled(id: $id, enabled: false) { errors { code } } }`, endpointId],
      [`mutation ($id: ID!) { rotateWebhookEndpointSecret(id: $id) { secret } }`, endpointId],
      [`mutation ($id: ID!) { replayWebhookDelivery(id: $id) { errors { code } } }`, node.id],
    ]) {
      const res = await stack.gql(query, { id }, { token: other });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await createEndpoint('/b', other)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await endpointOf(endpointId)).enabled).toBe(true);
  });
});
