/**
 * `npm run compose`: composes the supergraph from each subgraph's committed `schema.graphql` and writes
 * it to infra/supergraph/supergraph.graphql (which the gateway watches). Composition errors fail the command.
 * Subgraph URLs come from IDENTITY_URL... or the local defaults; the gateway can override them at run time.
 */
import { readFile, writeFile, rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_PORTS, SUBGRAPHS } from '@tandem/contracts';
import { printSchema } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { composeSupergraph, CompositionError } from '@tandem/testkit';
import { REPO_ROOT } from './lib/services';

export const SUPERGRAPH_FILE = resolve(REPO_ROOT, 'infra/supergraph/supergraph.graphql');

/** What clients see: the supergraph's API schema, without federation's join directives. */
export function apiSchemaOf(supergraph: string): string {
  return printSchema(Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema()) + '\n';
}
export const API_SCHEMA_FILE = resolve(REPO_ROOT, 'packages/ui/schema.graphql');

export async function subgraphSdls(replace: Record<string, string> = {}) {
  return Promise.all(
    SUBGRAPHS.map(async (name) => ({
      name,
      url: process.env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
      sdl: replace[name] ?? (await readFile(resolve(REPO_ROOT, 'services', name, 'schema.graphql'), 'utf8')),
    })),
  );
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('compose.ts')) {
  try {
    const supergraph = composeSupergraph(await subgraphSdls());
    const out = process.env.SUPERGRAPH_PATH ?? SUPERGRAPH_FILE;
    // write then rename, so a watching gateway never reads half a file
    await writeFile(`${out}.tmp`, supergraph);
    await rename(`${out}.tmp`, out);
    console.log(`supergraph of ${SUBGRAPHS.join(', ')} written to ${out}`);
    if (!process.env.SUPERGRAPH_PATH) {
      // the apps' typed operations (packages/ui) are checked against this (gql.tada)
      await writeFile(API_SCHEMA_FILE, apiSchemaOf(supergraph));
      console.log(`API schema written to ${API_SCHEMA_FILE}`);
    }
  } catch (error) {
    if (error instanceof CompositionError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
