/** The seed's side of the gateway: GraphQL calls (retried when rate-limited), result payloads, optional parts. */

interface GqlError {
  message: string;
  extensions?: { code?: string };
}

// an untyped answer by default: each call reads the fields its own query string asks for
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Gql = <T = any>(query: string, variables?: Record<string, unknown>, token?: string) => Promise<T>;

/** What every part of the seed is given. */
export interface Seeding {
  gql: Gql;
  log(line: string): void;
  /** A note is printed and returned in the result: something the demo could not do. */
  note(line: string): void;
  /** A part built on an API still changing: a failure becomes a note, not a failed seed. */
  optional(what: string, part: () => Promise<void>): Promise<void>;
  /** Whether the deployed API offers all these queries and mutations. */
  has(...names: string[]): boolean;
  /** The admin's access token. */
  admin: string;
  /** The day the seed runs: dates are relative to it. */
  today: Date;
}

export const SESSION = `ok errors { field code message } session { accessToken user { id } }`;

export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export function gatewayClient(gatewayUrl: string): Gql {
  return async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }))) as {
        data?: T;
        errors?: GqlError[];
      };
      const limited = body.errors?.find((e) => e.extensions?.code === 'RATE_LIMITED');
      if (limited && attempt < 5) {
        const wait = Number((limited.extensions as { retryAfterSeconds?: number }).retryAfterSeconds ?? 2);
        await new Promise((r) => setTimeout(r, Math.min(wait, 30) * 1000));
        continue;
      }
      if (body.errors?.length)
        throw new Error(
          `${body.errors.map((e) => `${e.message} (${e.extensions?.code ?? '?'})`).join('; ')} in ${query.slice(0, 80).replace(/\s+/g, ' ')}`,
        );
      return body.data as T;
    }
  };
}

/** Throws when a result payload carries field errors. */
export function ok<R extends { errors: Array<{ field: string; message: string }> }>(what: string, result: R): R {
  if (result.errors.length)
    throw new Error(`${what}: ${result.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  return result;
}
