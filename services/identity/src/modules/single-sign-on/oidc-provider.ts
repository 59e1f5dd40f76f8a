/**
 * Talking to an organisation's OpenID Connect provider, through openid-client (panva's certified relying party
 * library): discovery, the authorisation URL (code flow, PKCE S256, state, nonce) and the code exchange, with
 * the ID token's signature checked against the provider's JWKS besides iss, aud, exp and nonce; and the
 * provider's userinfo answer for the claims the ID token leaves out (its subject must be the ID token's).
 */
import * as oidc from 'openid-client';

export interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** A provider that cannot be reached or whose discovery document is not usable. */
export class ProviderUnavailable extends Error {}

/** How long discovery and the token request may take (seconds). */
const TIMEOUT_SECONDS = 10;
/** Configurations (with their JWKS cache) are kept this long per provider setting. */
const CACHE_MS = 10 * 60_000;

export class OidcProviders {
  private readonly cache = new Map<string, { config: Promise<oidc.Configuration>; until: number }>();

  /** `allowHttp`: plain-http issuers (development and tests; never in production). */
  constructor(private readonly allowHttp: boolean) {}

  /** The provider's configuration (discovered, cached); ProviderUnavailable when discovery fails. */
  async configuration(settings: ProviderSettings): Promise<oidc.Configuration> {
    const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.config;
    // the ID token from the token endpoint is verified against the provider's keys, not only trusted for TLS
    // (allowInsecureRequests must be listed as such: discovery reads the list to allow a plain-http issuer)
    const execute = [oidc.enableNonRepudiationChecks, ...(this.allowHttp ? [oidc.allowInsecureRequests] : [])];
    const config = oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        oidc.ClientSecretBasic(settings.clientSecret),
        {
          timeout: TIMEOUT_SECONDS,
          execute,
        },
      )
      .then((discovered) => {
        // client_secret_basic unless the provider says it takes the secret only in the body
        const methods = discovered.serverMetadata().token_endpoint_auth_methods_supported;
        if (!methods?.includes('client_secret_post') || methods.includes('client_secret_basic')) return discovered;
        const post = oidc.ClientSecretPost(settings.clientSecret);
        const config = new oidc.Configuration(discovered.serverMetadata(), settings.clientId, undefined, post);
        config.timeout = TIMEOUT_SECONDS;
        for (const step of execute) step(config);
        return config;
      })
      .catch((error: unknown) => {
        this.cache.delete(key);
        throw new ProviderUnavailable((error as Error)?.message ?? 'discovery failed');
      });
    this.cache.set(key, { config, until: Date.now() + CACHE_MS });
    return config;
  }

  /** The authorisation URL of a new attempt, and the secrets the callback is checked with. */
  async authorization(
    settings: ProviderSettings,
    redirectUri: string,
    loginHint: string,
  ): Promise<{ url: string; state: string; nonce: string; codeVerifier: string }> {
    const config = await this.configuration(settings);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      login_hint: loginHint,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /**
   * Exchanges the callback's code (PKCE verifier, expected state and nonce) and answers the verified ID token's
   * claims, and how to ask the provider's userinfo endpoint with the access token of this exchange. Throws when
   * the provider refused, or anything about the answer or its ID token does not verify.
   */
  async exchange(
    settings: ProviderSettings,
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<{ claims: Record<string, unknown>; userInfo: () => Promise<Record<string, unknown>> }> {
    const config = await this.configuration(settings);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token');
    return { claims: claims as Record<string, unknown>, userInfo: () => this.userInfo(config, tokens, claims.sub) };
  }

  /**
   * The provider's userinfo answer (the access token as a bearer token). openid-client refuses an answer whose
   * `sub` is not the ID token's (a UserInfo response for someone else must never be read as this person's):
   * that, and any malformed answer, throws. A provider that has no userinfo endpoint answers nothing (empty).
   * A provider that cannot be reached throws ProviderUnavailable.
   */
  private async userInfo(
    config: oidc.Configuration,
    tokens: oidc.TokenEndpointResponse,
    subject: string,
  ): Promise<Record<string, unknown>> {
    if (!config.serverMetadata().userinfo_endpoint) return {};
    try {
      return (await oidc.fetchUserInfo(config, tokens.access_token, subject)) as Record<string, unknown>;
    } catch (error) {
      // fetch's own failures (refused connection, timeout): the provider, not its answer
      if (
        error instanceof TypeError ||
        (error as Error)?.name === 'TimeoutError' ||
        (error as Error)?.name === 'AbortError'
      )
        throw new ProviderUnavailable((error as Error).message);
      throw error;
    }
  }
}

/** Whether the provider itself refused the sign-in (the person cancelled, or is not allowed there). */
export const isProviderRefusal = (error: unknown): boolean => error instanceof oidc.AuthorizationResponseError;
