/**
 * What notifications say, in each language the platform writes in: ICU messages (plurals, dates for the locale)
 * through intl-messageformat, the FormatJS library the participant app's react-intl is built on. The French
 * catalogue is typed by the English one's keys, so a missing message does not compile, and
 * tests/web/catalogues.test.ts checks every message parses with the same arguments in both.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from '../language/language';

export const en = {
  'requestReceived.title': '{mentee} asked you to be their mentor',
  'requestReceived.body': '{mentee} sent you a mentoring request. Please accept or decline it by {expires, date, day}.',
  'requestAccepted.title': '{mentor} accepted your mentoring request',
  'requestAccepted.body':
    "Good news: {mentor} accepted your request. Your relationship starts now: write to {mentor} to arrange your first conversation (their contact details are in your mentorship's workspace).",
  'requestDeclined.title': '{mentor} declined your mentoring request',
  'requestDeclined.body':
    '{mentor} cannot take your request{hasReason, select, yes {: {reason}} other {.}}\n\nYou can choose another mentor.',
  'requestExpiring.title': 'The request from {mentee} expires soon',
  'requestExpiring.body':
    'The mentoring request from {mentee} expires on {expires, date, day}. Please accept or decline it.',
  'requestEdited.title': '{mentee} reworded their mentoring request',
  'requestEdited.body':
    '{mentee} changed the message of their pending request to you. The request shows the new wording and the earlier ones.',
  'questionAsked.title': '{mentee} asked you a question',
  'questionAsked.body':
    '{mentee} would like to know more before asking you to be their mentor. Please answer their question in Tandem.',
  'questionAnswered.title': '{mentor} answered your question',
  'questionAnswered.body': '{mentor} answered the question you asked. Read the answer in Tandem.',
  'matchProposedMentor.title': '{coach} proposes you as mentor of {mentee}',
  'matchProposedMentor.body':
    '{coach} proposed a match with {mentee}.{hasNote, select, yes {\n\nNote: {note}} other {}}\n\nPlease confirm whether it suits you.',
  'matchProposedMentee.title': '{coach} proposed {mentor} as your mentor',
  'matchProposedMentee.body': '{coach} proposed {mentor} as your mentor; they will confirm soon.',
  'agreementAwaiting.title': 'Your mentoring agreement is waiting for your signature',
  'agreementAwaiting.body': 'Version {version} of your mentoring agreement is ready. Please read and sign it to start.',
  'meetingLogged.title': '{loggedBy} logged a meeting: please confirm it',
  'meetingLogged.body':
    '{loggedBy} logged your meeting of {occurred, date, day}. It counts toward your hours once you confirm it.',
  'auditVerification.title': 'Please verify {count, plural, one {# meeting} other {# meetings}} with {subject}',
  'auditVerification.body':
    'An audit asks you to confirm {count, plural, one {# meeting} other {# meetings}} you had with {subject}. Please answer by {due, date, day}.',
  'termsMetPartner.title': 'You reached the hours of your programme with {partner}',
  'termsMetPartner.body':
    'Congratulations: with {hours, plural, one {# confirmed hour} other {# confirmed hours}} over {meetings, plural, one {# meeting} other {# meetings}}, your mentorship with {partner} met its programme’s terms on {metOn, date, day}.\n\nTalk together about what comes next: complete the relationship, or agree to continue.',
  'termsMetCoach.title': '{mentee} and {mentor} reached their programme’s hours',
  'termsMetCoach.body':
    'The mentorship of {mentee} with {mentor} met its programme’s terms on {metOn, date, day} ({hours, plural, one {# confirmed hour} other {# confirmed hours}}, {meetings, plural, one {# meeting} other {# meetings}}). They have been invited to complete the relationship or to continue it; you may want to check in with them.',
  'passwordChanged.title': 'Your Tandem password was changed',
  'passwordChanged.body':
    '{how, select, CHANGED {The password of your Tandem account was changed on {at, date, day} at {at, time, utc} UTC by someone signed in to it. Every other session was signed out.} other {The password of your Tandem account was reset on {at, date, day} at {at, time, utc} UTC with a link sent to this email address. Every session was signed out.}}\n\nIf this was you, there is nothing else to do. If it was not, choose a new password now with “Forgot your password?” on the sign-in page, and tell your programme’s staff.',
  'reset.subject': 'Reset your Tandem password',
  'reset.intro':
    'Someone asked to reset the password of the Tandem account for this email address. If it was you, choose a new password with this link within {minutes} minutes:',
  'reset.button': 'Choose a new password',
  'reset.once':
    'The link works once, and only the latest link you asked for works. Your password stays as it is until you choose a new one.',
  'reset.ignore': 'If you did not ask for this, ignore this email: nothing changes.',
  'email.greeting': 'Hello {name},',
  'email.open': 'Open in Tandem',
  'email.signature': '— Tandem',
  someone: 'Someone',
} as const;

export type NotificationMessageKey = keyof typeof en;

export const frCA: Record<NotificationMessageKey, string> = {
  'requestReceived.title': '{mentee} vous demande d’être son mentor',
  'requestReceived.body':
    '{mentee} vous a envoyé une demande de mentorat. Veuillez l’accepter ou la refuser d’ici le {expires, date, day}.',
  'requestAccepted.title': '{mentor} a accepté votre demande de mentorat',
  'requestAccepted.body':
    'Bonne nouvelle : {mentor} a accepté votre demande. Votre relation commence maintenant : écrivez à {mentor} pour convenir de votre première conversation (ses coordonnées sont dans l’espace de votre mentorat).',
  'requestDeclined.title': '{mentor} a refusé votre demande de mentorat',
  'requestDeclined.body':
    '{mentor} ne peut pas accepter votre demande{hasReason, select, yes { : {reason}} other {.}}\n\nVous pouvez choisir un autre mentor.',
  'requestExpiring.title': 'La demande de {mentee} expire bientôt',
  'requestExpiring.body':
    'La demande de mentorat de {mentee} expire le {expires, date, day}. Veuillez l’accepter ou la refuser.',
  'requestEdited.title': '{mentee} a reformulé sa demande de mentorat',
  'requestEdited.body':
    '{mentee} a modifié le message de sa demande en attente. La demande affiche la nouvelle formulation et les précédentes.',
  'questionAsked.title': '{mentee} vous a posé une question',
  'questionAsked.body':
    '{mentee} aimerait en savoir plus avant de vous demander d’être son mentor. Veuillez répondre à sa question dans Tandem.',
  'questionAnswered.title': '{mentor} a répondu à votre question',
  'questionAnswered.body': '{mentor} a répondu à la question que vous avez posée. Lisez la réponse dans Tandem.',
  'matchProposedMentor.title': '{coach} vous propose comme mentor de {mentee}',
  'matchProposedMentor.body':
    '{coach} a proposé un jumelage avec {mentee}.{hasNote, select, yes {\n\nNote : {note}} other {}}\n\nVeuillez confirmer s’il vous convient.',
  'matchProposedMentee.title': '{coach} a proposé {mentor} comme mentor',
  'matchProposedMentee.body': '{coach} a proposé {mentor} comme mentor; la confirmation suivra bientôt.',
  'agreementAwaiting.title': 'Votre entente de mentorat attend votre signature',
  'agreementAwaiting.body':
    'La version {version} de votre entente de mentorat est prête. Veuillez la lire et la signer pour commencer.',
  'meetingLogged.title': '{loggedBy} a consigné une rencontre : veuillez la confirmer',
  'meetingLogged.body':
    '{loggedBy} a consigné votre rencontre du {occurred, date, day}. Elle compte dans vos heures dès que vous la confirmez.',
  'auditVerification.title': 'Veuillez vérifier {count, plural, one {# rencontre} other {# rencontres}} avec {subject}',
  'auditVerification.body':
    'Un audit vous demande de confirmer {count, plural, one {# rencontre} other {# rencontres}} que vous avez eue(s) avec {subject}. Veuillez répondre d’ici le {due, date, day}.',
  'termsMetPartner.title': 'Vous avez atteint les heures de votre programme avec {partner}',
  'termsMetPartner.body':
    'Félicitations : avec {hours, plural, one {# heure confirmée} other {# heures confirmées}} en {meetings, plural, one {# rencontre} other {# rencontres}}, votre mentorat avec {partner} a rempli les conditions de son programme le {metOn, date, day}.\n\nParlez ensemble de la suite : terminer la relation, ou convenir de la poursuivre.',
  'termsMetCoach.title': '{mentee} et {mentor} ont atteint les heures de leur programme',
  'termsMetCoach.body':
    'Le mentorat de {mentee} avec {mentor} a rempli les conditions de son programme le {metOn, date, day} ({hours, plural, one {# heure confirmée} other {# heures confirmées}}, {meetings, plural, one {# rencontre} other {# rencontres}}). Le duo est invité à terminer la relation ou à la poursuivre; vous voudrez peut-être faire le point avec eux.',
  'passwordChanged.title': 'Le mot de passe de votre compte Tandem a été changé',
  'passwordChanged.body':
    '{how, select, CHANGED {Le mot de passe de votre compte Tandem a été changé le {at, date, day} à {at, time, utc} UTC par une personne connectée à ce compte. Toutes les autres sessions ont été fermées.} other {Le mot de passe de votre compte Tandem a été réinitialisé le {at, date, day} à {at, time, utc} UTC avec un lien envoyé à cette adresse courriel. Toutes les sessions ont été fermées.}}\n\nSi c’était vous, il n’y a rien d’autre à faire. Sinon, choisissez dès maintenant un nouveau mot de passe avec « Mot de passe oublié? » sur la page de connexion, et prévenez le personnel de votre programme.',
  'reset.subject': 'Réinitialiser votre mot de passe Tandem',
  'reset.intro':
    'Une personne a demandé de réinitialiser le mot de passe du compte Tandem associé à cette adresse courriel. Si c’était vous, choisissez un nouveau mot de passe avec ce lien d’ici {minutes} minutes :',
  'reset.button': 'Choisir un nouveau mot de passe',
  'reset.once':
    'Le lien ne fonctionne qu’une fois, et seul le dernier lien demandé fonctionne. Votre mot de passe reste le même tant que vous n’en choisissez pas un nouveau.',
  'reset.ignore': 'Si vous n’avez rien demandé, ignorez ce courriel : rien ne change.',
  'email.greeting': 'Bonjour {name},',
  'email.open': 'Ouvrir dans Tandem',
  'email.signature': '— Tandem',
  someone: 'Quelqu’un',
};

const CATALOGUES: Record<Language, Record<NotificationMessageKey, string>> = { en, 'fr-CA': frCA };
// dates are days (a request's expiry, a meeting's date): shown as written, whatever the server's time zone
const FORMATS = {
  date: { day: { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' } },
  time: { utc: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' } },
} as const;

export type MessageValues = Record<string, string | number | Date>;

/** A notification's arguments: a null name is a person unknown here ("Someone", in the reader's language). */
export type NotificationValues = Record<string, string | number | Date | null>;

/** A message of the catalogue in the language, its arguments filled in. */
export function message(language: Language, key: NotificationMessageKey, values: MessageValues = {}): string {
  return String(new IntlMessageFormat(CATALOGUES[language][key], language, FORMATS).format(values));
}

/** A notification's title and body: `${id}.title` and `${id}.body` of the catalogue. */
export type NotificationText = { id: string; values: NotificationValues };

export function notificationText(language: Language, text: NotificationText): { title: string; body: string } {
  const values: MessageValues = Object.fromEntries(
    Object.entries(text.values).map(([k, v]) => [k, v ?? message(language, 'someone')]),
  );
  return {
    title: message(language, `${text.id}.title` as NotificationMessageKey, values),
    body: message(language, `${text.id}.body` as NotificationMessageKey, values),
  };
}
