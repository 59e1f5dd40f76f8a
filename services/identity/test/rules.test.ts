import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accessPolicy, NO_RELATION, type AccessSubject } from '../src/modules/access/access.policy';
import { throttleDecision } from '../src/modules/auth/login-throttle';
import { validateEmail, validatePassword } from '../src/modules/auth/password-policy';
import {
  findIndustry,
  findOccupation,
  industryFamily,
  listIndustries,
  listOccupations,
  occupationFamily,
  sameFamily,
} from '../src/modules/classification/classification';
import { mergeFacets, validateCapacity, validatePauseUntil, EMPTY_FACETS } from '../src/modules/profiles/profile.rules';
import { hashRefreshToken, newRefreshToken } from '../src/modules/auth/token-signer';

describe('password policy', () => {
  it('should accept a long uncommon password', () => {
    expect(validatePassword('correct horse battery staple')).toEqual([]);
  });
  it('should refuse fewer than 10 characters', () => {
    expect(validatePassword('Sh0rt!pw')).toEqual([expect.objectContaining({ code: 'TOO_SHORT' })]);
  });
  it('should refuse common passwords whatever their case, repeated characters and straight runs', () => {
    for (const p of [
      'password123',
      'PASSWORD123',
      'qwertyuiop',
      '1234567890',
      'aaaaaaaaaaaa',
      'abcdefghijkl',
      '3456789012',
    ]) {
      expect(validatePassword(p)[0]?.code, p).toBe('TOO_COMMON');
    }
  });
  it('should refuse a password that contains the email name', () => {
    expect(validatePassword('amara.okafor-2026', { email: 'amara.okafor@example.org' })[0]?.code).toBe(
      'CONTAINS_EMAIL',
    );
  });
  it('should validate email format', () => {
    expect(validateEmail('name@example.org')).toEqual([]);
    for (const e of ['', 'name', 'name@', '@example.org', 'name@example', 'a b@example.org'])
      expect(validateEmail(e)).toHaveLength(1);
  });
});

describe('login throttling windows', () => {
  const rule = { limit: 5, windowSeconds: 900 };
  const now = new Date('2026-11-22T12:00:00Z');
  const ago = (s: number) => new Date(now.getTime() - s * 1000);

  it('should allow up to limit-1 failures in the window', () => {
    expect(throttleDecision([ago(10), ago(20), ago(30), ago(40)], now, rule)).toEqual({
      locked: false,
      retryAfterSeconds: 0,
    });
  });
  it('should lock at the limit until the oldest counted failure leaves the window', () => {
    expect(throttleDecision([ago(10), ago(20), ago(30), ago(40), ago(100)], now, rule)).toEqual({
      locked: true,
      retryAfterSeconds: 800,
    });
  });
  it('should ignore failures older than the window', () => {
    expect(throttleDecision([ago(10), ago(20), ago(30), ago(40), ago(901), ago(2000)], now, rule).locked).toBe(false);
  });
  it('should never hint a retry beyond the window, and never lock below the limit (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 30 }), (secondsAgo) => {
        const d = throttleDecision(secondsAgo.map(ago), now, rule);
        const inWindow = secondsAgo.filter((s) => s < 900).length;
        expect(d.locked).toBe(inWindow >= 5);
        if (d.locked) expect(d.retryAfterSeconds).toBeGreaterThan(0);
        expect(d.retryAfterSeconds).toBeLessThanOrEqual(900);
      }),
    );
  });
});

describe('classification families', () => {
  it('should take the first two digits as the family of an industry (NAICS sector) and an occupation (NOC major group)', () => {
    expect(industryFamily('5415')).toBe('54');
    expect(occupationFamily('21231')).toBe('21');
    expect(findIndustry('5415')).toMatchObject({
      family: '54',
      familyLabel: 'Professional, scientific, and technical services',
      level: 'DETAILED',
    });
    expect(findOccupation('21232')).toMatchObject({ family: '21', level: 'DETAILED' });
    expect(sameFamily('5415', '5416')).toBe(true);
    expect(sameFamily('21231', '22310')).toBe(false);
  });
  it('should know every listed code and no others', () => {
    expect(findIndustry('9999')).toBeNull();
    expect(findOccupation('99999')).toBeNull();
    expect(findIndustry(' 54 ')).toMatchObject({ level: 'FAMILY' });
    for (const c of listIndustries()) expect(findIndustry(c.code)!.family).toBe(c.code.slice(0, 2));
    for (const c of listOccupations()) expect(findOccupation(c.code)!.family).toBe(c.code.slice(0, 2));
    expect(listIndustries().filter((c) => c.level === 'DETAILED').length).toBeGreaterThanOrEqual(30);
    expect(listOccupations().filter((c) => c.level === 'DETAILED').length).toBeGreaterThanOrEqual(30);
  });
});

describe('profile rules', () => {
  it('should refuse a capacity below the active mentees, and out of range', () => {
    expect(validateCapacity(2, 2)).toEqual([]);
    expect(validateCapacity(1, 2)[0].code).toBe('BELOW_ACTIVE_MENTEES');
    expect(validateCapacity(0, 0)[0].code).toBe('OUT_OF_RANGE');
    expect(validateCapacity(21, 0)[0].code).toBe('OUT_OF_RANGE');
  });
  it('should pause only until a date after today and within a year', () => {
    expect(validatePauseUntil('2026-11-23', '2026-11-22')).toEqual([]);
    expect(validatePauseUntil('2026-11-22', '2026-11-22')[0].code).toBe('NOT_IN_FUTURE');
    expect(validatePauseUntil('2027-11-23', '2026-11-22')[0].code).toBe('TOO_FAR');
    expect(validatePauseUntil('23/11/2026', '2026-11-22')[0].code).toBe('INVALID_DATE');
  });
  it('should keep omitted fields, clear nulls, and name unknown codes', () => {
    const { facets, errors } = mergeFacets(
      { ...EMPTY_FACETS, city: 'Toronto', industryCode: '54' },
      { city: null, industryCode: '1234', skills: [' a ', 'a', ''] },
    );
    expect(facets).toMatchObject({ city: null, industryCode: '1234', skills: ['a'] });
    expect(errors).toEqual([expect.objectContaining({ field: 'input.industryCode', code: 'UNKNOWN_INDUSTRY' })]);
  });
});

describe('access policy', () => {
  const mentee: AccessSubject = { id: 'mentee', organizationId: 'org-a', mentorStatus: null };
  const approved: AccessSubject = { id: 'mentor', organizationId: 'org-b', mentorStatus: 'APPROVED' };
  const pending: AccessSubject = { ...approved, mentorStatus: 'PENDING_REVIEW' };
  const p = (roles: string[], userId = 'viewer', organizationId: string | null = null) => ({
    userId,
    roles: roles as never,
    organizationId,
  });

  it('should show contact details only to the person, admins and counterparts', () => {
    expect(accessPolicy.canSeeContact(p(['MENTEE'], 'mentee'), mentee, NO_RELATION)).toBe(true);
    expect(accessPolicy.canSeeContact(p(['ADMIN']), mentee, NO_RELATION)).toBe(true);
    expect(accessPolicy.canSeeContact(p(['COACH'], 'c', 'org-a'), mentee, NO_RELATION)).toBe(false);
    expect(accessPolicy.canSeeContact(p(['MENTOR']), mentee, { ...NO_RELATION, asked: true })).toBe(false);
    expect(accessPolicy.canSeeContact(p(['MENTOR']), mentee, { ...NO_RELATION, counterpart: true })).toBe(true);
    expect(accessPolicy.canSeeContact(p(['ANALYST']), mentee, { ...NO_RELATION, counterpart: true })).toBe(false);
  });
  it("should show contact details to the coach of the person's active relationship and the pair their coach's, only while it runs", () => {
    const coachA = p(['COACH'], 'c', 'org-a');
    // a volunteer mentor of no organisation, in an active relationship of org-a
    expect(accessPolicy.canSeeContact(coachA, approved, { ...NO_RELATION, coaching: true })).toBe(true);
    expect(accessPolicy.canSeePerson(coachA, pending, { ...NO_RELATION, coaching: true })).toBe(true);
    expect(accessPolicy.canSeeMenteeProfile(coachA, mentee, { ...NO_RELATION, coaching: true })).toBe(true);
    // ended (no active relationship of the organisation): the coach loses them, even of their own organisation
    expect(accessPolicy.canSeeContact(coachA, mentee, NO_RELATION)).toBe(false);
    // `coaching` counts only for a coach (a mentee of the same organisation does not coach anyone)
    expect(accessPolicy.canSeeContact(p(['MENTEE'], 'm2', 'org-a'), mentee, { ...NO_RELATION, coaching: true })).toBe(
      false,
    );
    const coachSubject: AccessSubject = { id: 'c', organizationId: 'org-a', mentorStatus: null };
    expect(accessPolicy.canSeeContact(p(['MENTOR']), coachSubject, { ...NO_RELATION, coachedBy: true })).toBe(true);
    expect(accessPolicy.canSeePerson(p(['MENTOR']), coachSubject, { ...NO_RELATION, coachedBy: true })).toBe(true);
    expect(accessPolicy.canSeeContact(p(['MENTOR']), coachSubject, NO_RELATION)).toBe(false);
    expect(accessPolicy.canSeeContact(p(['ANALYST']), coachSubject, { ...NO_RELATION, coachedBy: true })).toBe(false);
  });
  it('should show public mentor fields only when approved, and never to analysts alone', () => {
    expect(accessPolicy.canSeeMentorProfilePublic(p(['MENTEE']), approved)).toBe(true);
    expect(accessPolicy.canSeeMentorProfilePublic(p(['MENTEE']), pending)).toBe(false);
    expect(accessPolicy.canSeeMentorProfilePublic(p(['ANALYST']), approved)).toBe(false);
    expect(accessPolicy.canSeeMentorProfilePublic(null, approved)).toBe(false);
  });
  it("should show a mentee's profile to their coach but not another organisation's coach", () => {
    expect(accessPolicy.canSeeMenteeProfile(p(['COACH'], 'c', 'org-a'), mentee, NO_RELATION)).toBe(true);
    expect(accessPolicy.canSeeMenteeProfile(p(['COACH'], 'c', 'org-b'), mentee, NO_RELATION)).toBe(false);
    expect(
      accessPolicy.canSeeMenteeProfile(p(['COACH'], 'c', null), { ...mentee, organizationId: null }, NO_RELATION),
    ).toBe(false);
    expect(accessPolicy.canSeeMenteeProfile(p(['MENTOR']), mentee, { ...NO_RELATION, asked: true })).toBe(true);
  });
});

describe('refresh tokens', () => {
  it('should be random and stored only as a sha256 hash', () => {
    const a = newRefreshToken();
    expect(a).not.toBe(newRefreshToken());
    expect(a.length).toBeGreaterThanOrEqual(43);
    expect(hashRefreshToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(a)).not.toContain(a);
  });
});
