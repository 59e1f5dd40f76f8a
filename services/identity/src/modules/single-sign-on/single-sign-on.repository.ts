import type { Role } from '@tandem/contracts';
import type { Database, Queryable, Tx } from '@tandem/subgraph-kit';

/** Which staff roles an account of the organisation holds while the provider puts it in `group`. */
export interface RoleMappingRow {
  group: string;
  roles: Role[];
}

/** An organisation's OpenID Connect provider as the service reads it (the secret still sealed). */
export interface SingleSignOnRow {
  organizationId: string;
  issuer: string;
  clientId: string;
  clientSecretSealed: string;
  passwordAllowed: boolean;
  roleMappings: RoleMappingRow[];
  /** The claim (of the ID token, else of the userinfo answer) that holds a person's groups. */
  groupsClaim: string;
  emailDomains: string[];
  updatedBy: string | null;
  updatedAt: Date;
}

/** A sign-in in flight: what the callback must match (the state is stored hashed). */
export interface SsoAttemptRow {
  id: string;
  organizationId: string;
  nonce: string;
  codeVerifier: string;
}

const SELECT = `SELECT s.organization_id AS "organizationId", s.issuer, s.client_id AS "clientId",
  s.client_secret_sealed AS "clientSecretSealed", s.password_allowed AS "passwordAllowed",
  s.role_mappings AS "roleMappings", s.groups_claim AS "groupsClaim", s.updated_by AS "updatedBy", s.updated_at AS "updatedAt",
  COALESCE((SELECT array_agg(d.domain ORDER BY d.domain) FROM organization_sso_domain d WHERE d.organization_id = s.organization_id), '{}') AS "emailDomains"
  FROM organization_sso s`;

/** Organisations' single sign-on (identity.organization_sso, its domains) and the attempts in flight. */
export class SingleSignOnRepository {
  constructor(private readonly db: Database) {}

  ofOrganization(organizationId: string, on: Queryable = this.db): Promise<SingleSignOnRow | null> {
    return on.one<SingleSignOnRow>(`${SELECT} WHERE s.organization_id = $1`, [organizationId]);
  }

  /** The organisation whose provider covers this (lower-case) email domain, if any. */
  ofDomain(domain: string): Promise<SingleSignOnRow | null> {
    return this.db.one<SingleSignOnRow>(
      `${SELECT} WHERE s.organization_id = (SELECT organization_id FROM organization_sso_domain WHERE domain = $1)`,
      [domain],
    );
  }

  /** The domains among these that another organisation's provider already covers. */
  async domainsTakenElsewhere(tx: Tx, organizationId: string, domains: readonly string[]): Promise<string[]> {
    const rows = await tx.query<{ domain: string }>(
      `SELECT domain FROM organization_sso_domain WHERE domain = ANY($1::text[]) AND organization_id <> $2 ORDER BY domain`,
      [[...domains], organizationId],
    );
    return rows.map((r) => r.domain);
  }

  /** Whether staff of this organisation may sign in with a password (yes without single sign-on). */
  async passwordAllowed(organizationId: string | null): Promise<boolean> {
    if (!organizationId) return true;
    const row = await this.db.one<{ passwordAllowed: boolean }>(
      `SELECT password_allowed AS "passwordAllowed" FROM organization_sso WHERE organization_id = $1`,
      [organizationId],
    );
    return row?.passwordAllowed ?? true;
  }

  /** Writes the provider and replaces its domains (locks the organisation's row for the transaction). */
  async save(
    tx: Tx,
    row: Omit<SingleSignOnRow, 'updatedAt' | 'clientSecretSealed'> & { clientSecretSealed: string | null },
  ): Promise<void> {
    await tx.execute(
      `INSERT INTO organization_sso (organization_id, issuer, client_id, client_secret_sealed, password_allowed, role_mappings, updated_by, groups_claim)
       VALUES ($1, $2, $3, COALESCE($4, (SELECT client_secret_sealed FROM organization_sso WHERE organization_id = $1)), $5, $6::jsonb, $7, $8)
       ON CONFLICT (organization_id) DO UPDATE SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
         client_secret_sealed = EXCLUDED.client_secret_sealed, password_allowed = EXCLUDED.password_allowed,
         role_mappings = EXCLUDED.role_mappings, updated_by = EXCLUDED.updated_by, groups_claim = EXCLUDED.groups_claim,
         updated_at = now()`,
      [
        row.organizationId,
        row.issuer,
        row.clientId,
        row.clientSecretSealed,
        row.passwordAllowed,
        JSON.stringify(row.roleMappings),
        row.updatedBy,
        row.groupsClaim,
      ],
    );
    await tx.execute(`DELETE FROM organization_sso_domain WHERE organization_id = $1`, [row.organizationId]);
    await tx.execute(`INSERT INTO organization_sso_domain (domain, organization_id) SELECT unnest($1::text[]), $2`, [
      row.emailDomains,
      row.organizationId,
    ]);
  }

  async remove(tx: Tx, organizationId: string): Promise<boolean> {
    return (await tx.execute(`DELETE FROM organization_sso WHERE organization_id = $1`, [organizationId])) === 1;
  }

  async insertAttempt(tx: Tx, a: SsoAttemptRow & { stateHash: string; ttlSeconds: number }): Promise<void> {
    await tx.execute(
      `INSERT INTO sso_attempt (id, state_hash, organization_id, nonce, code_verifier, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [a.id, a.stateHash, a.organizationId, a.nonce, a.codeVerifier, a.ttlSeconds],
    );
  }

  /** Uses up the unexpired, unused attempt with this state: null when there is none (a replay, a forgery, too late). */
  takeAttempt(tx: Tx, stateHash: string): Promise<SsoAttemptRow | null> {
    return tx.one<SsoAttemptRow>(
      `UPDATE sso_attempt SET used_at = now() WHERE state_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING id, organization_id AS "organizationId", nonce, code_verifier AS "codeVerifier"`,
      [stateHash],
    );
  }

  /** Housekeeping: attempts an hour past their end decide nothing. */
  async prune(): Promise<void> {
    await this.db.execute(`DELETE FROM sso_attempt WHERE expires_at < now() - interval '1 hour'`);
  }
}
