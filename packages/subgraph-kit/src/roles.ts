/**
 * Least privilege in PostgreSQL. Migrations run as the owner (the URL a migration job is given); each service
 * runs as a role of its own that reaches only its own schema and the event bus:
 *
 * - `USAGE` on its schema and `SELECT, INSERT, UPDATE, DELETE` on its tables and sequences (default
 *   privileges cover tables later migrations add); no `CREATE`, so it cannot change its schema, and no grant on
 *   any other service's schema, so a query of another service's tables is `permission denied`;
 * - its append-only tables (the CPD ledger) lose `UPDATE`, `DELETE` and `TRUNCATE`: the running service can add
 *   evidence, never rewrite it;
 * - the bus (pg-boss's `pgboss` schema) is shared infrastructure owned by the group role `tandem_bus`, of
 *   which every runtime role is a member (pg-boss creates a partition of its job table per queue, which
 *   needs the parent's owner).
 *
 * `provisionRuntimeRole` is idempotent and serialised on an advisory lock (roles belong to the whole cluster,
 * and several services or test files may provision at once).
 */
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { EVENT_SCHEMA } from './events';

export const BUS_ROLE = 'tandem_bus';

export interface RuntimeRoleRequest {
  /** The owner's connection string (it ran the migrations). */
  ownerUrl: string;
  /** The service's connection string as it will run: its user and password are the role's. */
  runtimeUrl: string;
  /** The service's schema. */
  schema: string;
  /** Tables of the schema the running service may only read and append to. */
  appendOnly?: readonly string[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates (or updates) the runtime role of `runtimeUrl` and grants it exactly what the service needs. Roles belong
 * to the whole cluster while the advisory lock holds only within one database, so two databases of one cluster
 * provisioning the same role at once (parallel test files, each on its own database) can race: the loser's CREATE
 * meets the winner's role (unique violation or duplicate object), or its ALTER ROLE / GRANT meets the winner's
 * change of the same catalogue row ("tuple concurrently updated"), and it simply runs again.
 */
export async function provisionRuntimeRole(request: RuntimeRoleRequest): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await provisionOnce(request);
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      const raced =
        code === '23505' || code === '42710' || (code === 'XX000' && /tuple concurrently updated/.test(message ?? ''));
      if (attempt >= 5 || !raced) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
}

async function provisionOnce(request: RuntimeRoleRequest): Promise<void> {
  const runtime = new URL(request.runtimeUrl);
  const owner = new URL(request.ownerUrl);
  const role = decodeURIComponent(runtime.username);
  if (!role || role === decodeURIComponent(owner.username)) {
    throw new Error(`the runtime role must differ from the owner (${owner.username}): least privilege needs two roles`);
  }
  const password = decodeURIComponent(runtime.password);
  const client = new pg.Client({ connectionString: request.ownerUrl, application_name: 'tandem-roles' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('tandem.roles', 0))`);
    const roleExists = async (name: string) =>
      (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount! > 0;
    // INHERIT: the role acts with tandem_bus's privileges (the only role it is a member of) without SET ROLE
    const login = `LOGIN INHERIT ${password ? `PASSWORD ${client.escapeLiteral(password)}` : 'PASSWORD NULL'}`;
    await client.query(`${(await roleExists(role)) ? 'ALTER' : 'CREATE'} ROLE ${ident(role)} ${login}`);
    if (!(await roleExists(BUS_ROLE))) await client.query(`CREATE ROLE ${BUS_ROLE} NOLOGIN`);
    await client.query(`GRANT ${BUS_ROLE} TO ${ident(role)}`);
    await client.query(`GRANT ${BUS_ROLE} TO ${ident(decodeURIComponent(owner.username))}`).catch(() => {});
    await busOwnedBy(client, BUS_ROLE);

    const schema = ident(request.schema);
    await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${ident(role)}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${ident(role)}`);
    await client.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${ident(role)}`);
    await client.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${ident(role)}`,
    );
    await client.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${ident(role)}`,
    );
    for (const table of request.appendOnly ?? []) {
      await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${schema}.${ident(table)} FROM ${ident(role)}`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Hands the bus's schema and everything in it to `bus`, so every member may run pg-boss. */
async function busOwnedBy(client: pg.Client, bus: string): Promise<void> {
  const schema = (await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [EVENT_SCHEMA])).rowCount;
  if (!schema) return;
  await client.query(`ALTER SCHEMA ${ident(EVENT_SCHEMA)} OWNER TO ${bus}`);
  const owned = await client.query<{ kind: string; name: string }>(
    `SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END AS kind,
            format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'S', 'v') AND NOT c.relispartition
        AND pg_get_userbyid(c.relowner) <> $2
     UNION ALL
     SELECT 'TABLE', format('%I.%I', n.nspname, c.relname)
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relispartition AND pg_get_userbyid(c.relowner) <> $2
     UNION ALL
     SELECT 'FUNCTION', format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND pg_get_userbyid(p.proowner) <> $2
     UNION ALL
     SELECT 'TYPE', format('%I.%I', n.nspname, t.typname)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0 AND pg_get_userbyid(t.typowner) <> $2`,
    [EVENT_SCHEMA, bus],
  );
  for (const { kind, name } of owned.rows) await client.query(`ALTER ${kind} ${name} OWNER TO ${bus}`);
}

/**
 * A runtime connection string for `service`: the owner's URL with the role `tandem_<service>` and a password
 * derived from the owner's (stable, so every process of one installation agrees on it without sharing a file).
 */
export function runtimeUrlFor(ownerUrl: string, service: string): string {
  const url = new URL(ownerUrl);
  const password = createHmac('sha256', decodeURIComponent(url.password) || 'tandem')
    .update(`runtime-role:${service}`)
    .digest('base64url');
  url.username = `tandem_${service}`;
  url.password = password;
  return url.toString();
}
