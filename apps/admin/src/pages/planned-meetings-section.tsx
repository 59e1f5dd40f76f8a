/**
 * The pair's planned meetings on the relationship page (issue 20): upcoming ones soonest first and past ones latest
 * first, each in the reader's time zone (named), with who proposed it (or Tandem, from the agreement's schedule),
 * its status, and for the past ones whether it was recorded or not held.
 */
import { useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Empty, QueryState } from '@tandem/ui';
import { formatDateTime, useT, type MessageId } from '../i18n/locale';
import { Badge } from '../status-badge';

const PAGE = 10;

const PlannedMeetingsQuery = graphql(`
  query AdminPlannedMeetings($id: ID!, $first: Int!) {
    relationship(id: $id) {
      id
      upcoming: plannedMeetings(first: $first) {
        totalCount
        edges {
          node {
            ...AdminPlannedMeeting
          }
        }
      }
      past: plannedMeetings(first: $first, past: true) {
        totalCount
        edges {
          node {
            ...AdminPlannedMeeting
          }
        }
      }
    }
  }

  fragment AdminPlannedMeeting on MeetingPlan {
    id
    status
    startsAt
    durationMinutes
    mode
    place
    fromSchedule
    notHeld
    reason
    proposedBy {
      id
      displayName
    }
    meeting {
      id
    }
  }
`);

type Plan = NonNullable<ResultOf<typeof PlannedMeetingsQuery>['relationship']>['upcoming']['edges'][number]['node'];

const readerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function PlannedMeetingsSection({ relationshipId }: { relationshipId: string }) {
  const t = useT();
  const [result, reexecute] = useQuery({ query: PlannedMeetingsQuery, variables: { id: relationshipId, first: PAGE } });
  const zone = readerZone();
  return (
    <section aria-labelledby="plans-title">
      <h2 id="plans-title">{t('plans.title')}</h2>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {({ relationship: r }) => (
          <>
            <p className="muted">{t('plans.lead', { zone })}</p>
            {(
              [
                ['upcoming', r.upcoming, 'plans.upcoming', 'plans.noneUpcoming'],
                ['past', r.past, 'plans.past', 'plans.nonePast'],
              ] as const
            ).map(([key, list, title, none]) => (
              <div key={key}>
                <h3>{t(title, { count: list.totalCount })}</h3>
                {list.edges.length === 0 ? (
                  <Empty>{t(none)}</Empty>
                ) : (
                  <ul className="plans">
                    {list.edges.map(({ node }) => (
                      <PlanItem key={node.id} p={node as Plan} zone={zone} />
                    ))}
                  </ul>
                )}
                {list.totalCount > list.edges.length && (
                  <p className="muted">{t('plans.more', { count: list.totalCount - list.edges.length })}</p>
                )}
              </div>
            ))}
          </>
        )}
      </QueryState>
    </section>
  );
}

function PlanItem({ p, zone }: { p: Plan; zone: string }) {
  const t = useT();
  const outcome = p.meeting ? 'plans.recorded' : p.notHeld ? 'plans.notHeld' : null;
  return (
    <li className="card">
      <strong>{t('plans.when', { when: formatDateTime(p.startsAt, { dateStyle: 'full' }), zone })}</strong>{' '}
      <Badge
        status={p.status}
        tone={p.status === 'ACCEPTED' ? 'good' : p.status === 'AWAITING_RESPONSE' ? 'warn' : undefined}
      />
      {outcome && <> {<Badge status={outcome} label={t(outcome)} tone={p.meeting ? 'good' : 'warn'} />}</>}
      <div className="muted">
        {t('plans.line', { minutes: p.durationMinutes, mode: t(`mode.${p.mode}` as MessageId) })}
        {p.place ? ` · ${p.place}` : ''}
      </div>
      <div className="muted">
        {p.fromSchedule
          ? t('plans.fromSchedule')
          : t('plans.proposedBy', { name: p.proposedBy.displayName ?? t('plans.aPartner') })}
      </div>
      {p.reason && <div className="muted">{t('plans.reason', { reason: p.reason })}</div>}
    </li>
  );
}
