/**
 * At-risk alerts in the reader's language (issue 22): RelationshipAtRisk carries each flag's code and figures, and
 * the coaches of the relationship's organisation read every reason, in-app and by email, worded in their own saved
 * language (not the English `reason` of the event). A flag without figures (an event published before they
 * travelled) is named by its code in the reader's language.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, parseMail, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { atRiskReasons } from '../src/modules/notifications/at-risk-reasons';
import { createOrganization, gqlFrom, register, registerStaff, startIdentityStack } from './helpers';

let stack: Stack;

beforeAll(async () => {
  stack = await startIdentityStack(testDatabaseUrl());
});
afterAll(async () => {
  await stack?.stop();
});

type Note = { id: string; kind: string; title: string; body: string; link: string | null };
const NOTES = `{ me { notifications(first: 20) { edges { node { id kind title body link } } } } }`;
const atRiskNotes = async (token: string) =>
  (await gqlFrom<{ me: { notifications: { edges: Array<{ node: Note }> } } }>(stack, NOTES, {}, { token }))
    .data!.me.notifications.edges.map((e) => e.node)
    .filter((n) => n.kind === 'RELATIONSHIP_AT_RISK');

/** Every flag the scan raises, with the figures relationships publishes and its English `reason`. */
const DETAILS = [
  {
    code: 'NO_CONFIRMED_MEETING',
    reason: 'No meeting confirmed by both in the 46 days since the start on 2026-01-05.',
    params: { days: 46, startedOn: '2026-01-05' },
  },
  {
    code: 'MEETING_AWAITING_CONFIRMATION',
    reason: '2 logged meeting(s) awaiting confirmation, the oldest for 38 days.',
    params: { meetings: 2, days: 38 },
  },
  {
    code: 'BEHIND_PACE',
    reason:
      'Pace AT_RISK: 1.5 of 24 hours confirmed, 9.86 expected by today, 1 of 6 meetings (2.46 expected), 46 of 112 days elapsed.',
    params: {
      pace: 'AT_RISK',
      confirmedHours: 1.5,
      targetHours: 24,
      expectedHours: 9.86,
      confirmedMeetings: 1,
      minMeetings: 6,
      expectedMeetings: 2.46,
      daysElapsed: 46,
      durationDays: 112,
    },
  },
  {
    code: 'AGREEMENT_UNSIGNED',
    reason: 'The partnership agreement is not signed by both 46 days after the start on 2026-01-05.',
    params: { days: 46, startedOn: '2026-01-05' },
  },
  {
    code: 'LOW_PULSE',
    reason: 'The mentee answered the pulse check-in with 1 of 5 on 2026-02-18: “We never meet”.',
    params: {
      answers: [{ role: 'MENTEE' as const, score: 1, answeredOn: '2026-02-18', note: 'We never meet' }],
    },
  },
  {
    code: 'PULSE_UNANSWERED',
    reason: 'The pulse check-in asked on 2026-02-10 has waited 10 days for the mentor.',
    params: { askedOn: '2026-02-10', days: 10, waitingFor: ['MENTOR' as const] },
  },
];

const ENGLISH_REASONS = [
  'No meeting confirmed by both in the 46 days since the start on January 5, 2026.',
  '2 logged meetings awaiting confirmation, the oldest for 38 days.',
  'Pace at risk: 1.5 of 24 hours confirmed, 9.86 expected by today, 1 of 6 meetings (2.46 expected), 46 of 112 days elapsed.',
  'The partnership agreement is not signed by both 46 days after the start on January 5, 2026.',
  'The mentee answered the pulse check-in with 1 of 5 on February 18, 2026.',
  'The pulse check-in asked on February 10, 2026 has waited 10 days for the mentor.',
];
const FRENCH_REASONS = [
  'Aucune rencontre confirmée par les deux parties dans les 46 jours depuis le début, le 5 janvier 2026.',
  '2 rencontres consignées attendent une confirmation, la plus ancienne depuis 38 jours.',
  'Rythme à risque : 1,5 heure confirmée sur 24, 9,86 attendues à ce jour, 1 rencontre sur 6 (2,46 attendues), 46 jours écoulés sur 112.',
  'L’entente de partenariat n’est pas signée par les deux parties 46 jours après le début, le 5 janvier 2026.',
  'La personne mentorée a répondu au sondage éclair par 1 sur 5 le 18 février 2026.',
  'Le sondage éclair envoyé le 10 février 2026 attend depuis 10 jours la réponse du mentor.',
];
/** English words of the reasons that French never uses (the names of the people aside). */
const ENGLISH_WORDS =
  /\b(the|of|by|since|days?|hours?|meetings?|confirmed|awaiting|expected|elapsed|pace|agreement|signed|answered|pulse|waited|for|at risk|behind|mentee|AT_RISK|BEHIND)\b/i;

describe('at-risk alerts in the coach’s language', () => {
  it('should word each reason from its code and figures, in English and in French', () => {
    const event = { reasons: DETAILS.map((d) => d.code), details: DETAILS };
    expect(atRiskReasons('en', event)).toEqual(ENGLISH_REASONS);
    expect(atRiskReasons('fr-CA', event)).toEqual(FRENCH_REASONS);
    for (const reason of atRiskReasons('fr-CA', event)) expect(reason).not.toMatch(ENGLISH_WORDS);
    // the pulse note stays on the relationship page
    expect(atRiskReasons('en', event).join(' ')).not.toContain('We never meet');
  });

  it('should name a flag without figures by its code, in the reader’s language', () => {
    const old = {
      reasons: ['AGREEMENT_UNSIGNED', 'LOW_PULSE'],
      details: DETAILS.slice(3, 5).map(({ code, reason }) => ({ code, reason })),
    };
    expect(atRiskReasons('en', old)).toEqual(['Agreement unsigned.', 'Low pulse answer.']);
    expect(atRiskReasons('fr-CA', old)).toEqual(['Entente non signée.', 'Réponse faible au sondage éclair.']);
    expect(atRiskReasons('fr-CA', { reasons: ['BEHIND_PACE'] })).toEqual(['En retard sur le rythme.']);
    // figures that do not say enough are not guessed at
    expect(
      atRiskReasons('en', { reasons: ['BEHIND_PACE'], details: [{ code: 'BEHIND_PACE', reason: 'x', params: {} }] }),
    ).toEqual(['Behind pace.']);
  });

  it('should tell a French-speaking coach in French and an English-speaking one in English, in-app and by email', async () => {
    const admin = await registerStaff(stack, 'Ada Admin', ['ADMIN']);
    const organizationId = await createOrganization(stack, admin);
    const mentee = await register(stack, 'Nadia Nguyen', ['MENTEE']);
    const mentor = await register(stack, 'Hugo Lefebvre', ['MENTOR']);
    const french = await registerStaff(stack, 'Camille Coach', ['COACH'], organizationId);
    const english = await registerStaff(stack, 'Carla Coach', ['COACH'], organizationId);
    const SET = `mutation ($l: Language!) { setLanguage(language: $l) { errors { code } } }`;
    await gqlFrom(stack, SET, { l: 'FR_CA' }, { token: french.token });
    await gqlFrom(stack, SET, { l: 'EN' }, { token: english.token });
    const relationshipId = randomUUID();

    await stack.publish('RelationshipAtRisk', {
      relationshipId,
      menteeId: mentee.id,
      mentorId: mentor.id,
      programmeId: randomUUID(),
      organizationId,
      reasons: DETAILS.map((d) => d.code),
      details: DETAILS,
      flaggedAt: '2026-02-20T06:00:00.000Z',
    });
    await stack.settle();

    const [fr] = await eventually(async () => {
      const notes = await atRiskNotes(french.token);
      expect(notes).toHaveLength(1);
      return notes;
    }, 15_000);
    expect(fr.title).toBe('Le mentorat de Nadia Nguyen avec Hugo Lefebvre est à risque');
    expect(fr.link).toBe(`admin:/relationships/${relationshipId}#flags`);
    expect(fr.body).toContain('signalé à risque le 20 février 2026 pour 6 motifs :');
    for (const reason of FRENCH_REASONS) expect(fr.body).toContain(`• ${reason}`);
    // no English words in what the French coach reads, beside the two names
    expect(fr.body.replace(/Nadia Nguyen|Hugo Lefebvre/g, '')).not.toMatch(ENGLISH_WORDS);

    const [en] = await atRiskNotes(english.token);
    expect(en.title).toBe('The mentorship of Nadia Nguyen with Hugo Lefebvre is at risk');
    expect(en.body).toContain('flagged at risk on February 20, 2026 for 6 reasons:');
    for (const reason of ENGLISH_REASONS) expect(en.body).toContain(`• ${reason}`);
    expect(en.body).not.toMatch(/rencontre|entente|sondage/);

    // the emails say the same in each coach's language
    const emailOf = (id: string) =>
      eventually(async () => {
        const [r] = await stack.sql<{ email_status: string; email_ref: string }>(
          `SELECT email_status, email_ref FROM identity.notification WHERE id = $1`,
          [id],
        );
        expect(r.email_status).toBe('SENT');
        return parseMail(r.email_ref, await readFile(r.email_ref, 'utf8'));
      }, 15_000);
    const frMail = await emailOf(fr.id);
    expect(frMail.text).toContain('Bonjour Camille Coach');
    for (const reason of FRENCH_REASONS) expect(frMail.text).toContain(reason);
    expect(frMail.text).not.toContain('Pace');
    expect(frMail.html).toContain('<html lang="fr-CA">');
    const enMail = await emailOf(en.id);
    expect(enMail.text).toContain('Hello Carla Coach');
    for (const reason of ENGLISH_REASONS) expect(enMail.text).toContain(reason);
  });
});
