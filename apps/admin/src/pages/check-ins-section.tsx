/** Coach check-ins of a relationship (newest first) and the form to record one. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@tandem/ui/graphql';
import { Empty, Field, FormErrors, QueryState, fieldErrors, type FieldError, DateInput } from '@tandem/ui';
import { formatDate, useT } from '../i18n/locale';

const CheckInsQuery = graphql(`
  query RelationshipCheckIns($id: ID!) {
    relationship(id: $id) {
      id
      checkIns {
        id
        heldOn
        notes
        followUp
        followUpOn
        coach {
          id
          displayName
        }
      }
    }
  }
`);

const RecordCheckInMutation = graphql(`
  mutation RecordCheckIn($relationshipId: ID!, $input: CheckInInput!) {
    recordCheckIn(relationshipId: $relationshipId, input: $input) {
      checkIn {
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

const today = () => new Date().toISOString().slice(0, 10);

export function CheckInsSection({ relationshipId }: { relationshipId: string }) {
  const t = useT();
  const [result, reexecute] = useQuery({ query: CheckInsQuery, variables: { id: relationshipId } });
  const [state, record] = useMutation(RecordCheckInMutation);
  const [heldOn, setHeldOn] = useState(today);
  const [notes, setNotes] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const res = await record({
      relationshipId,
      input: { heldOn, notes, followUp: followUp || null, followUpOn: followUpOn || null },
    });
    const out = res.data?.recordCheckIn;
    if (!out)
      return setErrors([
        {
          field: '',
          code: 'ERROR',
          message: res.error?.graphQLErrors[0]?.message ?? t('checkIns.failed'),
        },
      ]);
    setErrors([...out.errors]);
    if (!out.errors.length) {
      setNotes('');
      setFollowUp('');
      setFollowUpOn('');
      setSaved(true);
      reexecute({ requestPolicy: 'network-only' });
    }
  }

  const { byField, other } = fieldErrors(errors, ['heldOn', 'notes', 'followUp', 'followUpOn']);
  return (
    <>
      <h2 id="check-ins">{t('checkIns.title')}</h2>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) =>
          !data.relationship.checkIns ? (
            <Empty>{t('checkIns.hidden')}</Empty>
          ) : data.relationship.checkIns.length === 0 ? (
            <Empty>{t('checkIns.none')}</Empty>
          ) : (
            <ul className="check-ins">
              {data.relationship.checkIns.map((c) => (
                <li key={c.id} className="card">
                  <strong>{formatDate(c.heldOn)}</strong>{' '}
                  <span className="muted">
                    {t('checkIns.by', { name: c.coach.displayName ?? t('agreement.aCoach') })}
                  </span>
                  <p>{c.notes}</p>
                  {c.followUp && (
                    <p className="muted">
                      {t('checkIns.followUpLine', { followUp: c.followUp })}
                      {c.followUpOn ? ` ${t('checkIns.byDate', { date: formatDate(c.followUpOn) })}` : ''}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <form className="card" onSubmit={submit} noValidate aria-labelledby="record-check-in">
        <h3 id="record-check-in">{t('checkIns.record')}</h3>
        {saved && (
          <p className="state state-success" role="status">
            {t('checkIns.recorded')}
          </p>
        )}
        <FormErrors messages={other} />
        <div className="filters">
          <Field id="ci-held-on" label={t('checkIns.heldOn')} error={byField.heldOn}>
            <DateInput
              id="ci-held-on"
              value={heldOn}
              onChange={(e) => setHeldOn(e.target.value)}
              aria-invalid={!!byField.heldOn}
            />
          </Field>
          <Field id="ci-follow-up-on" label={t('checkIns.followUpOn')} error={byField.followUpOn}>
            <DateInput
              id="ci-follow-up-on"
              value={followUpOn}
              onChange={(e) => setFollowUpOn(e.target.value)}
              aria-invalid={!!byField.followUpOn}
            />
          </Field>
        </div>
        <Field id="ci-notes" label={t('checkIns.notes')} error={byField.notes}>
          <textarea
            id="ci-notes"
            rows={3}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            aria-invalid={!!byField.notes}
          />
        </Field>
        <Field id="ci-follow-up" label={t('checkIns.followUp')} error={byField.followUp}>
          <input
            id="ci-follow-up"
            value={followUp}
            onChange={(e) => setFollowUp(e.target.value)}
            aria-invalid={!!byField.followUp}
          />
        </Field>
        <button type="submit" className="primary" disabled={state.fetching}>
          {t('checkIns.submit')}
        </button>
      </form>
    </>
  );
}
