/**
 * The default learning resources every programme starts with (issue 19), written for Tandem: one per stage, in
 * English and in French. A new programme gets its own copy, which its staff may edit or delete; existing
 * programmes got theirs from the migration that created learning resources.
 */
import type { Language } from '../language/language';
import type { LearningKindValue, LearningStageValue } from './learning.rules';

export interface DefaultResource {
  stage: LearningStageValue;
  kind: LearningKindValue;
  language: Language;
  title: string;
  body: string;
}

export const DEFAULT_LEARNING_RESOURCES: readonly DefaultResource[] = [
  {
    stage: 'PREPARING_FIRST_MEETING',
    kind: 'CHECKLIST',
    language: 'en',
    title: 'Preparing your first meeting',
    body: `Before you meet:
- Read your partner's profile again and note two things you would like to ask about.
- Agree on a place or a video link, a day and a time, and add it to your calendar.
- Mentee: write down what you hope to get out of the relationship, in a sentence or two.
- Mentor: think of a moment in your career that is close to what your mentee is going through.

At the meeting:
- Introduce yourselves beyond your job titles: where you come from, what brought you here.
- Talk about expectations: how often you will meet, how you will keep in touch, how quickly you reply.
- Agree on what stays between you (confidentiality).
- Before you leave, fix the date of the next meeting.

After the meeting, log it in Tandem so that both of you can confirm it.`,
  },
  {
    stage: 'PREPARING_FIRST_MEETING',
    kind: 'CHECKLIST',
    language: 'fr-CA',
    title: 'Préparer votre première rencontre',
    body: `Avant la rencontre :
- Relisez le profil de votre partenaire et notez deux sujets sur lesquels vous aimeriez l'interroger.
- Convenez d'un lieu ou d'un lien vidéo, d'un jour et d'une heure, et ajoutez-les à votre agenda.
- Mentoré : notez en une ou deux phrases ce que vous espérez retirer de la relation.
- Mentor : pensez à un moment de votre carrière proche de ce que vit votre mentoré.

Pendant la rencontre :
- Présentez-vous au-delà de votre titre : d'où vous venez, ce qui vous a amené ici.
- Parlez de vos attentes : à quelle fréquence vous rencontrer, comment rester en contact, dans quel délai répondre.
- Convenez de ce qui reste entre vous (confidentialité).
- Avant de partir, fixez la date de la prochaine rencontre.

Après la rencontre, inscrivez-la dans Tandem pour que vous puissiez tous deux la confirmer.`,
  },
  {
    stage: 'WRITING_AGREEMENT',
    kind: 'GUIDE',
    language: 'en',
    title: 'Writing your partnership agreement',
    body: `The agreement is short and it is yours: it records how you will work together, not a contract.

1. Goals: name the two or three things the mentee most wants to work on. Keep them concrete ("prepare for the licensing exam", not "grow").
2. Rhythm: how often and how long you meet, where, and who books the next meeting.
3. Contact: how you reach each other between meetings and how quickly you answer.
4. Confidentiality: what stays between you, and what may be shared with your coach or programme.
5. Ending: how long the relationship runs and what you do if it is not working (talk first, then ask your coach).

Draft it together, read it once more the next day, then both sign it in Tandem. You can change it later: a change is a new version that you both sign again.`,
  },
  {
    stage: 'WRITING_AGREEMENT',
    kind: 'GUIDE',
    language: 'fr-CA',
    title: 'Rédiger votre entente de partenariat',
    body: `L'entente est courte et elle vous appartient : elle décrit votre façon de travailler ensemble, ce n'est pas un contrat.

1. Objectifs : nommez les deux ou trois sujets sur lesquels le mentoré veut le plus travailler. Restez concrets (« préparer l'examen d'accès à la profession », pas « progresser »).
2. Rythme : à quelle fréquence et pendant combien de temps vous vous rencontrez, où, et qui fixe la prochaine rencontre.
3. Contact : comment vous joindre entre les rencontres et dans quel délai répondre.
4. Confidentialité : ce qui reste entre vous et ce qui peut être communiqué à votre coach ou au programme.
5. Fin : la durée de la relation et ce que vous faites si elle ne fonctionne pas (en parler d'abord, puis demander à votre coach).

Rédigez-la ensemble, relisez-la le lendemain, puis signez-la tous les deux dans Tandem. Vous pourrez la modifier : une modification crée une nouvelle version que vous signez de nouveau tous les deux.`,
  },
  {
    stage: 'ACTION_PLAN',
    kind: 'GUIDE',
    language: 'en',
    title: 'Building your action plan',
    body: `An action plan turns the goals of your agreement into steps.

- For each goal, write what success looks like and by when (specific, measurable, realistic).
- Break it into two to four activities the mentee will do, with the resources they need (a course, an introduction, a document to read).
- Give each activity a target date and a rough effort (hours or days).
- Start each meeting by looking at the plan: what was done, what got in the way, what comes next.
- Change the plan when things change: a plan that is kept up to date is worth more than a perfect one.

Mentors: offer options and ask questions rather than giving the answer; the plan belongs to the mentee.`,
  },
  {
    stage: 'ACTION_PLAN',
    kind: 'GUIDE',
    language: 'fr-CA',
    title: "Bâtir votre plan d'action",
    body: `Le plan d'action transforme les objectifs de votre entente en étapes.

- Pour chaque objectif, décrivez à quoi ressemble la réussite et pour quand (précis, mesurable, réaliste).
- Découpez-le en deux à quatre activités que le mentoré réalisera, avec les ressources nécessaires (une formation, une mise en relation, un document à lire).
- Donnez à chaque activité une date cible et un effort approximatif (en heures ou en jours).
- Commencez chaque rencontre par le plan : ce qui a été fait, ce qui a bloqué, la suite.
- Modifiez le plan quand la situation change : un plan tenu à jour vaut mieux qu'un plan parfait.

Mentors : proposez des pistes et posez des questions plutôt que de donner la réponse; le plan appartient au mentoré.`,
  },
  {
    stage: 'MID_WAY',
    kind: 'CHECKLIST',
    language: 'en',
    title: 'Mid-way review',
    body: `Half of your time together has passed. Take one meeting to look back and adjust.

- Look at your progress in Tandem: hours and meetings confirmed against the programme's terms.
- Go through the action plan: which goals moved, which did not, and why.
- Mentee: say what has helped you most so far, and what you would like more or less of.
- Mentor: share what you have noticed about the mentee's progress, with one concrete example.
- Decide what you will focus on in the time that remains, and update the plan.
- If meetings have become rare or hard to schedule, say so now, or ask your coach for help.`,
  },
  {
    stage: 'MID_WAY',
    kind: 'CHECKLIST',
    language: 'fr-CA',
    title: 'Bilan de mi-parcours',
    body: `La moitié de votre temps ensemble est passée. Consacrez une rencontre à faire le point et à ajuster.

- Regardez votre progression dans Tandem : heures et rencontres confirmées par rapport aux exigences du programme.
- Passez en revue le plan d'action : quels objectifs ont avancé, lesquels non, et pourquoi.
- Mentoré : dites ce qui vous a le plus aidé jusqu'ici, et ce que vous aimeriez davantage ou moins.
- Mentor : partagez ce que vous avez remarqué des progrès du mentoré, avec un exemple concret.
- Décidez de vos priorités pour le temps qui reste et mettez le plan à jour.
- Si les rencontres se font rares ou difficiles à planifier, dites-le maintenant ou demandez l'aide de votre coach.`,
  },
  {
    stage: 'COMPLETING',
    kind: 'GUIDE',
    language: 'en',
    title: 'Completing your mentoring relationship',
    body: `A good ending matters as much as a good start.

- Check that all your meetings are logged and confirmed, so that your hours count.
- Plan a last meeting to look back: the goals you set in the agreement, what was achieved, what the mentee will do next on their own.
- Mentee: tell your mentor what made a difference; a specific thank-you is remembered.
- Mentor: suggest one or two people or places that can support the mentee after the programme.
- Agree on whether and how you will keep in touch.
- Both confirm the completion in Tandem and answer the feedback questions: they help the programme and the next pairs.
- If you both want to go on, you can continue with new goals instead of closing.`,
  },
  {
    stage: 'COMPLETING',
    kind: 'GUIDE',
    language: 'fr-CA',
    title: 'Conclure votre relation de mentorat',
    body: `Une bonne fin compte autant qu'un bon départ.

- Vérifiez que toutes vos rencontres sont inscrites et confirmées, pour que vos heures comptent.
- Prévoyez une dernière rencontre pour faire le bilan : les objectifs de l'entente, ce qui a été accompli, ce que le mentoré fera ensuite par lui-même.
- Mentoré : dites à votre mentor ce qui a fait une différence; un remerciement précis marque les esprits.
- Mentor : suggérez une ou deux personnes ou ressources qui pourront soutenir le mentoré après le programme.
- Convenez de la façon dont vous resterez en contact, si vous le souhaitez.
- Confirmez tous deux la fin dans Tandem et répondez aux questions de rétroaction : elles aident le programme et les prochains jumelages.
- Si vous voulez tous deux poursuivre, vous pouvez continuer avec de nouveaux objectifs au lieu de clore la relation.`,
  },
];
