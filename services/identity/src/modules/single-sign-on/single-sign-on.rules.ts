/**
 * The rules of single sign-on that need no provider: which email domains a provider may cover, which staff
 * roles a person's groups give, what an issuer URL must look like, and the name an account starts with.
 */
import { STAFF_ROLES, type Role } from '@tandem/contracts';
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

/** The provider's `groups` claim as a list of strings (a single string counts as one group; anything else as none). */
export function groupsOf(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  return Array.isArray(claim) ? claim.filter((g): g is string => typeof g === 'string') : [];
}

/** The staff roles the mappings give a member of these groups (each role once, in the platform's order). */
export function rolesForGroups(mappings: readonly RoleMappingRow[], groups: readonly string[]): Role[] {
  const granted = new Set(mappings.filter((m) => groups.includes(m.group)).flatMap((m) => m.roles));
  return STAFF_ROLES.filter((r) => granted.has(r));
}

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
