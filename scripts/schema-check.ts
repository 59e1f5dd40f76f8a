/**
 * `npm run schema:check -- <service> [--allow-breaking] [--publish] [--sdl <file>]`: the gate a
 * subgraph's pipeline runs before it ships. It prints the service's SDL from its code (or reads `--sdl`),
 * composes it with the other subgraphs' committed `schema.graphql`, fails on composition errors, and
 * diffs the resulting API schema against the current supergraph's (`@graphql-inspector/core`): breaking
 * changes fail the check unless `--allow-breaking` is given. `--publish` then writes the new supergraph
 * (write + rename, so the watching gateway never reads half a file) to SUPERGRAPH_PATH or
 * infra/supergraph/supergraph.graphql, and only when every check passed.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, printSchema } from 'graphql';
import { SUBGRAPHS, type SubgraphName } from '@tandem/contracts';
import { printSubgraphSdl } from '@tandem/subgraph-kit';
import { composeSupergraph, CompositionError } from '@tandem/testkit';
import { SUPERGRAPH_FILE, subgraphSdls } from './compose';
import { loadServiceDefinition, serviceDir } from './lib/services';

export interface SchemaCheckOptions {
  service: SubgraphName;
  /** The service's new SDL; printed from its code when absent. */
  sdl?: string;
  /** The supergraph in production now (the base of the breaking-change diff). */
  supergraphPath?: string;
  /** Other subgraphs' SDL by name (default: their committed schema.graphql). */
  others?: Partial<Record<SubgraphName, string>>;
  allowBreaking?: boolean;
  publish?: boolean;
}

export interface SchemaCheckResult {
  ok: boolean;
  /** Composition problems (empty when it composed). */
  compositionErrors: string[];
  breaking: Change[];
  dangerous: Change[];
  safe: Change[];
  /** The new supergraph, when it composed. */
  supergraph: string | null;
  published: boolean;
  /** Human-readable report, one line per finding. */
  report: string[];
}

/** The client-facing (API) schema of a supergraph, as SDL: what a breaking change would break. */
export function apiSchemaSdl(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
}

export async function schemaCheck(options: SchemaCheckOptions): Promise<SchemaCheckResult> {
  if (!SUBGRAPHS.includes(options.service))
    throw new Error(`unknown service "${options.service}" (one of ${SUBGRAPHS.join(', ')})`);
  const supergraphPath = options.supergraphPath ?? process.env.SUPERGRAPH_PATH ?? SUPERGRAPH_FILE;
  const sdl =
    options.sdl ?? printSubgraphSdl(await (await loadServiceDefinition(serviceDir(options.service))).printableSchema());
  const replace: Record<string, string> = { ...options.others, [options.service]: sdl };
  const result: SchemaCheckResult = {
    ok: false,
    compositionErrors: [],
    breaking: [],
    dangerous: [],
    safe: [],
    supergraph: null,
    published: false,
    report: [],
  };

  try {
    result.supergraph = composeSupergraph(await subgraphSdls(replace));
  } catch (error) {
    // an SDL that does not even parse is refused the same way
    result.compositionErrors =
      error instanceof CompositionError ? error.problems : [`invalid SDL: ${(error as Error).message}`];
    result.report.push(
      `${options.service}: the supergraph does not compose:`,
      ...result.compositionErrors.map((p) => `  - ${p}`),
    );
    return result;
  }

  const current = await readFile(supergraphPath, 'utf8').catch(() => null);
  if (current === null) {
    result.report.push(`${options.service}: no current supergraph at ${supergraphPath}; nothing to diff against`);
  } else {
    const changes = await diff(buildSchema(apiSchemaSdl(current)), buildSchema(apiSchemaSdl(result.supergraph)));
    for (const change of changes) {
      if (change.criticality.level === CriticalityLevel.Breaking) result.breaking.push(change);
      else if (change.criticality.level === CriticalityLevel.Dangerous) result.dangerous.push(change);
      else result.safe.push(change);
    }
    const line = (tag: string) => (c: Change) =>
      `  ${tag} ${c.message}${c.criticality.reason ? ` (${c.criticality.reason})` : ''}`;
    result.report.push(
      `${options.service}: composes; ${result.breaking.length} breaking, ${result.dangerous.length} dangerous, ${result.safe.length} safe change(s) against ${supergraphPath}`,
      ...result.breaking.map(line('BREAKING ')),
      ...result.dangerous.map(line('DANGEROUS')),
      ...result.safe.map(line('safe     ')),
    );
  }

  if (result.breaking.length && !options.allowBreaking) {
    result.report.push(
      `${options.service}: breaking changes refused (pass --allow-breaking once every client is ready for them)`,
    );
    return result;
  }
  result.ok = true;
  if (options.publish && current !== result.supergraph) {
    const tmp = `${supergraphPath}.${process.pid}.tmp`;
    await writeFile(tmp, result.supergraph);
    await rename(tmp, supergraphPath);
    result.published = true;
    result.report.push(`${options.service}: published the new supergraph to ${supergraphPath}`);
  } else if (options.publish) {
    result.report.push(`${options.service}: the supergraph is unchanged; nothing to publish`);
  }
  return result;
}

if (process.argv[1]?.endsWith('schema-check.ts')) {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.includes(name);
  const valueOf = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const sdlFile = valueOf('--sdl');
  const supergraphPath = valueOf('--supergraph');
  const positional = args.filter((a, i) => !a.startsWith('--') && !['--sdl', '--supergraph'].includes(args[i - 1]));
  const [service] = positional;
  if (!service || !SUBGRAPHS.includes(service as SubgraphName)) {
    console.error(
      `usage: npm run schema:check -- <${SUBGRAPHS.join('|')}> [--allow-breaking] [--publish] [--sdl file] [--supergraph file]`,
    );
    process.exit(2);
  }
  const result = await schemaCheck({
    service: service as SubgraphName,
    sdl: sdlFile ? await readFile(sdlFile, 'utf8') : undefined,
    supergraphPath,
    allowBreaking: flag('--allow-breaking'),
    publish: flag('--publish'),
  });
  (result.ok ? console.log : console.error)(result.report.join('\n'));
  process.exit(result.ok ? 0 : 1);
}
