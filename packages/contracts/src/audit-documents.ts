/**
 * The limits of audit supporting documents, shared by reporting (which enforces them), the gateway (which stops
 * reading a body past the file limit) and the participant app (which says them and checks before sending).
 */
export const AUDIT_DOCUMENT_LIMITS = {
  /** The largest single document: 10 MiB. */
  maxBytes: 10 * 1024 * 1024,
  /** Documents per person per audit selection. */
  maxCount: 10,
  /** All of one person's documents for one selection: 25 MiB. */
  maxTotalBytes: 25 * 1024 * 1024,
} as const;
