/**
 * The signed-in staff member's unread notifications, for the count next to "Notifications" in the navigation:
 * asked again on every page change and on each NOTIFICATION signal (every 30 s while live updates are unavailable),
 * and by the Notifications page after it marks some read.
 */
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useClient, useQuery } from 'urql';
import { useAuth, useLiveRefresh } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';

const UnreadQuery = graphql(`
  query AdminUnread {
    me {
      id
      notifications(first: 1, unreadOnly: true) {
        unreadCount
      }
    }
  }
`);

export function useUnreadCount(): number {
  const { session } = useAuth();
  const { pathname } = useLocation();
  const [result, refetch] = useQuery({ query: UnreadQuery, pause: !session });
  const signedIn = !!session;
  useEffect(() => {
    if (signedIn) refetch({ requestPolicy: 'network-only' });
  }, [pathname, signedIn, refetch]);
  useLiveRefresh(
    (s) => s.kind === 'NOTIFICATION',
    () => session && refetch({ requestPolicy: 'network-only' }),
  );
  return result.data?.me.notifications?.unreadCount ?? 0;
}

/** Asks the count again (its answer reaches the navigation's query, which has the same key). */
export function useRefreshUnreadCount(): () => void {
  const client = useClient();
  return () => void client.query(UnreadQuery, {}, { requestPolicy: 'network-only' }).toPromise();
}
