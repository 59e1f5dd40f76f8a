/**
 * Refusals returned as data (`FieldError.message`) in the caller's language: the gateway forwards the locale it
 * negotiated from `Accept-Language` (`HEADERS.locale`) and `FieldError.message` resolves through here. English keeps
 * the refusal's own sentence (it names the field or the figure, as the gateway does for thrown errors); another
 * language gives the code's sentence from its catalogue, an ICU message (intl-messageformat, as identity's emails
 * and reporting's documents) filled with the refusal's parameters. A third language is one more catalogue here,
 * typed by `en.ts`.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '@tandem/contracts';
import type { FieldError } from '../types';
import { en, type RefusalCode } from './en';
import { frCA } from './fr-CA';

export { en as REFUSAL_MESSAGES_EN, type RefusalCode };

export const REFUSAL_MESSAGES: Record<Locale, Record<RefusalCode, string>> = { en, 'fr-CA': frCA };

/** A refusal's figures (a length limit, a range), for the catalogues' ICU arguments. */
export type RefusalParams = Record<string, string | number>;

const compiled = new Map<string, { format: IntlMessageFormat; optional: string[] }>();

function compile(locale: Locale, code: RefusalCode) {
  const key = `${locale}\u0000${code}`;
  let entry = compiled.get(key);
  if (!entry) {
    const message = REFUSAL_MESSAGES[locale][code];
    // `{max, select, none {…} other {…}}`: an argument the refusal may leave out
    const optional = [...message.matchAll(/\{(\w+), select, none /g)].map((m) => m[1]!);
    compiled.set(key, (entry = { format: new IntlMessageFormat(message, locale), optional }));
  }
  return entry;
}

export const isRefusalCode = (code: string): code is RefusalCode => Object.hasOwn(en, code);

/** The sentence of one code in a locale, with its parameters (the `none` branch for those not given). */
export function formatRefusal(code: RefusalCode, locale: Locale, params: RefusalParams = {}): string {
  const { format, optional } = compile(locale, code);
  const values: RefusalParams = Object.fromEntries(optional.map((name) => [name, 'none']));
  return String(format.format({ ...values, ...params }));
}

/** What `FieldError.message` answers in `locale`: English as written, else the catalogue's (the English one when the code is not in it). */
export function refusalMessage(error: FieldError, locale: Locale = 'en'): string {
  if (locale === 'en' || !isRefusalCode(error.code)) return error.message;
  return formatRefusal(error.code, locale, error.params);
}
