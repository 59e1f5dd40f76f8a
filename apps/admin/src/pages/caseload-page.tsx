/**
 * Caseload: a coach's home page, their work in one request. The running pairs of their organisation most urgent
 * first (at-risk flags with their reasons, check-ins due, pace, last confirmed meeting), then what waits on others:
 * the proposals they made that await a mentor, requests to their organisation's mentors about to expire, and
 * orientation outstanding. Counts at the top; each item links to the page where the coach acts. A list of cards,
 * not a table, so it reads on a phone.
 */
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Empty, LiveIndicator, Pager, QueryState, nodesOf, useAuth, useLiveRefresh, usePager } from '@tandem/ui';
import { formatDate, formatNumber, useT, type MessageId } from '../i18n/locale';
import { Badge, statusWord } from '../status-badge';
import { atRiskReason } from '../at-risk-reason';
import { AtRiskFlagFields } from '../at-risk-flag.fragment';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { ExportMenu, ExportProblem } from '../export/export-menu';
import type { ExportColumn } from '../export/table-export';

/** How the reader's language writes the days and figures of an at-risk reason. */
const REASON_FORMATS = { date: formatDate, number: formatNumber };

const CaseloadPairFields = graphql(
  `
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
        ...AtRiskFlagFields
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
  `,
  [AtRiskFlagFields],
);

const CaseloadQuery = graphql(
  `
    query Caseload($after: String, $coachId: ID, $expiringWithinDays: Int) {
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
      matchProposals(status: PROPOSED, coachId: $coachId, first: 100) {
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
      mentoringRequests(status: PENDING, expiringWithinDays: $expiringWithinDays, first: 100) {
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

/** Every pair for the file: the server returns them and records the export on the staff audit log itself. */
const ExportCaseloadMutation = graphql(
  `
    mutation ExportCaseload($format: ListExportFormat!) {
      exportCaseload(format: $format) {
        pairs {
          ...CaseloadPair
        }
        errors {
          field
          code
          message
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
const FLAG_LABELS: Partial<Record<string, MessageId>> = {
  NO_CONFIRMED_MEETING: 'caseload.flag.NO_CONFIRMED_MEETING',
  MEETING_AWAITING_CONFIRMATION: 'caseload.flag.MEETING_AWAITING_CONFIRMATION',
  BEHIND_PACE: 'caseload.flag.BEHIND_PACE',
  AGREEMENT_UNSIGNED: 'caseload.flag.AGREEMENT_UNSIGNED',
  LOW_PULSE: 'caseload.flag.LOW_PULSE',
  PULSE_UNANSWERED: 'caseload.flag.PULSE_UNANSWERED',
};

/** The export's columns: each pair as its card reads. */
const caseloadColumns = (t: ReturnType<typeof useT>): ExportColumn<Pair>[] => [
  { header: t('col.relationshipId'), value: (p) => p.id },
  { header: t('common.mentee'), value: (p) => p.mentee.displayName },
  { header: t('common.mentor'), value: (p) => p.mentor.displayName },
  { header: t('common.programme'), value: (p) => p.programmeName },
  { header: t('rel.status'), value: (p) => statusWord(t, p.status) },
  { header: t('col.startedOn'), value: (p) => p.startedOn, kind: 'day' },
  { header: t('col.pace'), value: (p) => statusWord(t, p.progress.pace) },
  { header: t('col.confirmedHours'), value: (p) => p.progress.confirmedHours, kind: 'number' },
  { header: t('col.targetHours'), value: (p) => p.terms.targetHours, kind: 'number' },
  { header: t('col.confirmedMeetings'), value: (p) => p.progress.confirmedMeetings, kind: 'number' },
  { header: t('col.minMeetings'), value: (p) => p.terms.minMeetings, kind: 'number' },
  {
    header: t('col.atRiskReasons'),
    value: (p) => p.atRiskFlags.map((f) => atRiskReason(f, t, REASON_FORMATS)).join(' '),
  },
  { header: t('col.checkInDueOn'), value: (p) => p.checkInDue?.dueOn, kind: 'day' },
  { header: t('col.checkInOverdueDays'), value: (p) => p.checkInDue?.overdueDays, kind: 'number' },
  { header: t('col.lastMeetingOn'), value: (p) => p.lastConfirmedMeetingOn, kind: 'day' },
];

const daysUntil = (instant: string, now: number) => Math.ceil((Date.parse(instant) - now) / 86_400_000);

export function CaseloadPage() {
  const { session } = useAuth();
  const pager = usePager();
  const t = useT();
  const [, exportCaseload] = useMutation(ExportCaseloadMutation);
  const [result, reexecute] = useQuery({
    query: CaseloadQuery,
    // matching filters: the proposals this coach made, the requests expiring within EXPIRING_DAYS
    variables: { after: pager.after, coachId: session?.user.id ?? null, expiringWithinDays: EXPIRING_DAYS },
  });
  // a pair that starts, ends, meets or is flagged shows without a reload (polled while live updates are unavailable)
  useLiveRefresh(
    (s) => s.kind === 'CASELOAD',
    () => reexecute({ requestPolicy: 'network-only' }),
  );
  return (
    <section className="caseload">
      <h1>{t('nav.caseload')}</h1>
      <div className="filters">
        <p className="muted">{t('caseload.lead')}</p>
        <LiveIndicator
          labels={{ live: t('live.live'), connecting: t('live.connecting'), polling: t('live.polling') }}
        />
        <ExportMenu
          name="caseload"
          what={t('export.what.caseload')}
          columns={caseloadColumns(t)}
          recordedRows={async (format) => {
            const res = await exportCaseload({ format });
            const out = res.data?.exportCaseload;
            if (!out?.pairs) {
              const message = out?.errors[0]?.message ?? res.error?.graphQLErrors[0]?.message;
              throw message ? new Error(message) : new ExportProblem('export.unreadable');
            }
            return out.pairs;
          }}
        />
      </div>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) => {
          const now = Date.now();
          const pairs = nodesOf(data.caseload);
          const proposals = nodesOf(data.matchProposals).sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));
          const expiring = nodesOf(data.mentoringRequests).sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
          const orientation = nodesOf(data.orientationOutstanding);
          const counts: Array<[string, number, boolean]> = [
            [t('caseload.count.atRisk'), data.caseload.atRiskCount, true],
            [t('caseload.count.checkInsDue'), data.caseload.checkInsDueCount, true],
            [t('caseload.proposals'), proposals.length, true],
            [t('caseload.requests'), expiring.length, true],
            [t('caseload.orientation'), data.orientationOutstanding.totalCount, true],
            [t('caseload.count.running'), data.caseload.totalCount, false],
          ];
          return (
            <>
              <ul className="kpis caseload-counts" aria-label={t('caseload.counts')}>
                {counts.map(([label, value, attention]) => (
                  <li key={label} className={`kpi${value > 0 && attention ? ' kpi-attention' : ''}`}>
                    <div className="value">{value}</div>
                    <div className="label">{label}</div>
                  </li>
                ))}
              </ul>

              <h2 id="pairs">{t('caseload.pairs')}</h2>
              {pairs.length === 0 ? (
                <Empty>{t('caseload.noPairs')}</Empty>
              ) : (
                <>
                  {data.caseload.atRiskCount === 0 && data.caseload.checkInsDueCount === 0 && (
                    <p className="state state-success">{t('caseload.allWell')}</p>
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

              <h2 id="proposals">{t('caseload.proposals')}</h2>
              {proposals.length === 0 ? (
                <Empty>{t('caseload.noProposals')}</Empty>
              ) : (
                <ul className="caseload-list">
                  {proposals.map((p) => (
                    <li key={p.id} className="card">
                      <Link to="/matching#proposals">
                        {t('caseload.proposalFor', {
                          mentor: p.mentor.displayName ?? t('common.mentor'),
                          mentee: p.mentee.displayName ?? t('common.mentee'),
                        })}
                      </Link>
                      <div className="muted">{t('caseload.proposedOn', { date: formatDate(p.proposedAt) })}</div>
                    </li>
                  ))}
                </ul>
              )}

              <h2 id="requests">{t('caseload.requests')}</h2>
              {expiring.length === 0 ? (
                <Empty>{t('caseload.noRequests', { days: EXPIRING_DAYS })}</Empty>
              ) : (
                <ul className="caseload-list">
                  {expiring.map((r) => {
                    const left = daysUntil(r.expiresAt, now);
                    return (
                      <li key={r.id} className="card">
                        <Link to={`/matching?mentee=${r.mentee.id}`}>
                          {t('caseload.asked', {
                            mentee: r.mentee.displayName ?? t('common.mentee'),
                            mentor: r.mentor.displayName ?? t('common.mentor'),
                          })}
                        </Link>
                        <div className="flag">
                          {t('caseload.expires', { days: Math.max(left, 0), date: formatDate(r.expiresAt) })}
                        </div>
                      </li>
                    );
                  })}
                </ul>
              )}

              <h2 id="orientation">{t('caseload.orientation')}</h2>
              {orientation.length === 0 ? (
                <Empty>{t('caseload.noOrientation')}</Empty>
              ) : (
                <ul className="caseload-list">
                  {orientation.map((o) => (
                    <li key={o.id} className="card">
                      <Link to={`/orientation?programme=${o.programme.id}`}>
                        {o.user.displayName ?? t('common.participant')}
                      </Link>
                      <div className="muted">
                        {t(o.role === 'MENTOR' ? 'caseload.orientationMentor' : 'caseload.orientationMentee', {
                          programme: o.programme.name,
                          date: formatDate(o.enrolledAt),
                        })}
                      </div>
                    </li>
                  ))}
                  {data.orientationOutstanding.totalCount > orientation.length && (
                    <li className="muted">
                      {t('caseload.andMore', { count: data.orientationOutstanding.totalCount - orientation.length })}
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
  const t = useT();
  const names = t('caseload.pair', {
    mentee: p.mentee.displayName ?? t('common.mentee'),
    mentor: p.mentor.displayName ?? t('common.mentor'),
  });
  const due = p.checkInDue;
  return (
    <li className="card caseload-pair">
      <div className="caseload-pair-head">
        <Link to={`/relationships/${p.id}`}>{names}</Link> <Badge status={p.status} />{' '}
        {p.progress.pace && (
          <span className="caseload-pace">
            {t('caseload.pace')} <Badge status={p.progress.pace} />
          </span>
        )}
      </div>
      <div className="muted">
        {t('caseload.pairLine', {
          programme: p.programmeName ?? t('common.programme'),
          date: formatDate(p.startedOn),
          hours: p.progress.confirmedHours,
          targetHours: p.terms.targetHours,
          meetings: p.progress.confirmedMeetings,
          minMeetings: p.terms.minMeetings,
        })}
      </div>
      {p.atRiskFlags.length > 0 && (
        <ul className="explanation" aria-label={t('caseload.flagsOf', { names })}>
          {p.atRiskFlags.map((f) => {
            const key = FLAG_LABELS[f.code];
            const label = key ? t(key) : null;
            return (
              <li key={f.code} className="flag">
                {label ? <strong>{t('common.labelled', { label })} </strong> : null}
                {atRiskReason(f, t, REASON_FORMATS)}
              </li>
            );
          })}
        </ul>
      )}
      {due && (
        <p className="flag caseload-due">
          <strong>{t('caseload.checkInDue')}</strong> {t('caseload.overdue', { days: due.overdueDays })}{' '}
          {due.reason === 'FOLLOW_UP'
            ? due.followUp
              ? t('caseload.followUpOn', { followUp: due.followUp, date: formatDate(due.dueOn) })
              : t('caseload.followUp', { date: formatDate(due.dueOn) })
            : due.lastCheckInOn
              ? t('caseload.noCheckInSince', { date: formatDate(due.lastCheckInOn) })
              : t('caseload.noCheckInYet')}
        </p>
      )}
      <div className="muted">
        {t('caseload.lastMeeting', {
          date: p.lastConfirmedMeetingOn ? formatDate(p.lastConfirmedMeetingOn) : t('caseload.noneYet'),
        })}
      </div>
    </li>
  );
}
