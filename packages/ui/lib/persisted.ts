/**
 * Trusted documents on the client side. Both apps send a document by its hash only (the automatic persisted
 * query protocol, `extensions.persistedQuery.sha256Hash`): the hash of exactly the text urql would send, which
 * the build wrote into the app's manifest (`scripts/persisted-documents.ts`) and the gateway serves from it. A
 * hash the gateway does not know (a document changed in development since the last manifest) is sent again
 * with its text, which the gateway accepts unless it requires trusted documents.
 */
import { createRequest, formatDocument, stringifyDocument } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import type { DocumentNode } from 'graphql';

/** The exact text urql sends for a document (`__typename` added for its cache), as the manifest holds it. */
export function sentText(document: DocumentNode): string {
  return stringifyDocument(formatDocument(createRequest(document, {}).query));
}

/** The hex SHA-256 of a text, as the automatic persisted query protocol names it. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The urql exchange: every query and mutation by its hash first, over POST like the rest. */
export const trustedDocumentsExchange = persistedExchange({
  enableForMutation: true,
  preferGetForPersistedQueries: false,
  generateHash: (query) => sha256Hex(query),
});

/** The gateway did not know the hash (the protocol's fixed message, which no translation changes). */
export const isPersistedQueryMiss = (errors: Array<{ message: string }> | undefined): boolean =>
  !!errors?.some((e) => e.message === 'PersistedQueryNotFound');
