import { describe, expect, it } from 'vitest';
import type { Role } from '@tandem/contracts';
import {
  displayNameFrom,
  emailDomain,
  groupsClaimOf,
  groupsClaimProblem,
  groupsOf,
  inDomains,
  issuerProblem,
  normaliseDomain,
  rolesForGroups,
  signsInWith,
  syncRoles,
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

  describe('roles following the provider’s groups at every sign-in', () => {
    // COACH and ANALYST are managed (a mapping names them); ADMIN and PROGRAMME_ADMIN are not
    const mappings = [
      { group: 'coaches', roles: ['COACH'] as Role[] },
      { group: 'analysts', roles: ['ANALYST'] as Role[] },
      { group: 'leads', roles: ['COACH', 'ANALYST'] as Role[] },
    ];

    it('should grant the managed roles the groups give and remove those they no longer give', () => {
      expect(syncRoles(['ANALYST'], mappings, ['coaches'])).toEqual({
        roles: ['COACH'],
        granted: ['COACH'],
        removed: ['ANALYST'],
      });
      expect(syncRoles([], mappings, ['leads', 'unmapped'])).toEqual({
        roles: ['COACH', 'ANALYST'],
        granted: ['COACH', 'ANALYST'],
        removed: [],
      });
      // nothing to do: the same roles, nothing granted or removed
      expect(syncRoles(['COACH'], mappings, ['coaches'])).toEqual({ roles: ['COACH'], granted: [], removed: [] });
      // group names are matched exactly
      expect(syncRoles(['COACH'], mappings, ['Coaches']).removed).toEqual(['COACH']);
    });

    it('should leave hand-granted staff roles and participant roles as they are', () => {
      // ADMIN (no mapping names it) and MENTEE/MENTOR stay, whatever the groups
      expect(syncRoles(['MENTEE', 'MENTOR', 'COACH', 'ADMIN'], mappings, [])).toEqual({
        roles: ['MENTEE', 'MENTOR', 'ADMIN'],
        granted: [],
        removed: ['COACH'],
      });
      expect(syncRoles(['PROGRAMME_ADMIN'], mappings, ['analysts'])).toEqual({
        roles: ['PROGRAMME_ADMIN', 'ANALYST'],
        granted: ['ANALYST'],
        removed: [],
      });
      // without any mapping, nothing is managed: nothing changes
      expect(syncRoles(['COACH', 'MENTOR'], [], ['coaches'])).toEqual({
        roles: ['MENTOR', 'COACH'],
        granted: [],
        removed: [],
      });
    });

    it('should let an account with a staff or a participant role sign in, and refuse one left with none', () => {
      const left = syncRoles(['COACH', 'ANALYST'], mappings, ['nobody']);
      expect(left).toEqual({ roles: [], granted: [], removed: ['COACH', 'ANALYST'] });
      expect(signsInWith(left.roles)).toBe(false);
      expect(signsInWith(syncRoles(['MENTEE', 'COACH'], mappings, []).roles)).toBe(true);
      expect(signsInWith(['ADMIN'])).toBe(true);
      expect(signsInWith(['COACH'])).toBe(true);
    });
  });

  it('should read the groups from the named claim, and tell an absent claim from an empty one', () => {
    expect(groupsClaimOf({ groups: ['a', 'b'] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsClaimOf({ roles: 'a' }, 'roles')).toEqual(['a']);
    expect(groupsClaimOf({ groups: [] }, 'groups')).toEqual([]);
    // absent (or null): the userinfo endpoint is asked
    expect(groupsClaimOf({ email: 'x@example.org' }, 'groups')).toBeNull();
    expect(groupsClaimOf({ groups: null }, 'groups')).toBeNull();
    expect(groupsClaimOf({ groups: ['a'] }, 'roles')).toBeNull();
    // an inherited property is not a claim
    expect(groupsClaimOf({}, 'toString')).toBeNull();
  });

  it('should accept a claim name without spaces, and refuse one that identifies the person or the token', () => {
    expect(groupsClaimProblem('groups')).toBeNull();
    expect(groupsClaimProblem('https://example.org/claims/groups')).toBeNull();
    expect(groupsClaimProblem('realm_access.roles')).toBeNull();
    for (const bad of ['', 'my groups', 'x'.repeat(101), 'grôups', 'sub', 'email', 'aud'])
      expect(groupsClaimProblem(bad)).not.toBeNull();
  });
});
