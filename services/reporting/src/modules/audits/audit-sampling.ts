/**
 * Reproducible audit sampling: a PRNG seeded from the audit's seed, candidates in a fixed order, so the same
 * seed over the same population always selects the same people.
 */
import { createHash } from 'node:crypto';

export type AuditStrategyName = 'UNIFORM' | 'STRATIFIED_BY_PROGRAMME' | 'RISK_WEIGHTED';

export interface AuditCandidate {
  userId: string;
  /** The programme where the person earned most hours in the period (the stratum). */
  programmeId: string | null;
  hours: number;
  risk: number;
}

/** sfc32 seeded from sha256(seed:salt): fast, well distributed, and the same on every machine. */
export function seededRandom(seed: string, salt = ''): () => number {
  const h = createHash('sha256').update(`${seed}:${salt}`).digest();
  let a = h.readUInt32LE(0),
    b = h.readUInt32LE(4),
    c = h.readUInt32LE(8),
    d = h.readUInt32LE(12);
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
}

/** The commitment a cycle publishes: sha256 of the seed's UTF-8 bytes, in lowercase hex. */
export const seedCommitment = (seed: string) => createHash('sha256').update(seed, 'utf8').digest('hex');

export const sampleSize = (population: number, rate: number) =>
  population === 0 ? 0 : Math.min(population, Math.max(1, Math.ceil(population * rate)));

function shuffleTake<T>(items: T[], k: number, random: () => number): T[] {
  const a = [...items];
  for (let i = 0; i < Math.min(k, a.length); i++) {
    const j = i + Math.floor(random() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k);
}

const byUser = (x: AuditCandidate, y: AuditCandidate) => (x.userId < y.userId ? -1 : x.userId > y.userId ? 1 : 0);

/** Selects the sample; the result is in selection order. */
export function selectAuditSample(
  candidates: AuditCandidate[],
  rate: number,
  seed: string,
  strategy: AuditStrategyName,
): AuditCandidate[] {
  const ordered = [...candidates].sort(byUser);
  if (strategy === 'UNIFORM')
    return shuffleTake(ordered, sampleSize(ordered.length, rate), seededRandom(seed, 'uniform'));
  if (strategy === 'STRATIFIED_BY_PROGRAMME') {
    const strata = new Map<string, AuditCandidate[]>();
    for (const c of ordered) strata.set(c.programmeId ?? '', [...(strata.get(c.programmeId ?? '') ?? []), c]);
    return [...strata.keys()].sort().flatMap((key) => {
      const members = strata.get(key)!;
      return shuffleTake(members, sampleSize(members.length, rate), seededRandom(seed, `stratum:${key}`));
    });
  }
  // weighted sampling without replacement (Efraimidis–Spirakis): key = u^(1/w), the k largest keys win
  const random = seededRandom(seed, 'risk');
  const keyed = ordered.map((c) => ({ c, key: Math.pow(random(), 1 / Math.max(c.risk, 0.001)) }));
  keyed.sort((x, y) => y.key - x.key || byUser(x.c, y.c));
  return keyed.slice(0, sampleSize(ordered.length, rate)).map((k) => k.c);
}

/**
 * Risk of a participant's claim: 1, plus how far the hours exceed the programme's pace (beyond 1.5x),
 * plus one per disputed meeting, plus three per failed prior audit (1.5 per partially verified one).
 */
export function riskScore(input: {
  hours: number;
  expectedHours: number | null;
  disputedMeetings: number;
  failedAudits: number;
  partialAudits: number;
}): number {
  const excess =
    input.expectedHours && input.expectedHours > 0
      ? Math.min(5, Math.max(0, input.hours / input.expectedHours - 1.5))
      : 0;
  return (
    Math.round((1 + excess + input.disputedMeetings + 3 * input.failedAudits + 1.5 * input.partialAudits) * 1000) / 1000
  );
}
