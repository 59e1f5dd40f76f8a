import { describe, expect, it } from 'vitest';
import { awaitingSides, isFullySigned, signedAt } from '../src/modules/agreements/agreement.rules';

const at = new Date('2026-03-01T10:00:00Z');
const version = (over: Partial<Parameters<typeof awaitingSides>[0]> = {}) => ({
  mentorSignedAt: null,
  menteeSignedAt: null,
  coachSignatureRequired: false,
  coachSignedAt: null,
  ...over,
});

describe('the agreement signature rules', () => {
  it('should need the two partners when the programme does not ask for the coach', () => {
    expect(awaitingSides(version())).toEqual(['MENTOR', 'MENTEE']);
    expect(isFullySigned(version({ mentorSignedAt: at }))).toBe(false);
    expect(isFullySigned(version({ mentorSignedAt: at, menteeSignedAt: at }))).toBe(true);
  });

  it('should need the coach as a third signer when the version was drafted under that rule', () => {
    const partners = version({ mentorSignedAt: at, menteeSignedAt: at, coachSignatureRequired: true });
    expect(awaitingSides(partners)).toEqual(['COACH']);
    expect(isFullySigned(partners)).toBe(false);
    expect(isFullySigned({ ...partners, coachSignedAt: at })).toBe(true);
    expect(awaitingSides(version({ coachSignatureRequired: true, coachSignedAt: at }))).toEqual(['MENTOR', 'MENTEE']);
  });

  it('should tell when each side signed', () => {
    const v = version({ menteeSignedAt: at, coachSignatureRequired: true });
    expect([signedAt(v, 'MENTOR'), signedAt(v, 'MENTEE'), signedAt(v, 'COACH')]).toEqual([null, at, null]);
  });
});
