/**
 * Notifications: the signed-in staff member's own notices, newest first (a pair flagged at risk, a low pulse answer,
 * a check-in due, a message in a coach thread, a webhook endpoint disabled…), each in the words of the language
 * they read in when it came, with its time and a link to where they act on it: a path of this app (`admin:/…`),
 * or for someone who is also a participant a screen of the participant app. Mark one or all read; new ones appear
 * without a reload. Cards, not a table, so it reads on a phone.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Empty, FormErrors, LiveIndicator, Pager, QueryState, nodesOf, useLiveRefresh, usePager } from '@tandem/ui';
import { formatDateTime, useT } from '../i18n/locale';
import { useRefreshUnreadCount } from '../unread-count';
import { failure } from './save-failure';

const PAGE_SIZE = 20;

/** The participant app, for the notices a staff member gets as a mentee or mentor (set by `npm start` and the build). */
const PARTICIPANT_APP_URL: string | undefined = import.meta.env.VITE_PARTICIPANT_APP_URL || undefined;
/** A stored link that opens in this app (notification.links.ts in identity writes them). */
const ADMIN_LINK = 'admin:';

const NotificationsQuery = graphql(`
  query StaffNotifications($first: Int, $after: String, $unreadOnly: Boolean) {
    me {
      id
      notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
        unreadCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            kind
            title
            body
            link
            createdAt
            read
          }
        }
      }
    }
  }
`);

const MarkReadMutation = graphql(`
  mutation StaffMarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all) {
      updated
      unreadCount
      errors {
        field
        code
        message
      }
    }
  }
`);

type Item = NonNullable<ResultOf<typeof NotificationsQuery>['me']['notifications']>['edges'][number]['node'];

/** Where a notice's link opens: in this app, in the participant app, or nowhere (nothing to do, or no address known). */
export function linkTarget(link: string | null): { inApp: string } | { href: string } | null {
  if (!link) return null;
  if (link.startsWith(ADMIN_LINK)) return { inApp: link.slice(ADMIN_LINK.length) };
  return PARTICIPANT_APP_URL ? { href: PARTICIPANT_APP_URL.replace(/\/+$/, '') + link } : null;
}

export function NotificationsPage() {
  const t = useT();
  const pager = usePager();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [result, reexecute] = useQuery({
    query: NotificationsQuery,
    variables: { first: PAGE_SIZE, after: pager.after, unreadOnly },
  });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  // a new notice shows without a reload (checked every 30 s while live updates are unavailable)
  useLiveRefresh((s) => s.kind === 'NOTIFICATION', refresh);
  const refreshCount = useRefreshUnreadCount();
  const [, markRead] = useMutation(MarkReadMutation);
  const [errors, setErrors] = useState<string[]>([]);

  async function mark(ids: string[] | null) {
    const res = await markRead(ids ? { ids } : { all: true });
    const errs = res.data?.markNotificationsRead.errors ?? failure(res, t('notifications.markFailed'));
    setErrors(errs.map((e) => e.message));
    refresh();
    refreshCount();
  }

  return (
    <section className="notifications-page">
      <h1>{t('nav.notifications')}</h1>
      <div className="filters">
        <p className="muted">{t('notifications.lead')}</p>
        <LiveIndicator
          labels={{ live: t('live.live'), connecting: t('live.connecting'), polling: t('live.polling') }}
        />
      </div>
      <p className="row notifications-toolbar">
        <label>
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => {
              setUnreadOnly(e.target.checked);
              pager.reset();
            }}
          />{' '}
          {t('notifications.unreadOnly')}
        </label>
        <Link to="/account/emails">{t('notifications.emails')}</Link>
      </p>
      <FormErrors messages={errors} />
      <QueryState {...result} retry={refresh}>
        {({ me }) => {
          const list = me.notifications;
          if (!list) return null;
          const items = nodesOf(list);
          return (
            <>
              <div className="row notifications-head">
                <p className="muted" role="status">
                  {t('notifications.unread', { count: list.unreadCount })}
                </p>
                {list.unreadCount > 0 && (
                  <button type="button" onClick={() => void mark(null)}>
                    {t('notifications.markAllRead')}
                  </button>
                )}
              </div>
              {items.length === 0 ? (
                <Empty>{t(unreadOnly ? 'notifications.noneUnread' : 'notifications.none')}</Empty>
              ) : (
                <ul className="notifications" aria-label={t('nav.notifications')}>
                  {items.map((n) => (
                    <NotificationCard key={n.id} item={n} onMark={(ids) => void mark(ids)} />
                  ))}
                </ul>
              )}
              <Pager pager={pager} hasNextPage={list.pageInfo.hasNextPage} endCursor={list.pageInfo.endCursor} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function NotificationCard({ item: n, onMark }: { item: Item; onMark: (ids: string[]) => void }) {
  const t = useT();
  const target = linkTarget(n.link);
  const titleId = `notification-${n.id}-title`;
  // opening it reads it
  const opened = () => (n.read ? undefined : onMark([n.id]));
  return (
    <li id={`notification-${n.id}`} className={`card notification${n.read ? '' : ' unread'}`} aria-labelledby={titleId}>
      <div className="notification-head">
        <h2 id={titleId}>{n.title}</h2>
        {!n.read && <span className="badge badge-warn">{t('notifications.new')}</span>}
      </div>
      <p className="muted">
        <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
      </p>
      <p className="notification-body">{n.body}</p>
      <p className="actions">
        {target && 'inApp' in target && (
          <Link className="button primary" to={target.inApp} onClick={opened} aria-describedby={titleId}>
            {t('notifications.open')}
          </Link>
        )}
        {target && 'href' in target && (
          <a className="button" href={target.href} onClick={opened} aria-describedby={titleId}>
            {t('notifications.openParticipant')}
          </a>
        )}
        {!n.read && (
          <button type="button" onClick={() => onMark([n.id])} aria-describedby={titleId}>
            {t('notifications.markRead')}
          </button>
        )}
      </p>
    </li>
  );
}
