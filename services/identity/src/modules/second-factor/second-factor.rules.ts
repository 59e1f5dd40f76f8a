import { STAFF_ROLES, type Role } from '@tandem/contracts';

/** The roles that must have a second factor wherever they work. */
export const SECOND_FACTOR_REQUIRED_ROLES: readonly Role[] = ['ADMIN', 'PROGRAMME_ADMIN'];

/** Staff (COACH, PROGRAMME_ADMIN, ANALYST, ADMIN) may (and, below, sometimes must) sign in with a second factor. */
export const isStaff = (roles: readonly Role[]): boolean => roles.some((r) => STAFF_ROLES.includes(r));

/**
 * Whether a person must sign in with a second factor: an ADMIN or PROGRAMME_ADMIN always; a COACH when their
 * organisation requires it of its coaches; nobody else (ANALYST and coaches elsewhere may enrol by choice).
 */
export function secondFactorRequired(roles: readonly Role[], organisationRequiresForCoaches: boolean): boolean {
  if (roles.some((r) => SECOND_FACTOR_REQUIRED_ROLES.includes(r))) return true;
  return roles.includes('COACH') && organisationRequiresForCoaches;
}

/** A code typed at the second step: six digits are a TOTP code, anything else is read as a recovery code. */
export const codeKind = (code: string): 'TOTP' | 'RECOVERY_CODE' =>
  /^\d{6}$/.test(code.replace(/\s/g, '')) ? 'TOTP' : 'RECOVERY_CODE';
