/**
 * An at-risk flag's reason in the reader's language, worded from its code and the figures the API gives with it
 * (`params`); a flag raised before the API kept them shows the API's English `reason` until the next scan.
 */
import type { MessageId } from './i18n/en';

type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

/** How the reader's language writes a calendar day and a number (the pages pass locale.tsx's). */
export interface ReasonFormats {
  date: (day: string | null) => string;
  number: (value: number, options?: Intl.NumberFormatOptions) => string;
}

interface PulseAnswer {
  role: string;
  score: number;
  answeredOn: string;
  note: string | null;
}

export interface AtRiskFlagView {
  code: string;
  reason: string;
  params?: {
    days: number | null;
    lastConfirmedOn: string | null;
    startedOn: string | null;
    meetings: number | null;
    pace: string | null;
    confirmedHours: number | null;
    targetHours: number | null;
    expectedHours: number | null;
    confirmedMeetings: number | null;
    minMeetings: number | null;
    expectedMeetings: number | null;
    daysElapsed: number | null;
    durationDays: number | null;
    askedOn: string | null;
    waitingFor: readonly string[] | null;
    answers: readonly PulseAnswer[] | null;
  } | null;
}

export function atRiskReason(flag: AtRiskFlagView, t: Translate, format: ReasonFormats): string {
  const { date: formatDate, number: formatNumber } = format;
  const hours = (value: number | null) => formatNumber(value ?? 0, { maximumFractionDigits: 2 });
  const p = flag.params;
  if (!p) return flag.reason;
  switch (flag.code) {
    case 'NO_CONFIRMED_MEETING':
      return p.lastConfirmedOn
        ? t('risk.NO_CONFIRMED_MEETING.since', { days: p.days ?? 0, date: formatDate(p.lastConfirmedOn) })
        : t('risk.NO_CONFIRMED_MEETING.start', { days: p.days ?? 0, date: formatDate(p.startedOn) });
    case 'MEETING_AWAITING_CONFIRMATION':
      return t('risk.MEETING_AWAITING_CONFIRMATION', { meetings: p.meetings ?? 0, days: p.days ?? 0 });
    case 'BEHIND_PACE': {
      const values = {
        pace: p.pace ? t(`status.${p.pace}` as MessageId) : '',
        confirmed: hours(p.confirmedHours),
        target: hours(p.targetHours),
        expected: hours(p.expectedHours),
        elapsed: p.daysElapsed ?? 0,
        duration: p.durationDays ?? 0,
      };
      return p.minMeetings
        ? t('risk.BEHIND_PACE.meetings', {
            ...values,
            meetings: p.confirmedMeetings ?? 0,
            minMeetings: p.minMeetings,
            expectedMeetings: formatNumber(p.expectedMeetings ?? 0, { maximumFractionDigits: 2 }),
          })
        : t('risk.BEHIND_PACE', values);
    }
    case 'AGREEMENT_UNSIGNED':
      return t('risk.AGREEMENT_UNSIGNED', { days: p.days ?? 0, date: formatDate(p.startedOn) });
    case 'LOW_PULSE':
      return (p.answers ?? [])
        .map((a) =>
          a.note
            ? t('risk.LOW_PULSE.note', { role: a.role, score: a.score, date: formatDate(a.answeredOn), note: a.note })
            : t('risk.LOW_PULSE', { role: a.role, score: a.score, date: formatDate(a.answeredOn) }),
        )
        .join(' ');
    case 'PULSE_UNANSWERED': {
      const waiting = p.waitingFor ?? [];
      return t('risk.PULSE_UNANSWERED', {
        date: formatDate(p.askedOn),
        days: p.days ?? 0,
        waiting: waiting.length === 1 ? waiting[0]! : 'BOTH',
      });
    }
    default:
      return flag.reason;
  }
}
