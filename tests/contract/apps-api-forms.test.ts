/**
 * The apps speak the API's current forms (issue 16): no document in the admin app, the participant app or their
 * shared library selects a field, argument or enum value marked `@deprecated` in the composed API schema. The
 * deprecated forms stay for other clients; ours move first. And every document passes the gateway's limits on
 * depth, cost, aliases and directives, so no screen is refused by the gateway it talks to.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Kind,
  NoDeprecatedCustomRule,
  buildSchema,
  parse,
  validate,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
} from 'graphql';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { MAX_PAGE_SIZE } from '@tandem/subgraph-kit';
import { costTable, estimateCost } from '../../apps/gateway/src/cost';
import { armor, LIMITS } from '../../apps/gateway/src/security';

const root = resolve(import.meta.dirname, '..', '..');
const SOURCES = ['apps/admin/src', 'apps/web/src', 'packages/ui/lib'];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Every `graphql(\`…\`)` document of the apps, parsed, with the file it is in. */
async function documents(): Promise<Array<{ file: string; definitions: readonly DefinitionNode[] }>> {
  const found: Array<{ file: string; definitions: readonly DefinitionNode[] }> = [];
  for (const dir of SOURCES) {
    for (const file of await sourceFiles(resolve(root, dir))) {
      const text = await readFile(file, 'utf8');
      // a few documents interpolate a selection kept in a constant of the same file (`const E = \`errors { … }\``)
      const constants = new Map([...text.matchAll(/const (\w+) = `([^`$]*)`/g)].map((m) => [m[1]!, m[2]!]));
      for (const match of text.matchAll(/graphql\(\s*`([^`]*)`/g)) {
        const body = match[1]!.replace(/\$\{(\w+)\}/g, (_, name: string) => constants.get(name) ?? `\${${name}}`);
        found.push({ file: relative(root, file), definitions: parse(body).definitions });
      }
    }
  }
  return found;
}

/** The document as urql sends it: `__typename` added to every selection set below the operation's (for its cache). */
function withTypenames(document: DocumentNode): DocumentNode {
  const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
  return visit(document, {
    SelectionSet: {
      leave(node, _key, parent) {
        if (parent && 'kind' in parent && parent.kind === Kind.OPERATION_DEFINITION) return undefined;
        if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
        return { ...node, selections: [...node.selections, typename] };
      },
    },
  });
}

describe('the apps and the API', () => {
  it('should be valid against the API, use no deprecated field, argument or enum value, and stay within the gateway limits, in every document', async () => {
    const schema = buildSchema(await readFile(resolve(root, 'packages/ui/schema.graphql'), 'utf8'));
    const table = costTable(await readFile(resolve(root, 'infra/supergraph/supergraph.graphql'), 'utf8'));
    const docs = await documents();
    expect(docs.length).toBeGreaterThan(50);
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of docs)
      for (const def of d.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

    // the gateway's own rules, and graphql-armor's depth limit as the gateway sets it (it throws)
    const limits = [
      ...armor(true).validationRules,
      maxDepthRule({ n: LIMITS.depth, ignoreIntrospection: true, flattenFragments: true }),
    ];
    const costs: Array<[string, string, number]> = [];
    const problems: string[] = [];
    for (const { file, definitions } of docs) {
      // the fragments a document spreads (gql.tada passes them alongside), transitively
      const needed = new Map<string, FragmentDefinitionNode>();
      const collect = (node: DefinitionNode) =>
        visit(node, {
          FragmentSpread(spread) {
            const fragment = fragments.get(spread.name.value);
            if (fragment && !needed.has(fragment.name.value)) {
              needed.set(fragment.name.value, fragment);
              collect(fragment);
            }
          },
        });
      definitions.forEach(collect);
      const own = new Set(definitions);
      const document = {
        kind: Kind.DOCUMENT,
        definitions: [...definitions, ...[...needed.values()].filter((f) => !own.has(f))],
      } as const;
      for (const error of validate(schema, document, [NoDeprecatedCustomRule]))
        problems.push(`${file}: ${error.message}`);
      // and the gateway would run it: depth, cost, aliases and directives within its limits (a fragment alone is
      // checked inside the operations that spread it)
      if (definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) {
        // valid against the API at all (an unknown field in an interpolated document escapes gql.tada's types)
        // (gql.tada's own `@_unmask` on fragments is the client's, never the API's)
        for (const error of validate(schema, document))
          if (!error.message.includes('"@_unmask"')) problems.push(`${file}: ${error.message}`);
        try {
          for (const error of validate(schema, withTypenames(document), limits))
            problems.push(`${file}: ${error.message}`);
        } catch (error) {
          problems.push(`${file}: ${(error as Error).message}`);
        }
        // the cost the gateway estimates, with every page at the largest size the API allows (a screen that asks
        // for `first: $n` may ask for 100): a screen over the budget would be refused
        const fragmentsByName = Object.fromEntries([...needed.values()].map((f) => [f.name.value, f]));
        for (const operation of definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)) {
          const variables = Object.fromEntries(
            (operation.variableDefinitions ?? []).map((v) => [
              v.variable.name.value,
              v.variable.name.value === 'first' ? MAX_PAGE_SIZE : undefined,
            ]),
          );
          const estimated = estimateCost({ schema, table, fragments: fragmentsByName, variables, operation });
          costs.push([file, operation.name?.value ?? '(anonymous)', estimated]);
          if (estimated > LIMITS.cost)
            problems.push(
              `${file}: ${operation.name?.value ?? 'an operation'} costs ${estimated}, over ${LIMITS.cost}`,
            );
        }
      }
    }
    if (process.env.PRINT_COSTS)
      console.log(
        costs
          .sort((a, b) => b[2] - a[2])
          .slice(0, 25)
          .map((c) => c.join(' '))
          .join('\n'),
      );
    expect(problems).toEqual([]);
  });
});
