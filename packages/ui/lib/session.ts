/**
 * The signed-in session: tokens in memory and in a Storage (the admin app: sessionStorage, one tab; the
 * participant app: localStorage, so an installed app stays signed in), refreshed a minute before the access
 * token expires; a failed refresh signs out. Sign-in, registration, refresh and sign-out bypass urql.
 */
import type { DocumentNode } from 'graphql';
import { isPersistedQueryMiss, sentText, sha256Hex } from './persisted';
import { graphql, type ResultOf, type VariablesOf } from './graphql';

const SessionFields = graphql(`
  fragment SessionFields on AuthSession @_unmask {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      id
      displayName
      roles
      organizationId
    }
  }
`);

export const LoginMutation = graphql(
  `
    mutation Login($email: String!, $password: String!) {
      login(email: $email, password: $password) {
        errors {
          field
          code
          message
        }
        session {
          ...SessionFields
        }
        secondFactorChallenge {
          token
          kind
          expiresAt
        }
      }
    }
  `,
  [SessionFields],
);

export const CompleteSignInMutation = graphql(
  `
    mutation CompleteSignIn($challenge: String!, $code: String!) {
      completeSignIn(challenge: $challenge, code: $code) {
        errors {
          field
          code
          message
        }
        session {
          ...SessionFields
        }
      }
    }
  `,
  [SessionFields],
);

export const StartOrganizationSignInMutation = graphql(`
  mutation StartOrganizationSignIn($email: String!) {
    startOrganizationSignIn(email: $email) {
      errors {
        field
        code
        message
      }
      authorizationUrl
      state
    }
  }
`);

export const CompleteOrganizationSignInMutation = graphql(
  `
    mutation CompleteOrganizationSignIn($callbackUrl: String!) {
      completeOrganizationSignIn(callbackUrl: $callbackUrl) {
        errors {
          field
          code
          message
        }
        session {
          ...SessionFields
        }
      }
    }
  `,
  [SessionFields],
);

export const StartSecondFactorEnrolmentMutation = graphql(`
  mutation StartSecondFactorEnrolment($challenge: String) {
    startSecondFactorEnrolment(challenge: $challenge) {
      errors {
        field
        code
        message
      }
      enrolment {
        secret
        otpauthUri
      }
    }
  }
`);

export const ConfirmSecondFactorEnrolmentMutation = graphql(
  `
    mutation ConfirmSecondFactorEnrolment($challenge: String, $code: String!) {
      confirmSecondFactorEnrolment(challenge: $challenge, code: $code) {
        errors {
          field
          code
          message
        }
        recoveryCodes
        session {
          ...SessionFields
        }
      }
    }
  `,
  [SessionFields],
);

export const RegisterMutation = graphql(
  `
    mutation Register($input: RegisterInput!) {
      register(input: $input) {
        errors {
          field
          code
          message
        }
        session {
          ...SessionFields
        }
      }
    }
  `,
  [SessionFields],
);

const RefreshMutation = graphql(
  `
    mutation Refresh($refreshToken: String!) {
      refreshSession(refreshToken: $refreshToken) {
        errors {
          field
          code
          message
        }
        session {
          ...SessionFields
        }
      }
    }
  `,
  [SessionFields],
);

const LogoutMutation = graphql(`
  mutation Logout($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

export const ChangePasswordMutation = graphql(
  `
    mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
      changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
        errors {
          field
          code
          message
        }
        session {
          ...SessionFields
        }
      }
    }
  `,
  [SessionFields],
);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email) {
      errors {
        field
        code
        message
      }
    }
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      errors {
        field
        code
        message
      }
    }
  }
`);

export type Session = NonNullable<ResultOf<typeof LoginMutation>['login']['session']>;
export type SecondFactorChallenge = NonNullable<ResultOf<typeof LoginMutation>['login']['secondFactorChallenge']>;
export type SecondFactorEnrolment = NonNullable<
  ResultOf<typeof StartSecondFactorEnrolmentMutation>['startSecondFactorEnrolment']['enrolment']
>;
export type FieldErrors = ResultOf<typeof LoginMutation>['login']['errors'];

/** The words a form shows when the request itself was refused (each app passes its own, translated). */
export interface SessionMessages {
  rateLimited: string;
  sessionEnded: string;
  signInFailed: string;
  registerFailed: string;
  /** After registering, the sign-in failed (for instance the address already had an account: its owner got an email). */
  registeredSignInFailed: string;
  passwordNotChanged: string;
  resetNotSent: string;
  passwordNotSet: string;
  serverAnswered: (status: number) => string;
}

export const ENGLISH_SESSION_MESSAGES: SessionMessages = {
  rateLimited: 'Too many attempts. Wait a few minutes and try again.',
  sessionEnded: 'Your session ended. Please sign in again.',
  signInFailed: 'Sign-in failed. Try again.',
  registerFailed: 'The account could not be created. Try again.',
  registeredSignInFailed:
    'We could not sign you in with these details. If you already have an account with this email, sign in or reset your password.',
  passwordNotChanged: 'The password could not be changed. Try again.',
  resetNotSent: 'The request could not be sent. Try again.',
  passwordNotSet: 'The password could not be set. Try again.',
  serverAnswered: (status) => `The server answered ${status}.`,
};

export interface SessionStoreOptions {
  /** Where the session is kept between page loads. */
  storage?: Storage;
  /** Its key in the storage (one per app). */
  storageKey?: string;
  messages?: SessionMessages;
}
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;

type Listener = (session: Session | null, reason?: string) => void;

/** What a form gets back: the field errors, or one message when the request itself was refused. */
export interface FormOutcome {
  ok: boolean;
  errors: FieldErrors;
  message?: string;
  /** A sign-in whose password was right but which needs a second step (staff with a second factor). */
  challenge?: SecondFactorChallenge;
}

/** The outcome of confirming a second factor at sign-in: the recovery codes to show once, and the session to start after. */
export interface EnrolmentOutcome extends FormOutcome {
  recoveryCodes?: string[];
  session?: Session;
}

/** A refusal without a payload (rate limits, the network), in words for the form. */
function refusal(
  errors: Array<{ message: string; extensions?: { code?: string } }> | undefined,
  fallback: string,
  rateLimited: string,
): FormOutcome {
  const e = errors?.[0];
  const message = e?.extensions?.code === 'RATE_LIMITED' ? rateLimited : (e?.message ?? fallback);
  return { ok: false, errors: [], message };
}

/**
 * Posts one typed operation to the gateway without urql, by its hash first like urql does (trusted documents,
 * see persisted.ts), then with its text if the gateway does not know the hash.
 */
async function post<D extends DocumentNode, R>(
  doc: D,
  variables: Record<string, unknown>,
  token?: string,
  serverAnswered: (status: number) => string = ENGLISH_SESSION_MESSAGES.serverAnswered,
): Promise<{ data?: R; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
  const query = sentText(doc);
  const persistedQuery = { version: 1, sha256Hash: await sha256Hex(query) };
  const send = async (withText: boolean) => {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ ...(withText ? { query } : {}), variables, extensions: { persistedQuery } }),
    });
    try {
      return (await res.json()) as { data?: R; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    } catch {
      return { errors: [{ message: serverAnswered(res.status) }] };
    }
  };
  const first = await send(false);
  return isPersistedQueryMiss(first.errors) ? send(true) : first;
}

/** Holds the session, schedules its refresh, and tells listeners when it changes. */
export class SessionStore {
  private session: Session | null = null;
  private listeners = new Set<Listener>();
  private refreshing: Promise<Session | null> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  private readonly storage: Storage;
  private readonly storageKey: string;
  private readonly messages: SessionMessages;

  constructor(options: SessionStoreOptions = {}) {
    this.storage = options.storage ?? globalThis.sessionStorage;
    this.storageKey = options.storageKey ?? 'tandem.admin.session';
    this.messages = options.messages ?? ENGLISH_SESSION_MESSAGES;
    try {
      const saved = this.storage.getItem(this.storageKey);
      if (saved) this.apply(JSON.parse(saved) as Session, false);
    } catch {
      this.storage.removeItem(this.storageKey);
    }
  }

  /** Refused without a payload: the first error in words (a rate limit in this app's words). */
  private refused(errors: Parameters<typeof refusal>[0], fallback: string): FormOutcome {
    return refusal(errors, fallback, this.messages.rateLimited);
  }

  get current(): Session | null {
    return this.session;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async login(variables: VariablesOf<typeof LoginMutation>): Promise<FormOutcome> {
    const res = await post<typeof LoginMutation, ResultOf<typeof LoginMutation>>(
      LoginMutation,
      variables,
      undefined,
      this.messages.serverAnswered,
    );
    const result = res.data?.login;
    if (!result) return this.refused(res.errors, this.messages.signInFailed);
    const ok = result.errors.length === 0;
    if (ok && result.session) this.apply(result.session, true);
    return {
      ok,
      errors: result.errors,
      ...(result.secondFactorChallenge ? { challenge: result.secondFactorChallenge } : {}),
    };
  }

  /** The second step of a sign-in: a code of the authenticator app or a recovery code. */
  async completeSignIn(variables: VariablesOf<typeof CompleteSignInMutation>): Promise<FormOutcome> {
    const res = await post<typeof CompleteSignInMutation, ResultOf<typeof CompleteSignInMutation>>(
      CompleteSignInMutation,
      variables,
      undefined,
      this.messages.serverAnswered,
    );
    const result = res.data?.completeSignIn;
    if (!result) return this.refused(res.errors, this.messages.signInFailed);
    const ok = result.errors.length === 0;
    if (ok && result.session) this.apply(result.session, true);
    return { ok, errors: result.errors };
  }

  /** A TOTP secret to set up, with the sign-in challenge of kind ENROL (or signed in, without one). */
  async startSecondFactorEnrolment(
    challenge: string | null,
  ): Promise<FormOutcome & { enrolment?: SecondFactorEnrolment }> {
    const token = challenge ? undefined : ((await this.accessToken()) ?? undefined);
    const res = await post<
      typeof StartSecondFactorEnrolmentMutation,
      ResultOf<typeof StartSecondFactorEnrolmentMutation>
    >(StartSecondFactorEnrolmentMutation, { challenge }, token, this.messages.serverAnswered);
    const result = res.data?.startSecondFactorEnrolment;
    if (!result) return this.refused(res.errors, this.messages.signInFailed);
    return { ok: result.errors.length === 0, errors: result.errors, enrolment: result.enrolment ?? undefined };
  }

  /**
   * Confirms the secret with a first code. With a challenge the session it returns is NOT started here: the
   * page shows the recovery codes first and then calls `accept(session)`.
   */
  async confirmSecondFactorEnrolment(
    variables: VariablesOf<typeof ConfirmSecondFactorEnrolmentMutation>,
  ): Promise<EnrolmentOutcome> {
    const token = variables.challenge ? undefined : ((await this.accessToken()) ?? undefined);
    const res = await post<
      typeof ConfirmSecondFactorEnrolmentMutation,
      ResultOf<typeof ConfirmSecondFactorEnrolmentMutation>
    >(ConfirmSecondFactorEnrolmentMutation, variables, token, this.messages.serverAnswered);
    const result = res.data?.confirmSecondFactorEnrolment;
    if (!result) return this.refused(res.errors, this.messages.signInFailed);
    return {
      ok: result.errors.length === 0,
      errors: result.errors,
      recoveryCodes: result.recoveryCodes ? [...result.recoveryCodes] : undefined,
      session: result.session ?? undefined,
    };
  }

  /**
   * Signing in with one's organisation, first step: the provider's URL to send the browser to and the state
   * the page keeps to recognise the answer as its own.
   */
  async startOrganizationSignIn(email: string): Promise<FormOutcome & { authorizationUrl?: string; state?: string }> {
    const res = await post<typeof StartOrganizationSignInMutation, ResultOf<typeof StartOrganizationSignInMutation>>(
      StartOrganizationSignInMutation,
      { email },
      undefined,
      this.messages.serverAnswered,
    );
    const result = res.data?.startOrganizationSignIn;
    if (!result) return this.refused(res.errors, this.messages.signInFailed);
    return {
      ok: result.errors.length === 0,
      errors: result.errors,
      authorizationUrl: result.authorizationUrl ?? undefined,
      state: result.state ?? undefined,
    };
  }

  /** Signing in with one's organisation, last step: the URL the provider sent the browser back to. */
  async completeOrganizationSignIn(callbackUrl: string): Promise<FormOutcome> {
    const res = await post<
      typeof CompleteOrganizationSignInMutation,
      ResultOf<typeof CompleteOrganizationSignInMutation>
    >(CompleteOrganizationSignInMutation, { callbackUrl }, undefined, this.messages.serverAnswered);
    const result = res.data?.completeOrganizationSignIn;
    if (!result) return this.refused(res.errors, this.messages.signInFailed);
    const ok = result.errors.length === 0;
    if (ok && result.session) this.apply(result.session, true);
    return { ok, errors: result.errors };
  }

  /** Starts a session obtained outside login (the sign-in that completed an enrolment). */
  accept(session: Session): void {
    this.apply(session, true);
  }

  /**
   * Creates an account (mentee, mentor or both) and signs it in. register answers alike whether or not the
   * address is taken, without a session: the sign-in follows with the same email and password.
   */
  async register(variables: VariablesOf<typeof RegisterMutation>): Promise<FormOutcome> {
    const res = await post<typeof RegisterMutation, ResultOf<typeof RegisterMutation>>(
      RegisterMutation,
      variables,
      undefined,
      this.messages.serverAnswered,
    );
    const result = res.data?.register;
    if (!result) return this.refused(res.errors, this.messages.registerFailed);
    const ok = result.errors.length === 0;
    if (ok && result.session) this.apply(result.session, true);
    if (!ok || result.session) return { ok, errors: result.errors };
    // the address may have been taken (its owner is told by email): then this sign-in fails like a wrong password
    const signedIn = await this.login({ email: variables.input.email, password: variables.input.password });
    return signedIn.ok && this.session
      ? signedIn
      : { ok: false, errors: [], message: this.messages.registeredSignInFailed };
  }

  /** The signed-in person's new password; on success the new session replaces this one (other devices are signed out). */
  async changePassword(variables: VariablesOf<typeof ChangePasswordMutation>): Promise<FormOutcome> {
    const token = await this.accessToken();
    if (!token) return { ok: false, errors: [], message: this.messages.sessionEnded };
    const res = await post<typeof ChangePasswordMutation, ResultOf<typeof ChangePasswordMutation>>(
      ChangePasswordMutation,
      variables,
      token,
      this.messages.serverAnswered,
    );
    const result = res.data?.changePassword;
    if (!result) return this.refused(res.errors, this.messages.passwordNotChanged);
    const ok = result.errors.length === 0;
    if (ok && result.session) this.apply(result.session, true);
    return { ok, errors: result.errors };
  }

  /** Asks for a reset link; the answer is the same whether or not an account has the address. */
  async requestPasswordReset(variables: VariablesOf<typeof RequestPasswordResetMutation>): Promise<FormOutcome> {
    const res = await post<typeof RequestPasswordResetMutation, ResultOf<typeof RequestPasswordResetMutation>>(
      RequestPasswordResetMutation,
      variables,
      undefined,
      this.messages.serverAnswered,
    );
    const result = res.data?.requestPasswordReset;
    if (!result) return this.refused(res.errors, this.messages.resetNotSent);
    return { ok: result.errors.length === 0, errors: result.errors };
  }

  /** Sets a new password with a reset link's token; it does not sign in. */
  async resetPassword(variables: VariablesOf<typeof ResetPasswordMutation>): Promise<FormOutcome> {
    const res = await post<typeof ResetPasswordMutation, ResultOf<typeof ResetPasswordMutation>>(
      ResetPasswordMutation,
      variables,
      undefined,
      this.messages.serverAnswered,
    );
    const result = res.data?.resetPassword;
    if (!result) return this.refused(res.errors, this.messages.passwordNotSet);
    return { ok: result.errors.length === 0, errors: result.errors };
  }

  async logout(): Promise<void> {
    const refreshToken = this.session?.refreshToken;
    this.clear('signed-out');
    if (refreshToken) await post(LogoutMutation, { refreshToken }).catch(() => undefined);
  }

  /** A valid access token, refreshing first when it expires within the margin; null when signed out. */
  async accessToken(): Promise<string | null> {
    if (!this.session) return null;
    if (Date.parse(this.session.accessTokenExpiresAt) - Date.now() < REFRESH_MARGIN_MS / 2) await this.refresh();
    return this.session?.accessToken ?? null;
  }

  /** Exchanges the refresh token once (concurrent callers share the exchange); signs out on failure. */
  refresh(): Promise<Session | null> {
    if (this.refreshing) return this.refreshing;
    const refreshToken = this.session?.refreshToken;
    if (!refreshToken) return Promise.resolve(null);
    this.refreshing = (async () => {
      try {
        const res = await post<typeof RefreshMutation, ResultOf<typeof RefreshMutation>>(RefreshMutation, {
          refreshToken,
        });
        const session = res.data?.refreshSession.errors.length === 0 ? res.data.refreshSession.session : null;
        if (!session) {
          this.clear('expired');
          return null;
        }
        this.apply(session, true);
        return session;
      } catch {
        this.clear('expired');
        return null;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  clear(reason: string): void {
    clearTimeout(this.timer);
    this.session = null;
    this.storage.removeItem(this.storageKey);
    for (const l of this.listeners) l(null, reason);
  }

  private apply(session: Session, notify: boolean): void {
    this.session = session;
    this.storage.setItem(this.storageKey, JSON.stringify(session));
    clearTimeout(this.timer);
    const wait = Math.max(1_000, Date.parse(session.accessTokenExpiresAt) - Date.now() - REFRESH_MARGIN_MS);
    this.timer = setTimeout(() => void this.refresh(), wait);
    if (notify) for (const l of this.listeners) l(session);
  }
}

export function hasAnyRole(session: Session | null, roles: readonly string[]): boolean {
  return !!session?.user.roles?.some((r) => roles.includes(r));
}
