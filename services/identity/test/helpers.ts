/** Test helpers: real accounts through the gateway (register, login), a forwarded client address per call. */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { join } from 'node:path';
import type { Role } from '@tandem/contracts';
import { signIn, startStack, type GraphQLResponse, type Stack } from '@tandem/testkit';
import { identity } from '../src/service';

export const TEST_MAIL_DIR = join(os.tmpdir(), 'tandem-identity-test-mail');

export function startIdentityStack(databaseUrl: string, env: Record<string, string> = {}): Promise<Stack> {
  return startStack({
    databaseUrl,
    services: [identity],
    env: { identity: { BOOTSTRAP_ADMIN: 'false', MAIL_DIR: TEST_MAIL_DIR, ...env } },
  });
}

let ipCounter = Math.floor(Math.random() * 200);
/** A fresh documentation address (TEST-NET-3 / 2001:db8::), so address throttling of one test never hits another. */
export function freshIp(): string {
  ipCounter += 1;
  return `2001:db8::${process.pid.toString(16)}:${ipCounter.toString(16)}`;
}

/** A GraphQL call through the gateway as if from `ip` (the gateway trusts X-Forwarded-For from loopback). */
export async function gqlFrom<T = Record<string, unknown>>(
  stack: Stack,
  query: string,
  variables: Record<string, unknown> = {},
  options: { ip?: string; token?: string } = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-forwarded-for': options.ip ?? freshIp(),
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(stack.gateway.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
  return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
}

export const SESSION_FIELDS = `ok errors { field code message } session { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id displayName roles } }`;

export interface Account {
  id: string;
  email: string;
  password: string;
  displayName: string;
  token: string;
  refreshToken: string;
}

export const uniqueEmail = (prefix = 'person') => `${prefix}.${randomUUID().slice(0, 8)}@Example.org`;
export const PASSWORD = 'correct horse battery staple';

interface AuthPayload {
  ok: boolean;
  errors: Array<{ field: string; code: string; message: string }>;
  session: {
    accessToken: string;
    refreshToken: string;
    user: { id: string; displayName: string; roles: Role[] };
  } | null;
}

export async function register(
  stack: Stack,
  displayName: string,
  roles: Role[] = ['MENTEE'],
  extra: { organizationId?: string } = {},
): Promise<Account> {
  const email = uniqueEmail(displayName.split(' ')[0].toLowerCase());
  const res = await gqlFrom<{ register: AuthPayload }>(
    stack,
    `mutation ($input: RegisterInput!) { register(input: $input) { ${SESSION_FIELDS} } }`,
    {
      input: { email, password: PASSWORD, displayName, roles, ...extra },
    },
  );
  if (res.errors || !res.data?.register.ok)
    throw new Error(`register failed: ${JSON.stringify(res.errors ?? res.data?.register.errors)}`);
  // register answers alike for a new and a taken address, without a session: sign in after
  const signedIn = await login(stack, email, PASSWORD);
  const s = signedIn.data?.login.session;
  if (!s) throw new Error(`login after register failed: ${JSON.stringify(signedIn)}`);
  return { id: s.user.id, email, password: PASSWORD, displayName, token: s.accessToken, refreshToken: s.refreshToken };
}

/** Signs in from `ip` (a fresh address by default); staff through the second step (see the testkit's signIn). */
export async function login(
  stack: Stack,
  email: string,
  password: string,
  ip?: string,
): Promise<GraphQLResponse<{ login: AuthPayload }>> {
  const from = ip ?? freshIp();
  return signIn(stack, email, password, SESSION_FIELDS, (q, v) => gqlFrom(stack, q, v, { ip: from }));
}

/** Staff fixture: sets roles (and organisation) in the table, then signs in for a real token carrying them. */
export async function registerStaff(
  stack: Stack,
  displayName: string,
  roles: Role[],
  organizationId: string | null = null,
): Promise<Account> {
  const account = await register(stack, displayName, ['MENTEE']);
  await stack.sql(`UPDATE identity."user" SET roles = $2, organization_id = $3 WHERE id = $1`, [
    account.id,
    roles,
    organizationId,
  ]);
  const res = await login(stack, account.email, account.password);
  if (!res.data?.login.ok) throw new Error(`login failed: ${JSON.stringify(res.errors ?? res.data?.login.errors)}`);
  return { ...account, token: res.data.login.session!.accessToken, refreshToken: res.data.login.session!.refreshToken };
}

/** A real token again after a change of roles or organisation. */
export async function relogin(stack: Stack, account: Account): Promise<Account> {
  const res = await login(stack, account.email, account.password);
  if (!res.data?.login.ok) throw new Error(`login failed: ${JSON.stringify(res.errors ?? res.data?.login.errors)}`);
  return { ...account, token: res.data.login.session!.accessToken, refreshToken: res.data.login.session!.refreshToken };
}

export async function createOrganization(
  stack: Stack,
  admin: Account,
  name = `Partner ${randomUUID().slice(0, 6)}`,
): Promise<string> {
  const res = await gqlFrom<{ createOrganization: { ok: boolean; organization: { id: string } } }>(
    stack,
    `mutation ($i: OrganizationInput!) { createOrganization(input: $i) { ok errors { field message } organization { id } } }`,
    { i: { name, city: 'Toronto', country: 'CA' } },
    { token: admin.token },
  );
  if (!res.data?.createOrganization.ok) throw new Error(`createOrganization failed: ${JSON.stringify(res)}`);
  return res.data.createOrganization.organization.id;
}
