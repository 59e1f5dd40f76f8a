/**
 * Evidence › Credentials › Ask for a credential: each relationship in which the person has confirmed hours, with
 * what a credential would state. Where no valid credential states those hours yet, they ask their organisation for
 * one (with an optional note); the card then says the request waits, or why it was declined (and they may ask again).
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, type FieldError } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../i18n/locale';
import { enumKey, outcomeErrors } from '../ui';

const OptionsQuery = graphql(`
  query WebCredentialOptions {
    myCredentialOptions {
      relationshipId
      programmeName
      role
      hours
      meetings
      currentCredentialId
      latestRequest {
        id
        resolution
        requestedAt
        resolvedAt
        declineReason
      }
    }
  }
`);
type Option = ResultOf<typeof OptionsQuery>['myCredentialOptions'][number];

const RequestMutation = graphql(`
  mutation WebRequestCredential($input: RequestCredentialInput!) {
    requestCredential(input: $input) {
      request {
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

/** The relationships one may ask a credential for; nothing at all when there are none (no hours yet). */
export function CredentialRequests({ onIssuedChange }: { onIssuedChange?: () => void }) {
  const t = useT();
  const [result, reexecute] = useQuery({ query: OptionsQuery });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const open = (result.data?.myCredentialOptions ?? []).filter((o) => !o.currentCredentialId);
  if (!open.length) return null;
  return (
    <div className="stack">
      <h3 id="credential-requests-title">{t('credentialRequest.title')}</h3>
      <p className="muted">{t('credentialRequest.lead')}</p>
      <ul className="list" aria-labelledby="credential-requests-title">
        {open.map((o) => (
          <OptionItem
            key={o.relationshipId}
            option={o}
            onChange={() => {
              refresh();
              onIssuedChange?.();
            }}
          />
        ))}
      </ul>
    </div>
  );
}

function OptionItem({ option: o, onChange }: { option: Option; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, request] = useMutation(RequestMutation);
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const headId = `credential-option-${o.relationshipId}`;
  const noteId = `${headId}-note`;
  const latest = o.latestRequest;
  const waiting = latest && !latest.resolution;
  const declined = latest?.resolution === 'DECLINED' ? latest : null;

  async function send(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const res = await request({ input: { relationshipId: o.relationshipId, note: note.trim() || null } });
    const errs = outcomeErrors(res, res.data?.requestCredential.errors, t('state.unreachable'));
    setBusy(false);
    setErrors(errs);
    if (!errs.length) {
      setAsking(false);
      setNote('');
      onChange();
    }
  }

  const noteError = errors.find((e) => e.field === 'input.note')?.message;
  return (
    <li className="item" aria-labelledby={headId}>
      <h4 id={headId}>
        {t('credentials.name', { role: t(enumKey('credentials.role', o.role)), programme: o.programmeName ?? '' })}
      </h4>
      <p>{t('credentials.hoursValue', { hours: o.hours, meetings: o.meetings })}</p>
      {waiting ? (
        <p className="state" role="status">
          {t('credentialRequest.waiting', { date: formatDate(String(latest.requestedAt)) })}
        </p>
      ) : (
        <>
          {declined && (
            <p className="quote">
              {t('credentialRequest.declined', {
                date: formatDate(String(declined.resolvedAt)),
                reason: declined.declineReason ?? '',
              })}
            </p>
          )}
          {asking ? (
            <form onSubmit={send} noValidate aria-labelledby={headId}>
              <FormErrors messages={errors.filter((e) => e.field !== 'input.note').map((e) => e.message)} />
              <Field
                id={noteId}
                label={t('credentialRequest.note')}
                hint={t('credentialRequest.noteHint')}
                error={noteError}
              >
                <textarea
                  id={noteId}
                  rows={3}
                  maxLength={1000}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  aria-invalid={!!noteError}
                  aria-describedby={noteError ? `${noteId}-error` : undefined}
                />
              </Field>
              <p className="row">
                <button type="submit" className="primary" disabled={busy}>
                  {t('credentialRequest.send')}
                </button>
                <button type="button" onClick={() => setAsking(false)}>
                  {t('credentialRequest.cancel')}
                </button>
              </p>
            </form>
          ) : (
            <p className="row">
              <button type="button" onClick={() => setAsking(true)}>
                {declined ? t('credentialRequest.askAgain') : t('credentialRequest.ask')}
              </button>
            </p>
          )}
        </>
      )}
    </li>
  );
}
