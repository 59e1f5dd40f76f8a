/**
 * What a request selects under a field, read ahead of resolving it: a resolver that can answer a few of its
 * type's fields far more cheaply than all of them (a CPD statement's two totals without its entries) asks here.
 */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields selected directly under the field being resolved, through inline fragments and named
 * fragments (aliases give the field's own name). Fields under `@skip` or `@include` count as selected: the answer
 * may be a superset, never a subset, so a resolver reading it can only do more than needed, not less.
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === 'Field') names.add(s.name.value);
      else if (s.kind === 'InlineFragment') visit(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        visit(info.fragments[s.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}
