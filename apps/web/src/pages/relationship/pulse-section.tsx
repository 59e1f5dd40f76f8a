/**
 * The coach's pulse check-in, at the top of the relationship: the newest pulse asks its question with a 1–5 choice
 * and a note until this partner answered; then it says what they answered and whether the other partner has (never
 * the other's answer: only the coach reads both).
 */
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Field, FormErrors, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../../i18n/locale';
import { enumKey, outcomeErrors } from '../../ui';
import type { Relationship } from './relationship-query';

const SCORES = [1, 2, 3, 4, 5] as const;

const AnswerPulseMutation = graphql(`
  mutation WebAnswerPulse($pulseId: ID!, $input: PulseAnswerInput!) {
    answerPulse(pulseId: $pulseId, input: $input) {
      pulse {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export function PulseCard({ r, me, onChange }: { r: Relationship; me: string; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, answer] = useMutation(AnswerPulseMutation);
  const [score, setScore] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const pulse = r.pulses?.[0];
  if (!pulse) return null;
  const mine = pulse.answers.find((a) => a.respondent.id === me);
  if (!pulse.open && !mine) return null;
  const otherAnswered = r.viewerRole === 'MENTOR' ? pulse.menteeAnswered : pulse.mentorAnswered;
  const partner = r.viewerRole === 'MENTOR' ? r.mentee : r.mentor;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!score) {
      setErrors([{ field: 'input.score', code: 'REQUIRED', message: t('pulse.chooseScore') }]);
      return;
    }
    const res = await answer({ pulseId: pulse!.id, input: { score, note: note.trim() || null } });
    const errs = outcomeErrors(res, res.data?.answerPulse.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onChange();
  }

  return (
    <section id="pulse" className="card pulse" aria-labelledby="pulse-title" tabIndex={-1}>
      <h2 id="pulse-title">{t('pulse.title')}</h2>
      <p className="muted">
        {t('pulse.askedBy', { name: pulse.askedBy.displayName ?? '', date: formatDate(pulse.askedAt) })}
      </p>
      {mine ? (
        <>
          <p className="pulse-question">{pulse.question}</p>
          <p role="status">
            <strong>
              {t('pulse.answered', { score: mine.score, label: t(enumKey('pulse.score', String(mine.score))) })}
            </strong>
          </p>
          {mine.note ? <blockquote>{mine.note}</blockquote> : null}
          <p className="muted">
            {t(otherAnswered ? 'pulse.otherAnswered' : 'pulse.otherWaiting', { name: partner.displayName ?? '' })}
          </p>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormErrors messages={errors.map((e) => e.message)} />
          <fieldset className="rating pulse-scale">
            <legend className="pulse-question">{pulse.question}</legend>
            <div className="rating-options">
              {SCORES.map((n) => (
                <label key={n}>
                  <input type="radio" name="pulse-score" value={n} checked={score === n} onChange={() => setScore(n)} />
                  <span>
                    {n} · {t(enumKey('pulse.score', String(n)))}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <Field id="pulse-note" label={t('pulse.note')}>
            <textarea id="pulse-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <p className="muted">{t('pulse.privacy', { name: partner.displayName ?? '' })}</p>
          <div className="actions">
            <button type="submit" className="primary">
              {t('pulse.send')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
