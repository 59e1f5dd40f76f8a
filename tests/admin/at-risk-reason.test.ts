/**
 * At-risk reasons in the reader's language (issue 22): the admin app words each flag from its code and the
 * figures the API gives (`params`), with the catalogue of the language in use; a flag without them keeps the
 * API's English sentence.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { atRiskReason, type AtRiskFlagView } from '../../apps/admin/src/at-risk-reason';
import { en, type MessageId } from '../../apps/admin/src/i18n/en';
import { frCA } from '../../apps/admin/src/i18n/fr-CA';

const reader = (locale: 'en' | 'fr-CA') => {
  const catalogue = locale === 'en' ? en : frCA;
  const t = (id: MessageId, values?: Record<string, string | number>) =>
    String(new IntlMessageFormat(catalogue[id], locale).format(values));
  const format = {
    date: (day: string | null) =>
      day
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`))
        : '',
    number: (value: number, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options).format(value),
  };
  return (flag: AtRiskFlagView) => atRiskReason(flag, t, format);
};

type Params = NonNullable<AtRiskFlagView['params']>;
const NONE: Params = {
  days: null,
  lastConfirmedOn: null,
  startedOn: null,
  meetings: null,
  pace: null,
  confirmedHours: null,
  targetHours: null,
  expectedHours: null,
  confirmedMeetings: null,
  minMeetings: null,
  expectedMeetings: null,
  daysElapsed: null,
  durationDays: null,
  askedOn: null,
  waitingFor: null,
  answers: null,
};
const flag = (code: string, params: Partial<Params> | null): AtRiskFlagView => ({
  code,
  reason: 'The English reason of the API.',
  params: params && { ...NONE, ...params },
});

describe('at-risk reasons in the reader’s language', () => {
  const english = reader('en');
  const french = reader('fr-CA');

  it('should word each code with its figures in English and in French', () => {
    const quiet = flag('NO_CONFIRMED_MEETING', { days: 36, lastConfirmedOn: '2026-01-05' });
    expect(english(quiet)).toBe('No meeting confirmed by both since Jan 5, 2026 (36 days).');
    expect(french(quiet)).toBe('Aucune rencontre confirmée par les deux parties depuis le 5 janv. 2026 (36 jours).');

    const awaiting = flag('MEETING_AWAITING_CONFIRMATION', { meetings: 1, days: 21 });
    expect(english(awaiting)).toBe('1 logged meeting awaiting confirmation, the oldest for 21 days.');
    expect(french(awaiting)).toBe('1 rencontre consignée attend une confirmation, la plus ancienne depuis 21 jours.');

    const pace = flag('BEHIND_PACE', {
      pace: 'AT_RISK',
      confirmedHours: 1.5,
      targetHours: 4,
      expectedHours: 2.25,
      daysElapsed: 40,
      durationDays: 112,
    });
    expect(english(pace)).toBe(
      'Pace at risk: 1.5 of 4 hours confirmed, 2.25 expected by today, 40 of 112 days elapsed.',
    );
    expect(french(pace)).toBe(
      'Rythme à risque\u00a0: 1,5 heures confirmées sur 4, 2,25 attendues à ce jour, 40 jours écoulés sur 112.',
    );

    const pulse = flag('PULSE_UNANSWERED', { askedOn: '2026-02-01', days: 9, waitingFor: ['MENTEE'] });
    expect(french(pulse)).toBe(
      'Le sondage éclair envoyé le 1 févr. 2026 attend depuis 9 jours la réponse de la personne mentorée.',
    );
    const low = flag('LOW_PULSE', {
      answers: [{ role: 'MENTOR', score: 1, answeredOn: '2026-02-09', note: 'Mois difficile' }],
    });
    expect(french(low)).toBe(
      'Le mentor a répondu au sondage éclair par 1 sur 5 le 9 févr. 2026\u00a0: «\u00a0Mois difficile\u00a0».',
    );
  });

  it('should keep the API’s English reason for a flag raised before params were kept', () => {
    expect(french(flag('AGREEMENT_UNSIGNED', null))).toBe('The English reason of the API.');
  });
});
