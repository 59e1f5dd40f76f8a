/** The identity service's configuration; the only reader of process.env besides main.ts. */
import { DEFAULT_PORTS } from '@tandem/contracts';
import { env, subgraphEnvSchema, z } from '@tandem/config';

/** The admin app of `npm start` (port 5173). */
export const DEFAULT_PASSWORD_RESET_URL = `http://127.0.0.1:${DEFAULT_PORTS.admin}/reset-password`;

/** The admin app's email-change page (confirm or dispute a change of sign-in email). */
export const DEFAULT_EMAIL_CHANGE_URL = `http://127.0.0.1:${DEFAULT_PORTS.admin}/email-change`;

/** The participant app of `npm start` (port 5174). */
export const DEFAULT_INVITATION_URL = `http://127.0.0.1:${DEFAULT_PORTS.admin}/invitation`;
export const DEFAULT_WEB_APP_URL = `http://127.0.0.1:${DEFAULT_PORTS.web}`;
/** The admin app of `npm start`. */
export const DEFAULT_ADMIN_APP_URL = `http://127.0.0.1:${DEFAULT_PORTS.admin}`;

export const identityEnvSchema = subgraphEnvSchema(DEFAULT_PORTS.identity).extend({
  /** PEM (PKCS#8) Ed25519 private key that signs access tokens. */
  JWT_PRIVATE_KEY: z.string().optional(),
  JWT_PRIVATE_KEY_FILE: z.string().optional(),
  /** Create an admin at start when none exists. */
  BOOTSTRAP_ADMIN: env.bool(true),
  ADMIN_EMAIL: z.string().email().default('admin@tandem.local'),
  /** When unset, a password is generated and logged once (warn level). */
  ADMIN_PASSWORD: z.string().min(10).optional(),
  /** smtp://user:pass@host:port; when unset, each email is written as an .eml file under MAIL_DIR. */
  SMTP_URL: z.string().optional(),
  MAIL_DIR: z.string().optional(),
  MAIL_FROM: z.string().default('Tandem <no-reply@tandem.local>'),
  /** Failed logins per account (and per client address) within the window before a lockout. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /**
   * 32 bytes, base64: the key that encrypts TOTP secrets at rest (AES-256-GCM). When unset it is derived from
   * the token-signing key (HKDF), so replacing that key then needs every second factor to be set up again.
   */
  SECOND_FACTOR_KEY: z.string().optional(),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).default(30),
  /**
   * The page a staff member's password-reset email links to, with `?token=…` added: the admin app's reset page (its
   * address as people reach it; `npm start` passes its local port). http or https only.
   */
  PASSWORD_RESET_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL, like https://admin.example.org/reset-password' })
    .default(DEFAULT_PASSWORD_RESET_URL),
  /**
   * The participant app (apps/web) as people reach it: notifications' emails link to the screen where the
   * person acts (WEB_APP_URL + the notification's path), and participants' password-reset and email-change
   * links open its /reset-password and /email-change pages (staff keep the two URLs around this one).
   */
  WEB_APP_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL, like https://app.example.org' })
    .default(DEFAULT_WEB_APP_URL),
  /**
   * The admin app (apps/admin) as staff reach it: the emails of notifications whose link is an admin-app path
   * (`admin:/relationships/…`, sent to coaches) link to ADMIN_APP_URL + that path.
   */
  ADMIN_APP_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL, like https://admin.example.org' })
    .default(DEFAULT_ADMIN_APP_URL),
  /** The page a staff invitation's link opens, with `?token=…` added (participants' open WEB_APP_URL's /invitation). */
  INVITATION_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL, like https://admin.example.org/invitation' })
    .default(DEFAULT_INVITATION_URL),
  /** The page a staff member's email-change links open, with `?action=confirm|cancel&token=…` added (like PASSWORD_RESET_URL). */
  EMAIL_CHANGE_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL, like https://app.example.org/email-change' })
    .default(DEFAULT_EMAIL_CHANGE_URL),
  /**
   * Webhooks may reach private, loopback and link-local addresses (and plain http): for development and tests
   * only. Ignored in production, where such targets are always refused (SSRF).
   */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: env.bool(false),
  /**
   * Organisations' OpenID Connect providers may be plain-http issuers (a local provider in development and
   * tests). Ignored in production, where issuers must be https.
   */
  OIDC_ALLOW_HTTP_ISSUERS: env.bool(false),
  /** How long a receiver has to answer a delivery (connect, send, first bytes and body excerpt). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** The first retry's delay; each later one doubles it (capped at 12 hours). */
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  /** Attempts per delivery before it is FAILED (replayable by an admin). */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(10),
  /** An endpoint is disabled after this many failed attempts in a row… */
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(15),
  /** …spanning at least this long since the first of them (a day by default). */
  WEBHOOK_DISABLE_AFTER_SECONDS: z.coerce.number().int().min(0).default(86_400),
});
export type IdentityEnv = z.infer<typeof identityEnvSchema>;
