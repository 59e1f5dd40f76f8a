/**
 * Refusals returned as data (`FieldError`s) follow the client's Accept-Language (issue 22): the gateway forwards
 * the negotiated locale to the subgraphs and each message comes from the refusal catalogue of its code, with its
 * figures; the code and the field stay the same in every language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [identity] });
});
afterAll(async () => {
  await stack?.stop();
});

type FieldErrors = Array<{ field: string; code: string; message: string }>;

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { errors { field code message } } }`;

async function register(input: Record<string, unknown>, acceptLanguage?: string): Promise<FieldErrors> {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
    body: JSON.stringify({ query: REGISTER, variables: { input } }),
  });
  const body = (await res.json()) as { data?: { register: { errors: FieldErrors } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data!.register.errors;
}

const refused = {
  email: 'not an address',
  password: 'short',
  displayName: '   ',
  roles: ['MENTEE'],
  timeZone: 'America/Toronto',
};

describe('refusals returned as data in the client’s language', () => {
  it('should word the same refusals in English and in Canadian French, with the same codes and fields', async () => {
    const en = await register(refused, 'en-CA,en;q=0.9');
    const fr = await register(refused, 'fr-CA,fr;q=0.9,en;q=0.8');
    expect(fr.map(({ field, code }) => ({ field, code }))).toEqual(en.map(({ field, code }) => ({ field, code })));
    const byField = (errors: FieldErrors) => Object.fromEntries(errors.map((e) => [e.field, e]));
    expect(byField(en)['input.password']).toEqual({
      field: 'input.password',
      code: 'TOO_SHORT',
      message: 'Use at least 10 characters.',
    });
    expect(byField(fr)['input.password']).toEqual({
      field: 'input.password',
      code: 'TOO_SHORT',
      message: 'Utilisez au moins 10 caractères.',
    });
    expect(byField(en)['input.email'].code).toBe('INVALID_EMAIL');
    expect(byField(fr)['input.email'].message).toBe('Entrez une adresse courriel valide, comme nom@example.org.');
    expect(byField(fr)['input.displayName']).toMatchObject({ code: 'REQUIRED', message: 'Ce champ est obligatoire.' });
    // no English sentence left in the French answer
    for (const error of fr) expect(en.find((e) => e.field === error.field)!.message).not.toBe(error.message);
  });

  it('should answer in English without Accept-Language or in a language without a catalogue', async () => {
    const en = await register(refused, 'en');
    expect(await register(refused)).toEqual(en);
    expect(await register(refused, 'de-DE')).toEqual(en);
    // any French variety gets the Canadian French catalogue
    expect((await register(refused, 'fr-FR')).find((e) => e.code === 'TOO_SHORT')!.message).toBe(
      'Utilisez au moins 10 caractères.',
    );
  });
});
