import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bruteForce, scaled, solveAssignment, type AssignmentProblem } from '../src/modules/cohorts/assignment';

/** Checks a solution respects the problem: allowed pairs only, each mentee once, capacities. */
function valid(problem: AssignmentProblem, mentorOf: number[]) {
  const used = new Array(problem.capacities.length).fill(0);
  mentorOf.forEach((j, i) => {
    if (j < 0) return;
    expect(problem.edges.some((e) => e.mentee === i && e.mentor === j)).toBe(true);
    used[j]++;
  });
  used.forEach((u, j) => expect(u).toBeLessThanOrEqual(problem.capacities[j]));
}

const problems = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.integer({ min: 1, max: 4 }).chain((m) =>
    fc.record({
      menteeCount: fc.constant(n),
      capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: m, maxLength: m }),
      edges: fc
        .array(
          fc.option(fc.oneof(fc.constantFrom(0, 0.25, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true })), {
            nil: null,
          }),
          { minLength: n * m, maxLength: n * m },
        )
        .map((cells) =>
          cells.flatMap((score, k) => (score === null ? [] : [{ mentee: Math.floor(k / m), mentor: k % m, score }])),
        ),
    }),
  ),
);

describe('solveAssignment', () => {
  it('should prefer the higher total score, or more pairs, by objective (hand-checked)', () => {
    // mentor 0 has one place; mentee 0 scores .9 with mentor 0 and .1 with mentor 1; mentee 1 only fits mentor 0 (.5)
    const problem: AssignmentProblem = {
      menteeCount: 2,
      capacities: [1, 1],
      edges: [
        { mentee: 0, mentor: 0, score: 0.9 },
        { mentee: 0, mentor: 1, score: 0.1 },
        { mentee: 1, mentor: 0, score: 0.5 },
      ],
    };
    const byScore = solveAssignment(problem, 'MAX_TOTAL_SCORE');
    expect(byScore.mentorOf).toEqual([0, -1]);
    expect(byScore.totalScaled).toBe(scaled(0.9));
    const byCount = solveAssignment(problem, 'MAX_MATCHED');
    expect(byCount.mentorOf).toEqual([1, 0]);
    expect(byCount.totalScaled).toBe(scaled(0.6));
  });

  it('should still pair people whose score is zero when a place is free', () => {
    const result = solveAssignment(
      {
        menteeCount: 2,
        capacities: [2],
        edges: [
          { mentee: 0, mentor: 0, score: 0 },
          { mentee: 1, mentor: 0, score: 0.3 },
        ],
      },
      'MAX_TOTAL_SCORE',
    );
    expect(result.matched).toBe(2);
  });

  it('should match brute force on small random instances for both objectives', () => {
    fc.assert(
      fc.property(
        problems,
        fc.constantFrom('MAX_TOTAL_SCORE' as const, 'MAX_MATCHED' as const),
        (problem, objective) => {
          const solved = solveAssignment(problem, objective);
          valid(problem, solved.mentorOf);
          expect({ matched: solved.matched, totalScaled: solved.totalScaled }).toEqual(bruteForce(problem, objective));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('should assign 1,000 mentees to 300 mentors with capacities 1 to 5 within seconds', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const capacities = Array.from({ length: 300 }, () => 1 + Math.floor(rand() * 5));
    const edges = [];
    for (let i = 0; i < 1000; i++)
      for (let j = 0; j < 300; j++) edges.push({ mentee: i, mentor: j, score: Math.round(rand() * 100) / 100 });
    const started = Date.now();
    const result = solveAssignment({ menteeCount: 1000, capacities, edges }, 'MAX_TOTAL_SCORE');
    const ms = Date.now() - started;
    expect(result.matched).toBe(
      Math.min(
        1000,
        capacities.reduce((a, b) => a + b, 0),
      ),
    );
    expect(ms).toBeLessThan(20_000);
  });
});
