/**
 * Login throttling, as a pure rule over failure timestamps: at most `limit` failures within a sliding
 * window of `windowSeconds`; the lock lifts when the oldest of those failures leaves the window.
 * Per account the failures count since the account's last successful login or password reset; per address they all count.
 */
export interface ThrottleRule {
  limit: number;
  windowSeconds: number;
}

export interface ThrottleDecision {
  locked: boolean;
  /** Seconds until a new attempt is allowed (0 when not locked). */
  retryAfterSeconds: number;
}

/** `failures`: timestamps of recent failures (any order; only those inside the window count). */
export function throttleDecision(failures: Date[], now: Date, rule: ThrottleRule): ThrottleDecision {
  const windowStart = now.getTime() - rule.windowSeconds * 1000;
  const inWindow = failures
    .map((d) => d.getTime())
    .filter((t) => t > windowStart)
    .sort((a, b) => b - a);
  if (inWindow.length < rule.limit) return { locked: false, retryAfterSeconds: 0 };
  // the lock lifts once fewer than `limit` failures remain in the window: when the limit-th newest leaves it
  const pivot = inWindow[rule.limit - 1];
  const retryAfterSeconds = Math.max(1, Math.ceil((pivot + rule.windowSeconds * 1000 - now.getTime()) / 1000));
  return { locked: true, retryAfterSeconds };
}
