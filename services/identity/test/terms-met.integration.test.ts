import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, parseMail, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { createOrganization, gqlFrom, register, registerStaff, startIdentityStack } from './helpers';

let stack: Stack;
const WEB_APP_URL = 'https://app.tandem.test';

beforeAll(async () => {
  stack = await startIdentityStack(testDatabaseUrl(), { WEB_APP_URL });
});
afterAll(async () => {
  await stack?.stop();
});

type Note = { kind: string; title: string; body: string; link: string | null };
const NOTES = `{ me { notifications(first: 20) { edges { node { id kind title body link } } } } }`;
const notesOf = async (token: string) =>
  (
    await gqlFrom<{ me: { notifications: { edges: Array<{ node: Note & { id: string } }> } } }>(
      stack,
      NOTES,
      {},
      { token },
    )
  ).data!.me.notifications.edges.map((e) => e.node);

describe('the programme hours reached (RelationshipTermsMet)', () => {
  it('should tell both partners and the coaches, each in their language, once per event', async () => {
    const admin = await registerStaff(stack, 'Ada Admin', ['ADMIN']);
    const organizationId = await createOrganization(stack, admin);
    const otherOrganization = await createOrganization(stack, admin);
    const mentee = await register(stack, 'Nadia Nguyen', ['MENTEE']);
    const mentor = await register(stack, 'Hugo Lefebvre', ['MENTOR']);
    const coach = await registerStaff(stack, 'Carla Coach', ['COACH'], organizationId);
    const elsewhere = await registerStaff(stack, 'Otto Coach', ['COACH'], otherOrganization);
    const SET = `mutation ($l: Language!) { setLanguage(language: $l) { errors { code } } }`;
    await gqlFrom(stack, SET, { l: 'FR_CA' }, { token: mentor.token });
    // a nudge: emailed in the daily digest, unless the person chose each one as it happens (the mentor does)
    await gqlFrom(
      stack,
      `mutation { setNudgeEmailDelivery(delivery: EACH) { errors { code } } }`,
      {},
      { token: mentor.token },
    );
    const relationshipId = randomUUID();

    const event = await stack.publish('RelationshipTermsMet', {
      relationshipId,
      menteeId: mentee.id,
      mentorId: mentor.id,
      programmeId: randomUUID(),
      organizationId,
      meetingId: randomUUID(),
      metOn: '2026-11-20',
      confirmedHours: 12,
      confirmedMeetings: 8,
    });
    await stack.settle();

    const [menteeNote] = await eventually(async () => {
      const notes = await notesOf(mentee.token);
      expect(notes).toHaveLength(1);
      return notes;
    });
    expect(menteeNote).toMatchObject({
      kind: 'RELATIONSHIP_TERMS_MET',
      title: 'You reached the hours of your programme with Hugo Lefebvre',
      link: `/relationships/${relationshipId}#closing`,
    });
    expect(menteeNote.body).toContain('12 confirmed hours over 8 meetings');
    expect(menteeNote.body).toContain('November 20, 2026');
    expect(menteeNote.body).toContain('complete the relationship, or agree to continue');

    const [mentorNote] = await notesOf(mentor.token);
    expect(mentorNote).toMatchObject({
      kind: 'RELATIONSHIP_TERMS_MET',
      title: 'Vous avez atteint les heures de votre programme avec Nadia Nguyen',
      link: `/relationships/${relationshipId}#closing`,
    });
    expect(mentorNote.body).toContain('12 heures confirmées en 8 rencontres');
    expect(mentorNote.body).toContain('20 novembre 2026');

    const coachNotes = await notesOf(coach.token);
    expect(coachNotes).toHaveLength(1);
    expect(coachNotes[0]).toMatchObject({
      kind: 'RELATIONSHIP_TERMS_MET',
      title: 'Nadia Nguyen and Hugo Lefebvre reached their programme’s hours',
      link: `admin:/relationships/${relationshipId}`,
    });
    // another organisation's coach hears nothing
    expect(await notesOf(elsewhere.token)).toHaveLength(0);

    // the mentee's email waits for their daily digest
    const [menteeRow] = await stack.sql<{ email_status: string }>(
      `SELECT email_status FROM identity.notification WHERE id = $1`,
      [menteeNote.id],
    );
    expect(menteeRow.email_status).toBe('DIGEST');
    // the mentor's goes out at once in their language, with the link to the closing section
    const eml = await eventually(async () => {
      const [r] = await stack.sql<{ email_status: string; email_ref: string }>(
        `SELECT email_status, email_ref FROM identity.notification WHERE id = $1`,
        [mentorNote.id],
      );
      expect(r.email_status).toBe('SENT');
      return parseMail(r.email_ref, await readFile(r.email_ref, 'utf8')).text;
    }, 15_000);
    // (whichever identity of the run sends it: test files share the database, so only the path is asserted)
    expect(eml).toContain(`/relationships/${relationshipId}#closing`);
    expect(eml).toContain('Bonjour Hugo Lefebvre');

    // a redelivered event (same id) notifies nobody twice
    await stack.sql(`DELETE FROM identity.processed_event WHERE event_id = $1`, [event.id]);
    await stack.sql(`INSERT INTO pgboss.job (name, data) VALUES ('identity_inbox', $1)`, [JSON.stringify(event)]);
    stack.services.identity.runtime.events.wake();
    await stack.settle();
    expect(await notesOf(mentee.token)).toHaveLength(1);
    expect(await notesOf(mentor.token)).toHaveLength(1);
    expect(await notesOf(coach.token)).toHaveLength(1);
  });
});
