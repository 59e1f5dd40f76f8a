/** A mentor pauses taking new requests until a date (holidays, a busy season) and resumes when they like. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, fieldErrors, type FieldError, DateInput } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../i18n/locale';
import { outcomeErrors } from '../ui';

const AvailabilityQuery = graphql(`
  query WebAvailability {
    me {
      id
      activeMentees
      mentorProfile {
        capacity
        pausedUntil
      }
    }
  }
`);
const E = `errors { field code message }`;
const PauseMutation = graphql(`
  mutation WebPause($until: LocalDate!) {
    pauseMentorAvailability(until: $until) {
      ${E}
    }
  }
`);
const ResumeMutation = graphql(`
  mutation WebResume {
    resumeMentorAvailability {
      ${E}
    }
  }
`);

export function MentorAvailability() {
  const t = useT();
  const formatDate = useFormatDate();
  const [result, retry] = useQuery({ query: AvailabilityQuery });
  const [, pause] = useMutation(PauseMutation);
  const [, resume] = useMutation(ResumeMutation);
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const me = result.data?.me;
  const profile = me?.mentorProfile;
  if (!me || !profile) return null;
  const refresh = () => retry({ requestPolicy: 'network-only' });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await pause({ until });
    const errs = outcomeErrors(res, res.data?.pauseMentorAvailability.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) refresh();
  }
  async function resumeNow() {
    const res = await resume({});
    const errs = outcomeErrors(res, res.data?.resumeMentorAvailability.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) refresh();
  }
  const { byField, other } = fieldErrors(errors, ['until']);
  return (
    <section className="card" id="availability" aria-labelledby="availability-title" tabIndex={-1}>
      <h2 id="availability-title">{t('availability.title')}</h2>
      <p>{t('availability.load', { active: me.activeMentees ?? 0, capacity: profile.capacity })}</p>
      <FormErrors messages={other} />
      {profile.pausedUntil ? (
        <>
          <p className="state state-info" role="status">
            {t('availability.paused', { date: formatDate(profile.pausedUntil) })}
          </p>
          <button type="button" className="primary" onClick={() => void resumeNow()}>
            {t('availability.resume')}
          </button>
        </>
      ) : (
        <form onSubmit={submit} noValidate aria-label={t('availability.pause')}>
          <p className="muted">{t('availability.pauseHint')}</p>
          <Field id="pause-until" label={t('availability.until')} error={byField.until}>
            <DateInput id="pause-until" value={until} onChange={(e) => setUntil(e.target.value)} />
          </Field>
          <button type="submit" disabled={!until}>
            {t('availability.pause')}
          </button>
        </form>
      )}
    </section>
  );
}
