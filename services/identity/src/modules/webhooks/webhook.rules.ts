/**
 * The rules of webhooks as pure functions: which URLs an endpoint may have, which addresses a delivery may
 * reach (SSRF), when a failed delivery is tried again, and when an endpoint that keeps failing is disabled.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** At most this many endpoints per organisation (the list is plain, not paged). */
export const MAX_ENDPOINTS_PER_ORGANIZATION = 20;
/** The longest retry delay, whatever the attempt. */
export const MAX_RETRY_DELAY_SECONDS = 12 * 3600;
/** How long a rotated-out secret still signs deliveries beside the new one. */
export const PREVIOUS_SECRET_SECONDS = 24 * 3600;
/** How long finished deliveries are kept for inspection and replay. */
export const DELIVERY_RETENTION_DAYS = 30;
/** How much of a receiver's answer is kept for inspection. */
export const RESPONSE_EXCERPT_BYTES = 2048;

export interface TargetPolicy {
  /** Private, loopback and link-local addresses and plain http allowed (development and tests only). */
  allowPrivate: boolean;
}

/**
 * Whether a delivery may connect to this address: only public unicast addresses, unless private targets are
 * allowed. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export function addressAllowed(address: string, policy: TargetPolicy): boolean {
  if (policy.allowPrivate) return true;
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

export type UrlProblem = { code: string; message: string };

/** Why a URL cannot be an endpoint, or null when it can. */
export function urlProblem(raw: string, policy: TargetPolicy): UrlProblem | null {
  if (raw.length > 2000) return { code: 'TOO_LONG', message: 'Use a URL of at most 2000 characters.' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { code: 'INVALID_URL', message: 'Give a full URL, like https://hooks.example.org/tandem.' };
  }
  const httpAllowed = policy.allowPrivate && url.protocol === 'http:';
  if (url.protocol !== 'https:' && !httpAllowed)
    return { code: 'HTTPS_REQUIRED', message: 'Webhook endpoints must use https.' };
  if (url.username || url.password)
    return { code: 'CREDENTIALS_IN_URL', message: 'Leave user names and passwords out of the URL.' };
  if (url.hash) return { code: 'INVALID_URL', message: 'Leave the #fragment out of the URL.' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !addressAllowed(host, policy))
    return { code: 'PRIVATE_ADDRESS', message: 'Use a public address: private and loopback addresses are refused.' };
  if (!policy.allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal')))
    return { code: 'PRIVATE_ADDRESS', message: 'Use a public address: private and loopback addresses are refused.' };
  return null;
}

/** Seconds before the next attempt after `attempts` failed ones: base, 2×base, 4×base… capped at 12 hours. */
export function retryDelaySeconds(attempts: number, baseSeconds: number): number {
  return Math.min(MAX_RETRY_DELAY_SECONDS, baseSeconds * 2 ** Math.max(0, attempts - 1));
}

export interface DisableRule {
  /** Failed attempts in a row… */
  failures: number;
  /** …spanning at least this many seconds since the first. */
  seconds: number;
}

/**
 * Whether an endpoint that has now failed `consecutiveFailures` times in a row, the first at `failingSince`,
 * is disabled: both thresholds must be reached, so a short outage of a busy receiver does not disable it.
 */
export function shouldDisable(consecutiveFailures: number, failingSince: Date, now: Date, rule: DisableRule): boolean {
  return consecutiveFailures >= rule.failures && now.getTime() - failingSince.getTime() >= rule.seconds * 1000;
}
