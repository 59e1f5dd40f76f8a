/**
 * One audit the person was selected for, on the Evidence page: what is asked and by when, the supporting
 * documents (upload with progress, list, download, remove until the answer is sent), the answer itself, and once
 * decided the outcome with the meetings a counterpart did not confirm and the reason they gave.
 */
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Field, FormErrors, saveSessionFile, useAuth, type FieldError } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../i18n/locale';
import type { MessageId } from '../i18n/en';
import { Badge, enumKey, outcomeErrors } from '../ui';

/** The fields of a selection this component reads (spread into the Evidence page's query). */
export const AuditSelectionFields = graphql(`
  fragment WebAuditSelection on AuditSelection @_unmask {
    id
    dueOn
    claimedHours
    outcome
    verifiedHours
    reviewerNotes
    memberAnswer
    answeredAt
    documents {
      id
      filename
      mediaType
      sizeBytes
      uploadedAt
      downloadPath
    }
    meetings {
      meetingId
      occurredOn
      hours
      answer
      note
      verifier {
        id
        displayName
      }
    }
  }
`);
type Selection = ResultOf<typeof AuditSelectionFields>;
type Document = NonNullable<Selection['documents']>[number];

const RemoveMutation = graphql(`
  mutation WebRemoveAuditDocument($id: ID!) {
    removeAuditDocument(documentId: $id) {
      selection {
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

const AnswerMutation = graphql(`
  mutation WebSubmitAuditAnswer($input: SubmitAuditAnswerInput!) {
    submitAuditAnswer(input: $input) {
      selection {
        id
        memberAnswer
        answeredAt
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

/** The largest file the platform takes (AUDIT_DOCUMENT_LIMITS in @tandem/contracts): checked here before sending. */
const MAX_BYTES = 10 * 1024 * 1024;
const ERROR_CODES = [
  'EMPTY',
  'TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'TOO_MANY_DOCUMENTS',
  'TOTAL_TOO_LARGE',
  'ANSWER_SUBMITTED',
  'AUDIT_CLOSED',
  'CHECKSUM_MISMATCH',
];
const errorKey = (code: string): MessageId =>
  ERROR_CODES.includes(code) ? enumKey('auditDocs.error', code) : 'auditDocs.error.other';

/** Sends a file with XMLHttpRequest (fetch reports no upload progress); the answer's status and JSON. */
function sendFile(
  url: string,
  token: string | null,
  file: File,
  onProgress: (percent: number) => void,
): Promise<{ status: number; errors: Array<{ code: string }> }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('x-filename', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let errors: Array<{ code: string }> = [];
      try {
        errors = (JSON.parse(xhr.responseText) as { errors?: Array<{ code: string }> }).errors ?? [];
      } catch {
        errors = xhr.status >= 400 ? [{ code: 'other' }] : [];
      }
      resolve({ status: xhr.status, errors: xhr.status >= 400 && !errors.length ? [{ code: 'other' }] : errors });
    };
    xhr.onerror = () => resolve({ status: 0, errors: [{ code: 'other' }] });
    xhr.send(file);
  });
}

export function AuditSelectionItem({ selection: s, onChange }: { selection: Selection; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const denied = s.meetings.filter((m) => m.answer === 'DENIED');
  const open = !s.outcome && !s.answeredAt;
  const headId = `selection-${s.id}-title`;
  return (
    <li className="item" id={`selection-${s.id}`} aria-labelledby={headId}>
      <div className="result-head">
        <h4 id={headId}>{t('auditDocs.deadline', { date: formatDate(s.dueOn) })}</h4>
        {s.outcome ? (
          <Badge tone={s.outcome}>{t(enumKey('audit.outcome', s.outcome))}</Badge>
        ) : (
          <Badge tone="warn">{t('evidence.inProgress')}</Badge>
        )}
      </div>
      <p>{t('evidence.selectedLead', { hours: s.claimedHours, date: formatDate(s.dueOn) })}</p>
      {!s.outcome && <p className="muted">{t('auditDocs.asked', { date: formatDate(s.dueOn) })}</p>}
      {s.verifiedHours != null && <p>{t('evidence.verifiedResult', { hours: s.verifiedHours })}</p>}
      {s.reviewerNotes && <p className="quote">{s.reviewerNotes}</p>}
      {s.outcome && denied.length > 0 && (
        <>
          <h5>{t('auditDocs.denied')}</h5>
          <ul className="plain-list">
            {denied.map((m) => (
              <li key={m.meetingId}>
                {t('auditDocs.deniedLine', {
                  date: formatDate(m.occurredOn),
                  hours: m.hours,
                  name: m.verifier.displayName ?? '—',
                })}
                <br />
                <span className="muted">
                  {m.note ? t('auditDocs.deniedReason', { reason: m.note }) : t('auditDocs.noReason')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <ul className="plain-list">
        {s.meetings.map((m) => (
          <li key={m.meetingId}>
            {t('evidence.checkLine', {
              date: formatDate(m.occurredOn),
              hours: m.hours,
              name: m.verifier.displayName ?? '—',
              answer: t(enumKey('audit.answer', m.answer ?? 'NONE')),
            })}
          </li>
        ))}
      </ul>
      <Documents selection={s} open={open} onChange={onChange} />
      <Answer selection={s} open={open} onChange={onChange} />
    </li>
  );
}

function Documents({ selection: s, open, onChange }: { selection: Selection; open: boolean; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const { store } = useAuth();
  const [, remove] = useMutation(RemoveMutation);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const inputId = `upload-${s.id}`;
  const docs = s.documents ?? [];

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setStatus(null);
    if (file.size > MAX_BYTES || file.size === 0) {
      setErrors([t(errorKey(file.size ? 'TOO_LARGE' : 'EMPTY'))]);
      return;
    }
    setErrors([]);
    setProgress({ name: file.name, percent: 0 });
    const res = await sendFile(
      `/files/audit-documents/selections/${s.id}`,
      await store.accessToken(),
      file,
      (percent) => setProgress({ name: file.name, percent }),
    );
    setProgress(null);
    if (res.status === 201) {
      setStatus(t('auditDocs.uploaded', { name: file.name }));
      onChange();
    } else setErrors(res.errors.map((e) => t(errorKey(e.code))));
  }

  async function download(d: Document) {
    setErrors([]);
    const failed = await saveSessionFile(d.downloadPath, await store.accessToken(), d.filename);
    if (failed) setErrors([t(errorKey(failed))]);
  }

  async function removeOne(d: Document) {
    setStatus(null);
    const res = await remove({ id: d.id });
    const errs = outcomeErrors(res, res.data?.removeAuditDocument.errors, t('state.unreachable'));
    if (errs.length) setErrors(errs.map((e) => (e.code ? t(errorKey(e.code)) : e.message)));
    else {
      setErrors([]);
      setStatus(t('auditDocs.removed', { name: d.filename }));
      onChange();
    }
  }

  return (
    <div className="documents">
      <h5>{t('auditDocs.documents')}</h5>
      <FormErrors messages={errors} />
      {status && (
        <p className="state state-success" role="status">
          {status}
        </p>
      )}
      {docs.length === 0 ? (
        <p className="muted">{t('auditDocs.none')}</p>
      ) : (
        <ul className="plain-list">
          {docs.map((d) => (
            <li key={d.id} className="row">
              <span>
                {d.filename} · {t('auditDocs.size', { kb: Math.max(1, Math.round(d.sizeBytes / 1024)) })} ·{' '}
                {formatDate(String(d.uploadedAt).slice(0, 10))}
              </span>
              <button
                type="button"
                onClick={() => void download(d)}
                aria-label={t('auditDocs.downloadNamed', { name: d.filename })}
              >
                {t('auditDocs.download')}
              </button>
              {open && (
                <button
                  type="button"
                  onClick={() => void removeOne(d)}
                  aria-label={t('auditDocs.removeNamed', { name: d.filename })}
                >
                  {t('auditDocs.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <div className="field">
          <label htmlFor={inputId}>{t('auditDocs.choose')}</label>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept="application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp"
            onChange={(e) => void upload(e)}
            disabled={progress !== null}
            aria-describedby={`${inputId}-hint`}
          />
          <small className="hint" id={`${inputId}-hint`}>
            {t('auditDocs.limits')}
          </small>
          {progress && (
            <p role="status">
              <progress max={100} value={progress.percent} aria-label={progress.name} />{' '}
              {t('auditDocs.uploading', { name: progress.name, percent: progress.percent })}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function Answer({ selection: s, open, onChange }: { selection: Selection; open: boolean; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, submit] = useMutation(AnswerMutation);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const id = `answer-${s.id}`;

  if (s.memberAnswer)
    return (
      <div>
        <h5>{t('auditDocs.sent', { date: formatDate(String(s.answeredAt).slice(0, 10)) })}</h5>
        <p className="quote">{s.memberAnswer}</p>
      </div>
    );
  if (!open) return null;

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setErrors([{ field: 'input.answer', code: 'REQUIRED', message: t('auditDocs.answerRequired') }]);
      return;
    }
    setBusy(true);
    const res = await submit({ input: { selectionId: s.id, answer: text } });
    const errs = outcomeErrors(res, res.data?.submitAuditAnswer.errors, t('state.unreachable'));
    setBusy(false);
    setErrors(errs);
    if (!errs.length) onChange();
  }

  const fieldError = errors.find((e) => e.field === 'input.answer')?.message;
  return (
    <form onSubmit={send} noValidate>
      <FormErrors messages={errors.filter((e) => e.field !== 'input.answer').map((e) => e.message)} />
      <Field id={id} label={t('auditDocs.answer')} hint={t('auditDocs.answerHint')} error={fieldError}>
        <textarea
          id={id}
          rows={4}
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={!!fieldError}
          aria-describedby={fieldError ? `${id}-error` : undefined}
        />
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        {t('auditDocs.send')}
      </button>
    </form>
  );
}
