/** The pages and which staff roles see them. */
import type { MessageId } from './i18n/en';

/** The roles that may use the admin workspace. */
export type StaffRole = 'COACH' | 'PROGRAMME_ADMIN' | 'ADMIN' | 'ANALYST';

export interface NavItem {
  path: string;
  /** The entry's words in the catalogues (nav.*). */
  label: MessageId;
  roles: readonly StaffRole[];
  /** The label for a coach with no other role that sees the entry (their home is the caseload). */
  coachLabel?: MessageId;
}

export const NAV: readonly NavItem[] = [
  // a coach's home is their caseload; the overview stays, scoped to their organisation, as their analytics
  { path: '/caseload', label: 'nav.caseload', roles: ['COACH'] },
  {
    path: '/overview',
    label: 'nav.overview',
    roles: ['PROGRAMME_ADMIN', 'ADMIN', 'ANALYST', 'COACH'],
    coachLabel: 'nav.analytics',
  },
  // every staff member's own notices (never anyone's home: the entries above come first)
  { path: '/notifications', label: 'nav.notifications', roles: ['COACH', 'PROGRAMME_ADMIN', 'ADMIN', 'ANALYST'] },
  { path: '/applications', label: 'nav.applications', roles: ['COACH', 'PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/matching', label: 'nav.matching', roles: ['COACH', 'PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/relationships', label: 'nav.relationships', roles: ['COACH', 'PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/orientation', label: 'nav.orientation', roles: ['COACH', 'PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/learning', label: 'nav.learning', roles: ['COACH', 'PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/audits', label: 'nav.audits', roles: ['PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/organisations', label: 'nav.organisations', roles: ['PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/users', label: 'nav.users', roles: ['PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/invitations', label: 'nav.invitations', roles: ['COACH', 'PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/webhooks', label: 'nav.webhooks', roles: ['PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/api-keys', label: 'nav.apiKeys', roles: ['PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/audit-log', label: 'nav.auditLog', roles: ['ADMIN'] },
];

export const STAFF_ROLES: readonly StaffRole[] = ['COACH', 'PROGRAMME_ADMIN', 'ADMIN', 'ANALYST'];

/** The entry's label for these roles: a coach's own label when coaching is their only role that sees it. */
export function navLabel(item: NavItem, roles: readonly string[]): MessageId {
  const others = item.roles.filter((r) => r !== 'COACH');
  return item.coachLabel && roles.includes('COACH') && !others.some((r) => roles.includes(r))
    ? item.coachLabel
    : item.label;
}
