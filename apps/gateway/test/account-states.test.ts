/**
 * The gateway's memory of account states: trusted for the TTL only, one lookup per user at a time, bounded,
 * failing closed when identity cannot answer; and the check itself: an older `sv`, an inactive account, the
 * current roles forwarded.
 */
import { describe, expect, it, vi } from 'vitest';
import { HEADERS, type Principal, type SessionState } from '@tandem/contracts';
import { generateSigningKeys, signAccessToken } from '@tandem/testkit';
import { importPKCS8, SignJWT } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '@tandem/contracts';
import { AccountStates, SessionStateUnavailableError } from '../src/account-states';
import { createTokenVerifier, InvalidTokenError } from '../src/auth';
import { verifySession } from '../src/session-check';

const USER = '00000000-0000-4000-8000-000000000001';
const active = (sessionVersion = 0, roles: SessionState['roles'] = ['MENTEE']): SessionState => ({
  active: true,
  sessionVersion,
  roles,
  organizationId: null,
});

function setup(answer: () => Promise<Response> | Response, ttlMs = 1000, maxEntries?: number) {
  let clock = 1_000_000;
  const fetch = vi.fn(async (_url: URL | string, _init?: RequestInit) => answer());
  const states = new AccountStates({
    identityUrl: 'http://identity.test:4001/graphql',
    gatewaySecret: 'a-secret-of-enough-length',
    ttlMs,
    maxEntries,
    now: () => clock,
    fetch: fetch as unknown as typeof globalThis.fetch,
  });
  return { states, fetch, tick: (ms: number) => (clock += ms) };
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });

describe(AccountStates.name, () => {
  it("should ask identity's internal route with the gateway secret, then trust the answer for the TTL only", async () => {
    const { states, fetch, tick } = setup(() => json(active(3)));
    expect(await states.get(USER)).toEqual(active(3));
    const [url, init] = fetch.mock.calls[0];
    expect(String(url)).toBe(`http://identity.test:4001/internal/session-state/${USER}`);
    expect((init!.headers as Record<string, string>)[HEADERS.gatewaySecret]).toBe('a-secret-of-enough-length');
    tick(999);
    await states.get(USER);
    expect(fetch).toHaveBeenCalledTimes(1);
    tick(1);
    await states.get(USER);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('should ask on every request when the TTL is 0', async () => {
    const { states, fetch } = setup(() => json(active()), 0);
    await states.get(USER);
    await states.get(USER);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(states.size).toBe(0);
  });

  it('should make one lookup for concurrent requests of one user', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { states, fetch } = setup(async () => {
      await gate;
      return json(active());
    });
    const answers = Promise.all([states.get(USER), states.get(USER), states.get(USER)]);
    release();
    expect(await answers).toHaveLength(3);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('should neither remember nor share a lookup that was under way when the account changed', async () => {
    // identity is asked, the password changes (the account signal reaches the gateway), then the old answer arrives
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let version = 1;
    const { states, fetch } = setup(async () => {
      const answer = active(version);
      if (fetch.mock.calls.length === 1) await gate;
      return json(answer);
    });
    const before = states.get(USER);
    version = 2;
    states.forget(USER);
    // a request after the signal does not wait for the old lookup: it asks again and gets the new state
    expect(await states.get(USER)).toEqual(active(2));
    release();
    expect(await before).toEqual(active(1));
    // the late, older answer was not remembered over the new one
    expect(await states.get(USER)).toEqual(active(2));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('should remember at most maxEntries accounts, the oldest leaving first', async () => {
    const { states } = setup(() => json(active()), 1000, 2);
    for (const id of ['a', 'b', 'c']) await states.get(id);
    expect(states.size).toBe(2);
  });

  it('should fail closed when identity cannot answer or answers nonsense, once the remembered state is too old', async () => {
    let up = true;
    const { states, tick } = setup(() => {
      if (!up) throw new Error('ECONNREFUSED');
      return json(active());
    });
    await states.get(USER);
    up = false;
    expect(await states.get(USER)).toEqual(active()); // younger than the TTL
    tick(1000);
    await expect(states.get(USER)).rejects.toBeInstanceOf(SessionStateUnavailableError);
    const broken = setup(() => json({ active: 'yes' }));
    await expect(broken.states.get(USER)).rejects.toBeInstanceOf(SessionStateUnavailableError);
    const refused = setup(() => json({ error: 'no' }, 403));
    await expect(refused.states.get(USER)).rejects.toBeInstanceOf(SessionStateUnavailableError);
  });
});

describe(verifySession.name, () => {
  const principal: Principal = { userId: USER, roles: ['ADMIN'], organizationId: null };

  async function tokenWith(sv: number | undefined) {
    const keys = await generateSigningKeys();
    const verify = await createTokenVerifier(keys.publicKey);
    if (sv === undefined) return { verify, bearer: `Bearer ${await signAccessToken(keys.privateKey, principal)}` };
    const jwt = await new SignJWT({ roles: principal.roles, org: null, sv })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject(USER)
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(await importPKCS8(keys.privateKey, 'EdDSA'));
    return { verify, bearer: `Bearer ${jwt}` };
  }
  const statesAnswering = (state: SessionState) => setup(() => json(state)).states;

  it("should forward the account's current roles, never the token's", async () => {
    const { verify, bearer } = await tokenWith(2);
    const served = await verifySession(verify, statesAnswering(active(2, ['MENTEE'])), bearer);
    expect(served).toEqual({ userId: USER, roles: ['MENTEE'], organizationId: null });
    // the verifier's cache gives the same answer the second time
    expect(await verifySession(verify, statesAnswering(active(2, ['MENTEE'])), bearer)).toEqual(served);
  });

  it('should refuse a token whose session version is older, or missing once the account has ended sessions', async () => {
    const older = await tokenWith(1);
    await expect(verifySession(older.verify, statesAnswering(active(2)), older.bearer)).rejects.toMatchObject({
      reason: 'ended',
    });
    const without = await tokenWith(undefined);
    expect(await verifySession(without.verify, statesAnswering(active(0)), without.bearer)).not.toBeNull();
    await expect(verifySession(without.verify, statesAnswering(active(1)), without.bearer)).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
  });

  it('should refuse a token of an inactive account', async () => {
    const { verify, bearer } = await tokenWith(0);
    const inactive: SessionState = { active: false, sessionVersion: 0, roles: [], organizationId: null };
    await expect(verifySession(verify, statesAnswering(inactive), bearer)).rejects.toMatchObject({ reason: 'ended' });
  });
});
