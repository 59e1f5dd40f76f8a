import type { Database, Tx } from '@tandem/subgraph-kit';

/** A row of identity.api_key (the hash never leaves the service). */
export interface ApiKeyRow {
  id: string;
  organizationId: string;
  name: string;
  keyPrefix: string;
  requestsPerMinute: number;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewApiKey {
  id: string;
  organizationId: string;
  name: string;
  keyHash: string;
  keyPrefix: string;
  requestsPerMinute: number;
  createdBy: string;
}

const KEY = `SELECT id, organization_id AS "organizationId", name, key_prefix AS "keyPrefix",
  requests_per_minute AS "requestsPerMinute", created_by AS "createdBy", created_at AS "createdAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt" FROM api_key`;

/** Organisations' API keys: their hashes, limits, last use and revocation. */
export class ApiKeyRepository {
  constructor(private readonly db: Database) {}

  async byId(id: string): Promise<ApiKeyRow | null> {
    return this.db.one<ApiKeyRow>(`${KEY} WHERE id = $1`, [id]);
  }

  /** An organisation's keys, newest first, revoked ones included. */
  async forOrganization(organizationId: string): Promise<ApiKeyRow[]> {
    return this.db.query<ApiKeyRow>(`${KEY} WHERE organization_id = $1 ORDER BY created_at DESC, id`, [organizationId]);
  }

  /** Keys not revoked, counted under a lock on the organisation's row so two creations cannot both pass the cap. */
  async countActive(tx: Tx, organizationId: string): Promise<number> {
    await tx.execute(`SELECT 1 FROM organization WHERE id = $1 FOR UPDATE`, [organizationId]);
    const row = await tx.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM api_key WHERE organization_id = $1 AND revoked_at IS NULL`,
      [organizationId],
    );
    return row?.n ?? 0;
  }

  async insert(tx: Tx, key: NewApiKey): Promise<void> {
    await tx.execute(
      `INSERT INTO api_key (id, organization_id, name, key_hash, key_prefix, requests_per_minute, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [key.id, key.organizationId, key.name, key.keyHash, key.keyPrefix, key.requestsPerMinute, key.createdBy],
    );
  }

  /**
   * Revokes the key (once: the first revocation's time and author stay). Returns when it was revoked by this call,
   * or null when it already was.
   */
  async revoke(tx: Tx, id: string, by: string): Promise<Date | null> {
    const row = await tx.one<{ revokedAt: Date }>(
      `UPDATE api_key SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL
       RETURNING revoked_at AS "revokedAt"`,
      [id, by],
    );
    return row?.revokedAt ?? null;
  }

  /**
   * The key with this hash, if it is not revoked, noting its use. The note is written at most once a minute per
   * key (a busy key would otherwise update its row on every request the gateway does not remember).
   */
  async useActive(keyHash: string): Promise<ApiKeyRow | null> {
    const row = await this.db.one<ApiKeyRow>(`${KEY} WHERE key_hash = $1 AND revoked_at IS NULL`, [keyHash]);
    if (row && (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)) {
      await this.db.execute(
        `UPDATE api_key SET last_used_at = now()
         WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [row.id],
      );
    }
    return row;
  }
}
