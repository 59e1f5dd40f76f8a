/**
 * `npm run seed:demo` against the real stack: everything goes through the gateway, the demo has
 * something in every state the admin app shows, and a second run changes nothing.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStack, type Stack } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { DEMO_MENTEES, DEMO_MENTORS, DEMO_PASSWORD, DEMO_STAFF, seedDemo } from '../../scripts/seed-demo';

const ADMIN_EMAIL = 'seed-admin@tandem.test';
const ADMIN_PASSWORD = 'Seed-admin-password-1';
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: inject('databaseUrl'),
    services: [identity, matching, relationships, reporting],
    env: { identity: { ADMIN_EMAIL, ADMIN_PASSWORD, BOOTSTRAP_ADMIN: 'true' } },
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

async function token(email: string, password: string): Promise<string> {
  const res = await stack.gql<{ login: { ok: boolean; session: { accessToken: string } | null } }>(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ok session { accessToken } } }`, { e: email, p: password });
  expect(res.data?.login.ok).toBe(true);
  return res.data!.login.session!.accessToken;
}

/** What the demo looks like through the API, as the admin sees it. */
async function snapshot(admin: string) {
  const res = await stack.gql<{
    users: { edges: unknown[] };
    organizations: Array<{ name: string }>;
    programs: Array<{ name: string; cohorts: unknown[] }>;
    mentoringRequests: { edges: Array<{ node: { status: string } }> };
    matchProposals: { edges: Array<{ node: { status: string } }> };
    organizationRelationships: { nodes: Array<{ status: string; agreement: { fullySigned: boolean } | null; goals: unknown[]; progress: { confirmedMeetings: number; notCountingMeetings: number } }> };
    audits: Array<{ selections: unknown[] }>;
  }>(
    `{
      users(first: 100) { edges { node { id } } }
      organizations { name }
      programs { name cohorts { id } }
      mentoringRequests(first: 100) { edges { node { status } } }
      matchProposals(first: 100) { edges { node { status } } }
      organizationRelationships(first: 100) { nodes { status agreement { fullySigned } goals { id } progress { confirmedMeetings notCountingMeetings } } }
      audits { selections { id } }
    }`,
    {},
    { token: admin },
  );
  expect(res.errors).toBeUndefined();
  return res.data!;
}

describe('seed:demo', () => {
  it('should load a demo with something in every state, through the API, and change nothing on a second run', async () => {
    const gatewayUrl = stack.gateway.url;
    const first = await seedDemo({ gatewayUrl, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, log: () => {} });
    expect(first.alreadyLoaded).toBe(false);
    await stack.settle();
    const admin = await token(ADMIN_EMAIL, ADMIN_PASSWORD);
    const before = await snapshot(admin);

    expect(before.organizations.map((o) => o.name)).toEqual(expect.arrayContaining(['Northbridge Newcomer Services', 'Lakeshore Professional Association']));
    expect(before.programs.find((p) => p.name === 'Career Bridge Mentoring')?.cohorts.length).toBe(1);
    expect(before.users.edges.length).toBe(1 + DEMO_STAFF.length + DEMO_MENTORS.length + DEMO_MENTEES.length);
    expect(new Set(before.mentoringRequests.edges.map((e) => e.node.status))).toEqual(new Set(['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN']));
    expect(new Set(before.matchProposals.edges.map((e) => e.node.status))).toEqual(new Set(['PROPOSED', 'CONFIRMED']));
    const rels = before.organizationRelationships.nodes;
    expect(rels.filter((r) => r.status === 'ACTIVE').length).toBe(3);
    expect(rels.filter((r) => r.status === 'COMPLETED').length).toBe(1);
    expect(rels.every((r) => r.agreement && r.goals.length === 2 && r.progress.confirmedMeetings + r.progress.notCountingMeetings >= 1)).toBe(true);
    // the last one's mentor has not signed: its confirmed meetings do not count yet
    expect(rels.filter((r) => r.agreement?.fullySigned).length).toBe(3);
    expect(rels.filter((r) => r.progress.notCountingMeetings > 0).length).toBe(1);
    expect(before.audits.length).toBe(1);
    expect(before.audits[0].selections.length).toBeGreaterThan(0);
    // every demo person signs in with the demo password
    for (const p of [...DEMO_STAFF, DEMO_MENTORS[0], DEMO_MENTEES[0]]) await token(p.email, DEMO_PASSWORD);
    // only the expiry job can make an EXPIRED request: that is the one note
    expect(first.notes).toEqual([expect.stringMatching(/EXPIRED/)]);

    const second = await seedDemo({ gatewayUrl, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, log: () => {} });
    expect(second.alreadyLoaded).toBe(true);
    expect(second.userIds).toEqual(first.userIds);
    await stack.settle();
    expect(await snapshot(admin)).toEqual(before);
  }, 180_000);
});
