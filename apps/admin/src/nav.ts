/** The pages and which staff roles see them. */
import type { StaffRole } from './auth/session';

export interface NavItem {
  path: string;
  label: string;
  roles: readonly StaffRole[];
}

export const NAV: readonly NavItem[] = [
  { path: '/overview', label: 'Overview', roles: ['PROGRAM_ADMIN', 'ADMIN', 'ANALYST', 'COACH'] },
  { path: '/applications', label: 'Mentor applications', roles: ['COACH', 'PROGRAM_ADMIN', 'ADMIN'] },
  { path: '/matching', label: 'Matching', roles: ['COACH', 'PROGRAM_ADMIN', 'ADMIN'] },
  { path: '/relationships', label: 'Relationships', roles: ['COACH', 'PROGRAM_ADMIN', 'ADMIN'] },
  { path: '/audits', label: 'Audits', roles: ['PROGRAM_ADMIN', 'ADMIN'] },
  { path: '/organisations', label: 'Organisations & programmes', roles: ['PROGRAM_ADMIN', 'ADMIN'] },
  { path: '/users', label: 'Users', roles: ['PROGRAM_ADMIN', 'ADMIN'] },
];

export const STAFF_ROLES: readonly StaffRole[] = ['COACH', 'PROGRAM_ADMIN', 'ADMIN', 'ANALYST'];
