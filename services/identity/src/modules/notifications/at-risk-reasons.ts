/**
 * The reasons of a RelationshipAtRisk event in the reader's language (issue 22), worded from each flag's code and
 * figures (`params`) as the admin app words them (apps/admin/src/at-risk-reason.ts), never from the English `reason`.
 *
 * - A flag without figures (an event published before they travelled with it) is named by its code alone
 *   ("Agreement unsigned."), in the reader's language; an event without `details` at all lists its codes so.
 * - LOW_PULSE leaves the partner's note out: the email goes to a mailbox, and the note is read on the relationship
 *   page, as the PULSE_LOW notification says.
 */
import type { AtRiskParams, EventPayloads } from '@tandem/contracts';
import type { Language } from '../language/language';
import { message, type MessageValues, type NotificationMessageKey } from './notification.messages';

type AtRiskPayload = Pick<EventPayloads['RelationshipAtRisk'], 'reasons' | 'details'>;

/** A day (YYYY-MM-DD) as a date the catalogue writes for the reader's locale; null when the figure is missing. */
const day = (iso: string | undefined) => (iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : null);

/** One flag's reason, or null when its figures do not say enough (the caller names it by its code then). */
function reasonOf(language: Language, code: string, p: AtRiskParams): string | null {
  const say = (key: NotificationMessageKey, values: Record<string, string | number | Date | null>) =>
    Object.values(values).some((v) => v === null) ? null : message(language, key, values as MessageValues);
  switch (code) {
    case 'NO_CONFIRMED_MEETING':
      return p.lastConfirmedOn
        ? say('atRisk.NO_CONFIRMED_MEETING.since', { days: p.days ?? null, date: day(p.lastConfirmedOn) })
        : say('atRisk.NO_CONFIRMED_MEETING.start', { days: p.days ?? null, date: day(p.startedOn) });
    case 'MEETING_AWAITING_CONFIRMATION':
      return say('atRisk.MEETING_AWAITING_CONFIRMATION', { meetings: p.meetings ?? null, days: p.days ?? null });
    case 'BEHIND_PACE': {
      const values = {
        pace: p.pace ?? null,
        confirmed: p.confirmedHours ?? null,
        target: p.targetHours ?? null,
        expected: p.expectedHours ?? null,
        elapsed: p.daysElapsed ?? null,
        duration: p.durationDays ?? null,
      };
      return p.minMeetings
        ? say('atRisk.BEHIND_PACE.meetings', {
            ...values,
            meetings: p.confirmedMeetings ?? null,
            minMeetings: p.minMeetings,
            expectedMeetings: p.expectedMeetings ?? null,
          })
        : say('atRisk.BEHIND_PACE', values);
    }
    case 'AGREEMENT_UNSIGNED':
      return say('atRisk.AGREEMENT_UNSIGNED', { days: p.days ?? null, date: day(p.startedOn) });
    case 'LOW_PULSE': {
      const answers = p.answers ?? [];
      if (!answers.length) return null;
      const each = answers.map((a) =>
        say('atRisk.LOW_PULSE', { role: a.role, score: a.score, date: day(a.answeredOn) }),
      );
      return each.includes(null) ? null : each.join(' ');
    }
    case 'PULSE_UNANSWERED': {
      const waiting = p.waitingFor ?? [];
      if (!waiting.length) return null;
      return say('atRisk.PULSE_UNANSWERED', {
        date: day(p.askedOn),
        days: p.days ?? null,
        waiting: waiting.length === 1 ? waiting[0]! : 'BOTH',
      });
    }
    default:
      return null;
  }
}

/** Each reason of the event, in order, in the reader's language. */
export function atRiskReasons(language: Language, event: AtRiskPayload): string[] {
  const details = event.details ?? event.reasons.map((code) => ({ code, params: undefined }));
  return details.map(
    (d) => (d.params && reasonOf(language, d.code, d.params)) || message(language, 'atRisk.flag', { code: d.code }),
  );
}

/** The reasons as the list of a notification's body: one line each. */
export const atRiskReasonList = (language: Language, event: AtRiskPayload): string =>
  atRiskReasons(language, event)
    .map((r) => `• ${r}`)
    .join('\n');
