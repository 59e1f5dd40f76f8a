/**
 * The emails that were English only (issue 22): an email change, a registration attempt on a taken address and an
 * invitation are written from identity's catalogue in the language they are given (the account's saved language;
 * for an invitation, whose person has no account yet, its programme's default language or English), subject and body, text and HTML.
 */
import { describe, expect, it } from 'vitest';
import { registrationAttemptEmail } from '../src/modules/auth/auth.messages';
import { confirmEmailChangeEmail, emailChangeNotice } from '../src/modules/email-change/email-change.messages';
import { invitationEmail, invitationPurpose } from '../src/modules/invitations/invitation.messages';
import { INVITATION_LANGUAGE } from '../src/modules/invitations/invitation.service';
import { notificationText } from '../src/modules/notifications/notification.messages';

const change = { changeId: 'c-1', to: 'new@example.org', toName: 'Éloïse', link: 'https://w.example/e?token=T' };
const at = new Date('2026-11-28T17:05:00Z');

describe('emails in the recipient’s language', () => {
  it('should write the email-change confirmation and notice in French, and in English by default', () => {
    const fr = confirmEmailChangeEmail({ ...change, ttlHours: 24, language: 'fr-CA' });
    expect(fr.subject).toBe('Confirmez votre nouveau courriel de connexion Tandem');
    expect(fr.text).toContain('Bonjour Éloïse,');
    expect(fr.text).toContain('confirmez d’ici 24 heures avec ce lien :');
    expect(fr.text).toContain('https://w.example/e?token=T');
    expect(fr.html).toContain('<html lang="fr-CA">');
    expect(fr.html).toContain('Confirmer mon nouveau courriel de connexion');
    const en = confirmEmailChangeEmail({ ...change, ttlHours: 1 });
    expect(en.subject).toBe('Confirm your new Tandem sign-in email');
    expect(en.text).toContain('confirm within 1 hour with this link:');

    const notice = emailChangeNotice({ ...change, newEmail: 'n@x.org', cancelTtlDays: 7, language: 'fr-CA' });
    expect(notice.subject).toBe('Le courriel de connexion de votre compte Tandem va changer');
    expect(notice.text).toContain('par n@x.org.');
    expect(notice.text).toContain('pendant 7 jours');
    expect(notice.html).toContain('Ce n’était pas moi');
    expect(emailChangeNotice({ ...change, newEmail: 'n@x.org', cancelTtlDays: 7 }).text).toContain(
      'it works for 7 days, even after the change is confirmed',
    );
  });

  it('should date a registration attempt for the reader’s language', () => {
    const args = { attemptId: 'a-1', to: 'o@example.org', toName: 'Gaëlle', at };
    const fr = registrationAttemptEmail({ ...args, language: 'fr-CA' });
    expect(fr.subject).toBe('Quelqu’un a tenté de s’inscrire avec votre adresse courriel');
    expect(fr.text).toContain('Le 28 novembre 2026 à 17 h 05 UTC, une personne a tenté de créer');
    expect(fr.html).toContain('<html lang="fr-CA">');
    const en = registrationAttemptEmail(args);
    expect(en.subject).toBe('Someone tried to register with your email address');
    expect(en.text).toContain('On November 28, 2026 at 17:05 UTC someone tried to create a new Tandem account');
    expect(en.text).toContain('nothing was created');
  });

  it('should say what an invitation is for, in either language', () => {
    expect(invitationPurpose('MENTEE', 'Bridge to Practice', null)).toBe('to join Bridge to Practice as a mentee');
    expect(invitationPurpose('COACH', null, 'Riverside')).toBe('to work on Tandem as a coach of Riverside');
    expect(invitationPurpose('ANALYST', null, null)).toBe('to work on Tandem as an analyst');
    expect(invitationPurpose('MENTOR', 'Passerelle', null, 'fr-CA')).toBe('à rejoindre Passerelle en tant que mentor');
    expect(invitationPurpose('PROGRAMME_ADMIN', null, 'Riverside', 'fr-CA')).toBe(
      'à travailler sur Tandem en tant qu’administrateur de programme de Riverside',
    );
    const args = { invitationId: 'i-1', to: 'p@example.org', toName: 'Paz', link: 'https://w.example/i?token=T' };
    const fr = invitationEmail({
      ...args,
      inviterName: null,
      purpose: invitationPurpose('MENTEE', 'Passerelle', null, 'fr-CA'),
      ttlDays: 14,
      language: 'fr-CA',
    });
    expect(fr.subject).toBe('Votre programme vous invite à rejoindre Passerelle en tant que mentoré');
    expect(fr.text).toContain('pendant 14 jours');
    expect(fr.html).toContain('Accepter l’invitation');
    const en = invitationEmail({
      ...args,
      inviterName: 'Ada',
      purpose: invitationPurpose('MENTOR', 'B', null),
      ttlDays: 14,
    });
    expect(en.subject).toBe('Ada invites you to join B as a mentor');
    expect(en.text).toContain('The link works once, for 14 days');
    // an invitation to no programme goes out in English (a programme's own language: tests/e2e/invitations.test.ts)
    expect(INVITATION_LANGUAGE).toBe('en');
  });

  it('should tell an administrator in French that a webhook endpoint was disabled', () => {
    const values = { url: 'https://crm.example/hook', failures: 5, since: new Date('2026-11-30T08:15:00Z') };
    const fr = notificationText('fr-CA', { id: 'webhookDisabled', values });
    expect(fr.title).toBe('Un point de terminaison de webhook a été désactivé');
    expect(fr.body).toContain(
      'à https://crm.example/hook après 5 livraisons échouées de suite depuis le 30 novembre 2026',
    );
    expect(notificationText('en', { id: 'webhookDisabled', values }).body).toContain(
      'after 5 failed deliveries in a row since November 30, 2026 at 08:15 UTC',
    );
  });
});
