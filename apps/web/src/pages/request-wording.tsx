/**
 * A request's message: the mentee rewords it while it is pending; the mentor (and the mentee) see each earlier
 * wording with when it was replaced, so nobody answers a request that changed under them without knowing.
 */
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../i18n/locale';
import { outcomeErrors } from '../ui';

const EditMutation = graphql(`
  mutation WebEditRequest($requestId: ID!, $message: String!) {
    editMentoringRequest(requestId: $requestId, message: $message) {
      request {
        id
        message
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

interface Wording {
  id: string;
  status: string;
  message: string;
  edits?: ReadonlyArray<{ previousMessage: string; editedAt: string }> | null;
}

export function RequestWording({
  request: r,
  side,
  onChange,
}: {
  request: Wording;
  side: 'MENTOR' | 'MENTEE';
  onChange: () => void;
}) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, edit] = useMutation(EditMutation);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState(r.message);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const edits = r.edits ?? [];
  const id = `request-${r.id}-wording`;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await edit({ requestId: r.id, message });
    const errs = outcomeErrors(res, res.data?.editMentoringRequest.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setEditing(false);
      onChange();
    }
  }
  const { byField, other } = fieldErrors(errors, ['message']);
  if (editing)
    return (
      <form onSubmit={submit} noValidate aria-label={t('requests.edit')}>
        <FormErrors messages={other} />
        <Field id={id} label={t('requests.editLabel')} error={byField.message}>
          <textarea
            id={id}
            rows={5}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            aria-invalid={!!byField.message}
            aria-describedby={byField.message ? `${id}-error` : undefined}
          />
        </Field>
        <div className="actions">
          <button type="submit" className="primary">
            {t('requests.editSave')}
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    );
  return (
    <>
      <blockquote className="quote">{r.message}</blockquote>
      {edits.length > 0 && (
        <details className="edits">
          <summary>
            {t('requests.edited', { count: edits.length, date: formatDate(edits[edits.length - 1]!.editedAt, true) })}
          </summary>
          <ol className="plain-list">
            {edits.map((e) => (
              <li key={e.editedAt}>
                <span className="muted">{t('requests.wordingUntil', { date: formatDate(e.editedAt, true) })}</span>
                <blockquote className="quote">{e.previousMessage}</blockquote>
              </li>
            ))}
          </ol>
        </details>
      )}
      {side === 'MENTEE' && r.status === 'PENDING' && (
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              setMessage(r.message);
              setErrors([]);
              setEditing(true);
            }}
          >
            {t('requests.edit')}
          </button>
        </div>
      )}
    </>
  );
}
