/**
 * Caseload: a coach's home page, their work in one request. The running pairs of their organisation most urgent
 * first (at-risk flags with their reasons, check-ins due, pace, last confirmed meeting), then what waits on others:
 * the proposals they made that await a mentor, requests to their organisation's mentors about to expire, and
 * orientation outstanding. Counts at the top; each item links to the page where the coach acts. A list of cards,
 * not a table, so it reads on a phone.
 */
import { Link } from 'react-router';
import { useClient, useQuery } from 'urql';
import { Empty, Pager, QueryState, StatusBadge, formatDate, nodesOf, useAuth, usePager } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { ExportMenu, fetchAllPages } from '../export/export-menu';
import type { ExportColumn } from '../export/table-export';

const CaseloadPairFields = graphql(`
  fragment CaseloadPair on Relationship @_unmask {
    id
    status
    startedOn
    programmeName
    mentee {
      id
      displayName
    }
    mentor {
      id
      displayName
    }
    progress {
      pace
      confirmedHours
      confirmedMeetings
      termsMet
    }
    terms {
      targetHours
      minMeetings
    }
    atRiskFlags {
      code
      reason
      since
    }
    lastConfirmedMeetingOn
    checkInDue {
      reason
      dueOn
      overdueDays
      followUp
      lastCheckInOn
    }
  }
`);

const CaseloadQuery = graphql(
  `
    query Caseload($after: String) {
      caseload(first: 25, after: $after) {
        totalCount
        atRiskCount
        checkInsDueCount
        pausedCount
        edges {
          node {
            ...CaseloadPair
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
      matchProposals(status: PROPOSED, first: 100) {
        edges {
          node {
            id
            proposedAt
            programmeId
            coach {
              id
            }
            mentee {
              id
              displayName
            }
            mentor {
              id
              displayName
            }
          }
        }
      }
      mentoringRequests(status: PENDING, first: 100) {
        edges {
          node {
            id
            sentAt
            expiresAt
            mentee {
              id
              displayName
            }
            mentor {
              id
              displayName
            }
          }
        }
      }
      orientationOutstanding(first: 50) {
        totalCount
        edges {
          node {
            id
            role
            enrolledAt
            user {
              id
              displayName
            }
            programme {
              id
              name
            }
          }
        }
      }
    }
  `,
  [CaseloadPairFields],
);

/** The pairs alone, for the export (every page of them). */
const CaseloadPairsQuery = graphql(
  `
    query CaseloadPairs($after: String, $first: Int) {
      caseload(first: $first, after: $after) {
        edges {
          node {
            ...CaseloadPair
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [CaseloadPairFields],
);

type Data = ResultOf<typeof CaseloadQuery>;
type Pair = Data['caseload']['edges'][number]['node'];

/** A request expiring within this many days is about to expire. */
export const EXPIRING_DAYS = 3;

/** Short labels of the at-risk codes; a code not listed (a new rule) shows its reason alone. */
const FLAG_LABELS: Partial<Record<string, string>> = {
  NO_CONFIRMED_MEETING: 'No confirmed meeting',
  MEETING_AWAITING_CONFIRMATION: 'Meeting awaiting confirmation',
  BEHIND_PACE: 'Behind pace',
  AGREEMENT_UNSIGNED: 'Agreement unsigned',
  LOW_PULSE: 'Low pulse answer',
};

/** The export's columns: each pair as its card reads. */
const CASELOAD_COLUMNS: ExportColumn<Pair>[] = [
  { header: 'Relationship id', value: (p) => p.id },
  { header: 'Mentee', value: (p) => p.mentee.displayName },
  { header: 'Mentor', value: (p) => p.mentor.displayName },
  { header: 'Programme', value: (p) => p.programmeName },
  { header: 'Status', value: (p) => p.status },
  { header: 'Started on', value: (p) => p.startedOn, kind: 'day' },
  { header: 'Pace', value: (p) => p.progress.pace },
  { header: 'Confirmed hours', value: (p) => p.progress.confirmedHours, kind: 'number' },
  { header: 'Target hours', value: (p) => p.terms.targetHours, kind: 'number' },
  { header: 'Confirmed meetings', value: (p) => p.progress.confirmedMeetings, kind: 'number' },
  { header: 'Minimum meetings', value: (p) => p.terms.minMeetings, kind: 'number' },
  { header: 'At-risk reasons', value: (p) => p.atRiskFlags.map((f) => f.reason).join('; ') },
  { header: 'Check-in due on', value: (p) => p.checkInDue?.dueOn, kind: 'day' },
  { header: 'Check-in overdue days', value: (p) => p.checkInDue?.overdueDays, kind: 'number' },
  { header: 'Last confirmed meeting on', value: (p) => p.lastConfirmedMeetingOn, kind: 'day' },
];

const daysUntil = (instant: string, now: number) => Math.ceil((Date.parse(instant) - now) / 86_400_000);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function CaseloadPage() {
  const { session } = useAuth();
  const pager = usePager();
  const client = useClient();
  const [result, reexecute] = useQuery({ query: CaseloadQuery, variables: { after: pager.after } });
  return (
    <section className="caseload">
      <h1>Caseload</h1>
      <div className="filters">
        <p className="muted">Your organisation’s pairs and what waits for you, most urgent first.</p>
        <ExportMenu
          list="CASELOAD"
          name="caseload"
          what="caseload pairs"
          columns={CASELOAD_COLUMNS}
          rows={() => fetchAllPages(client, CaseloadPairsQuery, { after: null, first: 100 }, (d) => d.caseload)}
        />
      </div>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) => {
          const now = Date.now();
          const pairs = nodesOf(data.caseload);
          const proposals = nodesOf(data.matchProposals)
            .filter((p) => p.coach.id === session?.user.id)
            .sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));
          const expiring = nodesOf(data.mentoringRequests)
            .filter((r) => daysUntil(r.expiresAt, now) <= EXPIRING_DAYS)
            .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
          const orientation = nodesOf(data.orientationOutstanding);
          const counts: Array<[string, number]> = [
            ['At risk', data.caseload.atRiskCount],
            ['Check-ins due', data.caseload.checkInsDueCount],
            ['Proposals awaiting a mentor', proposals.length],
            ['Requests about to expire', expiring.length],
            ['Orientation outstanding', data.orientationOutstanding.totalCount],
            ['Running pairs', data.caseload.totalCount],
          ];
          return (
            <>
              <ul className="kpis caseload-counts" aria-label="Counts">
                {counts.map(([label, value]) => (
                  <li key={label} className={`kpi${value > 0 && label !== 'Running pairs' ? ' kpi-attention' : ''}`}>
                    <div className="value">{value}</div>
                    <div className="label">{label}</div>
                  </li>
                ))}
              </ul>

              <h2 id="pairs">Pairs</h2>
              {pairs.length === 0 ? (
                <Empty>No running pairs in your organisation: nobody is waiting for a check-in.</Empty>
              ) : (
                <>
                  {data.caseload.atRiskCount === 0 && data.caseload.checkInsDueCount === 0 && (
                    <p className="state state-success">No pair is at risk and no check-in is due: all is well.</p>
                  )}
                  <ul className="caseload-list">
                    {pairs.map((p) => (
                      <PairCard key={p.id} pair={p} />
                    ))}
                  </ul>
                  <Pager
                    pager={pager}
                    hasNextPage={data.caseload.pageInfo.hasNextPage}
                    endCursor={data.caseload.pageInfo.endCursor}
                  />
                </>
              )}

              <h2 id="proposals">Proposals awaiting a mentor</h2>
              {proposals.length === 0 ? (
                <Empty>No proposal of yours is waiting for a mentor’s answer.</Empty>
              ) : (
                <ul className="caseload-list">
                  {proposals.map((p) => (
                    <li key={p.id} className="card">
                      <Link to="/matching#proposals">
                        {p.mentor.displayName ?? 'Mentor'} for {p.mentee.displayName ?? 'Mentee'}
                      </Link>
                      <div className="muted">Proposed {formatDate(p.proposedAt)}: the mentor has not answered.</div>
                    </li>
                  ))}
                </ul>
              )}

              <h2 id="requests">Requests about to expire</h2>
              {expiring.length === 0 ? (
                <Empty>
                  No request to your organisation’s mentors expires in the next {plural(EXPIRING_DAYS, 'day', 'days')}.
                </Empty>
              ) : (
                <ul className="caseload-list">
                  {expiring.map((r) => {
                    const left = daysUntil(r.expiresAt, now);
                    return (
                      <li key={r.id} className="card">
                        <Link to={`/matching?mentee=${r.mentee.id}`}>
                          {r.mentee.displayName ?? 'Mentee'} asked {r.mentor.displayName ?? 'Mentor'}
                        </Link>
                        <div className="flag">
                          {left <= 0 ? 'Expires today' : `Expires in ${plural(left, 'day', 'days')}`} (
                          {formatDate(r.expiresAt)}): remind the mentor, or propose another.
                        </div>
                      </li>
                    );
                  })}
                </ul>
              )}

              <h2 id="orientation">Orientation outstanding</h2>
              {orientation.length === 0 ? (
                <Empty>Everyone in your programmes who must attend orientation has attended.</Empty>
              ) : (
                <ul className="caseload-list">
                  {orientation.map((o) => (
                    <li key={o.id} className="card">
                      <Link to={`/orientation?programme=${o.programme.id}`}>{o.user.displayName ?? 'Participant'}</Link>
                      <div className="muted">
                        {o.role === 'MENTOR' ? 'Mentor' : 'Mentee'} in {o.programme.name} since{' '}
                        {formatDate(o.enrolledAt)}: has not attended orientation.
                      </div>
                    </li>
                  ))}
                  {data.orientationOutstanding.totalCount > orientation.length && (
                    <li className="muted">
                      And {data.orientationOutstanding.totalCount - orientation.length} more: see Orientation.
                    </li>
                  )}
                </ul>
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function PairCard({ pair: p }: { pair: Pair }) {
  const names = `${p.mentee.displayName ?? 'Mentee'} with ${p.mentor.displayName ?? 'Mentor'}`;
  const due = p.checkInDue;
  return (
    <li className="card caseload-pair">
      <div className="caseload-pair-head">
        <Link to={`/relationships/${p.id}`}>{names}</Link> <StatusBadge status={p.status} />{' '}
        {p.progress.pace && (
          <span className="caseload-pace">
            pace <StatusBadge status={p.progress.pace} />
          </span>
        )}
      </div>
      <div className="muted">
        {p.programmeName ?? 'Programme'} · since {formatDate(p.startedOn)} · {p.progress.confirmedHours} of{' '}
        {p.terms.targetHours} h, {p.progress.confirmedMeetings} of {p.terms.minMeetings} meetings
      </div>
      {p.atRiskFlags.length > 0 && (
        <ul className="explanation" aria-label={`At-risk flags of ${names}`}>
          {p.atRiskFlags.map((f) => {
            const label = FLAG_LABELS[f.code];
            return (
              <li key={f.code} className="flag">
                {label ? <strong>{label}: </strong> : null}
                {f.reason}
              </li>
            );
          })}
        </ul>
      )}
      {due && (
        <p className="flag caseload-due">
          <strong>Check-in due</strong>{' '}
          {due.overdueDays === 0 ? 'today' : `${plural(due.overdueDays, 'day', 'days')} overdue`}:{' '}
          {due.reason === 'FOLLOW_UP'
            ? `follow up${due.followUp ? ` “${due.followUp}”` : ''} (set for ${formatDate(due.dueOn)})`
            : due.lastCheckInOn
              ? `no check-in since ${formatDate(due.lastCheckInOn)}`
              : 'no check-in since the start'}
          .
        </p>
      )}
      <div className="muted">
        Last confirmed meeting: {p.lastConfirmedMeetingOn ? formatDate(p.lastConfirmedMeetingOn) : 'none yet'}
      </div>
    </li>
  );
}
