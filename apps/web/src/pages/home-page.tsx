/** Home: what to do next (profile, programme, a mentor), and the person's relationships and open requests. */
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { nodesOf } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useT } from '../i18n/locale';
import { Badge, Page, Query, enumKey } from '../ui';

const HomeQuery = graphql(`
  query WebHome {
    me {
      id
      displayName
      roles
      mentorProfile {
        status
        reviewComment
      }
      menteeProfile {
        headline
        goals
      }
      enrollmentsConnection(first: 20) {
        edges {
          node {
            id
            role
            programme {
              id
              name
            }
          }
        }
      }
      relationshipsConnection(first: 20) {
        edges {
          node {
            id
            status
            programmeName
            viewerRole
            mentor {
              id
              displayName
            }
            mentee {
              id
              displayName
            }
            progress {
              achievedShare
              awaitingConfirmation
            }
          }
        }
      }
    }
    mentoringRequests(first: 20, status: PENDING) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

export function HomePage() {
  const t = useT();
  const [result, retry] = useQuery({ query: HomeQuery });
  return (
    <Query {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
      {({ me, mentoringRequests }) => {
        const isMentee = !!me.roles?.includes('MENTEE');
        const isMentor = !!me.roles?.includes('MENTOR');
        const steps: Array<{ to: string; label: string }> = [];
        if ((isMentee && !me.menteeProfile) || (isMentor && !me.mentorProfile))
          steps.push({ to: '/profile', label: t('home.step.profile') });
        if (!me.enrollmentsConnection?.edges.length) steps.push({ to: '/programmes', label: t('home.step.programme') });
        if (
          isMentee &&
          nodesOf(me.enrollmentsConnection).some((e) => e.role === 'MENTEE') &&
          !me.relationshipsConnection?.edges.length
        )
          steps.push({ to: '/mentors', label: t('home.step.mentor') });
        const pending = mentoringRequests.edges.length;
        return (
          <Page title={t('home.title', { name: me.displayName ?? '' })}>
            {me.mentorProfile && (
              <p className={`state ${me.mentorProfile.status === 'REJECTED' ? 'state-error' : 'state-info'}`}>
                {t(enumKey('application', me.mentorProfile.status))}
                {me.mentorProfile.reviewComment && (
                  <> {t('application.comment', { comment: me.mentorProfile.reviewComment })}</>
                )}
              </p>
            )}
            {steps.length > 0 && (
              <section aria-labelledby="next-title" className="card">
                <h2 id="next-title">{t('home.next')}</h2>
                <ol className="steps">
                  {steps.map((s) => (
                    <li key={s.to}>
                      <Link to={s.to}>{s.label}</Link>
                    </li>
                  ))}
                </ol>
              </section>
            )}
            {pending > 0 && (
              <p className="state state-info">
                <Link to="/requests">{t('home.pending', { count: pending })}</Link>
              </p>
            )}
            <h2>{t('home.relationships')}</h2>
            {me.relationshipsConnection?.edges.length ? (
              <ul className="list">
                {nodesOf(me.relationshipsConnection).map((r) => {
                  const partner = r.viewerRole === 'MENTOR' ? r.mentee : r.mentor;
                  return (
                    <li key={r.id} className="card">
                      <Link to={`/relationships/${r.id}`} className="card-link">
                        {t(r.viewerRole === 'MENTOR' ? 'home.withMentee' : 'home.withMentor', {
                          name: partner.displayName,
                        })}
                      </Link>
                      <p className="muted">
                        {r.programmeName} · <Badge tone={r.status}>{t(enumKey('relationship', r.status))}</Badge>
                      </p>
                      <p>
                        {t('home.progress', { share: r.progress.achievedShare })}
                        {r.progress.awaitingConfirmation > 0 &&
                          ` · ${t('home.awaiting', { count: r.progress.awaitingConfirmation })}`}
                      </p>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="state state-empty">{t('home.noRelationships')}</p>
            )}
          </Page>
        );
      }}
    </Query>
  );
}
