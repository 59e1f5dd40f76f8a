/** The audit rules as pure functions: the outcome answers imply, the hours an outcome accepts, the expected pace. */
import type { AuditOutcome } from './audit.type';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The day `days` after an ISO day. */
export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The hours of the meetings counterparts confirmed. */
const confirmedHours = (checks: Array<{ answer: string | null; hours: number }>) =>
  round2(checks.filter((c) => c.answer === 'CONFIRMED').reduce((a, c) => a + Number(c.hours), 0));

/** The outcome the counterparts' answers imply, with the hours they support. */
export function deriveOutcome(
  checks: Array<{ answer: string | null; hours: number }>,
  claimedHours: number,
): { outcome: AuditOutcome; verifiedHours: number } {
  const answered = checks.filter((c) => c.answer !== null);
  const confirmed = confirmedHours(checks);
  if (!answered.length) return { outcome: 'NO_RESPONSE' as AuditOutcome, verifiedHours: 0 };
  if (checks.length && checks.every((c) => c.answer === 'CONFIRMED'))
    return { outcome: 'VERIFIED' as AuditOutcome, verifiedHours: round2(claimedHours) };
  if (confirmed > 0) return { outcome: 'PARTIALLY_VERIFIED' as AuditOutcome, verifiedHours: confirmed };
  return { outcome: 'NOT_VERIFIED' as AuditOutcome, verifiedHours: 0 };
}

/** The hours an outcome accepts: all claimed when VERIFIED, the confirmed ones when PARTIALLY_VERIFIED, else none. */
export function acceptedHours(
  outcome: AuditOutcome,
  claimedHours: number,
  checks: Array<{ answer: string | null; hours: number }>,
): number {
  if (outcome === 'VERIFIED') return round2(Number(claimedHours));
  return outcome === 'PARTIALLY_VERIFIED' ? confirmedHours(checks) : 0;
}

/** The pace the programme expects over the audited period (capped at the whole programme's target), if it says. */
export function expectedHours(
  terms: { targetHours: number | null; durationWeeks: number | null },
  from: string,
  to: string,
): number | null {
  if (!terms.targetHours || !terms.durationWeeks) return null;
  const weeks = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (7 * 86_400_000) + 1 / 7;
  return Math.min(Number(terms.targetHours), (Number(terms.targetHours) / terms.durationWeeks) * weeks);
}
