/**
 * Invitations through the gateway (issue 19): an admin checks a file of 200 people with 5 bad rows, sees exactly
 * those 5 and why, sends it and 195 invitations go out; a participant's link opens the participant app and makes a
 * mentee enrolled in the programme; a coach's opens the staff app and makes a coach of the organisation, the
 * inviter named in the role change; a used link, and any malformed one, is refused alike. The emails are read back.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identity } from '@tandem/identity';
import { eventually, mailsTo, signIn, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';

const RUN = randomUUID().slice(0, 8);
const ADMIN_EMAIL = `inv-admin-${RUN}@tandem.test`;
const ADMIN_PASSWORD = 'Invitations-admin-2026';
const WEB = 'https://app.tandem.test';
const STAFF = 'https://admin.tandem.test/invitation';
const mailDir = mkdtempSync(join(os.tmpdir(), 'tandem-invitations-mail-'));
const E = 'errors { field code message }';

let stack: Stack;
let admin: string;
let programme: { id: string; name: string };
let organisation: { id: string; name: string };

async function api<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await stack.gql<T>(query, variables, token ? { token } : undefined);
  if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

/** The invitation link in the one email to this address. */
async function linkTo(email: string): Promise<URL> {
  return eventually(async () => {
    const mails = await mailsTo(mailDir, email);
    expect(mails).toHaveLength(1);
    return new URL(mails[0]!.text.match(/https?:\/\/\S+/)![0]);
  }, 15_000);
}

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity],
    env: {
      identity: {
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        BOOTSTRAP_ADMIN: 'true',
        MAIL_DIR: mailDir,
        WEB_APP_URL: WEB,
        INVITATION_URL: STAFF,
      },
    },
  });
  const session = await signIn<{ session: { accessToken: string } }>(
    stack,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    `session { accessToken }`,
  );
  admin = session.data!.login.session.accessToken;
  organisation = (
    await api<{ createOrganization: { organization: { id: string; name: string } } }>(
      `mutation ($i: OrganizationInput!) { createOrganization(input: $i) { organization { id name } ${E} } }`,
      { i: { name: `Northbridge Newcomer Services ${RUN}`, city: 'Toronto', country: 'CA' } },
      admin,
    )
  ).createOrganization.organization;
  programme = (
    await api<{ createProgram: { program: { id: string; name: string } } }>(
      `mutation ($i: ProgramInput!) { createProgram(input: $i) { program { id name } ${E} } }`,
      {
        i: {
          name: `Career Bridge ${RUN}`,
          description: 'Newcomers paired with practitioners.',
          organizationIds: [organisation.id],
          terms: { targetHours: 6, durationWeeks: 17, minMeetings: 6, hoursOrMeetings: false },
          cpdCategory: 'Mentoring',
        },
      },
      admin,
    )
  ).createProgram.program;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(mailDir, { recursive: true, force: true });
});

const PREVIEW = `query ($i: InvitationBatchInput!) { invitationPreview(input: $i) { ready refused errors { field code }
  rows { line email problems { field code } } } }`;
const SEND = `mutation ($i: InvitationBatchInput!) { sendInvitations(input: $i) { sent ${E} refusedRows { line problems { field code } } } }`;

describe('invitations', () => {
  it('should preview a file of 200 with 5 bad rows, name the 5 and why, and send the other 195', async () => {
    const existing = `taken-${RUN}@tandem.test`;
    await stack.gql(`mutation ($i: RegisterInput!) { register(input: $i) { ${E} } }`, {
      i: { email: existing, password: 'Existing-pass-2026', displayName: 'Already Here', roles: ['MENTEE'] },
    });
    const lines = ['Email;Name;Role'];
    for (let i = 1; i <= 195; i++)
      lines.push(`p${i}-${RUN}@cohort.test;Participant ${i};${i % 3 ? 'mentee' : 'Mentor'}`);
    // the five bad rows: a bad address, a repeat, an account already, an unknown role, no name
    lines.splice(10, 0, `not-an-address;Bad Address;mentee`);
    lines.splice(50, 0, `p3-${RUN}@cohort.test;Again;mentee`);
    lines.splice(90, 0, `${existing};Already Here;mentee`);
    lines.splice(130, 0, `q-${RUN}@cohort.test;Quinn;volunteer`);
    lines.splice(170, 0, `r-${RUN}@cohort.test;;mentor`);
    const input = { csv: lines.join('\n'), programmeId: programme.id };
    expect(lines).toHaveLength(201);

    const preview = (await api<{ invitationPreview: Preview }>(PREVIEW, { i: input }, admin)).invitationPreview;
    expect(preview.errors).toEqual([]);
    expect([preview.ready, preview.refused]).toEqual([195, 5]);
    expect(preview.rows.filter((r) => r.problems.length).map((r) => [r.line, r.problems])).toEqual([
      [11, [{ field: 'email', code: 'INVALID_EMAIL' }]],
      [51, [{ field: 'email', code: 'DUPLICATE_IN_FILE' }]],
      [91, [{ field: 'email', code: 'ALREADY_REGISTERED' }]],
      [131, [{ field: 'role', code: 'UNKNOWN_ROLE' }]],
      [171, [{ field: 'name', code: 'REQUIRED' }]],
    ]);
    // the preview sent nothing
    expect(await stack.sql(`SELECT 1 FROM identity.invitation WHERE programme_id = $1`, [programme.id])).toHaveLength(
      0,
    );

    const sent = (await api<{ sendInvitations: Sent }>(SEND, { i: input }, admin)).sendInvitations;
    expect(sent.sent).toBe(195);
    expect(sent.refusedRows.map((r) => r.line)).toEqual([11, 51, 91, 131, 171]);
    expect(await stack.sql(`SELECT 1 FROM identity.invitation WHERE programme_id = $1`, [programme.id])).toHaveLength(
      195,
    );
    // a second send finds them invited
    const again = (await api<{ invitationPreview: Preview }>(PREVIEW, { i: input }, admin)).invitationPreview;
    expect(again.ready).toBe(0);
    expect(again.rows[1]!.problems).toEqual([{ field: 'email', code: 'ALREADY_INVITED' }]);
  });

  it('should refuse a whole file it cannot read, and a programme that does not exist, before any row', async () => {
    const refusals = async (i: Record<string, unknown>) =>
      (await api<{ invitationPreview: Preview }>(PREVIEW, { i }, admin)).invitationPreview.errors;
    expect(await refusals({ csv: '' })).toEqual([{ field: 'input.csv', code: 'EMPTY' }]);
    expect(await refusals({ csv: 'mail,who\na@b.test,A' })).toEqual([{ field: 'input.csv', code: 'MISSING_COLUMN' }]);
    expect(await refusals({ csv: 'email,name,role\na@b.test,A,mentee', programmeId: randomUUID() })).toEqual([
      { field: 'input.programmeId', code: 'UNKNOWN_PROGRAMME' },
    ]);
  });

  it("should make an enrolled mentee from a participant's link, once", async () => {
    const email = `p1-${RUN}@cohort.test`;
    const link = await linkTo(email);
    expect(link.origin + link.pathname).toBe(`${WEB}/invitation`);
    const token = link.searchParams.get('token')!;
    const offer = await api<{ invitationOffer: { email: string; role: string; programmeName: string } }>(
      `query ($t: String!) { invitationOffer(token: $t) { email role programmeName } }`,
      { t: token },
    );
    expect(offer.invitationOffer).toEqual({ email, role: 'MENTEE', programmeName: programme.name });
    const accept = (password: string) =>
      api<{ acceptInvitation: { email: string | null; errors: Array<{ field: string; code: string }> } }>(
        `mutation ($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { email errors { field code } } }`,
        { i: { token, displayName: 'Participant One', password } },
      );
    expect((await accept('short')).acceptInvitation.errors).toEqual([{ field: 'input.password', code: 'TOO_SHORT' }]);
    expect((await accept('Invited-mentee-2026')).acceptInvitation).toEqual({ email, errors: [] });
    expect((await accept('Invited-mentee-2026')).acceptInvitation.errors).toEqual([
      { field: 'input.token', code: 'INVITATION_INVALID' },
    ]);
    const session = await signIn<{ session: { accessToken: string } }>(
      stack,
      email,
      'Invited-mentee-2026',
      `session { accessToken }`,
    );
    const me = await api<{
      me: {
        roles: string[];
        enrollmentsConnection: { edges: Array<{ node: { role: string; programme: { id: string } } }> };
      };
    }>(
      `{ me { roles enrollmentsConnection(first: 5) { edges { node { role programme { id } } } } } }`,
      {},
      session.data!.login.session.accessToken,
    );
    expect(me.me.roles).toEqual(['MENTEE']);
    expect(me.me.enrollmentsConnection.edges.map((e) => [e.node.role, e.node.programme.id])).toEqual([
      ['MENTEE', programme.id],
    ]);
  });

  it('should make a coach of the organisation from a staff link, naming the inviter, and let a revoked link do nothing', async () => {
    const email = `coach-${RUN}@northbridge.test`;
    const res = await api<{ invite: { sent: number; errors: unknown[] } }>(
      `mutation ($i: InviteInput!) { invite(input: $i) { sent ${E} } }`,
      { i: { email, displayName: 'Priya Raman', role: 'COACH', organizationId: organisation.id } },
      admin,
    );
    expect(res.invite).toEqual({ sent: 1, errors: [] });
    const link = await linkTo(email);
    expect(link.origin + link.pathname).toBe(STAFF);
    const mail = (await mailsTo(mailDir, email))[0]!;
    expect(mail.headers.subject).toBe(`Administrator invites you to work on Tandem as a coach of ${organisation.name}`);
    const accepted = await api<{ acceptInvitation: { email: string } }>(
      `mutation ($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { email ${E} } }`,
      { i: { token: link.searchParams.get('token'), displayName: 'Priya Raman', password: 'Invited-coach-2026' } },
    );
    expect(accepted.acceptInvitation.email).toBe(email);
    const [row] = await stack.sql<{ roles: string[]; organization_id: string }>(
      `SELECT roles, organization_id FROM identity."user" WHERE email = $1`,
      [email],
    );
    expect(row).toEqual({ roles: ['COACH'], organization_id: organisation.id });
    const [change] = await stack.sql<{ payload: { changedBy: string } }>(
      `SELECT payload FROM identity.event_log WHERE name = 'UserRolesChanged' AND payload->>'organizationId' = $1`,
      [organisation.id],
    );
    const [adminRow] = await stack.sql<{ id: string }>(`SELECT id FROM identity."user" WHERE email = $1`, [
      ADMIN_EMAIL,
    ]);
    expect(change!.payload.changedBy).toBe(adminRow!.id);

    // revoked before use: the link offers nothing and makes nothing
    const other = `analyst-${RUN}@tandem.test`;
    await api(
      `mutation ($i: InviteInput!) { invite(input: $i) { sent ${E} } }`,
      {
        i: { email: other, displayName: 'Sam Whitfield', role: 'ANALYST' },
      },
      admin,
    );
    const list = await api<{ invitations: { edges: Array<{ node: { id: string; email: string; status: string } }> } }>(
      `{ invitations(first: 5) { edges { node { id email status } } } }`,
      {},
      admin,
    );
    const pending = list.invitations.edges.find((e) => e.node.email === other)!.node;
    expect(pending.status).toBe('PENDING');
    expect(list.invitations.edges.find((e) => e.node.email === email)!.node.status).toBe('ACCEPTED');
    await api(`mutation ($id: ID!) { revokeInvitation(id: $id) { revoked ${E} } }`, { id: pending.id }, admin);
    const token = (await linkTo(other)).searchParams.get('token')!;
    expect(
      (
        await api<{ invitationOffer: unknown }>(`query ($t: String!) { invitationOffer(token: $t) { email } }`, {
          t: token,
        })
      ).invitationOffer,
    ).toBeNull();
  });

  it("should write a programme's invitations in its default language, and refuse a language it does not speak", async () => {
    const PROGRAMME = `mutation ($id: ID!, $i: ProgrammeInput!) { updateProgramme(id: $id, input: $i) {
      programme { id defaultLanguage } ${E} } }`;
    const terms = { targetHours: 6, durationWeeks: 17, minMeetings: 6, hoursOrMeetings: false };
    const base = { name: programme.name, organizationIds: [organisation.id], terms, cpdCategory: 'Mentoring' };
    const refused = await api<{ updateProgramme: { programme: unknown; errors: unknown[] } }>(
      PROGRAMME,
      { id: programme.id, i: { ...base, defaultLanguage: 'de' } },
      admin,
    );
    expect(refused.updateProgramme).toEqual({
      programme: null,
      errors: [{ field: 'input.defaultLanguage', code: 'UNSUPPORTED_LANGUAGE', message: 'Choose en or fr-CA.' }],
    });
    const french = await api<{ updateProgramme: { programme: { defaultLanguage: string } } }>(
      PROGRAMME,
      { id: programme.id, i: { ...base, defaultLanguage: 'fr-CA' } },
      admin,
    );
    expect(french.updateProgramme.programme.defaultLanguage).toBe('fr-CA');

    const email = `french-${RUN}@cohort.test`;
    const sent = await api<{ sendInvitations: Sent }>(
      SEND,
      { i: { csv: `email,name,role\n${email},Émilie Tremblay,mentee`, programmeId: programme.id } },
      admin,
    );
    expect(sent.sendInvitations.sent).toBe(1);
    const mail = await eventually(async () => {
      const mails = await mailsTo(mailDir, email);
      expect(mails).toHaveLength(1);
      return mails[0]!;
    }, 15_000);
    expect(mail.text).toMatch(/à rejoindre Career Bridge \S+ en tant que mentoré/);
    expect(mail.text).toContain('pendant 14 jours');
    expect(mail.html).toContain('<html lang="fr-CA">');

    // back to English: the next invitation follows the change
    await api(PROGRAMME, { id: programme.id, i: { ...base, defaultLanguage: 'en' } }, admin);
    const english = `english-${RUN}@cohort.test`;
    await api(SEND, { i: { csv: `email,name,role\n${english},Emma Lee,mentee`, programmeId: programme.id } }, admin);
    const again = await eventually(async () => {
      const mails = await mailsTo(mailDir, english);
      expect(mails).toHaveLength(1);
      return mails[0]!;
    }, 15_000);
    expect(again.text).toMatch(/to join Career Bridge \S+ as a mentee/);
  });

  it('should let a coach invite mentees and mentors into a programme their organisation runs, and no further', async () => {
    const email = `coach2-${RUN}@northbridge.test`;
    await api(
      `mutation ($i: InviteInput!) { invite(input: $i) { sent ${E} } }`,
      { i: { email, displayName: 'Tomás Ortega', role: 'COACH', organizationId: organisation.id } },
      admin,
    );
    const token = (await linkTo(email)).searchParams.get('token');
    await api(`mutation ($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { email ${E} } }`, {
      i: { token, displayName: 'Tomás Ortega', password: 'Invited-coach-2026' },
    });
    const session = await signIn<{ session: { accessToken: string } }>(
      stack,
      email,
      'Invited-coach-2026',
      `session { accessToken }`,
    );
    const coach = session.data!.login.session.accessToken;
    const elsewhere = (
      await api<{ createProgramme: { programme: { id: string } } }>(
        `mutation ($i: ProgrammeInput!) { createProgramme(input: $i) { programme { id } ${E} } }`,
        {
          i: {
            name: `Elsewhere ${RUN}`,
            terms: { targetHours: 6, durationWeeks: 17, minMeetings: 6 },
            cpdCategory: 'Mentoring',
          },
        },
        admin,
      )
    ).createProgramme.programme;

    const mentee = `coached-${RUN}@cohort.test`;
    const csv = `email,name,role\n${mentee},Mateo Cruz,mentee\nc2-${RUN}@cohort.test,Another Coach,coach`;
    const preview = (
      await api<{ invitationPreview: Preview }>(PREVIEW, { i: { csv, programmeId: programme.id } }, coach)
    ).invitationPreview;
    expect([preview.ready, preview.refused]).toEqual([1, 1]);
    expect(preview.rows[1]!.problems).toEqual([{ field: 'role', code: 'ROLE_NOT_ALLOWED' }]);
    const sent = await api<{ sendInvitations: Sent }>(SEND, { i: { csv, programmeId: programme.id } }, coach);
    expect(sent.sendInvitations.sent).toBe(1);
    // not into a programme another organisation runs, nor without a programme
    const refused = await api<{ sendInvitations: Sent }>(SEND, { i: { csv, programmeId: elsewhere.id } }, coach);
    expect(refused.sendInvitations).toMatchObject({
      sent: 0,
      errors: [{ field: 'input.programmeId', code: 'NOT_YOUR_PROGRAMME' }],
    });
    const none = await api<{ sendInvitations: Sent }>(SEND, { i: { csv } }, coach);
    expect(none.sendInvitations.errors).toMatchObject([{ field: 'input.programmeId', code: 'PROGRAMME_REQUIRED' }]);

    // the coach's list holds only what they sent; an invitation the admin sent is not theirs to revoke
    const mine = await api<{ invitations: { totalCount: number; edges: Array<{ node: { email: string } }> } }>(
      `{ invitations(first: 20) { totalCount edges { node { email } } } }`,
      {},
      coach,
    );
    expect(mine.invitations.edges.map((e) => e.node.email)).toEqual([mentee]);
    expect(mine.invitations.totalCount).toBe(1);
    const byAdmin = `admin-sent-${RUN}@cohort.test`;
    await api(SEND, { i: { csv: `email,name,role\n${byAdmin},Ada Sent,mentee`, programmeId: programme.id } }, admin);
    const [adminSent] = await stack.sql<{ id: string }>(`SELECT id FROM identity.invitation WHERE email = $1`, [
      byAdmin,
    ]);
    const revoke = await api<{ revokeInvitation: { revoked: boolean } }>(
      `mutation ($id: ID!) { revokeInvitation(id: $id) { revoked ${E} } }`,
      { id: adminSent!.id },
      coach,
    );
    expect(revoke.revokeInvitation.revoked).toBe(false);
  });
});

interface Preview {
  ready: number;
  refused: number;
  errors: Array<{ field: string; code: string }>;
  rows: Array<{ line: number; email: string | null; problems: Array<{ field: string; code: string }> }>;
}
interface Sent {
  sent: number;
  errors: unknown[];
  refusedRows: Array<{ line: number; problems: unknown[] }>;
}
