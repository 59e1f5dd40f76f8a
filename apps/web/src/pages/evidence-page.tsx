/**
 * Evidence: the person's CPD statement for a period (verified hours, what is still awaiting confirmation, by
 * category and by relationship), its documents to download (the tracking sheet as CSV or PDF, the
 * confirmation letter), the Open Badges credentials issued to them (credentials-section.tsx), and audit tasks: meetings a counterpart is asked to verify (answered here, each
 * meeting confirmed or denied) and the audits the person was selected for.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, type FieldError, DateInput } from '@tandem/ui';
import { graphql, type ResultOf, type VariablesOf } from '@tandem/ui/graphql';
import { useFormatDate, useLocale, useT } from '../i18n/locale';
import { Badge, Page, Query, enumKey, outcomeErrors, saveBlob } from '../ui';
import { CredentialsSection } from './credentials-section';
import { AuditSelectionFields, AuditSelectionItem } from './audit-selection';

const Errors = `errors { field code message }`;

const StatementQuery = graphql(`
  query WebStatement($from: LocalDate!, $to: LocalDate!) {
    me {
      id
      cpdStatement(from: $from, to: $to) {
        from
        to
        verifiedHours
        verifiedMeetings
        pendingMeetings
        byCategory {
          category
          hours
          meetings
        }
        byRelationship {
          relationshipId
          role
          counterpart {
            id
            displayName
          }
          hours
          meetings
          pendingMeetings
        }
      }
    }
  }
`);

const ExportMutation = graphql(`
  mutation WebExport($input: CreateCpdExportInput!) {
    createCpdExport(input: $input) {
      link {
        url
        expiresAt
        format
      }
      ${Errors}
    }
  }
`);

const AuditQuery = graphql(
  `
    query WebAudits {
      myAuditVerificationRequestsConnection(first: 20) {
        edges {
          node {
            selectionId
            dueOn
            closed
            subject {
              id
              displayName
            }
            meetings {
              meetingId
              occurredOn
              hours
              topics
              answer
              note
              answeredAt
            }
          }
        }
      }
      myAuditSelectionsConnection(first: 10) {
        edges {
          node {
            ...WebAuditSelection
          }
        }
      }
    }
  `,
  [AuditSelectionFields],
);
type VerificationRequest = ResultOf<
  typeof AuditQuery
>['myAuditVerificationRequestsConnection']['edges'][number]['node'];

const AnswerMutation = graphql(`
  mutation WebAnswerAudit($input: AnswerAuditVerificationInput!) {
    answerAuditVerification(input: $input) {
      request {
        selectionId
        closed
        meetings {
          meetingId
          answer
          note
          answeredAt
        }
      }
      ${Errors}
    }
  }
`);

type Format = VariablesOf<typeof ExportMutation>['input']['format'];
const FORMATS: readonly Format[] = ['TRACKING_SHEET_CSV', 'TRACKING_SHEET_PDF', 'CONFIRMATION_LETTER_PDF'];

const today = () => new Date().toISOString().slice(0, 10);
const startOfYear = () => `${new Date().getUTCFullYear()}-01-01`;

export function EvidencePage() {
  const t = useT();
  return (
    <Page title={t('evidence.title')} lead={t('evidence.lead')}>
      <nav className="jump" aria-label={t('evidence.sections')}>
        <a href="#statement">{t('evidence.statement')}</a>
        <a href="#credentials">{t('credentials.title')}</a>
        <a href="#audits">{t('evidence.audits')}</a>
      </nav>
      <Statement />
      <CredentialsSection />
      <Audits />
    </Page>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="card" aria-labelledby={`${id}-title`} tabIndex={-1}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function Statement() {
  const t = useT();
  const formatDate = useFormatDate();
  const [from, setFrom] = useState(startOfYear);
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState({ from: startOfYear(), to: today() });
  const [periodError, setPeriodError] = useState<string | undefined>();
  const [result, retry] = useQuery({ query: StatementQuery, variables: period });

  function apply(event: FormEvent) {
    event.preventDefault();
    if (!from || !to || from > to) {
      setPeriodError(t('evidence.periodInvalid'));
      return;
    }
    setPeriodError(undefined);
    setPeriod({ from, to });
  }

  return (
    <Section id="statement" title={t('evidence.statement')}>
      <form onSubmit={apply} noValidate className="period" aria-label={t('evidence.period')}>
        <div className="two">
          <Field id="from" label={t('evidence.from')} error={periodError}>
            <DateInput
              id="from"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              aria-invalid={!!periodError}
              aria-describedby={periodError ? 'from-error' : undefined}
            />
          </Field>
          <Field id="to" label={t('evidence.to')}>
            <DateInput id="to" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </div>
        <button type="submit">{t('evidence.show')}</button>
      </form>
      <Query {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
        {({ me }) => {
          const s = me.cpdStatement;
          if (!s) return <p className="state state-empty">{t('evidence.none')}</p>;
          return (
            <>
              <p className="muted">{t('evidence.periodShown', { from: formatDate(s.from), to: formatDate(s.to) })}</p>
              <dl className="facts">
                <dt>{t('evidence.verifiedHours')}</dt>
                <dd>{t('evidence.hours', { hours: s.verifiedHours })}</dd>
                <dt>{t('evidence.verifiedMeetings')}</dt>
                <dd>{s.verifiedMeetings}</dd>
                <dt>{t('evidence.pendingMeetings')}</dt>
                <dd>{s.pendingMeetings}</dd>
              </dl>
              {s.pendingMeetings > 0 && <p className="hint">{t('evidence.pendingWhy')}</p>}
              {s.byCategory.length > 0 && (
                <>
                  <h3>{t('evidence.byCategory')}</h3>
                  <ul className="plain-list">
                    {s.byCategory.map((c) => (
                      <li key={c.category}>
                        {t('evidence.categoryLine', { category: c.category, hours: c.hours, meetings: c.meetings })}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {s.byRelationship.length > 0 && (
                <>
                  <h3>{t('evidence.byRelationship')}</h3>
                  <ul className="plain-list">
                    {s.byRelationship.map((r) => (
                      <li key={r.relationshipId}>
                        {t('evidence.relationshipLine', {
                          name: r.counterpart?.displayName ?? '—',
                          hours: r.hours,
                          meetings: r.meetings,
                          pending: r.pendingMeetings,
                        })}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <Downloads userId={me.id} from={s.from} to={s.to} />
            </>
          );
        }}
      </Query>
    </Section>
  );
}

/** The file behind an export link, fetched through this app's origin (which forwards /files to the gateway). */
async function saveExport(url: string, fallbackName: string): Promise<string | null> {
  const path = new URL(url, window.location.origin);
  const res = await fetch(path.pathname + path.search);
  if (!res.ok) return null;
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  saveBlob(await res.blob(), name);
  return name;
}

function Downloads({ userId, from, to }: { userId: string; from: string; to: string }) {
  const t = useT();
  const { locale } = useLocale();
  const [, create] = useMutation(ExportMutation);
  const [busy, setBusy] = useState<Format | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState<string | null>(null);

  async function download(format: Format) {
    setBusy(format);
    setSaved(null);
    // the tracking sheet in the app's language (letters stay English for now)
    const res = await create({ input: { userId, format, from, to, language: locale } });
    const errs = outcomeErrors(res, res.data?.createCpdExport.errors, t('state.unreachable'));
    const link = res.data?.createCpdExport.link;
    if (!errs.length && link) {
      const name = await saveExport(link.url, `tandem-${format.toLowerCase()}`).catch(() => null);
      if (name) setSaved(name);
      else errs.push({ field: '', code: 'DOWNLOAD_FAILED', message: t('evidence.downloadFailed') });
    }
    setErrors(errs);
    setBusy(null);
  }

  return (
    <div aria-labelledby="downloads-title">
      <h3 id="downloads-title">{t('evidence.downloads')}</h3>
      <p className="muted">{t('evidence.downloadsLead')}</p>
      <FormErrors messages={errors.map((e) => e.message)} />
      {saved && (
        <p className="state state-success" role="status">
          {t('evidence.saved', { name: saved })}
        </p>
      )}
      <p className="row">
        {FORMATS.map((f) => (
          <button key={f} type="button" onClick={() => void download(f)} disabled={busy !== null}>
            {busy === f ? t('evidence.preparing') : t(enumKey('evidence.format', f))}
          </button>
        ))}
      </p>
    </div>
  );
}

function Audits() {
  const t = useT();
  const [result, retry] = useQuery({ query: AuditQuery });
  const refresh = () => retry({ requestPolicy: 'network-only' });
  return (
    <Section id="audits" title={t('evidence.audits')}>
      <Query {...result} retry={refresh}>
        {({ myAuditVerificationRequestsConnection: asked, myAuditSelectionsConnection: selected }) => {
          const requests = asked.edges.map((e) => e.node);
          const selections = selected.edges.map((e) => e.node);
          if (!requests.length && !selections.length)
            return <p className="state state-empty">{t('evidence.noAudits')}</p>;
          return (
            <>
              {requests.length > 0 && (
                <>
                  <h3>{t('evidence.toVerify')}</h3>
                  <p className="muted">{t('evidence.toVerifyLead')}</p>
                  <ul className="list">
                    {requests.map((r) => (
                      <Verification key={r.selectionId} request={r} onChange={refresh} />
                    ))}
                  </ul>
                </>
              )}
              {selections.length > 0 && (
                <>
                  <h3>{t('evidence.selected')}</h3>
                  <ul className="list">
                    {selections.map((s) => (
                      <AuditSelectionItem key={s.id} selection={s} onChange={refresh} />
                    ))}
                  </ul>
                </>
              )}
            </>
          );
        }}
      </Query>
    </Section>
  );
}

type Answer = 'CONFIRMED' | 'DENIED';

function Verification({ request: r, onChange }: { request: VerificationRequest; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, answer] = useMutation(AnswerMutation);
  const [answers, setAnswers] = useState<Record<string, { answer?: Answer; note: string }>>(() =>
    Object.fromEntries(r.meetings.map((m) => [m.meetingId, { answer: m.answer ?? undefined, note: m.note ?? '' }])),
  );
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const headId = `verification-${r.selectionId}`;
  const answered = r.meetings.every((m) => m.answer);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const missing = r.meetings.filter((m) => !answers[m.meetingId]?.answer);
    const denied = r.meetings.filter(
      (m) => answers[m.meetingId]?.answer === 'DENIED' && !answers[m.meetingId].note.trim(),
    );
    if (missing.length || denied.length) {
      setErrors([
        ...missing.map((m) => ({
          field: `answer-${m.meetingId}`,
          code: 'REQUIRED',
          message: t('evidence.answerRequired', { date: formatDate(m.occurredOn) }),
        })),
        ...denied.map((m) => ({
          field: `note-${m.meetingId}`,
          code: 'REQUIRED',
          message: t('evidence.noteRequired', { date: formatDate(m.occurredOn) }),
        })),
      ]);
      return;
    }
    setBusy(true);
    const res = await answer({
      input: {
        selectionId: r.selectionId,
        answers: r.meetings.map((m) => ({
          meetingId: m.meetingId,
          answer: answers[m.meetingId].answer!,
          note: answers[m.meetingId].note.trim() || null,
        })),
      },
    });
    const errs = outcomeErrors(res, res.data?.answerAuditVerification.errors, t('state.unreachable'));
    setErrors(errs);
    setBusy(false);
    if (!errs.length) {
      setSaved(true);
      onChange();
    }
  }

  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <li className="item" aria-labelledby={headId}>
      <div className="result-head">
        <h4 id={headId}>{t('evidence.verifyFor', { name: r.subject.displayName ?? '—' })}</h4>
        {r.closed ? (
          <Badge tone="completed">{t('evidence.closed')}</Badge>
        ) : answered ? (
          <Badge tone="good">{t('evidence.answered')}</Badge>
        ) : (
          <Badge tone="warn">{t('evidence.dueBy', { date: formatDate(r.dueOn) })}</Badge>
        )}
      </div>
      <p className="muted">{t('evidence.verifyLead', { name: r.subject.displayName ?? '—' })}</p>
      <form onSubmit={submit} noValidate>
        <FormErrors messages={errors.filter((e) => !e.field.match(/^(answer|note)-/)).map((e) => e.message)} />
        {saved && (
          <p className="state state-success" role="status">
            {t('evidence.thanks')}
          </p>
        )}
        {r.meetings.map((m) => {
          const a = answers[m.meetingId];
          const set = (patch: Partial<{ answer: Answer; note: string }>) =>
            setAnswers((x) => ({ ...x, [m.meetingId]: { ...x[m.meetingId], ...patch } }));
          const answerError = errorOf(`answer-${m.meetingId}`);
          const noteError = errorOf(`note-${m.meetingId}`);
          const legendId = `m-${m.meetingId}`;
          return (
            <fieldset
              key={m.meetingId}
              className="choices"
              disabled={r.closed}
              aria-describedby={answerError ? `${legendId}-error` : undefined}
            >
              <legend id={legendId}>
                {t('evidence.meetingLine', { date: formatDate(m.occurredOn), hours: m.hours })}
              </legend>
              {m.topics.length > 0 && <p className="muted">{t('evidence.topics', { topics: m.topics.join(', ') })}</p>}
              <div className="row">
                {(['CONFIRMED', 'DENIED'] as const).map((value) => (
                  <label key={value} className="choice">
                    <input
                      type="radio"
                      name={`answer-${m.meetingId}`}
                      value={value}
                      checked={a?.answer === value}
                      onChange={() => set({ answer: value })}
                    />{' '}
                    <span>{t(enumKey('evidence.answer', value))}</span>
                  </label>
                ))}
              </div>
              {answerError && (
                <span className="field-error" id={`${legendId}-error`} role="alert">
                  {answerError}
                </span>
              )}
              <Field id={`note-${m.meetingId}`} label={t('evidence.note')} error={noteError}>
                <textarea
                  id={`note-${m.meetingId}`}
                  rows={2}
                  value={a?.note ?? ''}
                  onChange={(e) => set({ note: e.target.value })}
                  aria-invalid={!!noteError}
                  aria-describedby={noteError ? `note-${m.meetingId}-error` : undefined}
                />
              </Field>
            </fieldset>
          );
        })}
        {!r.closed && (
          <button type="submit" className="primary" disabled={busy}>
            {answered ? t('evidence.updateAnswers') : t('evidence.sendAnswers')}
          </button>
        )}
      </form>
    </li>
  );
}
