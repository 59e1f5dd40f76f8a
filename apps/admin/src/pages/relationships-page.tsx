/**
 * Relationships: the coach's list (status, progress against the programme terms, at-risk flags with
 * reasons) and a detail page (agreement, goals, meeting log; never messages or private notes).
 */
import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { useAuth, hasAnyRole, Empty, Field, Pager, QueryState, usePager, nodesOf } from '@tandem/ui';
import { formatDate, formatNumber, useT, type MessageId } from '../i18n/locale';
import { Badge, statusWord, useStatusLabel } from '../status-badge';
import { atRiskReason } from '../at-risk-reason';
import { AtRiskFlagFields } from '../at-risk-flag.fragment';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { AgreementCard } from './agreement-card';
import { CheckInsSection } from './check-ins-section';
import { CredentialsSection } from './credentials-section';
import { CoachThreadSection } from './coach-thread-section';
import { PlannedMeetingsSection } from './planned-meetings-section';
import { PulseSection } from './pulse-section';
import { RelationshipContacts } from './relationship-contacts';
import {
  BulkActions,
  SelectAllShown,
  SelectRow,
  useSelection,
  type BulkAction,
  type Selection,
} from '../bulk/bulk-actions';
import { ExportMenu, fetchAllPages } from '../export/export-menu';
import type { ExportColumn } from '../export/table-export';

/** How the reader's language writes the days and figures of an at-risk reason. */
const REASON_FORMATS = { date: formatDate, number: formatNumber };

const RelationshipListQuery = graphql(
  `
    query RelationshipList(
      $after: String
      $first: Int
      $status: RelationshipStatus
      $atRisk: Boolean
      $organizationId: ID
    ) {
      organizationRelationships(
        after: $after
        first: $first
        status: $status
        atRisk: $atRisk
        organizationId: $organizationId
      ) {
        edges {
          node {
            id
            status
            startedOn
            plannedEndOn
            programmeName
            atRisk
            atRiskFlags {
              ...AtRiskFlagFields
            }
            mentor {
              id
              displayName
            }
            mentee {
              id
              displayName
            }
            terms {
              targetHours
              minMeetings
              hoursOrMeetings
            }
            progress {
              confirmedHours
              confirmedMeetings
              achievedShare
              pace
              termsMet
              daysLeft
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [AtRiskFlagFields],
);

const OrganisationsQuery = graphql(`
  query RelationshipOrganisations {
    organizationsConnection(first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const RelationshipDetailQuery = graphql(
  `
    query RelationshipDetail($id: ID!) {
      relationship(id: $id) {
        id
        status
        startedOn
        plannedEndOn
        endedOn
        programmeName
        withdrawalReason
        atRisk
        atRiskFlags {
          ...AtRiskFlagFields
        }
        mentor {
          id
          displayName
          contact {
            email
            phone
          }
        }
        mentee {
          id
          displayName
          contact {
            email
            phone
          }
        }
        terms {
          targetHours
          durationWeeks
          minMeetings
          hoursOrMeetings
          requireSignedAgreement
        }
        progress {
          confirmedHours
          confirmedMeetings
          notCountingMeetings
          awaitingConfirmation
          termsMet
          daysElapsed
          daysLeft
          expectedHours
          expectedMeetings
          achievedShare
          pace
        }
        completion {
          mentorConfirmedAt
          menteeConfirmedAt
        }
        goalsConnection(first: 50) {
          edges {
            node {
              id
              title
              specific
              measure
              target
              dueOn
              status
              achievedAt
              dropReason
              milestones {
                id
                title
                dueOn
                completedAt
              }
            }
          }
        }
        meetingsConnection(first: 50) {
          edges {
            node {
              id
              occurredOn
              startTime
              durationMinutes
              mode
              topics
              status
              counts
              notCountingReason
              mentorConfirmedAt
              menteeConfirmedAt
              disputeReason
            }
          }
        }
        feedback {
          id
          respondentRole
          comments
          submittedAt
          ratings {
            question
            rating
          }
        }
      }
    }
  `,
  [AtRiskFlagFields],
);

const EndRelationshipsMutation = graphql(`
  mutation EndRelationships($ids: [ID!]!, $reason: String!) {
    endRelationships(ids: $ids, reason: $reason) {
      items {
        id
        errors {
          field
          code
          message
        }
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const MessagePairsMutation = graphql(`
  mutation MessagePairs($ids: [ID!]!, $body: String!) {
    sendCoachThreadMessages(relationshipIds: $ids, body: $body) {
      items {
        relationshipId
        errors {
          field
          code
          message
        }
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type ListRow = ResultOf<typeof RelationshipListQuery>['organizationRelationships']['edges'][number]['node'];
const STATUSES = ['ACTIVE', 'PAUSED', 'COMPLETED', 'WITHDRAWN'] as const;

/** The export's columns: what the list shows, one value per cell, headed in the reader's language. */
const relationshipColumns = (t: ReturnType<typeof useT>): ExportColumn<ListRow>[] => [
  { header: t('col.relationshipId'), value: (r) => r.id },
  { header: t('common.mentee'), value: (r) => r.mentee.displayName },
  { header: t('common.mentor'), value: (r) => r.mentor.displayName },
  { header: t('common.programme'), value: (r) => r.programmeName },
  { header: t('rel.status'), value: (r) => statusWord(t, r.status) },
  { header: t('col.startedOn'), value: (r) => r.startedOn, kind: 'day' },
  { header: t('col.plannedEndOn'), value: (r) => r.plannedEndOn, kind: 'day' },
  { header: t('col.confirmedHours'), value: (r) => r.progress.confirmedHours, kind: 'number' },
  { header: t('col.targetHours'), value: (r) => r.terms.targetHours, kind: 'number' },
  { header: t('col.confirmedMeetings'), value: (r) => r.progress.confirmedMeetings, kind: 'number' },
  { header: t('col.minMeetings'), value: (r) => r.terms.minMeetings, kind: 'number' },
  { header: t('col.pace'), value: (r) => statusWord(t, r.progress.pace) },
  { header: t('col.termsMet'), value: (r) => t(r.progress.termsMet ? 'export.yes' : 'export.no') },
  { header: t('rel.atRisk'), value: (r) => t(r.atRisk ? 'export.yes' : 'export.no') },
  {
    header: t('col.atRiskReasons'),
    value: (r) => r.atRiskFlags.map((f) => atRiskReason(f, t, REASON_FORMATS)).join(' '),
  },
];

export function RelationshipsPage() {
  return (
    <Routes>
      <Route index element={<RelationshipList />} />
      <Route path=":id" element={<RelationshipDetail />} />
    </Routes>
  );
}

function ProgressBar({ share, label }: { share: number; label: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, share)) * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-label={label}
    >
      <span style={{ width: `${pct}%` }} />
    </div>
  );
}

function RelationshipList() {
  const { session } = useAuth();
  // admins and programme admins see every organisation and may narrow to one; a coach sees their own
  const acrossOrganisations = hasAnyRole(session, ['PROGRAMME_ADMIN', 'ADMIN']);
  const pager = usePager();
  const t = useT();
  const statusLabel = useStatusLabel();
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('');
  const [risk, setRisk] = useState<'' | 'true' | 'false'>('');
  const [organizationId, setOrganizationId] = useState('');
  const [organisations] = useQuery({ query: OrganisationsQuery, pause: !acrossOrganisations });
  const client = useClient();
  const selection = useSelection();
  const [, endMany] = useMutation(EndRelationshipsMutation);
  const [, messageMany] = useMutation(MessagePairsMutation);
  const actions: BulkAction[] = [
    {
      label: t('bulk.rel.end'),
      textLabel: t('bulk.rel.endReason'),
      confirm: (n) => t('bulk.rel.endConfirm', { count: n }),
      confirmButton: (n) => t('bulk.rel.endButton', { count: n }),
      done: t('bulk.rel.ended'),
      danger: true,
      run: async (ids, reason) => {
        const res = await endMany({ ids, reason });
        const out = res.data?.endRelationships;
        if (!out) throw new Error(res.error?.graphQLErrors[0]?.message ?? t('bulk.rel.endFailed'));
        return out;
      },
    },
  ];
  // the coach writes in each pair's coach thread (the channel the pair and their coach share; both are notified)
  if (hasAnyRole(session, ['COACH']))
    actions.push({
      label: t('bulk.rel.message'),
      textLabel: t('bulk.rel.messageText'),
      confirm: (n) => t('bulk.rel.messageConfirm', { count: n }),
      confirmButton: (n) => t('bulk.rel.messageButton', { count: n }),
      done: t('bulk.rel.sent'),
      templates: (['logMeetings', 'signAgreement', 'planNext', 'checkIn'] as const).map((k) => ({
        label: t(`bulk.rel.template.${k}`),
        text: t(`bulk.rel.template.${k}.text`),
      })),
      run: async (ids, body) => {
        const res = await messageMany({ ids, body });
        const out = res.data?.sendCoachThreadMessages;
        if (!out) throw new Error(res.error?.graphQLErrors[0]?.message ?? t('bulk.rel.messageFailed'));
        return { errors: out.errors, items: out.items.map((i) => ({ id: i.relationshipId, errors: i.errors })) };
      },
    });
  const filter = {
    status: status || null,
    atRisk: risk === '' ? null : risk === 'true',
    organizationId: organizationId || null,
  };
  const [result, reexecute] = useQuery({
    query: RelationshipListQuery,
    variables: { after: pager.after, first: 20, ...filter },
  });
  return (
    <section>
      <h1>{t('nav.relationships')}</h1>
      <div className="filters">
        <Field id="rel-status" label={t('rel.status')}>
          <select
            id="rel-status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as typeof status);
              pager.reset();
            }}
          >
            <option value="">{t('rel.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="rel-risk" label={t('rel.atRisk')}>
          <select
            id="rel-risk"
            value={risk}
            onChange={(e) => {
              setRisk(e.target.value as typeof risk);
              pager.reset();
            }}
          >
            <option value="">{t('rel.all')}</option>
            <option value="true">{t('rel.flaggedOnly')}</option>
            <option value="false">{t('rel.notFlagged')}</option>
          </select>
        </Field>
        {acrossOrganisations && (
          <Field id="rel-org" label={t('rel.organisation')}>
            <select
              id="rel-org"
              value={organizationId}
              onChange={(e) => {
                setOrganizationId(e.target.value);
                pager.reset();
              }}
            >
              <option value="">{t('rel.allOrganisations')}</option>
              {nodesOf(organisations.data?.organizationsConnection).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <ExportMenu
          list="RELATIONSHIPS"
          filters={filter}
          name="relationships"
          what={t('export.what.relationships')}
          columns={relationshipColumns(t)}
          rows={() =>
            fetchAllPages(
              client,
              RelationshipListQuery,
              { ...filter, after: null, first: 100 },
              (d) => d.organizationRelationships,
            )
          }
        />
      </div>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) => {
          const rows = nodesOf(data.organizationRelationships);
          if (!rows.length) return <Empty>{t('rel.noMatch')}</Empty>;
          const shown = rows.map((r) => ({ id: r.id, name: pairName(t, r) }));
          return (
            <>
              <SelectAllShown selection={selection} items={shown} />
              <BulkActions
                selection={selection}
                items={shown}
                actions={actions}
                onDone={() => reexecute({ requestPolicy: 'network-only' })}
              />
              <div className="table-scroll" tabIndex={0}>
                <table>
                  <caption className="muted" style={{ textAlign: 'left', padding: '0.4rem 0' }}>
                    {t('rel.newestFirst')}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">
                        <span className="visually-hidden">{t('bulk.selectColumn')}</span>
                      </th>
                      <th scope="col">{t('rel.pairColumn')}</th>
                      <th scope="col">{t('rel.status')}</th>
                      <th scope="col">{t('rel.progressColumn')}</th>
                      <th scope="col">{t('rel.atRisk')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <RelationshipRow key={r.id} r={r} selection={selection} />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                pager={pager}
                hasNextPage={data.organizationRelationships.pageInfo.hasNextPage}
                endCursor={data.organizationRelationships.pageInfo.endCursor}
              />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

const pairName = (t: ReturnType<typeof useT>, r: ListRow) =>
  t('caseload.pair', {
    mentee: r.mentee.displayName ?? t('common.mentee'),
    mentor: r.mentor.displayName ?? t('common.mentor'),
  });

function RelationshipRow({ r, selection }: { r: ListRow; selection: Selection }) {
  const t = useT();
  const names = pairName(t, r);
  return (
    <tr>
      <td>
        <SelectRow selection={selection} item={{ id: r.id, name: names }} />
      </td>
      <td>
        <Link to={`/relationships/${r.id}`}>{names}</Link>
        <div className="muted">
          {t('rel.since', { programme: r.programmeName ?? t('common.programme'), date: formatDate(r.startedOn) })}
        </div>
      </td>
      <td>
        <Badge status={r.status} />
      </td>
      <td>
        <div>
          {t('rel.progressLine', {
            hours: r.progress.confirmedHours,
            targetHours: r.terms.targetHours,
            meetings: r.progress.confirmedMeetings,
            minMeetings: r.terms.minMeetings,
          })}
        </div>
        <ProgressBar share={r.progress.achievedShare} label={t('rel.progressOf', { names })} />
        {r.progress.pace && <Badge status={r.progress.pace} />}
      </td>
      <td>
        {r.atRiskFlags.length === 0 ? (
          <span className="muted">{t('rel.noFlags')}</span>
        ) : (
          <ul className="explanation">
            {r.atRiskFlags.map((f) => (
              <li key={f.code} className="flag">
                {atRiskReason(f, t, REASON_FORMATS)}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function RelationshipDetail() {
  const { id = '' } = useParams();
  const t = useT();
  const { session } = useAuth();
  const statusLabel = useStatusLabel();
  const [result, reexecute] = useQuery({ query: RelationshipDetailQuery, variables: { id } });
  return (
    <section>
      <p>
        <Link to="/relationships">{t('rel.back')}</Link>
      </p>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {({ relationship: r }) => (
          <>
            <h1>
              {t('caseload.pair', {
                mentee: r.mentee.displayName ?? t('common.mentee'),
                mentor: r.mentor.displayName ?? t('common.mentor'),
              })}
            </h1>
            <p>
              <Badge status={r.status} />{' '}
              <span className="muted">
                {t('rel.dates', {
                  programme: r.programmeName,
                  started: formatDate(r.startedOn),
                  plannedEnd: formatDate(r.plannedEndOn),
                })}
                {r.endedOn ? ` · ${t('rel.ended', { date: formatDate(r.endedOn) })}` : ''}
              </span>
            </p>
            {r.withdrawalReason && (
              <p className="state state-info">{t('rel.withdrawn', { reason: r.withdrawalReason })}</p>
            )}
            <RelationshipContacts mentee={r.mentee} mentor={r.mentor} />
            <div className="kpis">
              <div className="kpi">
                <div className="value">{t('rel.hours', { hours: r.progress.confirmedHours })}</div>
                <div className="label">
                  {t('rel.hoursLabel', {
                    targetHours: r.terms.targetHours,
                    expected: formatNumber(r.progress.expectedHours, {
                      minimumFractionDigits: 1,
                      maximumFractionDigits: 1,
                    }),
                  })}
                </div>
              </div>
              <div className="kpi">
                <div className="value">{r.progress.confirmedMeetings}</div>
                <div className="label">
                  {t('rel.meetingsLabel', {
                    minMeetings: r.terms.minMeetings,
                    awaiting: r.progress.awaitingConfirmation,
                  })}
                </div>
              </div>
              <div className="kpi">
                <div className="value">{t('rel.share', { share: r.progress.achievedShare })}</div>
                <div className="label">{t(r.progress.termsMet ? 'rel.ofTermsMet' : 'rel.ofTerms')}</div>
              </div>
              <div className="kpi">
                <div className="value">{r.progress.daysLeft ?? '—'}</div>
                <div className="label">
                  {t('rel.daysLeft', { pace: r.progress.pace ? statusLabel(r.progress.pace) : '—' })}
                </div>
              </div>
            </div>
            <h2 id="flags">{t('rel.flags')}</h2>
            {r.atRiskFlags.length === 0 ? (
              <Empty>{t('rel.noFlagsScan')}</Empty>
            ) : (
              <ul>
                {r.atRiskFlags.map((f) => (
                  <li key={f.code} className="flag">
                    {atRiskReason(f, t, REASON_FORMATS)}{' '}
                    <span className="muted">{t('rel.flagSince', { date: formatDate(f.since) })}</span>
                  </li>
                ))}
              </ul>
            )}
            <AgreementCard relationshipId={r.id} />
            <h2>{t('rel.goals')}</h2>
            {r.goalsConnection.edges.length === 0 ? (
              <Empty>{t('rel.noGoals')}</Empty>
            ) : (
              <div className="table-scroll" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('rel.goal')}</th>
                      <th scope="col">{t('rel.target')}</th>
                      <th scope="col">{t('rel.due')}</th>
                      <th scope="col">{t('rel.status')}</th>
                      <th scope="col">{t('rel.milestones')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {nodesOf(r.goalsConnection).map((g) => (
                      <tr key={g.id}>
                        <td>
                          <strong>{g.title}</strong>
                          <div className="muted">{g.specific}</div>
                        </td>
                        <td>
                          {g.target} {g.measure}
                        </td>
                        <td>{formatDate(g.dueOn)}</td>
                        <td>
                          <Badge status={g.status} />
                        </td>
                        <td>
                          {g.milestones.length
                            ? t('rel.milestonesReached', {
                                reached: g.milestones.filter((m) => m.completedAt).length,
                                count: g.milestones.length,
                              })
                            : '—'}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <h2>{t('rel.meetingLog')}</h2>
            {r.meetingsConnection.edges.length === 0 ? (
              <Empty>{t('rel.noMeetings')}</Empty>
            ) : (
              <div className="table-scroll" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('rel.date')}</th>
                      <th scope="col">{t('rel.length')}</th>
                      <th scope="col">{t('rel.mode')}</th>
                      <th scope="col">{t('rel.topics')}</th>
                      <th scope="col">{t('rel.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {nodesOf(r.meetingsConnection).map((m) => (
                      <tr key={m.id}>
                        <td>
                          {formatDate(m.occurredOn)} {m.startTime}
                        </td>
                        <td>{t('rel.minutes', { minutes: m.durationMinutes })}</td>
                        <td>{t(`mode.${m.mode}` as MessageId)}</td>
                        <td>{m.topics.join(', ')}</td>
                        <td>
                          <Badge status={m.status} />
                          {!m.counts && m.notCountingReason && <div className="muted">{m.notCountingReason}</div>}
                          {m.disputeReason && <div className="flag">{m.disputeReason}</div>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {(r.status === 'COMPLETED' || r.status === 'WITHDRAWN') && (
              <>
                <h2>{t('rel.feedback')}</h2>
                {!r.feedback ? (
                  <Empty>{t('rel.feedbackHidden')}</Empty>
                ) : r.feedback.length === 0 ? (
                  <Empty>{t('rel.noFeedback')}</Empty>
                ) : (
                  <div className="table-scroll" tabIndex={0}>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('rel.from')}</th>
                          <th scope="col">{t('rel.ratings')}</th>
                          <th scope="col">{t('rel.comments')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {r.feedback.map((f) => (
                          <tr key={f.id}>
                            <td>
                              {f.respondentRole === 'MENTOR' ? t('common.mentor') : t('common.mentee')}
                              <div className="muted">{formatDate(f.submittedAt)}</div>
                            </td>
                            <td>
                              {f.ratings
                                .map((x) =>
                                  t('rel.rating', {
                                    question: t(`feedback.${x.question}` as MessageId),
                                    rating: x.rating,
                                  }),
                                )
                                .join(' · ')}
                            </td>
                            <td>{f.comments ?? '—'}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </>
            )}
            <PlannedMeetingsSection relationshipId={r.id} />
            <CoachThreadSection relationshipId={r.id} />
            <PulseSection relationshipId={r.id} />
            <CheckInsSection relationshipId={r.id} />
            {hasAnyRole(session, ['ADMIN', 'PROGRAMME_ADMIN']) && <CredentialsSection relationshipId={r.id} />}
          </>
        )}
      </QueryState>
    </section>
  );
}
