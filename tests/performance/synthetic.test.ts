/**
 * The synthetic platform behind `npm run seed:large`: every service regenerates the same entities from the
 * seed and the index (so the ids agree across the four schemas), and the distributions look like a real
 * programme's (skewed industries, capacities 1..5, most relationships completed, some withdrawn).
 */
import { describe, expect, it } from 'vitest';
import { SyntheticPlatform, copyValue, INDUSTRIES } from '@tandem/synthetic';

const size = {
  seed: 42,
  mentors: 2000,
  mentees: 2000,
  relationships: 4000,
  meetings: 20000,
  organizations: 20,
  programmes: 10,
};

describe('synthetic platform', () => {
  it('should give the same entities for the same seed and index, and others for another seed', () => {
    const a = new SyntheticPlatform(size);
    const b = new SyntheticPlatform(size);
    expect(b.mentor(17)).toEqual(a.mentor(17));
    expect(b.relationship(3999)).toEqual(a.relationship(3999));
    expect(b.meeting(12345)).toEqual(a.meeting(12345));
    const other = new SyntheticPlatform({ ...size, seed: 7 });
    expect(other.mentor(17).id).not.toBe(a.mentor(17).id);
    // a relationship points at the mentee and mentor the other services generate under the same index
    const r = a.relationship(2500);
    expect(r.menteeId).toBe(a.mentee(r.menteeIndex).id);
    expect(r.mentorId).toBe(a.mentor(r.mentorIndex).id);
    expect(r.programmeId).toBe(a.mentee(r.menteeIndex).programmeId);
    expect(a.meeting(2500 + 4000).relationship.id).toBe(r.id);
  });

  it('should produce unique, well-formed uuids', () => {
    const p = new SyntheticPlatform(size);
    const ids = new Set([
      ...Array.from({ length: 2000 }, (_, i) => p.mentor(i).id),
      ...Array.from({ length: 2000 }, (_, i) => p.mentee(i).id),
      ...Array.from({ length: 4000 }, (_, i) => p.relationship(i).id),
    ]);
    expect(ids.size).toBe(8000);
    for (const id of [...ids].slice(0, 50))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('should skew industries, keep capacities 1..5 and complete most relationships', () => {
    const p = new SyntheticPlatform(size);
    const mentors = Array.from({ length: 2000 }, (_, i) => p.mentor(i));
    const byIndustry = new Map<string, number>();
    for (const m of mentors) byIndustry.set(m.industry[0], (byIndustry.get(m.industry[0]) ?? 0) + 1);
    expect(byIndustry.get(INDUSTRIES[0][0])! / 2000).toBeGreaterThan(0.2); // the most common industry
    expect((byIndustry.get(INDUSTRIES.at(-1)![0]) ?? 0) / 2000).toBeLessThan(0.05); // a rare one
    expect(new Set(mentors.map((m) => m.capacity))).toEqual(new Set([1, 2, 3, 4, 5]));
    const statuses = Array.from({ length: 4000 }, (_, i) => p.relationship(i).status);
    const share = (s: string) => statuses.filter((x) => x === s).length / statuses.length;
    expect(share('COMPLETED')).toBeGreaterThan(0.6);
    expect(share('WITHDRAWN')).toBeGreaterThan(0.03);
    expect(share('WITHDRAWN')).toBeLessThan(0.15);
    expect(share('ACTIVE')).toBeGreaterThan(0.05);
    for (let i = 0; i < 4000; i += 97) {
      const r = p.relationship(i);
      if (r.status !== 'ACTIVE') expect(r.endedOn! > r.startedOn).toBe(true);
      else expect(r.endedOn).toBeNull();
    }
  });

  it('should escape values for COPY text format', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('a\tb\nc\\d')).toBe('a\\tb\\nc\\\\d');
    expect(copyValue(['x', 'y "z"'])).toBe('{"x","y \\\\"z\\\\""}');
    expect(copyValue(true)).toBe('t');
    expect(copyValue(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z');
  });
});
