import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { eachOutcome, fieldError, requireRole, type SubgraphContext } from '@tandem/subgraph-kit';
import type { MessageService } from '../messages/message.service';
import type { RelationshipLifecycleService } from '../relationships/relationship-lifecycle.service';
import { CoachThreadBulkResult, RelationshipBulkResult } from './relationship-bulk.type';

/** The most characters of a shared reason (the single withdrawal's limit). */
const MAX_REASON = 2000;

/**
 * Bulk actions of the staff lists (issue 19): each item runs the single item's service method, rules and access
 * included, in its own transaction; a refused item is listed with its errors and changes nothing.
 */
@Resolver()
export class RelationshipBulkResolver {
  constructor(
    private readonly lifecycle: RelationshipLifecycleService,
    private readonly messages: MessageService,
  ) {}

  @Mutation(() => RelationshipBulkResult, {
    description:
      'Ends active or paused relationships early with one reason (the coach of their organisation, programme admins, admins): each is withdrawn as by a partner and its partners asked for feedback. 1 to 100 ids; each succeeds or is refused on its own.',
  })
  async endRelationships(
    @Arg('ids', () => [ID]) ids: string[],
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RelationshipBulkResult> {
    requireRole(ctx, 'COACH', 'PROGRAMME_ADMIN', 'ADMIN');
    const text = reason.trim();
    if (!text) return { items: [], errors: [fieldError('reason', 'REQUIRED', 'Say why these relationships end.')] };
    if (text.length > MAX_REASON)
      return { items: [], errors: [fieldError('reason', 'TOO_LONG', `At most ${MAX_REASON} characters.`)] };
    const items = await eachOutcome('relationship', 'ids', ids, (id) => this.lifecycle.endByStaff(ctx, id, text));
    return { items, errors: [] };
  }

  @Mutation(() => CoachThreadBulkResult, {
    description:
      "The coach of the relationships' organisation writes the same message in each pair's coach thread (the partners are notified as for one). 1 to 100 relationships; each is sent or refused on its own.",
  })
  async sendCoachThreadMessages(
    @Arg('relationshipIds', () => [ID]) relationshipIds: string[],
    @Arg('body', () => String) body: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CoachThreadBulkResult> {
    requireRole(ctx, 'COACH');
    if (!body.trim()) return { items: [], errors: [fieldError('body', 'REQUIRED', 'Write a message.')] };
    const items = await eachOutcome('message', 'relationshipIds', relationshipIds, (id) =>
      this.messages.send(ctx, 'COACH', id, body),
    );
    return {
      items: items.map(({ id, message, errors }) => ({ relationshipId: id, message, errors })),
      errors: [],
    };
  }
}
