/**
 * Relationships: the coach's list (status, progress against the programme terms, at-risk flags with
 * reasons) and a detail page (agreement, goals, meeting log; never messages or private notes).
 */
import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import {
  useAuth,
  hasAnyRole,
  Empty,
  Field,
  Pager,
  QueryState,
  StatusBadge,
  formatDate,
  usePager,
  nodesOf,
} from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { AgreementCard } from './agreement-card';
import { CheckInsSection } from './check-ins-section';
import { CoachThreadSection } from './coach-thread-section';
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

const RelationshipListQuery = graphql(`
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
            code
            reason
            since
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
`);

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

const RelationshipDetailQuery = graphql(`
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
        code
        reason
        since
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
`);

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

/** The export's columns: what the list shows, one value per cell. */
const RELATIONSHIP_COLUMNS: ExportColumn<ListRow>[] = [
  { header: 'Relationship id', value: (r) => r.id },
  { header: 'Mentee', value: (r) => r.mentee.displayName },
  { header: 'Mentor', value: (r) => r.mentor.displayName },
  { header: 'Programme', value: (r) => r.programmeName },
  { header: 'Status', value: (r) => r.status },
  { header: 'Started on', value: (r) => r.startedOn, kind: 'day' },
  { header: 'Planned end on', value: (r) => r.plannedEndOn, kind: 'day' },
  { header: 'Confirmed hours', value: (r) => r.progress.confirmedHours, kind: 'number' },
  { header: 'Target hours', value: (r) => r.terms.targetHours, kind: 'number' },
  { header: 'Confirmed meetings', value: (r) => r.progress.confirmedMeetings, kind: 'number' },
  { header: 'Minimum meetings', value: (r) => r.terms.minMeetings, kind: 'number' },
  { header: 'Pace', value: (r) => r.progress.pace },
  { header: 'Terms met', value: (r) => (r.progress.termsMet ? 'yes' : 'no') },
  { header: 'At risk', value: (r) => (r.atRisk ? 'yes' : 'no') },
  { header: 'At-risk reasons', value: (r) => r.atRiskFlags.map((f) => f.reason).join('; ') },
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
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('');
  const [risk, setRisk] = useState<'' | 'true' | 'false'>('');
  const [organizationId, setOrganizationId] = useState('');
  const [organisations] = useQuery({ query: OrganisationsQuery, pause: !acrossOrganisations });
  const client = useClient();
  const selection = useSelection();
  const [, endMany] = useMutation(EndRelationshipsMutation);
  const [, messageMany] = useMutation(MessagePairsMutation);
  const plural = (n: number) => `${n} relationship${n === 1 ? '' : 's'}`;
  const actions: BulkAction[] = [
    {
      label: 'End selected',
      textLabel: 'Reason for ending (the partners see it)',
      confirm: (n) => `End ${plural(n)} now?`,
      done: 'ended',
      danger: true,
      run: async (ids, reason) => {
        const res = await endMany({ ids, reason });
        const out = res.data?.endRelationships;
        if (!out) throw new Error(res.error?.graphQLErrors[0]?.message ?? 'The relationships could not be ended.');
        return out;
      },
    },
  ];
  // the coach writes in each pair's coach thread (the channel the pair and their coach share; both are notified)
  if (hasAnyRole(session, ['COACH']))
    actions.push({
      label: 'Message selected',
      textLabel: "Message to each pair's coach thread",
      confirm: (n) => `Send this message to ${plural(n)}?`,
      done: 'sent',
      run: async (ids, body) => {
        const res = await messageMany({ ids, body });
        const out = res.data?.sendCoachThreadMessages;
        if (!out) throw new Error(res.error?.graphQLErrors[0]?.message ?? 'The messages could not be sent.');
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
      <h1>Relationships</h1>
      <div className="filters">
        <Field id="rel-status" label="Status">
          <select
            id="rel-status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as typeof status);
              pager.reset();
            }}
          >
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase()}
              </option>
            ))}
          </select>
        </Field>
        <Field id="rel-risk" label="At risk">
          <select
            id="rel-risk"
            value={risk}
            onChange={(e) => {
              setRisk(e.target.value as typeof risk);
              pager.reset();
            }}
          >
            <option value="">All</option>
            <option value="true">Flagged only</option>
            <option value="false">Not flagged</option>
          </select>
        </Field>
        {acrossOrganisations && (
          <Field id="rel-org" label="Organisation">
            <select
              id="rel-org"
              value={organizationId}
              onChange={(e) => {
                setOrganizationId(e.target.value);
                pager.reset();
              }}
            >
              <option value="">All organisations</option>
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
          what="relationships"
          columns={RELATIONSHIP_COLUMNS}
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
          if (!rows.length) return <Empty>No relationships match these filters.</Empty>;
          const shown = rows.map((r) => ({ id: r.id, name: pairName(r) }));
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
                    Newest start first
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">
                        <span className="visually-hidden">Select</span>
                      </th>
                      <th scope="col">Mentee and mentor</th>
                      <th scope="col">Status</th>
                      <th scope="col">Progress against terms</th>
                      <th scope="col">At risk</th>
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

const pairName = (r: ListRow) => `${r.mentee.displayName ?? 'Mentee'} with ${r.mentor.displayName ?? 'Mentor'}`;

function RelationshipRow({ r, selection }: { r: ListRow; selection: Selection }) {
  const names = pairName(r);
  return (
    <tr>
      <td>
        <SelectRow selection={selection} item={{ id: r.id, name: names }} />
      </td>
      <td>
        <Link to={`/relationships/${r.id}`}>{names}</Link>
        <div className="muted">
          {r.programmeName ?? 'Programme'} · since {formatDate(r.startedOn)}
        </div>
      </td>
      <td>
        <StatusBadge status={r.status} />
      </td>
      <td>
        <div>
          {r.progress.confirmedHours} of {r.terms.targetHours} h · {r.progress.confirmedMeetings} of{' '}
          {r.terms.minMeetings} meetings
        </div>
        <ProgressBar share={r.progress.achievedShare} label={`Progress of ${names}`} />
        {r.progress.pace && <StatusBadge status={r.progress.pace} />}
      </td>
      <td>
        {r.atRiskFlags.length === 0 ? (
          <span className="muted">No flags</span>
        ) : (
          <ul className="explanation">
            {r.atRiskFlags.map((f) => (
              <li key={f.code} className="flag">
                {f.reason}
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
  const [result, reexecute] = useQuery({ query: RelationshipDetailQuery, variables: { id } });
  return (
    <section>
      <p>
        <Link to="/relationships">← All relationships</Link>
      </p>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {({ relationship: r }) => (
          <>
            <h1>
              {r.mentee.displayName ?? 'Mentee'} with {r.mentor.displayName ?? 'Mentor'}
            </h1>
            <p>
              <StatusBadge status={r.status} />{' '}
              <span className="muted">
                {r.programmeName} · started {formatDate(r.startedOn)} · planned end {formatDate(r.plannedEndOn)}
                {r.endedOn ? ` · ended ${formatDate(r.endedOn)}` : ''}
              </span>
            </p>
            {r.withdrawalReason && <p className="state state-info">Withdrawn: {r.withdrawalReason}</p>}
            <RelationshipContacts mentee={r.mentee} mentor={r.mentor} />
            <div className="kpis">
              <div className="kpi">
                <div className="value">{r.progress.confirmedHours} h</div>
                <div className="label">
                  confirmed of {r.terms.targetHours} h (expected by now {r.progress.expectedHours.toFixed(1)})
                </div>
              </div>
              <div className="kpi">
                <div className="value">{r.progress.confirmedMeetings}</div>
                <div className="label">
                  meetings of {r.terms.minMeetings} ({r.progress.awaitingConfirmation} awaiting confirmation)
                </div>
              </div>
              <div className="kpi">
                <div className="value">{Math.round(r.progress.achievedShare * 100)}%</div>
                <div className="label">of the terms {r.progress.termsMet ? '(met)' : ''}</div>
              </div>
              <div className="kpi">
                <div className="value">{r.progress.daysLeft ?? '—'}</div>
                <div className="label">days left · pace {r.progress.pace?.replace('_', ' ').toLowerCase() ?? '—'}</div>
              </div>
            </div>
            <h2>At-risk flags</h2>
            {r.atRiskFlags.length === 0 ? (
              <Empty>No flags from the latest scan.</Empty>
            ) : (
              <ul>
                {r.atRiskFlags.map((f) => (
                  <li key={f.code} className="flag">
                    {f.reason} <span className="muted">(since {formatDate(f.since)})</span>
                  </li>
                ))}
              </ul>
            )}
            <AgreementCard relationshipId={r.id} />
            <h2>Goals</h2>
            {r.goalsConnection.edges.length === 0 ? (
              <Empty>No goals set yet.</Empty>
            ) : (
              <div className="table-scroll" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Goal</th>
                      <th scope="col">Target</th>
                      <th scope="col">Due</th>
                      <th scope="col">Status</th>
                      <th scope="col">Milestones</th>
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
                          <StatusBadge status={g.status} />
                        </td>
                        <td>
                          {g.milestones.length
                            ? `${g.milestones.filter((m) => m.completedAt).length} of ${g.milestones.length} reached`
                            : '—'}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <h2>Meeting log</h2>
            {r.meetingsConnection.edges.length === 0 ? (
              <Empty>No meetings logged yet.</Empty>
            ) : (
              <div className="table-scroll" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col">Length</th>
                      <th scope="col">Mode</th>
                      <th scope="col">Topics</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {nodesOf(r.meetingsConnection).map((m) => (
                      <tr key={m.id}>
                        <td>
                          {formatDate(m.occurredOn)} {m.startTime}
                        </td>
                        <td>{m.durationMinutes} min</td>
                        <td>{m.mode.replace('_', ' ').toLowerCase()}</td>
                        <td>{m.topics.join(', ')}</td>
                        <td>
                          <StatusBadge status={m.status} />
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
                <h2>Feedback</h2>
                {!r.feedback ? (
                  <Empty>Feedback is visible to the organisation's coach and admins only.</Empty>
                ) : r.feedback.length === 0 ? (
                  <Empty>No feedback yet.</Empty>
                ) : (
                  <div className="table-scroll" tabIndex={0}>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">From</th>
                          <th scope="col">Ratings (1–5)</th>
                          <th scope="col">Comments</th>
                        </tr>
                      </thead>
                      <tbody>
                        {r.feedback.map((f) => (
                          <tr key={f.id}>
                            <td>
                              {f.respondentRole === 'MENTOR' ? 'Mentor' : 'Mentee'}
                              <div className="muted">{formatDate(f.submittedAt)}</div>
                            </td>
                            <td>
                              {f.ratings
                                .map((x) => `${x.question.replace(/_/g, ' ').toLowerCase()}: ${x.rating}`)
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
            <CoachThreadSection relationshipId={r.id} />
            <PulseSection relationshipId={r.id} />
            <CheckInsSection relationshipId={r.id} />
          </>
        )}
      </QueryState>
    </section>
  );
}
