import { describe, expect, it } from 'vitest';
import {
  riskScore,
  sampleSize,
  seededRandom,
  selectAuditSample,
  type AuditCandidate,
} from '../src/modules/audits/audit-sampling';
import { deriveOutcome } from '../src/modules/audits/audit.rules';

const people = (n: number, programmeId: string | null = 'p1', risk = 1): AuditCandidate[] =>
  Array.from({ length: n }, (_, i) => ({
    userId: `${programmeId}-${String(i).padStart(3, '0')}`,
    programmeId,
    hours: 3,
    risk,
  }));

describe('audit sampling', () => {
  it('should give the same selection for the same seed whatever the input order, and another for another seed', () => {
    const population = people(40);
    const a = selectAuditSample(population, 0.2, 'cycle-2026-Q2', 'UNIFORM').map((c) => c.userId);
    const b = selectAuditSample([...population].reverse(), 0.2, 'cycle-2026-Q2', 'UNIFORM').map((c) => c.userId);
    const c = selectAuditSample(population, 0.2, 'cycle-2026-Q3', 'UNIFORM').map((x) => x.userId);
    expect(a).toHaveLength(8);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(8);
    expect(c).not.toEqual(a);
  });

  it('should sample every programme in proportion when stratified', () => {
    const population = [...people(30, 'big'), ...people(4, 'small'), ...people(1, 'tiny')];
    const chosen = selectAuditSample(population, 0.1, 'seed', 'STRATIFIED_BY_PROGRAMME');
    const per = (p: string) => chosen.filter((c) => c.programmeId === p).length;
    expect([per('big'), per('small'), per('tiny')]).toEqual([3, 1, 1]);
  });

  it('should favour risky participants when weighted by risk', () => {
    const population = [...people(18, 'p', 1), ...people(2, 'risky', 9)];
    let riskyPicks = 0;
    let uniformPicks = 0;
    for (let s = 0; s < 200; s++) {
      riskyPicks += selectAuditSample(population, 0.1, `s${s}`, 'RISK_WEIGHTED').filter(
        (c) => c.programmeId === 'risky',
      ).length;
      uniformPicks += selectAuditSample(population, 0.1, `s${s}`, 'UNIFORM').filter(
        (c) => c.programmeId === 'risky',
      ).length;
    }
    // 2 of 20 people: uniform picks them ~10% of the time (~40 of 400 slots); risk 9 vs 1 makes it far more
    expect(uniformPicks).toBeLessThan(70);
    expect(riskyPicks).toBeGreaterThan(150);
  });

  it('should score risk from excess hours, disputes and prior audit outcomes', () => {
    expect(riskScore({ hours: 3, expectedHours: 3, disputedMeetings: 0, failedAudits: 0, partialAudits: 0 })).toBe(1);
    expect(riskScore({ hours: 12, expectedHours: 3, disputedMeetings: 0, failedAudits: 0, partialAudits: 0 })).toBe(
      3.5,
    );
    expect(riskScore({ hours: 300, expectedHours: 3, disputedMeetings: 2, failedAudits: 1, partialAudits: 1 })).toBe(
      12.5,
    );
    expect(sampleSize(0, 0.5)).toBe(0);
    expect(sampleSize(3, 0.01)).toBe(1);
  });

  it('should produce the same stream from the same seed', () => {
    const r1 = seededRandom('x');
    const r2 = seededRandom('x');
    const a = Array.from({ length: 5 }, () => r1());
    expect(Array.from({ length: 5 }, () => r2())).toEqual(a);
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it("should derive outcomes from the counterparts' answers", () => {
    expect(
      deriveOutcome(
        [
          { answer: 'CONFIRMED', hours: 1 },
          { answer: 'CONFIRMED', hours: 1.5 },
        ],
        2.5,
      ),
    ).toEqual({ outcome: 'VERIFIED', verifiedHours: 2.5 });
    expect(
      deriveOutcome(
        [
          { answer: 'CONFIRMED', hours: 1 },
          { answer: 'DENIED', hours: 1.5 },
          { answer: null, hours: 1 },
        ],
        3.5,
      ),
    ).toEqual({ outcome: 'PARTIALLY_VERIFIED', verifiedHours: 1 });
    expect(
      deriveOutcome(
        [
          { answer: 'DENIED', hours: 1 },
          { answer: null, hours: 1 },
        ],
        2,
      ),
    ).toEqual({ outcome: 'NOT_VERIFIED', verifiedHours: 0 });
    expect(deriveOutcome([{ answer: null, hours: 1 }], 1)).toEqual({ outcome: 'NO_RESPONSE', verifiedHours: 0 });
  });
});
