/**
 * API error messages in the client's language. The client's `Accept-Language` (weights honoured, `negotiator`)
 * picks one of LOCALES; English keeps each error's own message, which names what went wrong; another language
 * gives the code's message from its catalogue (the fields of a BAD_USER_INPUT listed after it) and keeps the
 * English one in `extensions.englishMessage`. Codes are the closed set of @tandem/contracts, so a catalogue that
 * misses one does not compile: adding a language is adding its catalogue here. Answers carry
 * `Content-Language` and `Vary: Accept-Language`. The negotiated locale also goes to every subgraph
 * (`HEADERS.locale`), which words its refusals returned as data (`FieldError`s) in it.
 */
import type http from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { ERROR_CODES, LOCALES, type ErrorCode, type Locale } from '@tandem/contracts';
import { sendJson } from '@tandem/http';
import type { GraphQLFormattedError } from 'graphql';
import Negotiator from 'negotiator';

export { LOCALES, type Locale };

const CATALOGUES: Record<Exclude<Locale, 'en'>, Record<ErrorCode, string>> = {
  'fr-CA': {
    UNAUTHENTICATED: 'Connectez-vous pour continuer (jeton d’accès absent, expiré ou invalide).',
    FORBIDDEN: 'Vous n’avez pas l’autorisation de faire cette action.',
    NOT_FOUND: 'Introuvable, ou vous n’y avez pas accès.',
    BAD_USER_INPUT: 'La demande contient une valeur invalide.',
    CONFLICT: 'Cette action entre en conflit avec une autre modification; réessayez.',
    RATE_LIMITED: 'Trop de requêtes; réessayez dans un moment.',
    SERVICE_UNAVAILABLE: 'Une partie de la plateforme est indisponible; réessayez sous peu.',
    INTERNAL_SERVER_ERROR: 'Une erreur s’est produite de notre côté.',
  },
};
const PROTOCOL_MESSAGES = new Set(['PersistedQueryNotFound', 'PersistedQueryNotSupported']);
const FIELDS_LABEL: Record<Exclude<Locale, 'en'>, string> = { 'fr-CA': 'Champs' };

/** The client's language among LOCALES (French for any `fr`), English when it names none of them. */
export function errorLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'en';
  // a bare `fr` on offer too, so that fr-FR or fr-BE (which share only the prefix with fr-CA) still match
  const [best] = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages([...LOCALES, 'fr']);
  return best === 'fr' ? 'fr-CA' : ((best as Locale | undefined) ?? 'en');
}

/** The error in the locale's words (unchanged in English, or when its code is not one of ours). */
export function localiseError(error: GraphQLFormattedError, locale: Locale): GraphQLFormattedError {
  const code = error.extensions?.code as string | undefined;
  if (locale === 'en' || !code || !(ERROR_CODES as readonly string[]).includes(code)) return error;
  // the persisted query protocol's fixed words, which clients match to send the document's text
  if (PROTOCOL_MESSAGES.has(error.message)) return error;
  const fields = error.extensions?.fields;
  const listed =
    code === 'BAD_USER_INPUT' && Array.isArray(fields) && fields.length
      ? ` ${FIELDS_LABEL[locale]} : ${fields.map((f) => (typeof f === 'string' ? f : (f as { field?: string }).field)).join(', ')}.`
      : '';
  return {
    ...error,
    message: CATALOGUES[locale][code as ErrorCode] + listed,
    extensions: { ...error.extensions, englishMessage: error.message },
  };
}

function languageHeaders(set: (name: string, value: string) => void, locale: Locale) {
  set('content-language', locale);
  set('vary', 'Accept-Language');
}

/** Translates the errors of every GraphQL answer (formatted already: codes are the closed set). */
export function errorLanguagePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const locale = errorLocale(request.http?.headers.get('accept-language') ?? undefined);
      return {
        async willSendResponse({ response }) {
          const headers = response.http.headers;
          languageHeaders((name, value) => headers.set(name, value), locale);
          if (response.body.kind === 'single' && response.body.singleResult.errors)
            response.body.singleResult.errors = response.body.singleResult.errors.map((e) => localiseError(e, locale));
        },
      };
    },
  };
}

/** An error answered before GraphQL runs (token, rate limit), in the client's language. */
export function sendLocalisedError(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  message: string,
  code: ErrorCode,
  extensions: Record<string, unknown> = {},
): void {
  const header = req.headers['accept-language'];
  const locale = errorLocale(Array.isArray(header) ? header[0] : header);
  languageHeaders((name, value) => res.setHeader(name, value), locale);
  sendJson(res, status, { errors: [localiseError({ message, extensions: { code, ...extensions } }, locale)] });
}
