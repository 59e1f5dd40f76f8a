import { describe, expect, it } from 'vitest';
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selectedFields } from '../src/selection';

/** The info a resolver of the operation's first field under `me` would get. */
function infoOf(document: string) {
  const doc = parse(document);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const me = operation.selectionSet.selections[0] as FieldNode;
  const fragments = Object.fromEntries(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [me.selectionSet!.selections[0] as FieldNode], fragments };
}

describe(selectedFields.name, () => {
  it('should name the fields under the resolved field by their own names, aliases and nesting aside', () => {
    const info = infoOf(`{ me { statement { total: verifiedHours verifiedMeetings byCategory { hours } } } }`);
    expect([...selectedFields(info)].sort()).toEqual(['byCategory', 'verifiedHours', 'verifiedMeetings']);
  });

  it('should look through inline and named fragments, each named fragment once', () => {
    const info = infoOf(`query { me { statement { ...Totals ... on Statement { entries { id } } ...Totals } } }
      fragment Totals on Statement { verifiedHours ...More }
      fragment More on Statement { pendingMeetings }`);
    expect([...selectedFields(info)].sort()).toEqual(['entries', 'pendingMeetings', 'verifiedHours']);
  });

  it('should count a field under @skip or @include as selected (a superset, never less)', () => {
    const info = infoOf(`query ($x: Boolean!) { me { statement { verifiedHours entries @include(if: $x) { id } } } }`);
    expect([...selectedFields(info)].sort()).toEqual(['entries', 'verifiedHours']);
  });
});
