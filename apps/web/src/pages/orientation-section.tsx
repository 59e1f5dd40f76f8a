/**
 * A programme's orientation sessions as a participant sees them in the programmes page: when (in the reader's
 * time zone, with the zone the session is announced in), where or the video link, whether they attended, and an
 * "Add to calendar" download (an iCalendar file made with ical-generator).
 */
import ical from 'ical-generator';
import { useQuery } from 'urql';
import { nodesOf } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../i18n/locale';
import { Badge, Query, saveBlob } from '../ui';

const OrientationQuery = graphql(`
  query WebOrientation($id: ID!) {
    programme(id: $id) {
      id
      name
      requireOrientation
      requireMenteeOrientation
      orientationSessionsConnection(first: 20) {
        edges {
          node {
            id
            startsAt
            location
            link
            timeZone
            attendedByMe
          }
        }
      }
    }
  }
`);

type Session = ResultOf<typeof OrientationQuery>['programme']['orientationSessionsConnection']['edges'][number]['node'];

/** The iCalendar text of one session (UTC times, so every calendar places it right). */
export function sessionCalendar(programme: string, session: Session, title: string): string {
  const calendar = ical({ name: programme, prodId: { company: 'Tandem', product: 'orientation', language: 'EN' } });
  calendar.createEvent({
    id: `orientation-${session.id}@tandem`,
    start: new Date(session.startsAt),
    summary: title,
    location: session.location ?? session.link ?? undefined,
    url: session.link ?? undefined,
    description: session.link ?? undefined,
  });
  return calendar.toString();
}

export function OrientationSection({ programmeId, role }: { programmeId: string; role: 'MENTEE' | 'MENTOR' }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [result, retry] = useQuery({ query: OrientationQuery, variables: { id: programmeId } });
  return (
    <Query {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
      {({ programme }) => {
        const sessions = nodesOf(programme.orientationSessionsConnection);
        const required = programme.requireOrientation && (role === 'MENTOR' || programme.requireMenteeOrientation);
        if (!sessions.length && !required) return null;
        const title = t('orientation.eventTitle', { name: programme.name });
        return (
          <section aria-label={t('orientation.title', { name: programme.name })} className="orientation">
            <h3>{t('orientation.heading')}</h3>
            {required && <p className="muted">{t('orientation.required')}</p>}
            {sessions.length === 0 ? (
              <p className="state state-empty">{t('orientation.none')}</p>
            ) : (
              <ul className="list">
                {sessions.map((s) => (
                  <li key={s.id}>
                    <strong>{formatDate(s.startsAt, true)}</strong>
                    {s.timeZone && <span className="muted"> · {t('orientation.zone', { zone: s.timeZone })}</span>}
                    <br />
                    {s.location && <span>{s.location}</span>}
                    {s.location && s.link && ' · '}
                    {s.link && (
                      <a href={s.link} target="_blank" rel="noreferrer">
                        {t('orientation.link')}
                      </a>
                    )}
                    <div className="actions">
                      {s.attendedByMe && <Badge tone="active">{t('orientation.attended')}</Badge>}
                      <button
                        type="button"
                        onClick={() =>
                          saveBlob(
                            new Blob([sessionCalendar(programme.name, s, title)], {
                              type: 'text/calendar;charset=utf-8',
                            }),
                            `orientation-${s.startsAt.slice(0, 10)}.ics`,
                          )
                        }
                      >
                        {t('orientation.addToCalendar')}
                        <span className="visually-hidden">: {formatDate(s.startsAt, true)}</span>
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      }}
    </Query>
  );
}
