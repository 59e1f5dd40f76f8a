/**
 * When a person's daily digest of nudges goes out (pure): once a day, at the first run of the digest job on or
 * after DIGEST_HOUR o'clock in the person's own time zone (User.timeZone; the platform's programme zone,
 * America/Toronto, when they chose none). The digest of a day is keyed by that local day, so one person gets at
 * most one digest per local day whatever the job's schedule or how often it runs.
 */
export const DIGEST_HOUR = 8;

/** The zone of someone who chose none (the programmes' default zone). */
export const DIGEST_DEFAULT_TIME_ZONE = 'America/Toronto';

/** The person's local day (YYYY-MM-DD) at `now`, and whether their digest hour has come on that day. */
export function digestDay(now: Date, timeZone: string | null): { localDay: string; due: boolean } {
  const zone = timeZone ?? DIGEST_DEFAULT_TIME_ZONE;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(now);
  } catch {
    // a zone this runtime does not know: the default one (never skip someone's digest for it)
    return digestDay(now, DIGEST_DEFAULT_TIME_ZONE);
  }
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { localDay: `${part('year')}-${part('month')}-${part('day')}`, due: Number(part('hour')) >= DIGEST_HOUR };
}
