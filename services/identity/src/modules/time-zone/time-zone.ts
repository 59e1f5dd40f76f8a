/** The IANA time zones the platform knows (from the runtime's ICU data), plus UTC. */
const KNOWN = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

/** Whether `value` is an IANA time zone name such as America/Toronto (abbreviations like "EST" are refused). */
export const isTimeZone = (value: unknown): value is string => typeof value === 'string' && KNOWN.has(value);

export const INVALID_TIME_ZONE = 'INVALID_TIME_ZONE';
export const INVALID_TIME_ZONE_MESSAGE = 'Use an IANA time zone such as America/Toronto.';
