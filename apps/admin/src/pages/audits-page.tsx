/**
 * Audits: open a cycle, follow each selection's evidence and counterpart verifications, record the
 * outcome, and download tracking sheets and confirmation letters through short-lived signed links.
 */
import { useState, type FormEvent } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Empty, Field, FormErrors, QueryState, fieldErrors, nodesOf, type FieldError } from '@tandem/ui';
import { formatDate, formatNumber, useT, type MessageId } from '../i18n/locale';
import { Badge } from '../status-badge';
import { OpenAuditForm, useAuditScopes } from './audit-open-form';
import { SelectionProof } from './audit-proof';
import { AuditMemberEvidence } from './audit-member-evidence';

const AuditsQuery = graphql(`
  query Audits($first: Int!) {
    auditsConnection(first: $first) {
      edges {
        node {
          id
          from
          to
          sampleRate
          seed
          seedCommitment
          programmeId
          organizationId
          strategy
          population
          dueOn
          openedAt
          openedBy {
            id
            displayName
          }
          selectionsConnection(first: 50) {
            totalCount
            edges {
              node {
                id
                outcome
              }
            }
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

const AuditQuery = graphql(`
  query Audit($id: ID!) {
    audit(id: $id) {
      id
      from
      to
      sampleRate
      seed
      seedCommitment
      programmeId
      organizationId
      strategy
      population
      dueOn
      openedAt
      openedBy {
        id
        displayName
      }
      selectionsConnection(first: 50) {
        totalCount
        edges {
          node {
            id
            riskScore
            claimedHours
            dueOn
            outcome
            verifiedHours
            reviewerNotes
            decidedAt
            programmeId
            memberAnswer
            answeredAt
            documents {
              id
              filename
              sizeBytes
              uploadedAt
              downloadPath
            }
            person {
              id
              displayName
            }
            reviewer {
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
              verifier {
                id
                displayName
              }
            }
          }
        }
      }
    }
  }
`);

const RecordOutcomeMutation = graphql(`
  mutation RecordAuditOutcome($input: RecordAuditOutcomeInput!) {
    recordAuditOutcome(input: $input) {
      selection {
        id
        outcome
        verifiedHours
        reviewerNotes
        decidedAt
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const ExportMutation = graphql(`
  mutation AuditExport($input: CreateCpdExportInput!) {
    createCpdExport(input: $input) {
      link {
        url
        expiresAt
        format
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type Audit = ResultOf<typeof AuditQuery>['audit'];
type Selection = Audit['selectionsConnection']['edges'][number]['node'];
const PAGE = 20;

export function AuditsPage() {
  return (
    <Routes>
      <Route index element={<AuditList />} />
      <Route path=":id" element={<AuditDetail />} />
    </Routes>
  );
}

function AuditList() {
  const scopes = useAuditScopes();
  const [first, setFirst] = useState(PAGE);
  const t = useT();
  const [result, reexecute] = useQuery({ query: AuditsQuery, variables: { first } });
  return (
    <section>
      <h1>{t('nav.audits')}</h1>
      <OpenAuditForm />
      <h2>{t('audit.cycles')}</h2>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) =>
          data.auditsConnection.edges.length === 0 ? (
            <Empty>{t('audit.none')}</Empty>
          ) : (
            <>
              <div className="table-scroll" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('audit.period')}</th>
                      <th scope="col">{t('audit.scope')}</th>
                      <th scope="col">{t('audit.sampling')}</th>
                      <th scope="col">{t('audit.selected')}</th>
                      <th scope="col">{t('audit.decided')}</th>
                      <th scope="col">{t('rel.due')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {nodesOf(data.auditsConnection).map((a) => (
                      <tr key={a.id}>
                        <td>
                          <Link to={`/audits/${a.id}`}>
                            {formatDate(a.from)} – {formatDate(a.to)}
                          </Link>
                          <div className="muted">
                            {t('audit.openedBy', {
                              date: formatDate(a.openedAt),
                              name: a.openedBy.displayName ?? t('audit.anAuditor'),
                            })}
                          </div>
                        </td>
                        <td>{scopes.describe(a)}</td>
                        <td>
                          {t('audit.sample', {
                            rate: a.sampleRate,
                            strategy: t(`audit.strategy.${a.strategy}` as MessageId),
                            population: a.population,
                          })}
                          <div className="muted">
                            {t('audit.seedLine', { seed: a.seed, commitment: a.seedCommitment.slice(0, 12) })}
                          </div>
                        </td>
                        <td>{a.selectionsConnection.totalCount}</td>
                        <td>
                          {t('audit.ofTotal', {
                            count: nodesOf(a.selectionsConnection).filter((s) => s.outcome).length,
                            total: a.selectionsConnection.totalCount,
                          })}
                        </td>
                        <td>{formatDate(a.dueOn)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {data.auditsConnection.pageInfo.hasNextPage && first < 100 && (
                <nav className="pager" aria-label={t('pager.pages')}>
                  <button
                    type="button"
                    onClick={() => setFirst((f) => Math.min(100, f + PAGE))}
                    disabled={first >= 100}
                  >
                    {t('audit.more')}
                  </button>
                </nav>
              )}
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function AuditDetail() {
  const scopes = useAuditScopes();
  const { id = '' } = useParams();
  const t = useT();
  const [result, reexecute] = useQuery({ query: AuditQuery, variables: { id } });
  return (
    <section>
      <p>
        <Link to="/audits">{t('audit.back')}</Link>
      </p>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {({ audit }) => (
          <>
            <h1>{t('audit.title', { from: formatDate(audit.from), to: formatDate(audit.to) })}</h1>
            <p className="muted">
              {t('audit.detailLine', {
                rate: audit.sampleRate,
                strategy: t(`audit.strategy.${audit.strategy}` as MessageId),
                population: audit.population,
                seed: audit.seed,
                due: formatDate(audit.dueOn),
                name: audit.openedBy.displayName ?? t('audit.anAuditor'),
              })}
            </p>
            <dl className="audit-commitment">
              <dt>{t('audit.scope')}</dt>
              <dd>{scopes.describe(audit)}</dd>
              <dt>{t('audit.commitment')}</dt>
              <dd>
                <code>{audit.seedCommitment}</code>
              </dd>
            </dl>
            <SelectionProof auditId={audit.id} />
            {audit.selectionsConnection.totalCount === 0 ? (
              <Empty>{t('audit.nobody')}</Empty>
            ) : (
              nodesOf(audit.selectionsConnection).map((s) => (
                <SelectionCard
                  key={s.id}
                  audit={audit}
                  selection={s}
                  onDecided={() => reexecute({ requestPolicy: 'network-only' })}
                />
              ))
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

function SelectionCard({
  audit,
  selection: s,
  onDecided,
}: {
  audit: Audit;
  selection: Selection;
  onDecided: () => void;
}) {
  const t = useT();
  const name = s.person.displayName ?? t('common.participant');
  const answered = s.meetings.filter((m) => m.answer).length;
  return (
    <article className="card" aria-labelledby={`sel-${s.id}`}>
      <div className="row">
        <h2 id={`sel-${s.id}`}>{name}</h2>
        <span>
          {s.outcome ? (
            <Badge status={s.outcome} tone={s.outcome === 'VERIFIED' ? 'good' : 'warn'} />
          ) : (
            <Badge status="awaiting" label={t('audit.awaitingOutcome')} tone="warn" />
          )}
        </span>
      </div>
      <p className="muted">
        {t('audit.selectionLine', {
          hours: s.claimedHours,
          risk: formatNumber(s.riskScore, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
          answered,
          count: s.meetings.length,
          due: formatDate(s.dueOn),
        })}
      </p>
      <Downloads userId={s.person.id} from={audit.from} to={audit.to} name={name} />
      <AuditMemberEvidence name={name} evidence={s} />
      {s.meetings.length === 0 ? (
        <Empty>{t('audit.noMeetings')}</Empty>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('audit.meeting')}</th>
                <th scope="col">{t('audit.hours')}</th>
                <th scope="col">{t('audit.counterpart')}</th>
                <th scope="col">{t('audit.verification')}</th>
              </tr>
            </thead>
            <tbody>
              {s.meetings.map((m) => (
                <tr key={m.meetingId}>
                  <td>
                    {formatDate(m.occurredOn)}
                    <div className="muted">{m.topics.join(', ')}</div>
                  </td>
                  <td>{formatNumber(m.hours)}</td>
                  <td>{m.verifier.displayName ?? '—'}</td>
                  <td>
                    {m.answer ? (
                      <Badge status={m.answer} tone={m.answer === 'CONFIRMED' ? 'good' : 'warn'} />
                    ) : (
                      <span className="muted">{t('audit.notAnswered')}</span>
                    )}
                    {m.note && <div className="muted">{m.note}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {s.outcome ? (
        <p>
          {t('audit.decidedLine', {
            date: formatDate(s.decidedAt),
            name: s.reviewer?.displayName ?? t('audit.system'),
            hours: s.verifiedHours ?? 0,
          })}{' '}
          {s.reviewerNotes}
        </p>
      ) : (
        <OutcomeForm selection={s} name={name} onDecided={onDecided} />
      )}
    </article>
  );
}

function OutcomeForm({ selection, name, onDecided }: { selection: Selection; name: string; onDecided: () => void }) {
  const t = useT();
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [state, record] = useMutation(RecordOutcomeMutation);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await record({
      input: { selectionId: selection.id, notes, outcome: (outcome || null) as 'VERIFIED' | null },
    });
    const out = res.data?.recordAuditOutcome;
    if (!out)
      return setErrors([
        {
          field: '',
          code: 'ERROR',
          message: res.error?.graphQLErrors[0]?.message ?? t('audit.outcomeFailed'),
        },
      ]);
    setErrors([...out.errors]);
    if (out.selection) onDecided();
  }
  const { byField, other } = fieldErrors(errors, ['outcome', 'notes']);
  const id = `o-${selection.id}`;
  return (
    <form onSubmit={submit} noValidate aria-label={t('audit.outcomeFor', { name })}>
      <FormErrors messages={other} />
      <div className="filters">
        <Field id={`${id}-outcome`} label={t('audit.outcome')} error={byField.outcome}>
          <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="">{t('audit.implied')}</option>
            <option value="VERIFIED">{t('audit.outcome.VERIFIED')}</option>
            <option value="PARTIALLY_VERIFIED">{t('audit.outcome.PARTIALLY_VERIFIED')}</option>
            <option value="NOT_VERIFIED">{t('audit.outcome.NOT_VERIFIED')}</option>
            <option value="NO_RESPONSE">{t('audit.outcome.NO_RESPONSE')}</option>
          </select>
        </Field>
      </div>
      <Field id={`${id}-notes`} label={t('audit.notes')} error={byField.notes}>
        <textarea
          id={`${id}-notes`}
          rows={2}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          aria-invalid={!!byField.notes}
        />
      </Field>
      <button type="submit" className="primary" disabled={state.fetching}>
        {t('audit.record', { name })}
      </button>
    </form>
  );
}

const FORMATS = [
  { format: 'TRACKING_SHEET_CSV', label: 'audit.format.TRACKING_SHEET_CSV' },
  { format: 'TRACKING_SHEET_PDF', label: 'audit.format.TRACKING_SHEET_PDF' },
  { format: 'CONFIRMATION_LETTER_PDF', label: 'audit.format.CONFIRMATION_LETTER_PDF' },
] as const;

/** Asks reporting for a 10-minute signed link, then follows it. */
function Downloads({ userId, from, to, name }: { userId: string; from: string; to: string; name: string }) {
  const t = useT();
  const [state, create] = useMutation(ExportMutation);
  const [message, setMessage] = useState<string | null>(null);
  const [link, setLink] = useState<{ url: string; label: string } | null>(null);
  async function download(format: (typeof FORMATS)[number]['format'], label: string) {
    setMessage(null);
    const res = await create({ input: { userId, format, from, to } });
    const out = res.data?.createCpdExport;
    if (!out?.link)
      return setMessage(
        out?.errors.map((e) => e.message).join(' ') ||
          res.error?.graphQLErrors[0]?.message ||
          t('audit.documentFailed'),
      );
    // the link names the gateway; follow it through this app's own origin (which proxies /files)
    const url = new URL(out.link.url, window.location.origin);
    const local = `${url.pathname}${url.search}`;
    setLink({ url: local, label });
    window.location.assign(local);
  }
  return (
    <div className="actions" role="group" aria-label={t('audit.documentsOf', { name })}>
      {FORMATS.map((f) => (
        <button
          key={f.format}
          type="button"
          disabled={state.fetching}
          onClick={() => void download(f.format, t(f.label))}
        >
          {t(f.label)}
        </button>
      ))}
      {link && (
        <a href={link.url} className="muted">
          {t('audit.linkValid', { label: link.label })}
        </a>
      )}
      {message && (
        <span className="field-error" role="alert">
          {message}
        </span>
      )}
    </div>
  );
}
