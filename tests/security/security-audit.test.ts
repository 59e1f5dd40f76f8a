/**
 * The staff audit log (issue 17), through the gateway with identity and reporting: a role grant, an erasure by
 * an admin, a suspension and its lifting, a staff sign-in, a second-factor change, a CPD export and a personal
 * data export made by staff, and a caseload export (relationships' CaseloadExported) each appear once (events are
 * delivered at least once: a redelivery adds nothing);
 * only ADMINs read it; the reporting runtime role can append to it but never change or remove a line.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, Role } from '@tandem/contracts';
import { identity } from '@tandem/identity';
import { reporting } from '@tandem/reporting';
import { runtimeUrlFor } from '@tandem/subgraph-kit';
import { eventually, signIn, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, reporting],
    env: { identity: { BOOTSTRAP_ADMIN: 'false' } },
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const PASSWORD = 'correct horse battery staple';
interface Account {
  id: string;
  email: string;
  token: string;
}

async function register(name: string, roles: Role[] = ['MENTEE']): Promise<Account> {
  const email = `${name.toLowerCase()}.${randomUUID().slice(0, 8)}@audit-log.test`;
  // registration signs nobody in (it must not tell a stranger whether the address was taken)
  const res = await stack.gql<{ register: { errors: unknown[] } }>(
    `mutation ($i: RegisterInput!) { register(input: $i) { errors { field code } } }`,
    { i: { email, password: PASSWORD, displayName: name, roles: ['MENTEE'] } },
  );
  expect(res.data?.register.errors).toEqual([]);
  if (roles.join() !== 'MENTEE')
    await stack.sql(`UPDATE identity."user" SET roles = $2 WHERE lower(email) = lower($1)`, [email, roles]);
  // the testkit's sign-in answers the second step staff roles need
  const login = await signIn<{ session: { accessToken: string; user: { id: string } } }>(stack, email, PASSWORD);
  const session = login.data!.login.session;
  return { id: session.user.id, email, token: session.accessToken };
}

interface Line {
  id: string;
  kind: string;
  occurredAt: string;
  actor: { id: string; displayName: string | null } | null;
  subject: { id: string } | null;
  details: Record<string, unknown>;
}
interface Filter {
  actorId?: string;
  subjectId?: string;
  kind?: string;
  from?: string;
  to?: string;
}

const LOG = `query ($f: SecurityAuditFilter, $first: Int, $after: String) {
  securityAuditLog(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind occurredAt actor { id displayName } subject { id } details } }
  }
}`;
type LogPage = {
  securityAuditLog: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: Line }>;
  };
};

let adminAccount: Account | undefined;
const admin = async () => (adminAccount ??= await register('Auditadmin', ['ADMIN']));

async function lines(filter: Filter, token?: string): Promise<Line[]> {
  const res = await stack.gql<LogPage>(LOG, { f: filter, first: 100 }, { token: token ?? (await admin()).token });
  expect(res.errors).toBeUndefined();
  return res.data!.securityAuditLog.edges.map((e) => e.node);
}

/** Waits for exactly `n` lines (bounded), then checks no more arrive after the events have settled. */
async function exactly(n: number, filter: Filter): Promise<Line[]> {
  await eventually(async () => expect(await lines(filter)).toHaveLength(n));
  await stack.settle();
  const found = await lines(filter);
  expect(found).toHaveLength(n);
  return found;
}

/** Delivers again, under the same event id, the event identity published (at-least-once delivery). */
async function redeliver(eventName: string, userId: string): Promise<void> {
  const [job] = await stack.sql<{ data: EventEnvelope }>(
    `SELECT data FROM pgboss.job WHERE name = 'reporting_inbox' AND data->>'name' = $1 AND data->'payload'->>'userId' = $2 LIMIT 1`,
    [eventName, userId],
  );
  expect(job).toBeDefined();
  await stack.sql(`INSERT INTO pgboss.job (name, data) VALUES ('reporting_inbox', $1)`, [JSON.stringify(job.data)]);
  await stack.settle();
}

describe('staff audit log', () => {
  it('should record a role grant once, with the admin who made it', async () => {
    const me = await admin();
    const target = await register('Promoted');
    const granted = await stack.gql<{ grantRoles: { errors: unknown[] } }>(
      `mutation ($i: ChangeRolesInput!) { grantRoles(input: $i) { errors { field code } } }`,
      { i: { userId: target.id, roles: ['ANALYST'] } },
      { token: me.token },
    );
    expect(granted.data?.grantRoles.errors).toEqual([]);
    const [line] = await exactly(1, { subjectId: target.id, kind: 'ROLES_CHANGED' });
    expect(line).toMatchObject({ actor: { id: me.id, displayName: 'Auditadmin' }, subject: { id: target.id } });
    expect(line.details.roles).toContain('ANALYST');
    await redeliver('UserRolesChanged', target.id);
    await exactly(1, { subjectId: target.id, kind: 'ROLES_CHANGED' });
  });

  it('should record an erasure by an admin once, naming the admin', async () => {
    const me = await admin();
    const target = await register('Erased');
    const erased = await stack.gql<{ eraseAccount: { errors: unknown[] } }>(
      `mutation ($id: ID!) { eraseAccount(userId: $id) { errors { field code } } }`,
      { id: target.id },
      { token: me.token },
    );
    expect(erased.data?.eraseAccount.errors).toEqual([]);
    const [line] = await exactly(1, { subjectId: target.id });
    expect(line).toMatchObject({ kind: 'ACCOUNT_ERASED', actor: { id: me.id } });
    await redeliver('UserErased', target.id);
    await exactly(1, { subjectId: target.id });
  });

  it('should record a suspension and a reinstatement, once each', async () => {
    const me = await admin();
    const target = await register('Suspended');
    for (const op of ['suspendUser', 'reinstateUser']) {
      const res = await stack.gql(
        `mutation ($id: ID!) { ${op}(userId: $id) { errors { code } } }`,
        { id: target.id },
        {
          token: me.token,
        },
      );
      expect(res.errors).toBeUndefined();
    }
    const found = await exactly(2, { subjectId: target.id, kind: 'SUSPENSION_CHANGED' });
    expect(found.map((l) => [l.actor?.id, l.details.suspended]).sort()).toEqual([
      [me.id, false],
      [me.id, true],
    ]);
    await redeliver('UserSuspensionChanged', target.id);
    await exactly(2, { subjectId: target.id, kind: 'SUSPENSION_CHANGED' });
  });

  it("should record staff sign-ins and second-factor changes once per event id (identity's facts)", async () => {
    const staffId = randomUUID();
    const signedIn = await stack.publish(
      'StaffSignedIn',
      {
        userId: staffId,
        roles: ['COACH'],
        organizationId: null,
        secondFactor: 'TOTP',
        clientIp: '203.0.113.9',
        signedInAt: new Date().toISOString(),
      },
      'identity',
    );
    await stack.publish(
      'StaffSecondFactorChanged',
      { userId: staffId, change: 'ENROLLED', changedBy: staffId, changedAt: new Date().toISOString() },
      'identity',
    );
    await stack.sql(`INSERT INTO pgboss.job (name, data) VALUES ('reporting_inbox', $1)`, [JSON.stringify(signedIn)]);
    const found = await exactly(2, { actorId: staffId });
    expect(found.map((l) => l.kind).sort()).toEqual(['SECOND_FACTOR_CHANGED', 'STAFF_SIGNED_IN']);
    const signIn = found.find((l) => l.kind === 'STAFF_SIGNED_IN')!;
    expect(signIn.details).toEqual({ roles: ['COACH'], secondFactor: 'TOTP', signInMethod: 'PASSWORD' }); // never the address
  });

  it('should record a caseload export once per event id, as relationships recorded it with the rows', async () => {
    const coachId = randomUUID();
    const organizationId = randomUUID();
    const exported = await stack.publish(
      'CaseloadExported',
      { exportedBy: coachId, organizationId, format: 'XLSX', rowCount: 12, exportedAt: new Date().toISOString() },
      'relationships',
    );
    await stack.sql(`INSERT INTO pgboss.job (name, data) VALUES ('reporting_inbox', $1)`, [JSON.stringify(exported)]);
    const [line] = await exactly(1, { actorId: coachId });
    expect(line).toMatchObject({
      kind: 'LIST_EXPORTED',
      subject: null,
      details: { list: 'CASELOAD', format: 'XLSX', rowCount: 12, filters: { organizationId } },
    });
  });

  it('should record a CPD export and a personal data export made by staff, and not a person exporting their own', async () => {
    const me = await admin();
    const person = await register('Exported');
    const period = { from: '2026-01-01', to: '2026-12-31' };
    const byAdmin = await stack.gql<{ createCpdExport: { errors: unknown[] } }>(
      `mutation ($i: CreateCpdExportInput!) { createCpdExport(input: $i) { errors { field code } } }`,
      { i: { userId: person.id, format: 'TRACKING_SHEET_CSV', ...period } },
      { token: me.token },
    );
    expect(byAdmin.data?.createCpdExport.errors).toEqual([]);
    const own = await stack.gql<{ createCpdExport: { errors: unknown[] } }>(
      `mutation ($i: CreateCpdExportInput!) { createCpdExport(input: $i) { errors { field code } } }`,
      { i: { userId: person.id, format: 'CONFIRMATION_LETTER_PDF', ...period } },
      { token: person.token },
    );
    expect(own.data?.createCpdExport.errors).toEqual([]);
    // recorded with the export itself, not through an event
    const [exportLine, ...more] = await lines({ subjectId: person.id, kind: 'CPD_EXPORT_CREATED' });
    expect(more).toEqual([]);
    expect(exportLine).toMatchObject({ actor: { id: me.id }, details: { format: 'TRACKING_SHEET_CSV', ...period } });

    const pde = await stack.gql(
      `query ($id: ID) { personalDataExport(userId: $id) { userId reporting reportingPeople { displayName } } }`,
      { id: person.id },
      { token: me.token },
    );
    expect(pde.errors).toBeUndefined();
    const [pdLine, ...others] = await lines({ subjectId: person.id, kind: 'PERSONAL_DATA_EXPORTED' });
    expect(others).toEqual([]);
    expect(pdLine.actor?.id).toBe(me.id);
    expect(await lines({ actorId: person.id })).toEqual([]);
  });

  it('should page newest first and filter by time', async () => {
    const me = await admin();
    const person = await register('Paged');
    for (const format of ['TRACKING_SHEET_CSV', 'TRACKING_SHEET_PDF', 'CONFIRMATION_LETTER_PDF']) {
      await stack.gql(
        `mutation ($i: CreateCpdExportInput!) { createCpdExport(input: $i) { errors { code } } }`,
        { i: { userId: person.id, format, from: '2026-01-01', to: '2026-06-30' } },
        { token: me.token },
      );
    }
    const page = (after: string | null) =>
      stack.gql<LogPage>(LOG, { f: { subjectId: person.id }, first: 2, after }, { token: me.token });
    const first = (await page(null)).data!.securityAuditLog;
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await page(first.pageInfo.endCursor)).data!.securityAuditLog;
    const all = [...first.edges, ...second.edges].map((e) => e.node);
    expect(all.map((l) => l.details.format)).toEqual([
      'CONFIRMATION_LETTER_PDF',
      'TRACKING_SHEET_PDF',
      'TRACKING_SHEET_CSV',
    ]);
    expect(new Set(all.map((l) => l.id)).size).toBe(3);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await lines({ subjectId: person.id, from: future })).toEqual([]);
  });

  it('should refuse everyone but ADMINs, and bad filters with the field named', async () => {
    for (const roles of [['MENTEE'], ['COACH'], ['PROGRAMME_ADMIN'], ['ANALYST']] as Role[][]) {
      const res = await stack.gql(LOG, { first: 5 }, { as: { userId: randomUUID(), roles, organizationId: null } });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data ?? null).toBeNull();
    }
    expect((await stack.gql(LOG, { first: 5 })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await stack.gql(LOG, { f: { actorId: 'nobody' } }, { token: (await admin()).token });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors?.[0]?.extensions)).toContain('filter.actorId');
  });

  it('should let the reporting runtime role append lines but never change or remove one', async () => {
    const client = new pg.Client({ connectionString: runtimeUrlFor(stack.databaseUrl, 'reporting') });
    await client.connect();
    const refusal = (sql: string, values: unknown[] = []) =>
      client.query(sql, values).then(
        () => 'allowed',
        (error: { code?: string }) => error.code,
      );
    try {
      const id = randomUUID();
      expect(
        await refusal(
          `INSERT INTO reporting.security_audit_event (id, kind, occurred_at) VALUES ($1, 'STAFF_SIGNED_IN', now())`,
          [id],
        ),
      ).toBe('allowed');
      expect(await refusal(`UPDATE reporting.security_audit_event SET kind = 'X' WHERE id = $1`, [id])).toBe('42501');
      expect(await refusal(`DELETE FROM reporting.security_audit_event WHERE id = $1`, [id])).toBe('42501');
      expect(await refusal(`TRUNCATE reporting.security_audit_event`)).toBe('42501');
    } finally {
      await client.end();
    }
  });
});
