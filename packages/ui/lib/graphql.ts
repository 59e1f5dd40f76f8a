/** Typed GraphQL documents: every operation is checked against the composed API schema (schema.graphql). */
import { initGraphQLTada } from 'gql.tada';
import type { DocumentNode } from 'graphql';
import type { introspection } from './graphql-env.d.ts';

const tada = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; LocalDate: string; ID: string };
}>();

/**
 * Where the build collects every document the apps build (`scripts/persisted-documents.ts` sets it before it
 * loads the apps' modules): the manifest of trusted documents. Unset in the browser, which keeps nothing.
 */
export const DOCUMENT_COLLECTOR = '__tandemDocuments';

function collecting(document: unknown): void {
  const collector = (globalThis as Record<string, unknown>)[DOCUMENT_COLLECTOR];
  if (collector instanceof Set) (collector as Set<DocumentNode>).add(document as DocumentNode);
}

/** gql.tada's `graphql()`, which also hands each document to the build's collector when there is one. */
export const graphql: typeof tada = Object.assign(
  ((source: string, fragments?: readonly unknown[]) => {
    const document = (tada as (s: string, f?: readonly unknown[]) => unknown)(source, fragments);
    collecting(document);
    return document;
  }) as unknown as typeof tada,
  { scalar: tada.scalar, persisted: tada.persisted },
);

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
