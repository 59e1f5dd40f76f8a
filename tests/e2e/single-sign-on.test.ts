/**
 * Single sign-on with OpenID Connect (issue 23), through the gateway against a real OIDC provider started here
 * (oauth2-mock-server: discovery, JWKS, authorize, token with PKCE checks, RS256 ID tokens): an ADMIN sets an
 * organisation's provider (the client secret is never answered); a person signs in with the code flow, PKCE
 * (S256), state and nonce, and gets a working session; the account is created at the first sign-in with the
 * roles their groups map to, or linked by verified email; a tampered ID token, a wrong nonce, a replayed or
 * forged state, an unverified email and an email outside the organisation's domains are refused; staff of an
 * organisation with single sign-on cannot use their password unless the ADMIN allows it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { OAuth2Server, type MutableResponse, type MutableToken } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { isolatedDatabase, Stack } from '@tandem/testkit';
import { newOrganization, startWebhookStack } from '../support/webhooks';
import { call, PASSWORD, registerStaff, type Person } from '../support/world';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let admin: Person;
let coach: Person;
let orgA: string;
let orgB: string;
const provider = new OAuth2Server();
const ADMIN_EMAIL = `root.${randomUUID().slice(0, 8)}@sso-admin.test`;
const DOMAIN = `sso-${randomUUID().slice(0, 6)}.test`;
const CLIENT_SECRET = `client-secret-${randomUUID()}`;
const E = 'errors { field code message }';
const SSO =
  'organizationId issuer clientId clientSecretSet emailDomains roleMappings { group roles } passwordAllowed redirectUri';
const SESSION = `${E} session { accessToken user { id roles contact { email } organization { id } } } secondFactorChallenge { kind }`;

/** What the provider's next tokens say about the person (and how a test alters the answer). */
let claims: Record<string, unknown> = {};
let alterIdToken: ((idToken: string) => string) | null = null;
/** The client authentication methods the provider's discovery document lists (oauth2-mock-server's own when null). */
let authMethods: string[] | null = null;
/** The token requests the provider received (to see the PKCE verifier was sent). */
const tokenRequests: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  provider.service.on('beforeTokenSigning', (token: MutableToken) => Object.assign(token.payload, claims));
  provider.service.on('beforeWellKnownOpenIdConfiguration', (response: MutableResponse) => {
    if (authMethods) (response.body as Record<string, unknown>).token_endpoint_auth_methods_supported = authMethods;
  });
  provider.service.on('beforeResponse', (response: MutableResponse, req: IncomingMessage & { body?: unknown }) => {
    tokenRequests.push({ ...(req.body as Record<string, unknown>), authorization: req.headers.authorization ?? null });
    const body = response.body as { id_token?: string };
    if (alterIdToken && body.id_token) body.id_token = alterIdToken(body.id_token);
  });
  ({ database, stack, admin } = await startWebhookStack(ADMIN_EMAIL, { OIDC_ALLOW_HTTP_ISSUERS: 'true' }));
  orgA = (await newOrganization(stack, admin.token, 'SSO A')).id;
  orgB = (await newOrganization(stack, admin.token, 'SSO B')).id;
  // a coach of A with a password, before A turns single sign-on on
  coach = await registerStaff(stack, admin, 'SSO Coach', ['COACH'], orgA);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await database?.drop();
  await provider.stop();
});

const issuer = () => provider.issuer.url!;

type Errors = Array<{ field: string; code: string }>;
interface Settings {
  organizationId: string;
  issuer: string;
  clientSecretSet: boolean;
  emailDomains: string[];
  passwordAllowed: boolean;
  redirectUri: string;
}
interface SignedIn {
  errors: Errors;
  session: {
    accessToken: string;
    user: { id: string; roles: string[]; contact: { email: string }; organization: { id: string } | null };
  } | null;
  secondFactorChallenge: { kind: string } | null;
}

const setSso = (input: Record<string, unknown>, token = admin.token) =>
  stack.gql<{ setOrganizationSingleSignOn: { errors: Errors; singleSignOn: Settings | null } }>(
    `mutation ($i: SetOrganizationSingleSignOnInput!) { setOrganizationSingleSignOn(input: $i) { ${E} singleSignOn { ${SSO} } } }`,
    {
      i: {
        organizationId: orgA,
        issuer: issuer(),
        clientId: 'tandem',
        clientSecret: CLIENT_SECRET,
        emailDomains: [DOMAIN],
        roleMappings: [
          { group: 'tandem-coaches', roles: ['COACH'] },
          { group: 'tandem-analysts', roles: ['ANALYST'] },
        ],
        ...input,
      },
    },
    { token },
  );

const login = (email: string, password = PASSWORD) =>
  stack.gql<{ login: SignedIn }>(
    `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ${SESSION} } }`,
    {
      e: email,
      p: password,
    },
  );

async function start(email: string) {
  const res = await stack.gql<{
    startOrganizationSignIn: { errors: Errors; authorizationUrl: string | null; state: string | null };
  }>(`mutation ($e: String!) { startOrganizationSignIn(email: $e) { ${E} authorizationUrl state } }`, { e: email });
  expect(res.errors).toBeUndefined();
  return res.data!.startOrganizationSignIn as {
    errors: Array<{ field: string; code: string }>;
    authorizationUrl: string | null;
    state: string | null;
  };
}

/** The browser at the provider: it signs the person in and redirects back with a code and the state. */
async function atProvider(authorizationUrl: string): Promise<string> {
  const res = await fetch(authorizationUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return res.headers.get('location')!;
}

const complete = async (callbackUrl: string) => {
  const res = await stack.gql<{ completeOrganizationSignIn: SignedIn }>(
    `mutation ($u: String!) { completeOrganizationSignIn(callbackUrl: $u) { ${SESSION} } }`,
    { u: callbackUrl },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.completeOrganizationSignIn;
};

/** A whole sign-in, started for an address of A's domain, with the provider saying `who`. */
async function signInAs(who: Record<string, unknown>) {
  claims = who;
  const started = await start(`someone@${DOMAIN}`);
  expect(started.errors).toEqual([]);
  return complete(await atProvider(started.authorizationUrl!));
}

const person = (email: string, groups: string[], extra: Record<string, unknown> = {}) => ({
  email,
  email_verified: true,
  name: 'Sam Provider',
  groups,
  ...extra,
});

const codes = (r: { errors: Array<{ code: string }> }) => r.errors.map((e) => e.code);
const accountsWith = async (email: string) =>
  (
    await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM identity."user" WHERE lower(email) = $1`, [email])
  )[0]!.n;

describe('an organisation’s single sign-on, set by an ADMIN', () => {
  it('should store the provider with the client secret sealed and never answer the secret', async () => {
    const res = await setSso({});
    expect(res.errors).toBeUndefined();
    const saved = res.data!.setOrganizationSingleSignOn;
    expect(saved.errors).toEqual([]);
    expect(saved.singleSignOn).toMatchObject({
      organizationId: orgA,
      issuer: issuer(),
      clientSecretSet: true,
      emailDomains: [DOMAIN],
      passwordAllowed: false,
    });
    expect(saved.singleSignOn!.redirectUri).toMatch(/\/sign-in\/organisation$/);
    const [row] = await stack.sql<{ sealed: string }>(
      `SELECT client_secret_sealed AS sealed FROM identity.organization_sso WHERE organization_id = $1`,
      [orgA],
    );
    expect(row!.sealed).toMatch(/^v1\./);
    expect(row!.sealed).not.toContain(CLIENT_SECRET);
    // the type has no field that could carry the secret
    const type = await stack.gql<{ __type: { fields: Array<{ name: string }> } }>(
      `{ __type(name: "OrganizationSingleSignOn") { fields { name } } }`,
    );
    expect(type.data!.__type.fields.map((f) => f.name).filter((n) => /secret/i.test(n))).toEqual(['clientSecretSet']);
    const read = await stack.gql<{ organizationSingleSignOn: Settings }>(
      `query ($o: ID!) { organizationSingleSignOn(organizationId: $o) { ${SSO} } }`,
      { o: orgA },
      { token: admin.token },
    );
    expect(read.data!.organizationSingleSignOn.clientSecretSet).toBe(true);
    expect(JSON.stringify(read)).not.toContain(CLIENT_SECRET);
  });

  it('should keep the stored secret when none is given, and refuse bad settings without writing', async () => {
    const kept = await setSso({ clientSecret: null });
    expect(kept.errors).toBeUndefined();
    expect(kept.data!.setOrganizationSingleSignOn.errors).toEqual([]);
    const bad = await setSso({
      issuer: 'ftp://nowhere',
      emailDomains: ['not a domain'],
      roleMappings: [{ group: 'x', roles: ['MENTEE'] }],
    });
    expect(bad.data!.setOrganizationSingleSignOn.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'input.emailDomains:INVALID_DOMAIN',
      'input.issuer:INVALID_ISSUER',
      'input.roleMappings.0.roles:NOT_STAFF_ROLE',
    ]);
    const unreachable = await setSso({ issuer: 'http://127.0.0.1:9/nothing-here' });
    expect(codes(unreachable.data!.setOrganizationSingleSignOn)).toEqual(['ISSUER_UNREACHABLE']);
    // a domain belongs to one organisation
    const taken = await setSso({ organizationId: orgB });
    expect(codes(taken.data!.setOrganizationSingleSignOn)).toEqual(['DOMAIN_TAKEN']);
    const firstWithoutSecret = await setSso({
      organizationId: orgB,
      emailDomains: ['b.' + DOMAIN],
      clientSecret: null,
    });
    expect(codes(firstWithoutSecret.data!.setOrganizationSingleSignOn)).toEqual(['REQUIRED']);
    // nothing of the refused saves was written
    const [row] = await stack.sql<{ issuer: string }>(
      `SELECT issuer FROM identity.organization_sso WHERE organization_id = $1`,
      [orgA],
    );
    expect(row!.issuer).toBe(issuer());
    expect(await stack.sql(`SELECT 1 FROM identity.organization_sso WHERE organization_id = $1`, [orgB])).toEqual([]);
  });

  it('should refuse everyone but an ADMIN', async () => {
    const asCoach = await setSso({}, coach.token);
    expect(asCoach.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await stack.gql(`query ($o: ID!) { organizationSingleSignOn(organizationId: $o) { clientId } }`, {
      o: orgA,
    });
    expect(read.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('signing in with one’s organisation', () => {
  it('should sign a new person in with PKCE, state and nonce, creating their staff account with the mapped roles', async () => {
    const email = `new.${randomUUID().slice(0, 6)}@${DOMAIN}`;
    claims = person(email, ['tandem-analysts', 'unmapped']);
    const started = await start(email.toUpperCase());
    expect(started.errors).toEqual([]);
    const authorize = new URL(started.authorizationUrl!);
    expect(authorize.origin).toBe(new URL(issuer()).origin);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toBe(started.state);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(authorize.searchParams.get('client_id')).toBe('tandem');
    const callback = await atProvider(started.authorizationUrl!);
    const before = tokenRequests.length;
    const result = await complete(callback);
    expect(result.errors).toEqual([]);
    expect(result.secondFactorChallenge).toBeNull();
    expect(result.session!.user).toMatchObject({ contact: { email }, roles: ['ANALYST'], organization: { id: orgA } });
    // the provider checked the PKCE verifier against the challenge (it refuses a wrong one)
    expect(tokenRequests.slice(before)).toEqual([expect.objectContaining({ code_verifier: expect.any(String) })]);
    // the session works through the gateway
    const me = await stack.gql<{ me: { id: string; roles: string[] } }>(
      `{ me { id roles } }`,
      {},
      {
        token: result.session!.accessToken,
      },
    );
    expect(me.data!.me).toEqual({ id: result.session!.user.id, roles: ['ANALYST'] });
    // the account's facts for the other subgraphs, and a staff sign-in by the provider (no second factor asked)
    const userId = result.session!.user.id;
    const events = await stack.sql<{ name: string; payload: Record<string, unknown> }>(
      `SELECT name, payload FROM identity.event_log WHERE payload->>'userId' = $1 ORDER BY occurred_at, name`,
      [userId],
    );
    expect(events.map((e) => e.name).sort()).toEqual([
      'StaffSignedIn',
      'UserContactChanged',
      'UserRegistered',
      'UserRolesChanged',
    ]);
    expect(events.find((e) => e.name === 'UserRolesChanged')!.payload).toMatchObject({
      roles: ['ANALYST'],
      organizationId: orgA,
      changedBy: admin.userId,
    });
    expect(events.find((e) => e.name === 'StaffSignedIn')!.payload).toMatchObject({
      signInMethod: 'OIDC',
      secondFactor: null,
    });
    // the callback cannot be used twice (the state is single use)
    expect(codes(await complete(callback))).toEqual(['SIGN_IN_EXPIRED']);
    // a second sign-in finds the same account, whose roles follow the groups the provider says now
    const again = await signInAs(person(email, ['tandem-coaches']));
    expect(again.session!.user).toMatchObject({ id: result.session!.user.id, roles: ['COACH'] });
  });

  it('should link an existing account by its verified email, keeping its roles', async () => {
    const domainCoach = await registerStaff(stack, admin, 'Linked Coach', ['COACH'], orgB);
    // the coach's domain (world.test) is not A's: the same email at A's provider is refused…
    expect(codes(await signInAs(person(domainCoach.email, ['tandem-analysts'])))).toEqual(['EMAIL_OUTSIDE_DOMAINS']);
    // …and an account whose email is in A's domain is the one signed in
    const email = `known.${randomUUID().slice(0, 6)}@${DOMAIN}`;
    await call(stack, `mutation ($i: RegisterInput!) { register(input: $i) { ${E} } }`, {
      i: { email, password: PASSWORD, displayName: 'Known Mentee', roles: ['MENTEE'] },
    });
    const result = await signInAs(person(email, ['tandem-coaches']));
    expect(result.errors).toEqual([]);
    expect(result.session!.user).toMatchObject({ contact: { email }, roles: ['MENTEE'] });
    expect(await accountsWith(email)).toBe(1);
  });

  it('should refuse a tampered ID token and a wrong nonce, creating nothing', async () => {
    const email = `tampered.${randomUUID().slice(0, 6)}@${DOMAIN}`;
    // the payload changed after signing (another email): the signature no longer matches the provider's key
    alterIdToken = (jwt) => {
      const [header, payload, signature] = jwt.split('.');
      const body = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
      body.email = `ceo@${DOMAIN}`;
      return [header, Buffer.from(JSON.stringify(body)).toString('base64url'), signature].join('.');
    };
    try {
      expect(codes(await signInAs(person(email, ['tandem-coaches'])))).toEqual(['SIGN_IN_NOT_VERIFIED']);
    } finally {
      alterIdToken = null;
    }
    // signed by the provider, but for another attempt's nonce
    expect(codes(await signInAs(person(email, ['tandem-coaches'], { nonce: 'another-attempt' })))).toEqual([
      'SIGN_IN_NOT_VERIFIED',
    ]);
    // signed, but for another client
    expect(codes(await signInAs(person(email, ['tandem-coaches'], { aud: 'someone-else' })))).toEqual([
      'SIGN_IN_NOT_VERIFIED',
    ]);
    expect(await accountsWith(email)).toBe(0);
    expect(await accountsWith(`ceo@${DOMAIN}`)).toBe(0);
  });

  it('should refuse a forged state, a callback elsewhere, an unverified email, an email outside the domains and no role', async () => {
    const email = `refused.${randomUUID().slice(0, 6)}@${DOMAIN}`;
    claims = person(email, ['tandem-coaches']);
    const started = await start(email);
    const callback = new URL(await atProvider(started.authorizationUrl!));
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state');
    expect(codes(await complete(forged.href))).toEqual(['SIGN_IN_EXPIRED']);
    expect(codes(await complete(`https://evil.test/sign-in/organisation${callback.search}`))).toEqual([
      'INVALID_CALLBACK',
    ]);
    expect(codes(await signInAs(person(email, ['tandem-coaches'], { email_verified: false })))).toEqual([
      'EMAIL_NOT_VERIFIED',
    ]);
    expect(codes(await signInAs(person(email, ['tandem-coaches'], { email: `x@elsewhere.test` })))).toEqual([
      'EMAIL_OUTSIDE_DOMAINS',
    ]);
    expect(codes(await signInAs(person(email, ['no-such-group'])))).toEqual(['NO_ROLE']);
    expect(await accountsWith(email)).toBe(0);
    // an address whose domain no organisation signs in
    expect(codes(await start(`someone@nowhere-${randomUUID().slice(0, 4)}.test`))).toEqual(['NO_ORGANIZATION_SIGN_IN']);
  });

  it('should send the client secret in the body to a provider that takes it only there', async () => {
    authMethods = ['client_secret_post'];
    try {
      const domain = `post.${DOMAIN}`;
      const saved = await setSso({ organizationId: orgB, clientId: 'tandem-post', emailDomains: [domain] });
      expect(saved.data!.setOrganizationSingleSignOn.errors).toEqual([]);
      claims = person(`post@${domain}`, ['tandem-coaches']);
      const started = await start(`post@${domain}`);
      const before = tokenRequests.length;
      const result = await complete(await atProvider(started.authorizationUrl!));
      expect(result.errors).toEqual([]);
      expect(result.session!.user.organization).toEqual({ id: orgB });
      expect(tokenRequests.slice(before)).toEqual([
        expect.objectContaining({ client_id: 'tandem-post', client_secret: CLIENT_SECRET, authorization: null }),
      ]);
    } finally {
      authMethods = null;
    }
    // by default the secret goes in the Authorization header (client_secret_basic)
    const before = tokenRequests.length;
    expect((await signInAs(person(`basic@${DOMAIN}`, ['tandem-coaches']))).errors).toEqual([]);
    expect(tokenRequests[before]).toMatchObject({ authorization: expect.stringMatching(/^Basic /) });
    expect(tokenRequests[before]).not.toHaveProperty('client_secret');
  });

  it('should refuse a password to staff of the organisation unless the ADMIN allows it', async () => {
    expect(codes((await login(coach.email)).data!.login)).toEqual(['USE_ORGANIZATION_SIGN_IN']);
    // a wrong password says nothing more than usual
    expect(codes((await login(coach.email, 'Wrong-pass-2026!')).data!.login)).toEqual(['INVALID_CREDENTIALS']);
    // staff of an organisation without single sign-on are not concerned
    expect(
      (await setSso({ passwordAllowed: true, clientSecret: null })).data!.setOrganizationSingleSignOn.errors,
    ).toEqual([]);
    const allowed = (await login(coach.email)).data!.login;
    expect(allowed.errors).toEqual([]);
    expect(allowed.session!.user.id).toBe(coach.userId);
    await setSso({ passwordAllowed: false, clientSecret: null });
    expect(codes((await login(coach.email)).data!.login)).toEqual(['USE_ORGANIZATION_SIGN_IN']);
    // removing single sign-on gives the password back
    const removed = await stack.gql<{ removeOrganizationSingleSignOn: { errors: unknown[] } }>(
      `mutation ($o: ID!) { removeOrganizationSingleSignOn(organizationId: $o) { ${E} } }`,
      { o: orgA },
      { token: admin.token },
    );
    expect(removed.data!.removeOrganizationSingleSignOn.errors).toEqual([]);
    expect((await login(coach.email)).data!.login.errors).toEqual([]);
    await setSso({});
  });
});
