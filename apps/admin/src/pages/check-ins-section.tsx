/** Coach check-ins of a relationship (newest first) and the form to record one. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@tandem/ui/graphql';
import { Empty, Field, FormErrors, QueryState, fieldErrors, formatDate, type FieldError } from '@tandem/ui';

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
          message: res.error?.graphQLErrors[0]?.message ?? 'The check-in could not be saved.',
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
      <h2>Coach check-ins</h2>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) =>
          !data.relationship.checkIns ? (
            <Empty>Check-ins are visible to the organisation's coach and admins only.</Empty>
          ) : data.relationship.checkIns.length === 0 ? (
            <Empty>No check-ins recorded yet.</Empty>
          ) : (
            <ul className="check-ins">
              {data.relationship.checkIns.map((c) => (
                <li key={c.id} className="card">
                  <strong>{formatDate(c.heldOn)}</strong>{' '}
                  <span className="muted">by {c.coach.displayName ?? 'a coach'}</span>
                  <p>{c.notes}</p>
                  {c.followUp && (
                    <p className="muted">
                      Follow-up: {c.followUp}
                      {c.followUpOn ? ` (by ${formatDate(c.followUpOn)})` : ''}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <form className="card" onSubmit={submit} noValidate aria-labelledby="record-check-in">
        <h3 id="record-check-in">Record a check-in</h3>
        {saved && (
          <p className="state state-success" role="status">
            Check-in recorded.
          </p>
        )}
        <FormErrors messages={other} />
        <div className="filters">
          <Field id="ci-held-on" label="Held on" error={byField.heldOn}>
            <input
              id="ci-held-on"
              type="date"
              value={heldOn}
              onChange={(e) => setHeldOn(e.target.value)}
              aria-invalid={!!byField.heldOn}
            />
          </Field>
          <Field id="ci-follow-up-on" label="Follow up by (optional)" error={byField.followUpOn}>
            <input
              id="ci-follow-up-on"
              type="date"
              value={followUpOn}
              onChange={(e) => setFollowUpOn(e.target.value)}
              aria-invalid={!!byField.followUpOn}
            />
          </Field>
        </div>
        <Field id="ci-notes" label="Notes" error={byField.notes}>
          <textarea
            id="ci-notes"
            rows={3}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            aria-invalid={!!byField.notes}
          />
        </Field>
        <Field id="ci-follow-up" label="Follow-up (optional)" error={byField.followUp}>
          <input
            id="ci-follow-up"
            value={followUp}
            onChange={(e) => setFollowUp(e.target.value)}
            aria-invalid={!!byField.followUp}
          />
        </Field>
        <button type="submit" className="primary" disabled={state.fetching}>
          Record check-in
        </button>
      </form>
    </>
  );
}
