/**
 * The missing-message check of refusals returned as data: every code a service or the kit refuses with has a
 * sentence in every catalogue (en, fr-CA, and any language added later), each sentence parses as ICU with the
 * English one's arguments, and French follows its typography. A new code without its messages fails here by name.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@tandem/contracts';
import { fieldError, formatRefusal, refusalMessage, REFUSAL_MESSAGES, REFUSAL_MESSAGES_EN } from '../src';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Every code passed to refuse / fieldError / FieldErrors.add (or named `code: '…'` beside them), by file. */
function codesInSource(): Map<string, string> {
  const files = execFileSync('git', ['ls-files', 'services/*/src/**.ts', 'packages/subgraph-kit/src/**.ts'], {
    cwd: root,
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
  const call =
    /\b(?:refuse|fieldError|\.add|refused)\(\s*(?:[^,()'`]|'[^']*'|`[^`]*`|\([^()]*\))+,\s*'([A-Z][A-Z0-9_]+)'/g;
  const named = /\bcode:\s*'([A-Z][A-Z0-9_]+)'/g;
  const codes = new Map<string, string>();
  for (const file of files) {
    const source = readFileSync(`${root}/${file}`, 'utf8');
    for (const m of source.matchAll(call)) codes.set(m[1]!, file);
    if (/fieldError|refuse|FieldErrors/.test(source)) for (const m of source.matchAll(named)) codes.set(m[1]!, file);
  }
  return codes;
}

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date) into.add(e.value);
    if (e.type === TYPE.select || e.type === TYPE.plural) {
      into.add(e.value);
      for (const option of Object.values(e.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

describe('refusal catalogues', () => {
  it('should have a message in every catalogue for every code the services refuse with', () => {
    const codes = codesInSource();
    expect(codes.size).toBeGreaterThan(100); // the scan still finds the refusals
    for (const locale of LOCALES) {
      const missing = [...codes].filter(([code]) => !(code in REFUSAL_MESSAGES[locale]));
      expect(
        missing.map(([code, file]) => `${code} (${file})`),
        `missing in ${locale}`,
      ).toEqual([]);
    }
  });

  it('should parse every message with the English arguments, never empty', () => {
    for (const locale of LOCALES)
      for (const [code, english] of Object.entries(REFUSAL_MESSAGES_EN)) {
        const message = REFUSAL_MESSAGES[locale][code as keyof typeof REFUSAL_MESSAGES_EN];
        expect(message?.trim(), `${locale} ${code}`).toBeTruthy();
        expect([...argumentsOf(parse(message))].sort(), `${locale} ${code}`).toEqual(
          [...argumentsOf(parse(english))].sort(),
        );
      }
  });

  it('should follow French typography (a non-breaking space before : ; ? ! and inside « »)', () => {
    for (const [code, message] of Object.entries(REFUSAL_MESSAGES['fr-CA'])) {
      expect(message, code).not.toMatch(/ [:;?!]/);
      expect(message, code).not.toMatch(/«(?!\u00a0)|(?<!\u00a0)»/);
      expect(message, code).not.toMatch(/'/); // the typographic apostrophe
    }
  });
});

describe(refusalMessage.name, () => {
  it('should keep the refusal’s own English sentence and give the catalogue’s in French', () => {
    const error = fieldError('input.title', 'TOO_LONG', 'Use at most 200 characters.', { max: 200 });
    expect(refusalMessage(error, 'en')).toBe('Use at most 200 characters.');
    expect(refusalMessage(error, 'fr-CA')).toBe('Utilisez au plus 200 caractères.');
    expect(refusalMessage(error)).toBe('Use at most 200 characters.');
  });

  it('should format figures for the locale and fall back to the general sentence without them', () => {
    // the French thousands separator is a (narrow or not, by ICU version) non-breaking space
    expect(formatRefusal('TOO_LONG', 'fr-CA', { max: 20000 })).toMatch(
      /^Utilisez au plus 20[\u00a0\u202f]000 caractères\.$/,
    );
    expect(formatRefusal('TOO_LONG', 'fr-CA')).toBe('C’est trop long.');
    expect(formatRefusal('OUT_OF_RANGE', 'en', { min: 1, max: 200 })).toBe('Give a value between 1 and 200.');
  });

  it('should keep the English sentence of a code no catalogue knows', () => {
    expect(refusalMessage(fieldError('x', 'SOMETHING_NEW', 'Something new.'), 'fr-CA')).toBe('Something new.');
  });

  it('should keep the payload’s shape: the figures are not an enumerable field', () => {
    expect(fieldError('input.title', 'TOO_LONG', 'Use at most 200 characters.', { max: 200 })).toEqual({
      field: 'input.title',
      code: 'TOO_LONG',
      message: 'Use at most 200 characters.',
    });
  });
});
