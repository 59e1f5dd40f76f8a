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
  'agreementAwaitingCoach.title': 'The agreement of {mentee} and {mentor} is waiting for your signature',
  'agreementAwaitingCoach.body':
    'Version {version} of the mentoring agreement of {mentee} and {mentor} is ready. Their programme asks their coach to sign it too: open the relationship in the admin app to read and sign it.',
  'meetingLogged.title': '{loggedBy} logged a meeting: please confirm it',
  'meetingLogged.body':
    '{loggedBy} logged your meeting of {occurred, date, day}. It counts toward your hours once you confirm it.',
  'auditVerification.title': 'Please verify {count, plural, one {# meeting} other {# meetings}} with {subject}',
  'auditVerification.body':
    'An audit asks you to confirm {count, plural, one {# meeting} other {# meetings}} you had with {subject}. Please answer by {due, date, day}.',
  'auditEvidence.title': 'Your hours were selected for an audit: please answer by {due, date, day}',
  'auditEvidence.body':
    'An audit of your programme selected the {hours, plural, one {# hour} other {# hours}} you recorded. Please open your Evidence page to see which meetings are sampled, add any supporting documents and answer by {due, date, day}. Without an answer by then, the audit is closed as not answered.',
  'auditEvidenceDueSoon.title': '{days, plural, one {# day left} other {# days left}} to answer your audit',
  'auditEvidenceDueSoon.body':
    'Your audit is due on {due, date, day}: {days, plural, one {# day left} other {# days left}}. Please open your Evidence page to add your documents and your answer.',
  'credentialIssued.title': 'Your Open Badges credential for {programme} is ready',
  'credentialIssued.body':
    'Your organisation issued you a verifiable credential for {programme}: your role as {role, select, MENTOR {mentor} other {mentee}} and your {hours, plural, one {# confirmed hour} other {# confirmed hours}}. Download it from your Evidence page and share it with anyone: they can check it without signing in.',
  'credentialRevoked.title': 'Your credential for {programme} was revoked',
  'credentialRevoked.body':
    'Your programme revoked the credential it issued you. The reason it gave: “{reason}”. Anyone who checks it now sees that it is revoked. Your Evidence page lists it with this reason.',
  'credentialRequested.title': '{person} asks for a credential for {programme}',
  'credentialRequested.body':
    '{person} asks for an Open Badges credential for their {hours, plural, one {# confirmed hour} other {# confirmed hours}} as {role, select, MENTOR {mentor} other {mentee}} in {programme}. Open the relationship in the admin app to issue it, or to decline with a reason they will see.',
  'credentialRequestDeclined.title': 'Your request for a credential for {programme} was declined',
  'credentialRequestDeclined.body':
    'Your programme declined your request for a credential. The reason it gave: “{reason}”. You can ask again from your Evidence page once that is settled.',
  'termsMetPartner.title': 'You reached the hours of your programme with {partner}',
  'termsMetPartner.body':
    'Congratulations: with {hours, plural, one {# confirmed hour} other {# confirmed hours}} over {meetings, plural, one {# meeting} other {# meetings}}, your mentorship with {partner} met its programme’s terms on {metOn, date, day}.\n\nTalk together about what comes next: complete the relationship, or agree to continue.',
  'termsMetCoach.title': '{mentee} and {mentor} reached their programme’s hours',
  'termsMetCoach.body':
    'The mentorship of {mentee} with {mentor} met its programme’s terms on {metOn, date, day} ({hours, plural, one {# confirmed hour} other {# confirmed hours}}, {meetings, plural, one {# meeting} other {# meetings}}). They have been invited to complete the relationship or to continue it; you may want to check in with them.',
  'webhookDisabled.title': 'A webhook endpoint was disabled',
  'webhookDisabled.body':
    'Tandem stopped sending events to {url} after {failures, plural, one {# failed delivery} other {# failed deliveries in a row}} since {since, date, day} at {since, time, utc} UTC. Fix the receiver, then enable the endpoint again on the Webhooks page of the admin app: deliveries still waiting are sent then, and failed ones can be replayed.',
  'coachThreadMessage.title': '{author} wrote in the coach thread of {mentee} and {mentor}',
  'coachThreadMessage.body':
    '{author} wrote a new message in the thread that {mentee} and {mentor} share with their coach. Open the relationship to read it and answer.',
  'pulseAsked.title': '{asker} asks how your mentorship with {partner} is going',
  'pulseAsked.body':
    '{asker} would like to know how it is going with {partner}. Open the relationship and answer with a score from 1 to 5 and a note if you like: it takes a minute. Your coach reads your answer; {partner} does not.',
  'pulseLow.title': '{respondent} answered your check-in with {score} of 5',
  'pulseLow.body':
    '{respondent}, the {role, select, MENTEE {mentee} other {mentor}} of the mentorship of {mentee} with {mentor}, answered your pulse check-in with {score} of 5 on {answeredAt, date, day}. Open the relationship to read their note and follow up.',
  'relationshipAtRisk.title': 'The mentorship of {mentee} with {mentor} is at risk',
  'relationshipAtRisk.body':
    'The mentorship of {mentee} with {mentor} was flagged at risk on {flaggedAt, date, day} for {count, plural, one {# reason} other {# reasons}}:\n\n{reasons}\n\nOpen the relationship to check in with them.',
  'atRisk.NO_CONFIRMED_MEETING.since':
    'No meeting confirmed by both since {date, date, day} ({days, plural, one {# day} other {# days}}).',
  'atRisk.NO_CONFIRMED_MEETING.start':
    'No meeting confirmed by both in the {days, plural, one {# day} other {# days}} since the start on {date, date, day}.',
  'atRisk.MEETING_AWAITING_CONFIRMATION':
    '{meetings, plural, one {# logged meeting} other {# logged meetings}} awaiting confirmation, the oldest for {days, plural, one {# day} other {# days}}.',
  'atRisk.BEHIND_PACE':
    'Pace {pace, select, AT_RISK {at risk} other {behind}}: {confirmed, number, hours} of {target, number, hours} hours confirmed, {expected, number, hours} expected by today, {elapsed} of {duration} days elapsed.',
  'atRisk.BEHIND_PACE.meetings':
    'Pace {pace, select, AT_RISK {at risk} other {behind}}: {confirmed, number, hours} of {target, number, hours} hours confirmed, {expected, number, hours} expected by today, {meetings} of {minMeetings} meetings ({expectedMeetings, number, hours} expected), {elapsed} of {duration} days elapsed.',
  'atRisk.AGREEMENT_UNSIGNED':
    'The partnership agreement is not signed by both {days, plural, one {# day} other {# days}} after the start on {date, date, day}.',
  'atRisk.LOW_PULSE':
    '{role, select, MENTEE {The mentee} other {The mentor}} answered the pulse check-in with {score} of 5 on {date, date, day}.',
  'atRisk.PULSE_UNANSWERED':
    'The pulse check-in asked on {date, date, day} has waited {days, plural, one {# day} other {# days}} for {waiting, select, MENTEE {the mentee} MENTOR {the mentor} other {both partners}}.',
  'atRisk.flag':
    '{code, select, NO_CONFIRMED_MEETING {No confirmed meeting.} MEETING_AWAITING_CONFIRMATION {A meeting awaits confirmation.} BEHIND_PACE {Behind pace.} AGREEMENT_UNSIGNED {Agreement unsigned.} LOW_PULSE {Low pulse answer.} PULSE_UNANSWERED {Pulse unanswered.} other {Another reason: see the relationship.}}',
  'meetingProposed.title': '{by} proposes a meeting on {start, date, local}',
  'meetingProposed.body':
    '{by} proposes to meet on {start, date, local} at {start, time, local} ({zone}), for {minutes, plural, one {# minute} other {# minutes}}. Open the relationship to accept, decline or propose another time.',
  'meetingFromSchedule.title': 'Your agreed schedule proposes your next meeting with {partner}: {start, date, local}',
  'meetingFromSchedule.body':
    'Your agreed schedule proposes your next meeting with {partner} on {start, date, local} at {start, time, local} ({zone}), for {minutes, plural, one {# minute} other {# minutes}}. {answer, select, you {Open the relationship to accept it, decline it or suggest another time.} other {{partner} is asked to accept it or suggest another time; you can move or cancel it from the relationship.}}',
  'meetingRescheduled.title':
    '{counter, select, yes {{by} proposes another time: {start, date, local}} other {{by} moved your meeting to {start, date, local}}}',
  'meetingRescheduled.body':
    '{counter, select, yes {{by} proposes to meet instead} other {{by} moved your planned meeting}} on {start, date, local} at {start, time, local} ({zone}), for {minutes, plural, one {# minute} other {# minutes}}. Open the relationship to accept, decline or propose another time.',
  'meetingAccepted.title': '{by} accepted your meeting on {start, date, local}',
  'meetingAccepted.body':
    '{by} accepted to meet on {start, date, local} at {start, time, local} ({zone}), for {minutes, plural, one {# minute} other {# minutes}}. Add it to your calendar from the relationship page.',
  'meetingDeclined.title': '{by} declined your meeting on {start, date, local}',
  'meetingDeclined.body':
    '{by} declined to meet on {start, date, local} at {start, time, local} ({zone}). Open the relationship to see why and to propose another meeting.',
  'meetingCancelled.title': '{by} cancelled your meeting on {start, date, local}',
  'meetingCancelled.body':
    '{by} cancelled the meeting planned on {start, date, local} at {start, time, local} ({zone}). Open the relationship to see why and to plan another one.',
  'meetingSelf.title':
    '{action, select, accepted {Your meeting with {partner} is confirmed: {start, date, local}} rescheduled {You moved your meeting with {partner} to {start, date, local}} declined {You declined the meeting with {partner} on {start, date, local}} other {You cancelled your meeting with {partner} on {start, date, local}}}',
  'meetingSelf.body':
    '{action, select, accepted {You meet {partner}} rescheduled {You proposed to meet {partner}} other {You will not meet {partner}}} on {start, date, local} at {start, time, local} ({zone}), for {minutes, plural, one {# minute} other {# minutes}}. The calendar invitation attached updates your calendar app.',
  'meetingReminder.title':
    '{soon, select, hour {In an hour: your meeting with {partner}} other {Reminder: your meeting with {partner} on {start, date, local}}}',
  'meetingReminder.body':
    'You meet {partner} on {start, date, local} at {start, time, local} ({zone}), for {minutes, plural, one {# minute} other {# minutes}}.{hasWhere, select, yes {\n\n{where}} other {}}\n\nOpen the relationship to see the agenda, or to reschedule.',
  'meetingRecordPrompt.title': 'How did your meeting with {partner} go? Record it',
  'meetingRecordPrompt.body':
    'Your meeting with {partner} planned on {start, date, local} at {start, time, local} ({zone}) has ended. If it took place, record it: its length, topics and homework. {partner} then confirms it, and it counts toward your hours. A planned meeting nobody records counts for nothing.',
  'calendar.summary': 'Mentoring meeting with {partner}',
  'calendar.planned':
    '{mode, select, IN_PERSON {In person} VIDEO {Video call} PHONE {Phone call} other {Meeting}}, {start, date, local} at {start, time, local} ({zone}), {minutes, plural, one {# minute} other {# minutes}}.',
  'calendar.video': 'Video link: {url}',
  'calendar.place': 'Place: {place}',
  'calendar.agenda': 'Agenda:',
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
  'emailChange.confirm.subject': 'Confirm your new Tandem sign-in email',
  'emailChange.confirm.intro':
    'Someone signed in to a Tandem account asked to sign in with this email address from now on. If it was you, confirm within {hours, plural, one {# hour} other {# hours}} with this link:',
  'emailChange.confirm.button': 'Confirm my new sign-in email',
  'emailChange.confirm.then':
    'Nothing changes until you follow it; then every session of the account is signed out and you sign in with this address.',
  'emailChange.confirm.ignore': 'If you did not ask for this, ignore this email: nothing changes.',
  'emailChange.notice.subject': 'Your Tandem sign-in email is about to change',
  'emailChange.notice.intro':
    'Someone signed in to your Tandem account, with your password, asked to change its sign-in email to {newEmail}. The change happens only once the new address confirms it.',
  'emailChange.notice.ifNot':
    'If this was you, there is nothing to do. If it was not, follow this link (it works for {days, plural, one {# day} other {# days}}, even after the change is confirmed):',
  'emailChange.notice.button': 'This wasn’t me',
  'emailChange.notice.then':
    'It blocks or undoes the change, signs out every session, and stops your current password from working: then choose a new one with “Forgot your password?” on the sign-in page, and tell your programme’s staff.',
  'registrationAttempt.subject': 'Someone tried to register with your email address',
  'registrationAttempt.intro':
    'On {at, date, day} at {at, time, utc} UTC someone tried to create a new Tandem account with this email address. You already have an account, so nothing was created and nothing about your account changed.',
  'registrationAttempt.advice':
    'If it was you, sign in instead (use “Forgot your password?” on the sign-in page if you need to). If it was not you, there is nothing to do; your password was not used or shown.',
  'invitation.purpose.programme':
    'to join {programme} as {role, select, MENTEE {a mentee} MENTOR {a mentor} COACH {a coach} PROGRAMME_ADMIN {a programme admin} ANALYST {an analyst} other {an admin}}',
  'invitation.purpose.platform':
    'to work on Tandem as {role, select, MENTEE {a mentee} MENTOR {a mentor} COACH {a coach} PROGRAMME_ADMIN {a programme admin} ANALYST {an analyst} other {an admin}}{hasOrganisation, select, yes { of {organisation}} other {}}',
  'invitation.yourProgramme': 'Your programme',
  'invitation.subject': '{inviter} invites you {purpose}',
  'invitation.intro':
    '{inviter} invites you {purpose}. Tandem runs the programme: your profile, your mentoring relationships, meetings and the hours they count for.',
  'invitation.button': 'Accept the invitation',
  'invitation.once':
    'The link works once, for {days, plural, one {# day} other {# days}}: it lets you choose a password for an account with this address.',
  'invitation.ignore': 'If you did not expect this, ignore this email: no account is made.',
  'noRecentMeeting.title': 'No meeting with {partner} logged for {days} days',
  'noRecentMeeting.body':
    'Your mentorship with {partner} has no meeting logged since {since, date, day} ({days} days). Plan your next conversation, and log it once you have met.',
  'meetingConfirmationReminder.title':
    'Your meeting of {occurred, date, day} with {partner} still awaits your confirmation',
  'meetingConfirmationReminder.body':
    '{partner} logged your meeting of {occurred, date, day} {days} days ago. It counts toward your hours only once you confirm it (or say what is wrong with it).',
  'checkInDue.title': 'A check-in with {mentee} and {mentor} is due',
  'checkInDue.body':
    'The check-in you owe {mentee} and {mentor} fell due on {dueOn, date, day}{overdue, plural, =0 {} one { (# day ago)} other { (# days ago)}}. Open the relationship to record it.',
  'digest.subject': 'Tandem: {count, plural, one {# thing} other {# things}} to look at today',
  'digest.intro': 'Here is what needs your attention in Tandem today:',
  'digest.settings':
    'You receive these reminders once a day. To receive each one as it happens, or to turn a kind off, change your email settings in Tandem.',
  'digest.settingsLink': 'My email settings',
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
  'agreementAwaitingCoach.title': 'L’entente de {mentee} et {mentor} attend votre signature',
  'agreementAwaitingCoach.body':
    'La version {version} de l’entente de mentorat de {mentee} et {mentor} est prête. Leur programme demande à leur coach de la signer aussi : ouvrez la relation dans l’application d’administration pour la lire et la signer.',
  'meetingLogged.title': '{loggedBy} a consigné une rencontre : veuillez la confirmer',
  'meetingLogged.body':
    '{loggedBy} a consigné votre rencontre du {occurred, date, day}. Elle compte dans vos heures dès que vous la confirmez.',
  'auditVerification.title': 'Veuillez vérifier {count, plural, one {# rencontre} other {# rencontres}} avec {subject}',
  'auditVerification.body':
    'Un audit vous demande de confirmer {count, plural, one {# rencontre} other {# rencontres}} que vous avez eue(s) avec {subject}. Veuillez répondre d’ici le {due, date, day}.',
  'auditEvidence.title': 'Vos heures ont été sélectionnées pour un audit : veuillez répondre d’ici le {due, date, day}',
  'auditEvidence.body':
    'Un audit de votre programme a sélectionné vos {hours, plural, one {# heure consignée} other {# heures consignées}}. Ouvrez votre page Preuves pour voir quelles rencontres sont échantillonnées, ajouter vos pièces justificatives et répondre d’ici le {due, date, day}. Sans réponse à cette date, l’audit sera fermé comme sans réponse.',
  'auditEvidenceDueSoon.title': 'Plus que {days, plural, one {# jour} other {# jours}} pour répondre à votre audit',
  'auditEvidenceDueSoon.body':
    'Votre audit est dû le {due, date, day} : il reste {days, plural, one {# jour} other {# jours}}. Ouvrez votre page Preuves pour ajouter vos pièces justificatives et votre réponse.',
  'credentialIssued.title': 'Votre attestation Open Badges pour {programme} est prête',
  'credentialIssued.body':
    'Votre organisme vous a délivré une attestation vérifiable pour {programme} : votre rôle de {role, select, MENTOR {mentor ou mentore} other {mentoré ou mentorée}} et vos {hours, plural, one {# heure confirmée} other {# heures confirmées}}. Téléchargez-la depuis votre page Preuves et partagez-la : on peut la vérifier sans se connecter.',
  'credentialRevoked.title': 'Votre attestation pour {programme} a été révoquée',
  'credentialRevoked.body':
    'Votre programme a révoqué l’attestation qu’il vous avait délivrée. Motif indiqué : « {reason} ». Quiconque la vérifie voit maintenant qu’elle est révoquée. Votre page Preuves l’affiche avec ce motif.',
  'credentialRequested.title': '{person} demande une attestation pour {programme}',
  'credentialRequested.body':
    '{person} demande une attestation Open Badges pour {hours, plural, one {# heure confirmée} other {# heures confirmées}} comme {role, select, MENTOR {mentor ou mentore} other {mentoré ou mentorée}} dans {programme}. Ouvrez la relation dans l’application d’administration pour la délivrer, ou pour refuser en donnant un motif que la personne verra.',
  'credentialRequestDeclined.title': 'Votre demande d’attestation pour {programme} a été refusée',
  'credentialRequestDeclined.body':
    'Votre programme a refusé votre demande d’attestation. Motif indiqué : « {reason} ». Vous pourrez la demander de nouveau depuis votre page Preuves une fois la question réglée.',
  'termsMetPartner.title': 'Vous avez atteint les heures de votre programme avec {partner}',
  'termsMetPartner.body':
    'Félicitations : avec {hours, plural, one {# heure confirmée} other {# heures confirmées}} en {meetings, plural, one {# rencontre} other {# rencontres}}, votre mentorat avec {partner} a rempli les conditions de son programme le {metOn, date, day}.\n\nParlez ensemble de la suite : terminer la relation, ou convenir de la poursuivre.',
  'termsMetCoach.title': '{mentee} et {mentor} ont atteint les heures de leur programme',
  'termsMetCoach.body':
    'Le mentorat de {mentee} avec {mentor} a rempli les conditions de son programme le {metOn, date, day} ({hours, plural, one {# heure confirmée} other {# heures confirmées}}, {meetings, plural, one {# rencontre} other {# rencontres}}). Le duo est invité à terminer la relation ou à la poursuivre; vous voudrez peut-être faire le point avec eux.',
  'webhookDisabled.title': 'Un point de terminaison de webhook a été désactivé',
  'webhookDisabled.body':
    'Tandem a cessé d’envoyer des événements à {url} après {failures, plural, one {# livraison échouée} other {# livraisons échouées de suite}} depuis le {since, date, day} à {since, time, utc} UTC. Corrigez le récepteur, puis réactivez le point de terminaison à la page Webhooks de l’application d’administration : les livraisons en attente partiront alors, et celles qui ont échoué pourront être rejouées.',
  'coachThreadMessage.title': '{author} a écrit dans le fil de {mentee} et {mentor} avec leur coach',
  'coachThreadMessage.body':
    '{author} a écrit un nouveau message dans le fil que {mentee} et {mentor} partagent avec leur coach. Ouvrez la relation pour le lire et y répondre.',
  'pulseAsked.title': '{asker} vous demande comment se passe votre mentorat avec {partner}',
  'pulseAsked.body':
    '{asker} aimerait savoir comment ça se passe avec {partner}. Ouvrez la relation et répondez par une note de 1 à 5, avec un commentaire si vous le souhaitez : cela prend une minute. Votre coach lit votre réponse; {partner} ne la voit pas.',
  'pulseLow.title': '{respondent} a répondu à votre suivi avec {score} sur 5',
  'pulseLow.body':
    '{respondent}, {role, select, MENTEE {personne mentorée} other {mentor}} du mentorat de {mentee} avec {mentor}, a répondu à votre suivi avec {score} sur 5 le {answeredAt, date, day}. Ouvrez la relation pour lire son commentaire et faire le suivi.',
  'relationshipAtRisk.title': 'Le mentorat de {mentee} avec {mentor} est à risque',
  'relationshipAtRisk.body':
    'Le mentorat de {mentee} avec {mentor} a été signalé à risque le {flaggedAt, date, day} pour {count, plural, one {# motif} other {# motifs}} :\n\n{reasons}\n\nOuvrez la relation pour faire le point avec eux.',
  'atRisk.NO_CONFIRMED_MEETING.since':
    'Aucune rencontre confirmée par les deux parties depuis le {date, date, day} ({days, plural, one {# jour} other {# jours}}).',
  'atRisk.NO_CONFIRMED_MEETING.start':
    'Aucune rencontre confirmée par les deux parties dans les {days, plural, one {# jour} other {# jours}} depuis le début, le {date, date, day}.',
  'atRisk.MEETING_AWAITING_CONFIRMATION':
    '{meetings, plural, one {# rencontre consignée attend} other {# rencontres consignées attendent}} une confirmation, la plus ancienne depuis {days, plural, one {# jour} other {# jours}}.',
  'atRisk.BEHIND_PACE':
    'Rythme {pace, select, AT_RISK {à risque} other {en retard}} : {confirmed, plural, one {# heure confirmée} other {# heures confirmées}} sur {target, number, hours}, {expected, plural, one {# attendue} other {# attendues}} à ce jour, {elapsed} jours écoulés sur {duration}.',
  'atRisk.BEHIND_PACE.meetings':
    'Rythme {pace, select, AT_RISK {à risque} other {en retard}} : {confirmed, plural, one {# heure confirmée} other {# heures confirmées}} sur {target, number, hours}, {expected, plural, one {# attendue} other {# attendues}} à ce jour, {meetings, plural, one {# rencontre} other {# rencontres}} sur {minMeetings} ({expectedMeetings, plural, one {# attendue} other {# attendues}}), {elapsed} jours écoulés sur {duration}.',
  'atRisk.AGREEMENT_UNSIGNED':
    'L’entente de partenariat n’est pas signée par les deux parties {days, plural, one {# jour} other {# jours}} après le début, le {date, date, day}.',
  'atRisk.LOW_PULSE':
    '{role, select, MENTEE {La personne mentorée} other {Le mentor}} a répondu au sondage éclair par {score} sur 5 le {date, date, day}.',
  'atRisk.PULSE_UNANSWERED':
    'Le sondage éclair envoyé le {date, date, day} attend depuis {days, plural, one {# jour} other {# jours}} la réponse {waiting, select, MENTEE {de la personne mentorée} MENTOR {du mentor} other {des deux partenaires}}.',
  'atRisk.flag':
    '{code, select, NO_CONFIRMED_MEETING {Aucune rencontre confirmée.} MEETING_AWAITING_CONFIRMATION {Une rencontre attend une confirmation.} BEHIND_PACE {En retard sur le rythme.} AGREEMENT_UNSIGNED {Entente non signée.} LOW_PULSE {Réponse faible au sondage éclair.} PULSE_UNANSWERED {Sondage éclair sans réponse.} other {Un autre motif : voyez la relation.}}',
  'meetingProposed.title': '{by} propose une rencontre le {start, date, local}',
  'meetingProposed.body':
    '{by} propose de vous rencontrer le {start, date, local} à {start, time, local} ({zone}), pendant {minutes, plural, one {# minute} other {# minutes}}. Ouvrez la relation pour accepter, refuser ou proposer un autre moment.',
  'meetingFromSchedule.title':
    'Votre horaire convenu propose votre prochaine rencontre avec {partner} : le {start, date, local}',
  'meetingFromSchedule.body':
    'Votre horaire convenu propose votre prochaine rencontre avec {partner} le {start, date, local} à {start, time, local} ({zone}), pendant {minutes, plural, one {# minute} other {# minutes}}. {answer, select, you {Ouvrez la relation pour l’accepter, la refuser ou proposer un autre moment.} other {{partner} peut l’accepter ou proposer un autre moment; vous pouvez la déplacer ou l’annuler depuis la page de la relation.}}',
  'meetingRescheduled.title':
    '{counter, select, yes {{by} propose un autre moment : le {start, date, local}} other {{by} a déplacé votre rencontre au {start, date, local}}}',
  'meetingRescheduled.body':
    '{counter, select, yes {{by} propose plutôt de vous rencontrer} other {{by} a déplacé votre rencontre prévue}} le {start, date, local} à {start, time, local} ({zone}), pendant {minutes, plural, one {# minute} other {# minutes}}. Ouvrez la relation pour accepter, refuser ou proposer un autre moment.',
  'meetingAccepted.title': '{by} a accepté votre rencontre du {start, date, local}',
  'meetingAccepted.body':
    '{by} a accepté de vous rencontrer le {start, date, local} à {start, time, local} ({zone}), pendant {minutes, plural, one {# minute} other {# minutes}}. Ajoutez-la à votre agenda depuis la page de la relation.',
  'meetingDeclined.title': '{by} a refusé votre rencontre du {start, date, local}',
  'meetingDeclined.body':
    '{by} a refusé de vous rencontrer le {start, date, local} à {start, time, local} ({zone}). Ouvrez la relation pour voir pourquoi et proposer une autre rencontre.',
  'meetingCancelled.title': '{by} a annulé votre rencontre du {start, date, local}',
  'meetingCancelled.body':
    '{by} a annulé la rencontre prévue le {start, date, local} à {start, time, local} ({zone}). Ouvrez la relation pour voir pourquoi et en planifier une autre.',
  'meetingSelf.title':
    '{action, select, accepted {Votre rencontre avec {partner} est confirmée : {start, date, local}} rescheduled {Vous avez déplacé votre rencontre avec {partner} au {start, date, local}} declined {Vous avez refusé la rencontre avec {partner} du {start, date, local}} other {Vous avez annulé votre rencontre avec {partner} du {start, date, local}}}',
  'meetingSelf.body':
    '{action, select, accepted {Vous rencontrez {partner}} rescheduled {Vous proposez de rencontrer {partner}} other {Vous ne rencontrerez pas {partner}}} le {start, date, local} à {start, time, local} ({zone}), pendant {minutes, plural, one {# minute} other {# minutes}}. L’invitation jointe met à jour votre application de calendrier.',
  'meetingReminder.title':
    '{soon, select, hour {Dans une heure : votre rencontre avec {partner}} other {Rappel : votre rencontre avec {partner} le {start, date, local}}}',
  'meetingReminder.body':
    'Vous rencontrez {partner} le {start, date, local} à {start, time, local} ({zone}), pendant {minutes, plural, one {# minute} other {# minutes}}.{hasWhere, select, yes {\n\n{where}} other {}}\n\nOuvrez la relation pour voir l’ordre du jour ou pour déplacer la rencontre.',
  'meetingRecordPrompt.title': 'Comment s’est passée votre rencontre avec {partner}? Consignez-la',
  'meetingRecordPrompt.body':
    'Votre rencontre avec {partner} prévue le {start, date, local} à {start, time, local} ({zone}) est terminée. Si elle a eu lieu, consignez-la : sa durée, les sujets et les devoirs. {partner} la confirme ensuite, et elle compte pour vos heures. Une rencontre prévue que personne ne consigne ne compte pas.',
  'calendar.summary': 'Rencontre de mentorat avec {partner}',
  'calendar.planned':
    '{mode, select, IN_PERSON {En personne} VIDEO {Appel vidéo} PHONE {Appel téléphonique} other {Rencontre}}, le {start, date, local} à {start, time, local} ({zone}), {minutes, plural, one {# minute} other {# minutes}}.',
  'calendar.video': 'Lien vidéo : {url}',
  'calendar.place': 'Lieu : {place}',
  'calendar.agenda': 'Ordre du jour :',
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
  'emailChange.confirm.subject': 'Confirmez votre nouveau courriel de connexion Tandem',
  'emailChange.confirm.intro':
    'Une personne connectée à un compte Tandem a demandé de se connecter désormais avec cette adresse courriel. Si c’était vous, confirmez d’ici {hours, plural, one {# heure} other {# heures}} avec ce lien :',
  'emailChange.confirm.button': 'Confirmer mon nouveau courriel de connexion',
  'emailChange.confirm.then':
    'Rien ne change tant que vous ne l’avez pas suivi; ensuite, toutes les sessions du compte sont fermées et vous vous connectez avec cette adresse.',
  'emailChange.confirm.ignore': 'Si vous n’avez rien demandé, ignorez ce courriel : rien ne change.',
  'emailChange.notice.subject': 'Le courriel de connexion de votre compte Tandem va changer',
  'emailChange.notice.intro':
    'Une personne connectée à votre compte Tandem, avec votre mot de passe, a demandé de remplacer son courriel de connexion par {newEmail}. Le changement n’a lieu qu’une fois confirmé par la nouvelle adresse.',
  'emailChange.notice.ifNot':
    'Si c’était vous, il n’y a rien à faire. Sinon, suivez ce lien (il fonctionne pendant {days, plural, one {# jour} other {# jours}}, même après la confirmation du changement) :',
  'emailChange.notice.button': 'Ce n’était pas moi',
  'emailChange.notice.then':
    'Il bloque ou annule le changement, ferme toutes les sessions et désactive votre mot de passe actuel : choisissez-en ensuite un nouveau avec « Mot de passe oublié? » sur la page de connexion, et prévenez le personnel de votre programme.',
  'registrationAttempt.subject': 'Quelqu’un a tenté de s’inscrire avec votre adresse courriel',
  'registrationAttempt.intro':
    'Le {at, date, day} à {at, time, utc} UTC, une personne a tenté de créer un nouveau compte Tandem avec cette adresse courriel. Vous avez déjà un compte : rien n’a été créé et rien n’a changé dans votre compte.',
  'registrationAttempt.advice':
    'Si c’était vous, connectez-vous plutôt (utilisez « Mot de passe oublié? » sur la page de connexion au besoin). Sinon, il n’y a rien à faire; votre mot de passe n’a été ni utilisé ni montré.',
  'invitation.purpose.programme':
    'à rejoindre {programme} {role, select, MENTEE {en tant que mentoré} MENTOR {en tant que mentor} COACH {en tant que coach} PROGRAMME_ADMIN {en tant qu’administrateur de programme} ANALYST {en tant qu’analyste} other {en tant qu’administrateur}}',
  'invitation.purpose.platform':
    'à travailler sur Tandem {role, select, MENTEE {en tant que mentoré} MENTOR {en tant que mentor} COACH {en tant que coach} PROGRAMME_ADMIN {en tant qu’administrateur de programme} ANALYST {en tant qu’analyste} other {en tant qu’administrateur}}{hasOrganisation, select, yes { de {organisation}} other {}}',
  'invitation.yourProgramme': 'Votre programme',
  'invitation.subject': '{inviter} vous invite {purpose}',
  'invitation.intro':
    '{inviter} vous invite {purpose}. Tandem gère le programme : votre profil, vos relations de mentorat, les rencontres et les heures qu’elles comptent.',
  'invitation.button': 'Accepter l’invitation',
  'invitation.once':
    'Le lien ne fonctionne qu’une fois, pendant {days, plural, one {# jour} other {# jours}} : il vous permet de choisir un mot de passe pour un compte avec cette adresse.',
  'invitation.ignore': 'Si vous ne vous attendiez pas à ce courriel, ignorez-le : aucun compte n’est créé.',
  'noRecentMeeting.title': 'Aucune rencontre avec {partner} consignée depuis {days} jours',
  'noRecentMeeting.body':
    'Votre mentorat avec {partner} n’a aucune rencontre consignée depuis le {since, date, day} ({days} jours). Planifiez votre prochaine conversation, et consignez-la une fois la rencontre faite.',
  'meetingConfirmationReminder.title':
    'Votre rencontre du {occurred, date, day} avec {partner} attend toujours votre confirmation',
  'meetingConfirmationReminder.body':
    '{partner} a consigné votre rencontre du {occurred, date, day} il y a {days} jours. Elle compte dans vos heures seulement une fois confirmée (ou dites ce qui ne va pas).',
  'checkInDue.title': 'Un suivi avec {mentee} et {mentor} est dû',
  'checkInDue.body':
    'Le suivi que vous devez à {mentee} et {mentor} est dû depuis le {dueOn, date, day}{overdue, plural, =0 {} one { (il y a # jour)} other { (il y a # jours)}}. Ouvrez la relation pour le consigner.',
  'digest.subject': 'Tandem : {count, plural, one {# élément} other {# éléments}} à regarder aujourd’hui',
  'digest.intro': 'Voici ce qui demande votre attention dans Tandem aujourd’hui :',
  'digest.settings':
    'Vous recevez ces rappels une fois par jour. Pour recevoir chacun dès qu’il arrive, ou pour désactiver un type, modifiez vos préférences de courriel dans Tandem.',
  'digest.settingsLink': 'Mes préférences de courriel',
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
  // hours and forecasts as the admin app shows them: at most two decimals, written the locale's way (9,86 in French)
  number: { hours: { maximumFractionDigits: 2 } },
} as const;

/** FORMATS plus `local`: an instant's day and time in the reader's zone (a planned meeting's start). */
const formatsIn = (timeZone: string) =>
  ({
    date: { ...FORMATS.date, local: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone } },
    time: { ...FORMATS.time, local: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone } },
    number: FORMATS.number,
  }) as const;

export type MessageValues = Record<string, string | number | Date>;

/** A notification's arguments: a null name is a person unknown here ("Someone", in the reader's language). */
export type NotificationValues = Record<string, string | number | Date | null>;

/** A message of the catalogue in the language, its arguments filled in. */
export function message(
  language: Language,
  key: NotificationMessageKey,
  values: MessageValues = {},
  timeZone = 'UTC',
): string {
  return String(new IntlMessageFormat(CATALOGUES[language][key], language, formatsIn(timeZone)).format(values));
}

/**
 * A notification's title and body: `${id}.title` and `${id}.body` of the catalogue; `timeZone` is the reader's,
 * for the `local` date and time formats (UTC when not given).
 */
export type NotificationText = { id: string; values: NotificationValues; timeZone?: string };

export function notificationText(language: Language, text: NotificationText): { title: string; body: string } {
  const values: MessageValues = Object.fromEntries(
    Object.entries(text.values).map(([k, v]) => [k, v ?? message(language, 'someone')]),
  );
  return {
    title: message(language, `${text.id}.title` as NotificationMessageKey, values, text.timeZone),
    body: message(language, `${text.id}.body` as NotificationMessageKey, values, text.timeZone),
  };
}
