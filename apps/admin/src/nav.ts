/** The pages and which staff roles see them. */
/** The roles that may use the admin workspace. */
export type StaffRole = 'COACH' | 'PROGRAMME_ADMIN' | 'ADMIN' | 'ANALYST';

export interface NavItem {
  path: string;
  label: string;
  roles: readonly StaffRole[];
  /** The label for a coach with no other role that sees the entry (their home is the caseload). */
  coachLabel?: string;
}

export const NAV: readonly NavItem[] = [
  // a coach's home is their caseload; the overview stays, scoped to their organisation, as their analytics
  { path: '/caseload', label: 'Caseload', roles: ['COACH'] },
  {
    path: '/overview',
    label: 'Overview',
    roles: ['PROGRAMME_ADMIN', 'ADMIN', 'ANALYST', 'COACH'],
    coachLabel: 'Analytics',
  },
  { path: '/applications', label: 'Mentor applications', roles: ['COACH', 'PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/matching', label: 'Matching', roles: ['COACH', 'PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/relationships', label: 'Relationships', roles: ['COACH', 'PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/orientation', label: 'Orientation', roles: ['COACH', 'PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/learning', label: 'Learning', roles: ['COACH', 'PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/audits', label: 'Audits', roles: ['PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/organisations', label: 'Organisations & programmes', roles: ['PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/users', label: 'Users', roles: ['PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/invitations', label: 'Invitations', roles: ['COACH', 'PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/webhooks', label: 'Webhooks', roles: ['PROGRAMME_ADMIN', 'ADMIN'] },
  { path: '/audit-log', label: 'Audit log', roles: ['ADMIN'] },
];

export const STAFF_ROLES: readonly StaffRole[] = ['COACH', 'PROGRAMME_ADMIN', 'ADMIN', 'ANALYST'];

/** The entry's label for these roles: a coach's own label when coaching is their only role that sees it. */
export function navLabel(item: NavItem, roles: readonly string[]): string {
  const others = item.roles.filter((r) => r !== 'COACH');
  return item.coachLabel && roles.includes('COACH') && !others.some((r) => roles.includes(r))
    ? item.coachLabel
    : item.label;
}
