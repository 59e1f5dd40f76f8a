/**
 * The IANA time zones the platform accepts: every name of the IANA tz database that the runtime's ICU data resolves,
 * in its Area/Location form (America/Toronto, Etc/GMT-14, and the database's other names such as Asia/Kolkata and
 * Asia/Calcutta), plus UTC. Abbreviations (EST, PST), bare offsets (+05:00) and unknown names are refused.
 *
 * Not only `Intl.supportedValuesOf('timeZone')`: that list holds one name per zone as this runtime's ICU spells it,
 * without the Etc/GMT±N zones, while a browser reports whatever name its own ICU resolves (Chromium in a UTC+14
 * context says Etc/GMT-14; another version may say Asia/Kolkata where Node lists Asia/Calcutta). The participant app
 * proposes the browser's zone at registration, so every name a browser can report must be accepted here.
 */
const KNOWN = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

/** Area/Location (one or more slashes), the shape of every IANA name; abbreviations and offsets have none. */
const IANA_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+$/;

/** Whether the runtime can compute local times in `value` (it throws a RangeError for an unknown zone). */
function resolves(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Whether `value` is an IANA time zone name such as America/Toronto (abbreviations like "EST" are refused). */
export const isTimeZone = (value: unknown): value is string =>
  typeof value === 'string' && (KNOWN.has(value) || (IANA_SHAPE.test(value) && resolves(value)));

export const INVALID_TIME_ZONE = 'INVALID_TIME_ZONE';
export const INVALID_TIME_ZONE_MESSAGE = 'Use an IANA time zone such as America/Toronto.';
