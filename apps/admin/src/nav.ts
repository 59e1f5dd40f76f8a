/** The pages and which staff roles see them. */
/** The roles that may use the admin workspace. */
export type StaffRole = 'COACH' | 'PROGRAMME_ADMIN' | 'ADMIN' | 'ANALYST';

export interface NavItem {
  path: string;
  label: string;
  roles: readonly StaffRole[];
}

export const NAV: readonly NavItem[] = [
  { path: '/overview', label: 'Overview', roles: ['PROGRAMME_ADMIN', 'ADMIN', 'ANALYST', 'COACH'] },
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
