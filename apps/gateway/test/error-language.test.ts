import { describe, expect, it } from 'vitest';
import { errorLocale, localiseError } from '../src/error-language';

describe('errorLocale', () => {
  it('should pick French for any French the client prefers, by weight, else English', () => {
    expect(errorLocale('fr-CA')).toBe('fr-CA');
    expect(errorLocale('fr-FR')).toBe('fr-CA');
    expect(errorLocale('de, fr-BE;q=0.5, en;q=0.4')).toBe('fr-CA');
    expect(errorLocale('fr;q=0.1, en;q=0.9')).toBe('en');
    expect(errorLocale('en-GB')).toBe('en');
    expect(errorLocale('de')).toBe('en');
    expect(errorLocale(undefined)).toBe('en');
    expect(errorLocale('not a header;;;')).toBe('en');
  });
});

describe('localiseError', () => {
  it('should translate our codes only, keeping path, code, other extensions and the English words', () => {
    const error = { message: 'Person not found.', path: ['user'], extensions: { code: 'NOT_FOUND' } };
    expect(localiseError(error, 'en')).toBe(error);
    expect(localiseError(error, 'fr-CA')).toEqual({
      message: 'Introuvable, ou vous n’y avez pas accès.',
      path: ['user'],
      extensions: { code: 'NOT_FOUND', englishMessage: 'Person not found.' },
    });
    const foreign = { message: 'Odd.', extensions: { code: 'SOMETHING_ELSE' } };
    expect(localiseError(foreign, 'fr-CA')).toBe(foreign);
    const input = {
      message: 'Invalid.',
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.from' }, { field: 'input.to' }] },
    };
    expect(localiseError(input, 'fr-CA').message).toBe(
      'La demande contient une valeur invalide. Champs : input.from, input.to.',
    );
  });
});
