import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, eventually, isoDaysFromNow, parseMail, type Stack, testDatabaseUrl } from '@tandem/testkit';
import {
  createOrganization,
  gqlFrom,
  register,
  registerStaff,
  startIdentityStack,
  TEST_MAIL_DIR,
  type Account,
} from './helpers';

let stack: Stack;
/** The participant app's address: emails link to its screens. */
const WEB_APP_URL = 'https://app.tandem.test';

beforeAll(async () => {
  stack = await startIdentityStack(testDatabaseUrl(), { WEB_APP_URL });
});
afterAll(async () => {
  await stack?.stop();
});

const NOTIFICATIONS = `query ($first: Int, $after: String, $unread: Boolean) { me { notifications(first: $first, after: $after, unreadOnly: $unread) {
  unreadCount pageInfo { hasNextPage endCursor } edges { node { id kind title body link read } } } } }`;
type Page = {
  me: {
    notifications: {
      unreadCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: Array<{
        node: { id: string; kind: string; title: string; body: string; link: string | null; read: boolean };
      }>;
    };
  };
};

/** A request's expiry, two weeks ahead of the run's day, as the reader's long date (the catalogue formats it in UTC). */
const EXPIRES_ON = daysFromToday(14);
const expiresIn = (locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${EXPIRES_ON}T00:00:00Z`));

const requestSent = (menteeId: string, mentorId: string) => ({
  requestId: randomUUID(),
  menteeId,
  mentorId,
  programmeId: randomUUID(),
  sentAt: new Date().toISOString(),
  expiresAt: `${EXPIRES_ON}T00:00:00.000Z`,
});

/** The .eml written for a notification (its path is recorded on the row once sent). */
async function emailOf(notificationId: string): Promise<string> {
  const row = await eventually(async () => {
    const [r] = await stack.sql<{ email_status: string; email_ref: string }>(
      `SELECT email_status, email_ref FROM identity.notification WHERE id = $1`,
      [notificationId],
    );
    expect(r.email_status).toBe('SENT');
    return r;
  }, 15_000);
  return readFile(row.email_ref, 'utf8');
}

describe('notifications', () => {
  it('should write to a person in the language they saved: in-app, the email, its dates and plurals', async () => {
    const mentee = await register(stack, 'Éloïse Tremblay', ['MENTEE']);
    const mentor = await register(stack, 'Jean Côté', ['MENTOR']);
    const SET = `mutation ($l: Language!) { setLanguage(language: $l) { errors { code } user { id language } } }`;
    const set = await gqlFrom<{ setLanguage: { errors: unknown[]; user: { id: string; language: string } } }>(
      stack,
      SET,
      { l: 'FR_CA' },
      { token: mentor.token },
    );
    expect(set.data?.setLanguage).toEqual({ errors: [], user: { id: mentor.id, language: 'FR_CA' } });
    // nobody else sees it
    const seen = await gqlFrom<{ user: { language: string | null } }>(
      stack,
      `query ($id: ID!) { user(id: $id) { language } }`,
      { id: mentor.id },
      { token: mentee.token },
    );
    expect(seen.data?.user.language ?? null).toBeNull();

    await stack.publish('MentoringRequestSent', requestSent(mentee.id, mentor.id));
    await stack.publish('AuditVerificationRequested', {
      auditId: randomUUID(),
      selectionId: randomUUID(),
      subjectId: mentee.id,
      verifierId: mentor.id,
      meetingIds: [randomUUID(), randomUUID()],
      dueOn: '2026-12-15',
    });
    // the mentor selected by an audit themself: the request, then the reminder the day before
    const selectionId = randomUUID();
    const audited = { auditId: randomUUID(), selectionId, userId: mentor.id, dueOn: '2026-12-15' };
    await stack.publish('AuditEvidenceRequested', { ...audited, claimedHours: 12.5 });
    await stack.publish('AuditEvidenceDueSoon', { ...audited, daysLeft: 1 });
    await stack.settle();
    const page = await gqlFrom<Page>(stack, NOTIFICATIONS, {}, { token: mentor.token });
    const byKind = new Map(page.data!.me.notifications.edges.map((e) => [e.node.kind, e.node]));
    expect(byKind.get('REQUEST_RECEIVED')).toMatchObject({
      title: 'Éloïse Tremblay vous demande d’être son mentor',
      body: `Éloïse Tremblay vous a envoyé une demande de mentorat. Veuillez l’accepter ou la refuser d’ici le ${expiresIn('fr-CA')}.`,
    });
    expect(byKind.get('AUDIT_VERIFICATION_REQUESTED')!.title).toBe(
      'Veuillez vérifier 2 rencontres avec Éloïse Tremblay',
    );
    expect(byKind.get('AUDIT_EVIDENCE_REQUESTED')).toMatchObject({
      title: 'Vos heures ont été sélectionnées pour un audit : veuillez répondre d’ici le 15 décembre 2026',
      link: `/evidence#selection-${selectionId}`,
    });
    expect(byKind.get('AUDIT_EVIDENCE_REQUESTED')!.body).toContain('a sélectionné vos 12,5 heures consignées');
    expect(byKind.get('AUDIT_EVIDENCE_DUE_SOON')).toMatchObject({
      title: 'Plus que 1 jour pour répondre à votre audit',
      link: `/evidence#selection-${selectionId}`,
    });
    const mail = parseMail('fr.eml', await emailOf(byKind.get('REQUEST_RECEIVED')!.id));
    // the subject travels as RFC 2047 encoded words (UTF-8, quoted-printable)
    const subject = mail.headers.subject.replace(/=\?UTF-8\?Q\?([^?]*)\?=\s*/gi, (_m, q: string) =>
      Buffer.from(
        q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8'),
    );
    expect(subject).toBe('Éloïse Tremblay vous demande d’être son mentor');
    expect(mail.text).toContain('Bonjour Jean Côté,');
    expect(mail.html).toContain('<html lang="fr-CA">');
    expect(mail.html).toContain('Ouvrir dans Tandem');
  });

  it('should tell a mentor in-app and by email when a mentee sends a request', async () => {
    const mentee = await register(stack, 'Priya Patel', ['MENTEE']);
    const mentor = await register(stack, 'Tomas Rivera', ['MENTOR']);
    const event = await stack.publish('MentoringRequestSent', requestSent(mentee.id, mentor.id));
    await stack.settle();

    const page = await gqlFrom<Page>(stack, NOTIFICATIONS, {}, { token: mentor.token });
    expect(page.data?.me.notifications.unreadCount).toBe(1);
    const [note] = page.data!.me.notifications.edges.map((e) => e.node);
    expect(note).toMatchObject({
      kind: 'REQUEST_RECEIVED',
      title: 'Priya Patel asked you to be their mentor',
      read: false,
    });
    expect(note.body).toContain(`by ${expiresIn('en')}.`);

    const eml = await emailOf(note.id);
    expect(eml).toMatch(new RegExp(`^To: Tomas Rivera <${mentor.email.replace(/[.]/g, '\\.')}>$`, 'mi'));
    expect(eml).toMatch(/^Subject: Priya Patel asked you to be their mentor$/m);
    expect(eml).toMatch(/^From: Tandem <no-reply@tandem\.local>$/m);
    expect(eml).toMatch(/^Message-ID: <.+>$/m);
    expect(eml).toContain('Hello Tomas Rivera,');
    const [row] = await stack.sql<{ email_ref: string }>(`SELECT email_ref FROM identity.notification WHERE id = $1`, [
      note.id,
    ]);
    expect(row.email_ref.startsWith(TEST_MAIL_DIR)).toBe(true);

    // a redelivered event (same id) notifies once
    await stack.sql(`DELETE FROM identity.processed_event WHERE event_id = $1`, [event.id]);
    await stack.sql(`INSERT INTO pgboss.job (name, data) VALUES ('identity_inbox', $1)`, [JSON.stringify(event)]);
    stack.services.identity.runtime.events.wake();
    await stack.settle();
    const again = await gqlFrom<Page>(stack, NOTIFICATIONS, {}, { token: mentor.token });
    expect(again.data?.me.notifications.edges).toHaveLength(1);
    // the mentee was not notified
    expect(
      (await gqlFrom<Page>(stack, NOTIFICATIONS, {}, { token: mentee.token })).data?.me.notifications.unreadCount,
    ).toBe(0);
  });

  it('should notify for each event of the issue, to the right person', async () => {
    const mentee = await register(stack, 'Ines Mentee', ['MENTEE']);
    const mentor = await register(stack, 'Omar Mentor', ['MENTOR']);
    const coach = await registerStaff(stack, 'Chloe Coach', ['COACH'], null);
    const programmeId = randomUUID();
    const rel = {
      relationshipId: randomUUID(),
      menteeId: mentee.id,
      mentorId: mentor.id,
      programmeId,
      organizationId: null,
    };
    await stack.publish('MentoringRequestAccepted', {
      requestId: randomUUID(),
      menteeId: mentee.id,
      mentorId: mentor.id,
      programmeId,
      acceptedAt: new Date().toISOString(),
    });
    await stack.publish('MentoringRequestDeclined', {
      requestId: randomUUID(),
      menteeId: mentee.id,
      mentorId: mentor.id,
      programmeId,
      reason: 'At capacity this term',
      declinedAt: new Date().toISOString(),
    });
    await stack.publish('MentoringRequestExpiring', {
      requestId: randomUUID(),
      menteeId: mentee.id,
      mentorId: mentor.id,
      programmeId,
      expiresAt: isoDaysFromNow(3), // an expiry ahead, as the job announces it
    });
    await stack.publish('MatchProposed', {
      proposalId: randomUUID(),
      menteeId: mentee.id,
      mentorId: mentor.id,
      coachId: coach.id,
      programmeId,
      note: 'Both in finance',
      proposedAt: new Date().toISOString(),
    });
    await stack.publish('AgreementAwaitingSignature', {
      ...rel,
      agreementId: randomUUID(),
      version: 1,
      awaitingUserIds: [mentee.id, mentor.id],
    });
    await stack.publish('MeetingLogged', {
      ...rel,
      meetingId: randomUUID(),
      loggedBy: mentor.id,
      awaitingUserId: mentee.id,
      occurredOn: '2026-11-20',
    });
    await stack.publish('AuditVerificationRequested', {
      auditId: randomUUID(),
      selectionId: randomUUID(),
      verifierId: mentee.id,
      subjectId: mentor.id,
      meetingIds: [randomUUID(), randomUUID()],
      dueOn: '2026-12-15',
    });
    await stack.settle();

    const kinds = async (a: Account) =>
      (await gqlFrom<Page>(stack, NOTIFICATIONS, { first: 50 }, { token: a.token }))
        .data!.me.notifications.edges.map((e) => e.node.kind)
        .sort();
    expect(await kinds(mentee)).toEqual([
      'AGREEMENT_AWAITING_SIGNATURE',
      'AUDIT_VERIFICATION_REQUESTED',
      'MATCH_PROPOSED',
      'MEETING_AWAITING_CONFIRMATION',
      'REQUEST_ACCEPTED',
      'REQUEST_DECLINED',
    ]);
    expect(await kinds(mentor)).toEqual(['AGREEMENT_AWAITING_SIGNATURE', 'MATCH_PROPOSED', 'REQUEST_EXPIRING']);
    const declined = (
      await gqlFrom<Page>(stack, NOTIFICATIONS, { first: 50 }, { token: mentee.token })
    ).data!.me.notifications.edges.find((e) => e.node.kind === 'REQUEST_DECLINED')!;
    expect(declined.node.body).toContain('At capacity this term');
  });

  it("should take an expiry reminder out of the mentor's waiting digest once the request is answered, and keep it in the app", async () => {
    const mentee = await register(stack, 'Lina Mentee', ['MENTEE']);
    const mentor = await register(stack, 'Theo Mentor', ['MENTOR']);
    const programmeId = randomUUID();
    const [answered, open, withdrawn] = [randomUUID(), randomUUID(), randomUUID()];
    for (const requestId of [answered, open, withdrawn])
      await stack.publish('MentoringRequestExpiring', {
        requestId,
        menteeId: mentee.id,
        mentorId: mentor.id,
        programmeId,
        expiresAt: isoDaysFromNow(2),
      });
    await stack.settle();
    await stack.publish('MentoringRequestAccepted', {
      requestId: answered,
      menteeId: mentee.id,
      mentorId: mentor.id,
      programmeId,
      acceptedAt: new Date().toISOString(),
    });
    await stack.publish('MentoringRequestWithdrawn', {
      requestId: withdrawn,
      menteeId: mentee.id,
      mentorId: mentor.id,
      programmeId,
      withdrawnAt: new Date().toISOString(),
    });
    await stack.settle();
    const rows = await stack.sql<{ link: string; status: string }>(
      `SELECT link, email_status AS status FROM identity.notification WHERE user_id = $1 AND kind = 'REQUEST_EXPIRING'`,
      [mentor.id],
    );
    const statusOf = (requestId: string) => rows.find((r) => r.link.includes(requestId))?.status;
    expect([statusOf(answered), statusOf(open), statusOf(withdrawn)]).toEqual(['SKIPPED', 'DIGEST', 'SKIPPED']);
  });

  it("should take a check-in due out of every coach's waiting digest once a check-in is recorded, and keep it in the app", async () => {
    const admin = await registerStaff(stack, 'Org Admin', ['ADMIN']);
    const org = await createOrganization(stack, admin);
    const coaches = [
      await registerStaff(stack, 'Carla Coach', ['COACH'], org),
      await registerStaff(stack, 'Dev Coach', ['COACH'], org),
    ];
    const mentee = await register(stack, 'Pia Mentee', ['MENTEE']);
    const mentor = await register(stack, 'Olu Mentor', ['MENTOR']);
    const pair = (relationshipId: string) => ({
      relationshipId,
      menteeId: mentee.id,
      mentorId: mentor.id,
      programmeId: randomUUID(),
      organizationId: org,
    });
    const [recorded, stillDue] = [pair(randomUUID()), pair(randomUUID())];
    for (const rel of [recorded, stillDue])
      await stack.publish('NudgeDue', {
        ...rel,
        nudge: 'CHECK_IN_DUE',
        occurrence: `CHECK_IN_DUE:${daysFromToday(-3)}`,
        dueOn: daysFromToday(-3),
        days: 3,
        meetingId: null,
        awaitingUserId: null,
        nudgedAt: new Date().toISOString(),
      });
    await stack.settle();
    const statuses = async () => {
      const rows = await stack.sql<{ userId: string; link: string; status: string }>(
        `SELECT user_id AS "userId", link, email_status AS status FROM identity.notification
         WHERE user_id = ANY($1::uuid[]) AND kind = 'CHECK_IN_DUE' ORDER BY link, user_id`,
        [coaches.map((c) => c.id)],
      );
      return coaches.map((c) =>
        [recorded, stillDue].map(
          (rel) => rows.find((r) => r.userId === c.id && r.link.endsWith(`${rel.relationshipId}#check-ins`))?.status,
        ),
      );
    };
    expect(await statuses()).toEqual([
      ['DIGEST', 'DIGEST'],
      ['DIGEST', 'DIGEST'],
    ]);

    await stack.publish('CheckInRecorded', {
      ...recorded,
      checkInId: randomUUID(),
      coachId: coaches[0].id,
      heldOn: daysFromToday(0),
      followUpOn: null,
      recordedAt: new Date().toISOString(),
    });
    await stack.settle();
    // both coaches' nudges on that pair leave the digest; the other pair's wait for it
    expect(await statuses()).toEqual([
      ['SKIPPED', 'DIGEST'],
      ['SKIPPED', 'DIGEST'],
    ]);
    // in the app, every nudge is still there
    for (const coach of coaches) {
      const page = await gqlFrom<Page>(stack, NOTIFICATIONS, { first: 50 }, { token: coach.token });
      expect(page.data!.me.notifications.edges.filter((e) => e.node.kind === 'CHECK_IN_DUE')).toHaveLength(2);
    }
    // the partners received none of it
    expect(
      await stack.sql(`SELECT 1 FROM identity.notification WHERE user_id = ANY($1::uuid[]) AND kind = 'CHECK_IN_DUE'`, [
        [mentee.id, mentor.id],
      ]),
    ).toEqual([]);
  });

  it('should tell a mentor of a question and of a reworded request, and the mentee of the answer, each linked to its card', async () => {
    const mentee = await register(stack, 'Quentin Asker', ['MENTEE']);
    const mentor = await register(stack, 'Rosa Answerer', ['MENTOR']);
    const questionId = randomUUID();
    const requestId = randomUUID();
    const at = new Date().toISOString();
    await stack.publish('MentorQuestionAsked', { questionId, menteeId: mentee.id, mentorId: mentor.id, askedAt: at });
    await stack.publish('MentorQuestionAnswered', {
      questionId,
      menteeId: mentee.id,
      mentorId: mentor.id,
      answeredAt: at,
    });
    await stack.publish('MentoringRequestEdited', {
      requestId,
      menteeId: mentee.id,
      mentorId: mentor.id,
      editedAt: at,
    });
    await stack.settle();
    const seen = async (a: Account) =>
      (await gqlFrom<Page>(stack, NOTIFICATIONS, { first: 50 }, { token: a.token }))
        .data!.me.notifications.edges.map((e) => [e.node.kind, e.node.title, e.node.link])
        .sort();
    expect(await seen(mentor)).toEqual([
      ['QUESTION_ASKED', 'Quentin Asker asked you a question', `/requests#question-${questionId}`],
      ['REQUEST_EDITED', 'Quentin Asker reworded their mentoring request', `/requests#request-${requestId}`],
    ]);
    expect(await seen(mentee)).toEqual([
      ['QUESTION_ANSWERED', 'Rosa Answerer answered your question', `/requests#question-${questionId}`],
    ]);
  });

  it('should link what asks someone to act to its screen in the participant app, in-app and in an HTML email with a plain-text part', async () => {
    const mentee = await register(stack, 'Lina Linked', ['MENTEE']);
    const mentor = await register(stack, 'Marco Linked', ['MENTOR']);
    const coach = await registerStaff(stack, 'Cora Coach', ['COACH'], null);
    const ids = {
      request: randomUUID(),
      proposal: randomUUID(),
      relationship: randomUUID(),
      meeting: randomUUID(),
      selection: randomUUID(),
    };
    const rel = {
      relationshipId: ids.relationship,
      menteeId: mentee.id,
      mentorId: mentor.id,
      programmeId: randomUUID(),
      organizationId: null,
    };
    await stack.publish('MentoringRequestSent', { ...requestSent(mentee.id, mentor.id), requestId: ids.request });
    await stack.publish('MatchProposed', {
      proposalId: ids.proposal,
      menteeId: mentee.id,
      mentorId: mentor.id,
      coachId: coach.id,
      programmeId: rel.programmeId,
      note: '<b>Both</b> in finance',
      proposedAt: new Date().toISOString(),
    });
    await stack.publish('AgreementAwaitingSignature', {
      ...rel,
      agreementId: randomUUID(),
      version: 1,
      awaitingUserIds: [mentor.id],
    });
    await stack.publish('MeetingLogged', {
      ...rel,
      meetingId: ids.meeting,
      loggedBy: mentee.id,
      awaitingUserId: mentor.id,
      occurredOn: '2026-11-20',
    });
    await stack.publish('AuditVerificationRequested', {
      auditId: randomUUID(),
      selectionId: ids.selection,
      verifierId: mentor.id,
      subjectId: mentee.id,
      meetingIds: [ids.meeting],
      dueOn: '2026-12-15',
    });
    await stack.settle();

    const res = await gqlFrom<{
      me: { notifications: { edges: Array<{ node: { id: string; kind: string; link: string | null } }> } };
    }>(stack, `{ me { notifications(first: 20) { edges { node { id kind link } } } } }`, {}, { token: mentor.token });
    const byKind = new Map(res.data!.me.notifications.edges.map((e) => [e.node.kind, e.node]));
    expect(Object.fromEntries([...byKind].map(([k, n]) => [k, n.link]))).toEqual({
      REQUEST_RECEIVED: `/requests#request-${ids.request}`,
      MATCH_PROPOSED: `/requests#proposal-${ids.proposal}`,
      AGREEMENT_AWAITING_SIGNATURE: `/relationships/${ids.relationship}#agreement`,
      MEETING_AWAITING_CONFIRMATION: `/relationships/${ids.relationship}#meeting-${ids.meeting}`,
      AUDIT_VERIFICATION_REQUESTED: `/evidence#verification-${ids.selection}`,
    });

    // the email: multipart/alternative, the link in full in the text and as the button's href in the HTML
    const meeting = byKind.get('MEETING_AWAITING_CONFIRMATION')!;
    const mail = parseMail('meeting.eml', await emailOf(meeting.id));
    expect(mail.headers['content-type']).toMatch(/^multipart\/alternative;/);
    const url = `${WEB_APP_URL}${meeting.link}`;
    expect(mail.text).toContain('Hello Marco Linked,');
    expect(mail.text).toContain(`\n${url}\n`);
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.html).toContain('Lina Linked logged your meeting of November 20, 2026.');
    // other people's words are escaped in the HTML part
    const proposal = parseMail('proposal.eml', await emailOf(byKind.get('MATCH_PROPOSED')!.id));
    expect(proposal.text).toContain('<b>Both</b> in finance');
    expect(proposal.html).toContain('&lt;b&gt;Both&lt;/b&gt; in finance');
    expect(proposal.html).not.toContain('<b>Both</b>');

    // the mentee is told of the proposal with a link to the same screen
    const plain = await gqlFrom<{
      me: { notifications: { edges: Array<{ node: { kind: string; link: string | null } }> } };
    }>(stack, `{ me { notifications(first: 20) { edges { node { kind link } } } } }`, {}, { token: mentee.token });
    expect(plain.data!.me.notifications.edges.map((e) => e.node)).toEqual([
      { kind: 'MATCH_PROPOSED', link: `/requests#proposal-${ids.proposal}` },
    ]);
  });

  it('should notify the applicant when their mentor application is reviewed', async () => {
    const mentor = await register(stack, 'Applying Anna', ['MENTOR']);
    await gqlFrom(
      stack,
      `mutation ($i: MentorProfileInput!) { updateMentorProfile(input: $i) { ok } }`,
      { i: { headline: 'HR lead', industryCode: '56', occupationCode: '11200' } },
      { token: mentor.token },
    );
    const reviewer = await registerStaff(stack, 'Reviewer', ['PROGRAMME_ADMIN']);
    await gqlFrom(
      stack,
      `mutation ($i: ReviewMentorApplicationInput!) { reviewMentorApplication(input: $i) { ok } }`,
      { i: { userId: mentor.id, decision: 'REJECTED', comment: 'Please add more detail about your experience.' } },
      { token: reviewer.token },
    );
    const page = await gqlFrom<Page>(stack, NOTIFICATIONS, {}, { token: mentor.token });
    const [note] = page.data!.me.notifications.edges.map((e) => e.node);
    expect(note).toMatchObject({ kind: 'MENTOR_APPLICATION_REJECTED' });
    expect(note.body).toContain('Please add more detail about your experience.');
    expect(await emailOf(note.id)).toContain('Please add more detail');
  });

  it('should page newest first, mark read, and keep notifications private', async () => {
    const mentor = await register(stack, 'Paging Mentor', ['MENTOR']);
    for (let i = 0; i < 3; i++) {
      const mentee = await register(stack, `Mentee ${i}`, ['MENTEE']);
      await stack.publish('MentoringRequestSent', requestSent(mentee.id, mentor.id));
      await stack.settle();
    }
    const first = await gqlFrom<Page>(stack, NOTIFICATIONS, { first: 2 }, { token: mentor.token });
    expect(first.data?.me.notifications.edges.map((e) => e.node.title)).toEqual([
      'Mentee 2 asked you to be their mentor',
      'Mentee 1 asked you to be their mentor',
    ]);
    expect(first.data?.me.notifications.pageInfo.hasNextPage).toBe(true);
    const second = await gqlFrom<Page>(
      stack,
      NOTIFICATIONS,
      { first: 2, after: first.data!.me.notifications.pageInfo.endCursor },
      { token: mentor.token },
    );
    expect(second.data?.me.notifications.edges.map((e) => e.node.title)).toEqual([
      'Mentee 0 asked you to be their mentor',
    ]);

    const MARK = `mutation ($ids: [ID!], $all: Boolean) { markNotificationsRead(ids: $ids, all: $all) { ok errors { field code } updated unreadCount } }`;
    const stranger = await register(stack, 'Nosy Person');
    const ids = first.data!.me.notifications.edges.map((e) => e.node.id);
    const notMine = await gqlFrom<{ markNotificationsRead: { updated: number } }>(
      stack,
      MARK,
      { ids },
      { token: stranger.token },
    );
    expect(notMine.data?.markNotificationsRead.updated).toBe(0);
    const marked = await gqlFrom<{ markNotificationsRead: unknown }>(
      stack,
      MARK,
      { ids: [ids[0]] },
      { token: mentor.token },
    );
    expect(marked.data?.markNotificationsRead).toEqual({ ok: true, errors: [], updated: 1, unreadCount: 2 });
    const unread = await gqlFrom<Page>(stack, NOTIFICATIONS, { unread: true }, { token: mentor.token });
    expect(unread.data?.me.notifications.edges.map((e) => e.node.id)).not.toContain(ids[0]);
    expect(
      (await gqlFrom<{ markNotificationsRead: unknown }>(stack, MARK, { all: true }, { token: mentor.token })).data
        ?.markNotificationsRead,
    ).toEqual({ ok: true, errors: [], updated: 2, unreadCount: 0 });
    expect(
      (await gqlFrom<{ markNotificationsRead: { errors: unknown[] } }>(stack, MARK, {}, { token: mentor.token })).data
        ?.markNotificationsRead.errors,
    ).toEqual([{ field: 'ids', code: 'REQUIRED' }]);

    const admin = await registerStaff(stack, 'Curious Admin', ['ADMIN']);
    const peek = await gqlFrom<{ user: { notifications: unknown } }>(
      stack,
      `query ($id: ID!) { user(id: $id) { notifications { unreadCount } } }`,
      { id: mentor.id },
      { token: admin.token },
    );
    expect(peek.data?.user.notifications).toBeNull();
  });
});
