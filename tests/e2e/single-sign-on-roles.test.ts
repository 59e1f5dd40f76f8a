/**
 * Single sign-on groups (issue 23), through the gateway with identity and reporting against a real OIDC provider
 * started here (oauth2-mock-server, its userinfo endpoint included): the groups are read from the ID token's
 * groups claim, else from the provider's userinfo answer (asked with the access token; an answer about another
 * subject is refused); an account of the organisation follows its groups at every sign-in (mapped roles added
 * and removed, hand-granted roles kept), each change published as UserRolesChanged via SSO and written to the
 * staff audit log; a person left with no role is refused and their sessions end; the organisation may name
 * another claim for the groups.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { OAuth2Server, type MutableResponse, type MutableToken } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identity } from '@tandem/identity';
import { reporting } from '@tandem/reporting';
import { eventually, isolatedDatabase, startStack, testDatabaseUrl, type Stack } from '@tandem/testkit';
import { newOrganization } from '../support/webhooks';
import { ADMIN_PASSWORD, login, type Person } from '../support/world';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let admin: Person;
let org: string;
const provider = new OAuth2Server();
const ADMIN_EMAIL = `root.${randomUUID().slice(0, 8)}@sso-roles-admin.test`;
const DOMAIN = `sso-roles-${randomUUID().slice(0, 6)}.test`;
const E = 'errors { field code message }';
const SESSION = `${E} session { accessToken refreshToken user { id roles organization { id } } }`;

/** What the provider's next ID token (and access token) says about the person. */
let claims: Record<string, unknown> = {};
/** What the provider's userinfo endpoint answers besides `sub: johndoe` (the mock's subject of every token). */
let userinfo: Record<string, unknown> = {};
/** The access tokens the token endpoint issued, and the Authorization headers the userinfo endpoint received. */
const accessTokens: string[] = [];
const userinfoRequests: Array<string | null> = [];

beforeAll(async () => {
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  provider.service.on('beforeTokenSigning', (token: MutableToken) => Object.assign(token.payload, claims));
  provider.service.on('beforeResponse', (response: MutableResponse) => {
    const body = response.body as { access_token?: string };
    if (body.access_token) accessTokens.push(body.access_token);
  });
  provider.service.on('beforeUserinfo', (response: MutableResponse, req: IncomingMessage) => {
    userinfoRequests.push(req.headers.authorization ?? null);
    response.body = { sub: 'johndoe', ...userinfo };
  });
  database = await isolatedDatabase(testDatabaseUrl(), [identity, reporting]);
  stack = await startStack({
    databaseUrl: database.url,
    services: [identity, reporting],
    env: {
      identity: {
        BOOTSTRAP_ADMIN: 'true',
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        OIDC_ALLOW_HTTP_ISSUERS: 'true',
      },
    },
    // every request checks the account's session state: a token issued before a role was taken away is refused
    sessionCheck: true,
  });
  admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
  org = (await newOrganization(stack, admin.token, 'SSO roles')).id;
  const saved = await setSso({});
  expect(saved.errors).toBeUndefined();
  expect(saved.data!.setOrganizationSingleSignOn.errors).toEqual([]);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await database?.drop();
  await provider.stop();
});

type Errors = Array<{ field: string; code: string }>;
interface SignedIn {
  errors: Errors;
  session: {
    accessToken: string;
    refreshToken: string;
    user: { id: string; roles: string[]; organization: { id: string } | null };
  } | null;
}

const setSso = (input: Record<string, unknown>) =>
  stack.gql<{ setOrganizationSingleSignOn: { errors: Errors; singleSignOn: { groupsClaim: string } | null } }>(
    `mutation ($i: SetOrganizationSingleSignOnInput!) { setOrganizationSingleSignOn(input: $i) { ${E} singleSignOn { groupsClaim } } }`,
    {
      i: {
        organizationId: org,
        issuer: provider.issuer.url!,
        clientId: 'tandem',
        clientSecret: `client-secret-${randomUUID()}`,
        emailDomains: [DOMAIN],
        roleMappings: [
          { group: 'tandem-coaches', roles: ['COACH'] },
          { group: 'tandem-analysts', roles: ['ANALYST'] },
        ],
        ...input,
      },
    },
    { token: admin.token },
  );

/** A whole sign-in: started for the person's address, the browser at the provider, the callback completed. */
async function signIn(email: string, said: Record<string, unknown>, info: Record<string, unknown> = {}) {
  claims = { email, email_verified: true, name: 'Sam Provider', ...said };
  userinfo = info;
  const started = await stack.gql<{ startOrganizationSignIn: { errors: Errors; authorizationUrl: string | null } }>(
    `mutation ($e: String!) { startOrganizationSignIn(email: $e) { ${E} authorizationUrl } }`,
    { e: email },
  );
  expect(started.data!.startOrganizationSignIn.errors).toEqual([]);
  const atProvider = await fetch(started.data!.startOrganizationSignIn.authorizationUrl!, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const res = await stack.gql<{ completeOrganizationSignIn: SignedIn }>(
    `mutation ($u: String!) { completeOrganizationSignIn(callbackUrl: $u) { ${SESSION} } }`,
    { u: atProvider.headers.get('location')! },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.completeOrganizationSignIn;
}

const newEmail = (who: string) => `${who}.${randomUUID().slice(0, 6)}@${DOMAIN}`;
const codes = (r: { errors: Array<{ code: string }> }) => r.errors.map((e) => e.code);

const rolesOf = async (userId: string) =>
  (await stack.sql<{ roles: string[] }>(`SELECT roles FROM identity."user" WHERE id = $1`, [userId]))[0]!.roles;

const accountsWith = async (email: string) =>
  (
    await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM identity."user" WHERE lower(email) = $1`, [email])
  )[0]!.n;

/** The UserRolesChanged identity published for the person, oldest first. */
const roleEvents = (userId: string) =>
  stack
    .sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM identity.event_log WHERE name = 'UserRolesChanged' AND payload->>'userId' = $1 ORDER BY occurred_at, id`,
      [userId],
    )
    .then((rows) => rows.map((r) => r.payload));

interface Line {
  kind: string;
  occurredAt: string;
  actor: { id: string } | null;
  details: { roles?: string[]; via?: string };
}
/** The staff audit log's ROLES_CHANGED lines of the person (ADMIN), oldest first. */
async function auditLines(userId: string): Promise<Line[]> {
  const res = await stack.gql<{ securityAuditLog: { edges: Array<{ node: Line }> } }>(
    `query ($f: SecurityAuditFilter) { securityAuditLog(filter: $f, first: 50) { edges { node { kind occurredAt actor { id } details } } } }`,
    { f: { subjectId: userId, kind: 'ROLES_CHANGED' } },
    { token: admin.token },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.securityAuditLog.edges.map((e) => e.node).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

const me = (token: string) => stack.gql<{ me: { id: string; roles: string[] } }>(`{ me { id roles } }`, {}, { token });
const refresh = (refreshToken: string) =>
  stack.gql<{ refreshSession: { errors: Errors; session: { accessToken: string } | null } }>(
    `mutation ($t: String!) { refreshSession(refreshToken: $t) { ${E} session { accessToken } } }`,
    { t: refreshToken },
  );
/** A token whose session has ended: 401 UNAUTHENTICATED, as for an expired one. */
async function expectEnded(token: string) {
  const res = await me(token);
  expect(res.status).toBe(401);
  expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
}

describe('the groups of a person, read from the ID token or the provider’s userinfo answer', () => {
  it('should ask the userinfo endpoint with the access token when the ID token carries no groups', async () => {
    const email = newEmail('userinfo');
    const before = userinfoRequests.length;
    const result = await signIn(email, {}, { groups: ['tandem-analysts'] });
    expect(result.errors).toEqual([]);
    expect(result.session!.user).toMatchObject({ roles: ['ANALYST'], organization: { id: org } });
    // one userinfo request, with the access token of this very exchange as a bearer token
    expect(userinfoRequests.slice(before)).toEqual([`Bearer ${accessTokens.at(-1)}`]);
    expect((await me(result.session!.accessToken)).data!.me.roles).toEqual(['ANALYST']);
  });

  it('should not ask the userinfo endpoint when the ID token carries the groups (even none)', async () => {
    const before = userinfoRequests.length;
    const result = await signIn(newEmail('idtoken'), { groups: ['tandem-coaches'] }, { groups: ['tandem-analysts'] });
    expect(result.session!.user.roles).toEqual(['COACH']);
    // an empty groups claim says "no groups": the userinfo answer's groups are not read
    expect(codes(await signIn(newEmail('emptygroups'), { groups: [] }, { groups: ['tandem-coaches'] }))).toEqual([
      'NO_ROLE',
    ]);
    expect(userinfoRequests.length).toBe(before);
  });

  it('should refuse a userinfo answer about another subject, creating and changing nothing', async () => {
    const email = newEmail('mismatch');
    expect(codes(await signIn(email, {}, { sub: 'mallory', groups: ['tandem-coaches'] }))).toEqual([
      'SIGN_IN_NOT_VERIFIED',
    ]);
    expect(await accountsWith(email)).toBe(0);
    // an existing account of the organisation: its roles stay as they were
    const knownEmail = newEmail('known');
    const known = await signIn(knownEmail, { groups: ['tandem-analysts'] });
    const userId = known.session!.user.id;
    const events = (await roleEvents(userId)).length;
    const mismatched = await signIn(knownEmail, {}, { sub: 'mallory', groups: ['tandem-coaches'] });
    expect(codes(mismatched)).toEqual(['SIGN_IN_NOT_VERIFIED']);
    expect(await rolesOf(userId)).toEqual(['ANALYST']);
    expect(await roleEvents(userId)).toHaveLength(events);
  });
});

describe('roles following the groups at every sign-in', () => {
  it('should add and remove the mapped roles, through UserRolesChanged via SSO and the staff audit log', async () => {
    const email = newEmail('mover');
    const first = await signIn(email, {}, { groups: ['tandem-analysts'] });
    expect(first.session!.user.roles).toEqual(['ANALYST']);
    const userId = first.session!.user.id;
    // the person moved from the analysts to the coaches at the provider
    const moved = await signIn(email, {}, { groups: ['tandem-coaches'] });
    expect(moved.errors).toEqual([]);
    expect(moved.session!.user).toMatchObject({ id: userId, roles: ['COACH'] });
    expect(await rolesOf(userId)).toEqual(['COACH']);
    // the token issued before ANALYST was taken away is refused; the new one works
    await expectEnded(first.session!.accessToken);
    expect((await me(moved.session!.accessToken)).data!.me.roles).toEqual(['COACH']);
    const events = await roleEvents(userId);
    expect(events.map((e) => [e.roles, e.via, e.changedBy])).toEqual([
      [['ANALYST'], 'SSO', admin.userId],
      [['COACH'], 'SSO', admin.userId],
    ]);
    // the staff audit log says the change came from single sign-on, naming the ADMIN who set the mappings
    await eventually(async () => expect(await auditLines(userId)).toHaveLength(2));
    const lines = await auditLines(userId);
    expect(lines.map((l) => [l.actor?.id, l.details])).toEqual([
      [admin.userId, { roles: ['ANALYST'], via: 'SSO' }],
      [admin.userId, { roles: ['COACH'], via: 'SSO' }],
    ]);
    // the same groups again change nothing: no event, no line
    expect((await signIn(email, { groups: ['tandem-coaches'] })).session!.user.roles).toEqual(['COACH']);
    expect(await roleEvents(userId)).toHaveLength(2);
    await stack.settle();
    expect(await auditLines(userId)).toHaveLength(2);
  });

  it('should keep a role an ADMIN granted by hand (no mapping names it) whatever the groups', async () => {
    const email = newEmail('handgranted');
    const first = await signIn(email, { groups: ['tandem-coaches'] });
    const userId = first.session!.user.id;
    const granted = await stack.gql<{ grantRoles: { errors: Errors } }>(
      `mutation ($i: ChangeRolesInput!) { grantRoles(input: $i) { ${E} } }`,
      { i: { userId, roles: ['PROGRAMME_ADMIN'] } },
      { token: admin.token },
    );
    expect(granted.data!.grantRoles.errors).toEqual([]);
    expect(await rolesOf(userId)).toEqual(['COACH', 'PROGRAMME_ADMIN']);
    const moved = await signIn(email, { groups: ['tandem-analysts'] });
    expect(moved.session!.user.roles).toEqual(['PROGRAMME_ADMIN', 'ANALYST']);
    // no mapped group at all: the hand-granted role still signs the person in
    const none = await signIn(email, { groups: ['unmapped'] });
    expect(none.errors).toEqual([]);
    expect(none.session!.user.roles).toEqual(['PROGRAMME_ADMIN']);
    // the ADMIN's grant is a line of its own, without `via`
    const events = await roleEvents(userId);
    expect(events.map((e) => [e.roles, e.via ?? null])).toEqual([
      [['COACH'], 'SSO'],
      [['COACH', 'PROGRAMME_ADMIN'], null],
      [['PROGRAMME_ADMIN', 'ANALYST'], 'SSO'],
      [['PROGRAMME_ADMIN'], 'SSO'],
    ]);
  });

  it('should leave a participant’s MENTEE role as it is while the groups add and remove staff roles', async () => {
    const email = newEmail('participant');
    const first = await signIn(email, { groups: ['tandem-coaches'] });
    const userId = first.session!.user.id;
    await stack.sql(`UPDATE identity."user" SET roles = array_prepend('MENTEE', roles) WHERE id = $1`, [userId]);
    const none = await signIn(email, { groups: [] });
    expect(none.errors).toEqual([]);
    expect(none.session!.user.roles).toEqual(['MENTEE']);
  });

  it('should refuse a person whose groups no longer give any role, and end their sessions', async () => {
    const email = newEmail('leaver');
    const first = await signIn(email, { groups: ['tandem-coaches'] });
    const userId = first.session!.user.id;
    expect((await me(first.session!.accessToken)).data!.me.roles).toEqual(['COACH']);
    const left = await signIn(email, { groups: ['unmapped'] });
    expect(codes(left)).toEqual(['NO_ROLE']);
    expect(left.session).toBeNull();
    expect(await rolesOf(userId)).toEqual([]);
    // every session ends: the access token is refused and the refresh token gives nothing
    await expectEnded(first.session!.accessToken);
    expect((await refresh(first.session!.refreshToken)).data!.refreshSession.session).toBeNull();
    expect((await roleEvents(userId)).at(-1)).toMatchObject({ roles: [], via: 'SSO', changedBy: admin.userId });
    await eventually(async () => expect((await auditLines(userId)).at(-1)?.details).toEqual({ roles: [], via: 'SSO' }));
    // refused again while the groups give nothing (nothing more to publish); back in once they do
    expect(codes(await signIn(email, {}, { groups: [] }))).toEqual(['NO_ROLE']);
    expect(await roleEvents(userId)).toHaveLength(2);
    const back = await signIn(email, { groups: ['tandem-coaches'] });
    expect(back.session!.user).toMatchObject({ id: userId, roles: ['COACH'] });
    expect(await accountsWith(email)).toBe(1);
  });
});

describe('the claim that holds the groups', () => {
  it('should read the groups from the claim the organisation names, and refuse a name that cannot be one', async () => {
    const claim = 'https://tandem.test/claims/groups';
    const named = await setSso({ groupsClaim: claim, clientSecret: null });
    expect(named.data!.setOrganizationSingleSignOn).toEqual({ errors: [], singleSignOn: { groupsClaim: claim } });
    try {
      // `groups` is now an ordinary claim: the named one decides, from the ID token…
      const fromToken = await signIn(newEmail('named'), { groups: ['tandem-analysts'], [claim]: ['tandem-coaches'] });
      expect(fromToken.session!.user.roles).toEqual(['COACH']);
      // …else from the userinfo answer
      const before = userinfoRequests.length;
      const fromUserinfo = await signIn(
        newEmail('namedinfo'),
        { groups: ['tandem-coaches'] },
        {
          [claim]: 'tandem-analysts',
        },
      );
      expect(fromUserinfo.session!.user.roles).toEqual(['ANALYST']);
      expect(userinfoRequests.length).toBe(before + 1);
      for (const bad of ['my groups', 'sub', 'x'.repeat(101)]) {
        const refused = await setSso({ groupsClaim: bad, clientSecret: null });
        expect(refused.data!.setOrganizationSingleSignOn.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
          'input.groupsClaim:INVALID_CLAIM',
        ]);
      }
      // nothing of the refused saves was written
      const [row] = await stack.sql<{ claim: string }>(
        `SELECT groups_claim AS claim FROM identity.organization_sso WHERE organization_id = $1`,
        [org],
      );
      expect(row!.claim).toBe(claim);
    } finally {
      // omitted: back to `groups`
      const reset = await setSso({ clientSecret: null });
      expect(reset.data!.setOrganizationSingleSignOn.singleSignOn).toEqual({ groupsClaim: 'groups' });
    }
  });
});
