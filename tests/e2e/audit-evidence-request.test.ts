/**
 * Audits for one body, through the gateway: a cycle scoped to a programme selects its members; each selected
 * member is told at once (in-app and by email, with a link to their selection on the Evidence screen and the
 * cycle's deadline), and reminded the day before the deadline (the reporting job, then identity's notification).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, isolatedDatabase, mailsTo, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { addDays, adminEnv, buildWorld, call, type Person, type World } from '../support/world';

let stack: Stack;
let world: World;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@audit-evidence.test`;
const WEB = 'https://app.audit-evidence.test';
const mailDir = mkdtempSync(join(os.tmpdir(), 'tandem-audit-evidence-mail-'));
const E = 'errors { field code message }';

const NOTIFICATIONS = `{ me { notifications(first: 50) { edges { node { id kind title body link } } } } }`;
type Note = { id: string; kind: string; title: string; body: string; link: string | null };
async function notificationsOf(who: Person, kind: string): Promise<Note[]> {
  const data = await call(stack, NOTIFICATIONS, {}, who.token);
  return (data.me.notifications.edges as Array<{ node: Note }>).map((e) => e.node).filter((n) => n.kind === kind);
}

beforeAll(async () => {
  // a database of its own: the world's unscoped audit samples everyone with hours
  database = await isolatedDatabase(testDatabaseUrl(), [identity, matching, relationships, reporting]);
  const env = adminEnv(ADMIN_EMAIL);
  stack = await startStack({
    databaseUrl: database.url,
    services: [identity, matching, relationships, reporting],
    env: { ...env, identity: { ...env.identity, MAIL_DIR: mailDir, WEB_APP_URL: WEB } },
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
  });
  world = await buildWorld(stack, ADMIN_EMAIL);
  const { mentee, mentor } = world;
  for (const who of [mentee, mentor]) {
    await call(
      stack,
      `mutation ($id: ID!, $v: Int!) { signAgreement(relationshipId: $id, version: $v) { ${E} } }`,
      { id: world.relationshipId, v: world.agreementVersion },
      who.token,
    );
  }
  await call(
    stack,
    `mutation ($id: ID!) { confirmMeeting(meetingId: $id) { ${E} } }`,
    { id: world.meetingId },
    mentor.token,
  );
  await eventually(
    async () => {
      const data = await call(stack, `{ me { cpdHours } }`, {}, mentee.token);
      if (data.me.cpdHours !== 1) throw new Error('no CPD entry yet');
    },
    15_000,
    100,
  );
}, 240_000);
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
  rmSync(mailDir, { recursive: true, force: true });
});

describe('an audit cycle scoped to a programme', () => {
  it('should tell each selected member at once, with a link and the deadline, then remind them the day before', async () => {
    const { admin, mentee, mentor } = world;
    const opened = await call(
      stack,
      `mutation ($input: OpenAuditCycleInput!) { openAuditCycle(input: $input) { ${E} audit { id programmeId dueOn selections { id person { id } } } } }`,
      {
        input: {
          from: addDays(world.today, -30),
          to: world.today,
          sampleRate: 1,
          seed: 'evidence-request',
          strategy: 'UNIFORM',
          programmeId: world.programmeId,
          dueInDays: 14,
        },
      },
      admin.token,
    );
    expect(opened.openAuditCycle.errors).toEqual([]);
    const audit = opened.openAuditCycle.audit as {
      id: string;
      programmeId: string;
      dueOn: string;
      selections: Array<{ id: string; person: { id: string } }>;
    };
    expect(audit.programmeId).toBe(world.programmeId);
    expect(audit.dueOn).toBe(addDays(world.today, 14));
    const selectionOf = (p: Person) => audit.selections.find((s) => s.person.id === p.userId)!;
    expect(audit.selections.map((s) => s.person.id).sort()).toEqual([mentee.userId, mentor.userId].sort());

    // in-app: the request, linking to the member's own selection on the Evidence screen
    const link = `/evidence#selection-${selectionOf(mentee).id}`;
    const [request] = await eventually(async () => {
      const found = await notificationsOf(mentee, 'AUDIT_EVIDENCE_REQUESTED');
      expect(found).toHaveLength(1);
      return found;
    }, 15_000);
    expect(request.link).toBe(link);
    expect(request.title).toMatch(/^Your hours were selected for an audit: please answer by /);
    expect(request.body).toContain('1 hour you recorded');
    // the mentor's own request links to their selection, not the mentee's
    const [ofMentor] = await eventually(async () => {
      const found = await notificationsOf(mentor, 'AUDIT_EVIDENCE_REQUESTED');
      expect(found).toHaveLength(1);
      return found;
    }, 15_000);
    expect(ofMentor.link).toBe(`/evidence#selection-${selectionOf(mentor).id}`);

    // by email: the same words, with the absolute link into the participant app
    const mail = await eventually(async () => {
      const mails = (await mailsTo(mailDir, mentee.email)).filter((m) => m.text.includes(link));
      expect(mails).toHaveLength(1);
      return mails[0]!;
    }, 15_000);
    expect(mail.text).toContain(`${WEB}${link}`);
    expect(mail.text).toContain('Please open your Evidence page');

    // the day before the deadline (the cycle opened two weeks ago): the reminder job, then the reminder
    await stack.sql(`UPDATE reporting.audit SET opened_at = now() - interval '13 days' WHERE id = $1`, [audit.id]);
    await stack.sql(`UPDATE reporting.audit_selection SET due_on = current_date + 1 WHERE audit_id = $1`, [audit.id]);
    const parts = await reporting.create(stack.services.reporting.runtime as Parameters<typeof reporting.create>[0]);
    await parts.jobs!.find((j) => j.name === 'audit-reminders')!.run();
    await stack.settle();
    const reminders = await eventually(async () => {
      const found = await notificationsOf(mentee, 'AUDIT_EVIDENCE_DUE_SOON');
      expect(found).toHaveLength(1);
      return found;
    }, 15_000);
    expect(reminders[0]).toMatchObject({ title: '1 day left to answer your audit', link });
  });
});
