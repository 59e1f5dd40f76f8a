/**
 * The rules of single sign-on that need no provider: which email domains a provider may cover, which staff
 * roles a person's groups give (and how an account's roles follow its groups at every sign-in), what an issuer
 * URL and a groups claim name must look like, and the name an account starts with.
 */
import { ROLES, SELF_SERVICE_ROLES, STAFF_ROLES, type Role } from '@tandem/contracts';
import type { RoleMappingRow } from './single-sign-on.repository';

/** A DNS name of at least two labels (letters, digits, hyphens; no leading or trailing hyphen), lower-cased. */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The domain as stored (trimmed, lower-case, without a leading `@`), or null when it is not a domain name. */
export function normaliseDomain(raw: string): string | null {
  const domain = raw.trim().toLowerCase().replace(/^@/, '');
  return DOMAIN.test(domain) ? domain : null;
}

/** The (lower-case) domain of an email address, or null when it has none. */
export function emailDomain(email: string): string | null {
  const at = email.trim().lastIndexOf('@');
  return at > 0 ? normaliseDomain(email.trim().slice(at + 1)) : null;
}

/** Whether an email address is in one of the domains (exactly: a subdomain is another domain). */
export const inDomains = (email: string, domains: readonly string[]): boolean => {
  const domain = emailDomain(email);
  return domain !== null && domains.includes(domain);
};

/** A groups claim's value as a list of strings (a single string counts as one group; anything else as none). */
export function groupsOf(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  return Array.isArray(claim) ? claim.filter((g): g is string => typeof g === 'string') : [];
}

/** The claim the provider's groups are read from unless the organisation names another. */
export const DEFAULT_GROUPS_CLAIM = 'groups';
/** Claims that identify the person or the token: never their groups. */
const RESERVED_CLAIMS = new Set(['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'nonce', 'email', 'email_verified', 'azp']);

/**
 * Why a groups claim name cannot be used, or null: a top-level claim name of 1 to 100 visible ASCII characters
 * (no spaces; nested paths like `realm_access.roles` are read as one name, not a path), and not one of the
 * claims that identify the person or the token.
 */
export function groupsClaimProblem(name: string): string | null {
  if (!/^[\x21-\x7e]{1,100}$/.test(name))
    return 'Give the claim’s name as the provider sends it: 1 to 100 characters, no spaces.';
  if (RESERVED_CLAIMS.has(name)) return `“${name}” identifies the person or the token: it cannot hold their groups.`;
  return null;
}

/**
 * The groups an ID token or a userinfo answer states under `claimName`, or null when it has no such claim (then
 * the userinfo endpoint is asked). A claim present with anything but strings counts as no groups.
 */
export function groupsClaimOf(claims: Record<string, unknown>, claimName: string): string[] | null {
  return Object.hasOwn(claims, claimName) && claims[claimName] != null ? groupsOf(claims[claimName]) : null;
}

/** The staff roles the mappings give a member of these groups (each role once, in the platform's order). */
export function rolesForGroups(mappings: readonly RoleMappingRow[], groups: readonly string[]): Role[] {
  const granted = new Set(mappings.filter((m) => groups.includes(m.group)).flatMap((m) => m.roles));
  return STAFF_ROLES.filter((r) => granted.has(r));
}

/**
 * How the roles of an organisation's account follow the provider's groups at every sign-in (the rule):
 * - the roles the mappings *manage* are the staff roles named by any of them;
 * - a managed role the person's groups give is granted, a managed role they no longer give is removed;
 * - every other role stays as it is: staff roles no mapping names (granted by hand by an ADMIN) and the
 *   participant roles MENTEE and MENTOR (mappings only ever name staff roles).
 * Answers the roles after the sign-in (in the platform's order) and what was granted and removed.
 */
export function syncRoles(
  current: readonly Role[],
  mappings: readonly RoleMappingRow[],
  groups: readonly string[],
): { roles: Role[]; granted: Role[]; removed: Role[] } {
  const managed = new Set(mappings.flatMap((m) => m.roles).filter((r) => STAFF_ROLES.includes(r)));
  const given = new Set(rolesForGroups(mappings, groups));
  const keep = (r: Role) => (managed.has(r) ? given.has(r) : current.includes(r));
  const roles = ROLES.filter(keep);
  return {
    roles,
    granted: roles.filter((r) => !current.includes(r)),
    removed: ROLES.filter((r) => current.includes(r) && !roles.includes(r)),
  };
}

/**
 * Whether these roles let a person sign in with the organisation's provider: a staff role or a participant role.
 * An account left with none is refused like a new account whose groups give no role (NO_ROLE).
 */
export const signsInWith = (roles: readonly Role[]): boolean =>
  roles.some((r) => STAFF_ROLES.includes(r) || SELF_SERVICE_ROLES.includes(r));

/**
 * Why an issuer URL cannot be used, or null: it must be an absolute https URL without query or fragment
 * (plain http only when `allowHttp`, for development and tests).
 */
export function issuerProblem(raw: string, allowHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Give the issuer as a full URL, like https://login.example.org.';
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) return 'The issuer must be an https URL.';
  if (url.search || url.hash || url.username || url.password)
    return 'The issuer has no query, fragment or credentials: give it exactly as the provider names itself.';
  return null;
}

/** The name a new account starts with: the provider's `name`, else given and family names, else the email's local part. */
export function displayNameFrom(claims: Record<string, unknown>, email: string): string {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const name = text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') || '';
  return (name || email.slice(0, email.indexOf('@'))).slice(0, 100);
}
