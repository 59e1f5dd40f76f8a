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
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
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
    const docs = await documents();
    expect(docs.length).toBeGreaterThan(50);
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of docs)
      for (const def of d.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

    // the gateway's own rules, and graphql-armor's depth and cost limits as the gateway sets them (they throw)
    const limits = [
      ...armor(true).validationRules,
      maxDepthRule({ n: LIMITS.depth, ignoreIntrospection: true, flattenFragments: true }),
      costLimitRule({ maxCost: LIMITS.cost, ignoreIntrospection: true, flattenFragments: true }),
    ];
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
      }
    }
    expect(problems).toEqual([]);
  });
});
