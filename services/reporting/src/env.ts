/** The reporting service's configuration; the only reader of process.env besides main.ts. */
import { createHash } from 'node:crypto';
import { DEFAULT_PORTS } from '@tandem/contracts';
import { subgraphEnvSchema, z } from '@tandem/config';

export const reportingEnvSchema = subgraphEnvSchema(DEFAULT_PORTS.reporting)
  .extend({
    /** Signs the short-lived download links; derived from GATEWAY_SECRET when unset. */
    EXPORT_SIGNING_KEY: z.string().min(16).optional(),
    /** Where clients reach the gateway (download links point there). */
    PUBLIC_URL: z.string().url().default('http://127.0.0.1:4000'),
    /** The participant app: an issued letter's QR code opens its public verification page there (/verify/<reference>). */
    WEB_APP_URL: z.string().url().default(`http://127.0.0.1:${DEFAULT_PORTS.web}`),
    /**
     * Where audit members' supporting documents are stored (created owner-only when missing); never inside the
     * database. Default: `.data/audit-documents` under the working directory.
     */
    AUDIT_DOCUMENTS_DIR: z.string().min(1).default('.data/audit-documents'),
    /** Days a person has to produce audit evidence. */
    AUDIT_DUE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /**
     * Signs the CPD ledger's checkpoints (an Ed25519 private key, PKCS#8 PEM), or the file holding it. Without
     * either the ledger is not checkpointed (npm start generates one into .data/keys).
     */
    CHECKPOINT_SIGNING_KEY: z.string().optional(),
    CHECKPOINT_SIGNING_KEY_FILE: z.string().optional(),
    /**
     * Seals the organisations' credential-signing keys at rest (32 bytes, base64); derived from the checkpoint key
     * when unset. Without either, credentials cannot be issued.
     */
    CREDENTIAL_KEY_SEAL_KEY: z.string().optional(),
    /** How often the checkpoint job runs (cron, UTC). */
    CHECKPOINT_CRON: z.string().default('*/10 * * * *'),
  })
  .transform((env) => ({
    ...env,
    EXPORT_SIGNING_KEY:
      env.EXPORT_SIGNING_KEY ?? createHash('sha256').update(`tandem-export-links:${env.GATEWAY_SECRET}`).digest('hex'),
  }));
export type ReportingEnv = z.infer<typeof reportingEnvSchema>;
