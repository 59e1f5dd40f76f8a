/**
 * API error messages follow the client's Accept-Language (issue 22): French for a French-speaking client, the
 * code unchanged and the English words kept in `extensions.englishMessage`; English otherwise. Errors answered
 * before GraphQL runs (an invalid token) too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [identity] });
});
afterAll(async () => {
  await stack?.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  errors: Array<{ message: string; extensions: Record<string, unknown> }>;
}

async function ask(
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<Answer> {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: Answer['errors'] };
  return { status: res.status, headers: res.headers, errors: body.errors ?? [] };
}

const USERS = `query ($first: Int) { users(first: $first) { totalCount } }`;

describe('API errors in the client’s language', () => {
  it('should answer a French-speaking client in French, keeping the code and the English words', async () => {
    const fr = await ask(USERS, { first: 1 }, { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.8' });
    expect(fr.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(fr.errors[0].message).toBe('Connectez-vous pour continuer (jeton d’accès absent, expiré ou invalide).');
    expect(fr.errors[0].extensions.englishMessage).toEqual(expect.any(String));
    expect(fr.headers.get('content-language')).toBe('fr-CA');
    expect(fr.headers.get('vary')).toMatch(/accept-language/i);

    const en = await ask(USERS, { first: 1 }, { 'accept-language': 'en-CA,en;q=0.9' });
    expect(en.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(en.errors[0].message).toBe(fr.errors[0].extensions.englishMessage);
    expect(en.errors[0].extensions.englishMessage).toBeUndefined();
    expect(en.headers.get('content-language')).toBe('en');
    // a language we have no catalogue for, or none at all: English
    for (const header of [{ 'accept-language': 'de-DE' }, {}] as Array<Record<string, string>>) {
      expect((await ask(USERS, { first: 1 }, header)).errors[0].message).toBe(en.errors[0].message);
    }
  });

  it('should name the invalid fields in French, and translate refusals made before GraphQL runs', async () => {
    const token = await stack.token(principal('ADMIN'));
    const bad = await ask(USERS, { first: 'many' }, { 'accept-language': 'fr', authorization: `Bearer ${token}` });
    expect(bad.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.errors[0].message).toBe('La demande contient une valeur invalide. Champs : first.');
    expect(bad.errors[0].extensions.fields).toEqual([expect.objectContaining({ field: 'first' })]);

    const forged = await ask(USERS, { first: 1 }, { 'accept-language': 'fr-FR', authorization: 'Bearer not-a-token' });
    expect(forged.status).toBe(401);
    expect(forged.errors[0]).toMatchObject({
      message: 'Connectez-vous pour continuer (jeton d’accès absent, expiré ou invalide).',
      extensions: { code: 'UNAUTHENTICATED', englishMessage: expect.any(String) },
    });
    expect(forged.headers.get('content-language')).toBe('fr-CA');
  });
});
