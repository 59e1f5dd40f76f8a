import { describe, expect, it } from 'vitest';
import {
  displayNameFrom,
  emailDomain,
  groupsOf,
  inDomains,
  issuerProblem,
  normaliseDomain,
  rolesForGroups,
} from '../src/modules/single-sign-on/single-sign-on.rules';

describe('single sign-on rules', () => {
  it('should read a domain as stored (lower-case, without @) and refuse what is not a domain name', () => {
    expect(normaliseDomain(' @Example.ORG ')).toBe('example.org');
    expect(normaliseDomain('mail.example.co.uk')).toBe('mail.example.co.uk');
    for (const bad of ['example', 'exa mple.org', '-a.org', 'a-.org', 'a..org', 'https://example.org', ''])
      expect(normaliseDomain(bad)).toBeNull();
  });

  it('should match an email to its domains exactly (a subdomain is another domain)', () => {
    expect(emailDomain('Sam@Example.org')).toBe('example.org');
    expect(emailDomain('no-at-sign')).toBeNull();
    expect(inDomains('sam@example.org', ['example.org'])).toBe(true);
    expect(inDomains('sam@hr.example.org', ['example.org'])).toBe(false);
    expect(inDomains('sam@example.org.evil.test', ['example.org'])).toBe(false);
    expect(inDomains('sam@example.org@evil.test', ['example.org'])).toBe(false);
  });

  it('should give the staff roles of every mapped group once, and none for unmapped groups', () => {
    const mappings = [
      { group: 'coaches', roles: ['COACH' as const] },
      { group: 'leads', roles: ['ADMIN' as const, 'COACH' as const] },
    ];
    expect(rolesForGroups(mappings, ['leads', 'coaches', 'other'])).toEqual(['COACH', 'ADMIN']);
    expect(rolesForGroups(mappings, ['Coaches'])).toEqual([]);
    expect(rolesForGroups(mappings, [])).toEqual([]);
    expect(groupsOf('coaches')).toEqual(['coaches']);
    expect(groupsOf(['a', 1, null, 'b'])).toEqual(['a', 'b']);
    expect(groupsOf({ a: 1 })).toEqual([]);
  });

  it('should accept only https issuers without query or fragment (http only when allowed)', () => {
    expect(issuerProblem('https://login.example.org/tenant', false)).toBeNull();
    expect(issuerProblem('http://127.0.0.1:8080', false)).not.toBeNull();
    expect(issuerProblem('http://127.0.0.1:8080', true)).toBeNull();
    expect(issuerProblem('https://login.example.org/?x=1', false)).not.toBeNull();
    expect(issuerProblem('https://user:pw@login.example.org', false)).not.toBeNull();
    expect(issuerProblem('login.example.org', false)).not.toBeNull();
  });

  it('should name a new account from the provider’s claims, else the email', () => {
    expect(displayNameFrom({ name: ' Sam Lee ' }, 'x@example.org')).toBe('Sam Lee');
    expect(displayNameFrom({ given_name: 'Sam', family_name: 'Lee' }, 'x@example.org')).toBe('Sam Lee');
    expect(displayNameFrom({}, 'sam.lee@example.org')).toBe('sam.lee');
  });
});
