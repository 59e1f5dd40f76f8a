/**
 * The seed signs in as the admin, whose sign-in requires a second factor: it sets one up with the ENROL
 * challenge login answers (a TOTP code generated with otplib) and, once the demo is loaded, removes it again
 * (password and one of its recovery codes), so that whoever opens the demo sets up their own at their first
 * sign-in (the admin app shows the QR code and the secret). The seed never keeps a secret. An admin who has a
 * factor of their own gives the seed a code (`adminSecondFactorCode`).
 */
import { generate } from 'otplib';
import { SESSION, type Gql } from './client';

interface Enrolled {
  email: string;
  password: string;
  token: string;
  recoveryCode: string;
}

/** Signs in through a second factor the seed sets up for the time of the seed; `release` removes them all. */
export function seedSignIn(gql: Gql) {
  const enrolled: Enrolled[] = [];
  return {
    /** The login payload (`ok`, `errors`, `session`) of a completed sign-in. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the seed reads ad-hoc results
    async login(email: string, password: string, code?: () => Promise<string>): Promise<any> {
      const r = await gql(
        `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ${SESSION} secondFactorChallenge { token kind } } }`,
        { e: email, p: password },
      );
      const challenge = r.login.secondFactorChallenge as { token: string; kind: string } | null;
      if (!challenge) return r.login;
      if (challenge.kind === 'CODE' && code) {
        const c = await gql(
          `mutation ($c: String!, $k: String!) { completeSignIn(challenge: $c, code: $k) { ${SESSION} } }`,
          { c: challenge.token, k: await code() },
        );
        return c.completeSignIn;
      }
      if (challenge.kind !== 'ENROL')
        throw new Error(
          `${email} has a second factor of its own: sign in to the admin app and load the demo there, or start on a fresh database`,
        );
      const started = await gql(
        `mutation ($c: String) { startSecondFactorEnrolment(challenge: $c) { errors { field code message } enrolment { secret } } }`,
        { c: challenge.token },
      );
      const secret = started.startSecondFactorEnrolment.enrolment?.secret as string | undefined;
      if (!secret) throw new Error(`second factor of ${email}: ${JSON.stringify(started.startSecondFactorEnrolment)}`);
      const confirmed = await gql(
        `mutation ($c: String, $k: String!) { confirmSecondFactorEnrolment(challenge: $c, code: $k) { errors { field code message } recoveryCodes session { accessToken user { id } } } }`,
        { c: challenge.token, k: await generate({ secret }) },
      );
      const result = confirmed.confirmSecondFactorEnrolment;
      if (!result.session) throw new Error(`second factor of ${email}: ${JSON.stringify(result.errors)}`);
      enrolled.push({ email, password, token: result.session.accessToken, recoveryCode: result.recoveryCodes[0] });
      return { ok: true, errors: [], session: result.session };
    },
    /** Removes the second factors set up for the seed (the next sign-in of each sets up its own). */
    async release(): Promise<void> {
      for (const e of enrolled.splice(0)) {
        const r = await gql(
          `mutation ($p: String!, $k: String!) { removeSecondFactor(password: $p, code: $k) { errors { field code message } } }`,
          { p: e.password, k: e.recoveryCode },
          e.token,
        );
        if (r.removeSecondFactor.errors.length)
          throw new Error(`second factor of ${e.email} not removed: ${JSON.stringify(r.removeSecondFactor.errors)}`);
      }
    },
  };
}
