/**
 * Signing in as staff in tests: `login`, then the second step it asks for. An account that must set up a
 * second factor is enrolled on its first sign-in (start, confirm with a first code), and this helper keeps its
 * TOTP secret and recovery codes (per email, in this test file's process: accounts are made per test file, and
 * a file that signs in through the browser and through the API shares them) to answer every later challenge with
 * a code otplib generates, as an authenticator app would. Accounts without a second step sign in as before.
 */
import { generate } from 'otplib';
import type { GraphQLResponse, Stack } from './stack';

/** A second factor the tests hold: the TOTP secret, the newest time step used, the unused recovery codes. */
export interface HeldSecondFactor {
  secret: string;
  lastStep: number;
  recoveryCodes: string[];
}

type Send = (query: string, variables: Record<string, unknown>) => Promise<GraphQLResponse<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

const held = new Map<string, HeldSecondFactor>();

/** The second factor the helper holds for this account, if any. */
export function heldSecondFactor(email: string): HeldSecondFactor | undefined {
  return held.get(email.toLowerCase());
}

/** Remembers a factor enrolled by a test itself (so signIn can answer its challenges); `undefined` forgets it. */
export function holdSecondFactor(email: string, factor: HeldSecondFactor | undefined): void {
  if (factor) held.set(email.toLowerCase(), factor);
  else held.delete(email.toLowerCase());
}

const PERIOD = 30;
const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD);

/** The TOTP code of a secret at a time step (now by default). */
export function totpCode(secret: string, step = currentStep()): Promise<string> {
  return generate({ secret, epoch: step * PERIOD });
}

/**
 * The next code the server will accept for this factor: the current step, else the next one (±1 step is
 * accepted, a used step never again), else a recovery code, else waits for the clock.
 */
export async function nextSecondFactorCode(factor: HeldSecondFactor): Promise<string> {
  for (;;) {
    const now = currentStep();
    const step = factor.lastStep < now ? now : factor.lastStep === now ? now + 1 : null;
    if (step !== null) {
      factor.lastStep = step;
      return totpCode(factor.secret, step);
    }
    const recovery = factor.recoveryCodes.shift();
    if (recovery) return recovery;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const ERR = 'errors { field code message }';

/**
 * `login(email, password)` answering `selection` (an AuthResult selection), with its second step done: the
 * answer has the shape of a plain login (`data.login`), the session of the completed sign-in included.
 * `send` defaults to the stack's gateway (pass one to add headers such as a client address).
 */
export async function signIn<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  stack: Pick<Stack, 'gql'>,
  email: string,
  password: string,
  selection = `${ERR} session { accessToken refreshToken user { id } }`,
  send: Send = (q, v) => stack.gql(q, v),
): Promise<GraphQLResponse<{ login: T }>> {
  for (let round = 0; ; round++) {
    const res = await send(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ${selection} secondFactorChallenge { token kind } } }`,
      { e: email, p: password },
    );
    const challenge = res.data?.login?.secondFactorChallenge as { token: string; kind: string } | null | undefined;
    if (!challenge) {
      // the answer as the caller asked for it
      if (res.data?.login && !selection.includes('secondFactorChallenge')) delete res.data.login.secondFactorChallenge;
      return res;
    }
    if (challenge.kind === 'CODE') {
      const factor = heldSecondFactor(email);
      if (!factor) throw new Error(`${email} has a second factor the tests do not hold`);
      return send(
        `mutation ($c: String!, $k: String!) { login: completeSignIn(challenge: $c, code: $k) { ${selection} } }`,
        { c: challenge.token, k: await nextSecondFactorCode(factor) },
      );
    }
    if (round > 0) throw new Error(`${email}: still asked to enrol after enrolling`);
    await enrolWithChallenge(email, challenge.token, send);
  }
}

/** Sets up a second factor with an ENROL challenge and holds it; the next login asks for a code. */
export async function enrolWithChallenge(email: string, challenge: string, send: Send): Promise<HeldSecondFactor> {
  const started = await send(
    `mutation ($c: String) { startSecondFactorEnrolment(challenge: $c) { ${ERR} enrolment { secret } } }`,
    { c: challenge },
  );
  const secret = started.data?.startSecondFactorEnrolment?.enrolment?.secret as string | undefined;
  if (!secret) throw new Error(`enrolment of ${email} refused: ${JSON.stringify(started)}`);
  const factor: HeldSecondFactor = { secret, lastStep: 0, recoveryCodes: [] };
  const confirmed = await send(
    `mutation ($c: String, $k: String!) { confirmSecondFactorEnrolment(challenge: $c, code: $k) { ${ERR} recoveryCodes } }`,
    { c: challenge, k: await nextSecondFactorCode(factor) },
  );
  const codes = confirmed.data?.confirmSecondFactorEnrolment?.recoveryCodes as string[] | null | undefined;
  if (!codes) throw new Error(`enrolment of ${email} not confirmed: ${JSON.stringify(confirmed)}`);
  factor.recoveryCodes = [...codes];
  holdSecondFactor(email, factor);
  return factor;
}
