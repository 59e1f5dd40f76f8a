/**
 * Answers the gateway may share between callers (issue 24: the mentee dashboard's third plan step fetches the
 * mentors' names and headlines from identity on every request).
 *
 * For an APPROVED mentor, the rules of a person's name (`canSeePerson`) and of a mentor profile's public fields
 * (`canSeeMentorProfilePublic`) grant them to every participant, whoever they are: self, staff and strangers all
 * read the same name and headline. So an `_entities` fetch of people that selects nothing but those fields gets
 * the same answer for such a mentor whichever participant asks. Identity names those entities in the answer
 * (`extensions.sharedEntities`: their positions) and the gateway may serve them again to any participant until a
 * PERSON signal says the person changed (see {@link personSignals}); everything else is answered per caller, as
 * before. The decision stays here, with the rules it depends on.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import { participates, SHARED_ENTITIES_EXTENSION, type EventEnvelope, type LiveSignal } from '@tandem/contracts';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import type { User } from '../users/user.type';

/**
 * The fields whose rule is the same for every participant when the person is an APPROVED mentor, by type. A
 * selection with anything else (contact details, the whole mentor profile, the mentee profile, a coded value whose
 * label follows the reader's language) is never shared.
 */
const SHARED_FIELDS: Record<string, ReadonlySet<string>> = {
  User: new Set(['__typename', 'id', 'displayName', 'mentorProfile']),
  MentorProfile: new Set(['__typename', 'headline']),
};
const CHILD_TYPE: Record<string, string> = { mentorProfile: 'MentorProfile' };

/** Only plain fields of the list above: no alias, argument, directive or fragment spread. */
function onlySharedFields(set: SelectionSetNode, type: string): boolean {
  const allowed = SHARED_FIELDS[type];
  return set.selections.every((s) => {
    if (s.kind !== Kind.FIELD || s.alias || s.arguments?.length || s.directives?.length) return false;
    if (!allowed.has(s.name.value)) return false;
    const child = CHILD_TYPE[s.name.value];
    return child ? !!s.selectionSet && onlySharedFields(s.selectionSet, child) : !s.selectionSet;
  });
}

/**
 * Whether the document is the gateway's fetch of people with shared fields only: one query whose one field is
 * `_entities(representations: $representations)`, selecting `... on User { … }` and nothing else.
 */
export function selectsSharedFieldsOnly(document: DocumentNode): boolean {
  if (document.definitions.length !== 1) return false;
  const [operation] = document.definitions;
  if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query' || operation.directives?.length)
    return false;
  const [root, ...more] = operation.selectionSet.selections;
  if (more.length || root.kind !== Kind.FIELD || root.name.value !== '_entities' || root.alias) return false;
  if (root.directives?.length || !root.selectionSet) return false;
  // the positions marked are those of the `representations` variable
  const [argument, ...others] = root.arguments ?? [];
  if (others.length || argument?.name.value !== 'representations' || argument.value.kind !== Kind.VARIABLE)
    return false;
  if (argument.value.name.value !== 'representations') return false;
  return root.selectionSet.selections.every(
    (s) =>
      (s.kind === Kind.INLINE_FRAGMENT &&
        s.typeCondition?.name.value === 'User' &&
        !s.directives?.length &&
        onlySharedFields(s.selectionSet, 'User')) ||
      (s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias && !s.directives?.length),
  );
}

const documents = new WeakMap<DocumentNode, boolean>();
function sharedDocument(document: DocumentNode): boolean {
  let shared = documents.get(document);
  if (shared === undefined) documents.set(document, (shared = selectsSharedFieldsOnly(document)));
  return shared;
}

interface Representation {
  __typename?: unknown;
  id?: unknown;
}

/**
 * Marks the entities of a shared-fields fetch that are APPROVED mentors answered without error, for a participant
 * (an analyst's or an API key's answer has nulls where a participant's has names: never marked). The people are
 * the ones the fetch just loaded (the request's loader: no statement).
 */
export function sharedAnswersPlugin(load: (ctx: SubgraphContext, ids: string[]) => Promise<Array<User | null>>) {
  const plugin: ApolloServerPlugin<SubgraphContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ response, document, request, contextValue }) {
          const body = response.body;
          if (body.kind !== 'single' || !document || !participates(contextValue.principal)) return;
          if (!sharedDocument(document)) return;
          const representations = request.variables?.representations;
          const entities = (body.singleResult.data as { _entities?: unknown[] } | null | undefined)?._entities;
          if (!Array.isArray(representations) || !Array.isArray(entities)) return;
          const failed = new Set(
            (body.singleResult.errors ?? [])
              .filter((e) => e.path?.[0] === '_entities')
              .map((e) => (typeof e.path?.[1] === 'number' ? e.path[1] : -1)),
          );
          if (failed.has(-1)) return;
          const people = (representations as Representation[]).map((r) =>
            r?.__typename === 'User' && typeof r.id === 'string' ? r.id : null,
          );
          const ids = people.filter((id, i): id is string => id !== null && !failed.has(i));
          if (ids.length === 0) return;
          let users: Array<User | null>;
          try {
            users = await load(contextValue, ids);
          } catch {
            return; // the fetch's own load failed (its errors are in the answer): nothing is shared
          }
          const loaded = new Map(users.filter((u) => u !== null).map((u) => [u.id, u.record]));
          const shared = people.flatMap((id, i) =>
            id !== null && entities[i] != null && !failed.has(i) && loaded.get(id)?.mentorStatus === 'APPROVED'
              ? [i]
              : [],
          );
          if (shared.length === 0) return;
          body.singleResult.extensions = { ...body.singleResult.extensions, [SHARED_ENTITIES_EXTENSION]: shared };
        },
      };
    },
  };
  return plugin;
}

/**
 * Identity's events that change what is shared of a person (a name, a mentor profile or its status, an erasure):
 * each raises a PERSON signal in its transaction, so every gateway forgets that person's shared answers when it
 * commits. Every change to a user's name or mentor profile publishes one of these (matching's search needs them).
 */
const PERSON_EVENTS = new Set(['MentorProfileChanged', 'UserContactChanged', 'UserErased']);

export function personSignals(event: EventEnvelope): LiveSignal[] {
  if (!PERSON_EVENTS.has(event.name)) return [];
  const { userId } = event.payload as { userId?: unknown };
  return typeof userId === 'string' ? [{ kind: 'PERSON', id: userId, to: [userId] }] : [];
}
