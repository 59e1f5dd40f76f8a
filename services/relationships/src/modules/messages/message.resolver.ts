import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { outcome, type SubgraphContext } from '@tandem/subgraph-kit';
import type { ConnectionWithNodes } from '../shared/connections';
import { Relationship } from '../relationships/relationship.type';
import { MessageService } from './message.service';
import { MessageConnection, MessageResult, type Message } from './message.type';

const pageArgs = (first?: number | null, after?: string | null) => ({ first: first ?? null, after: after ?? null });

@Resolver(() => Relationship)
export class MessageResolver {
  constructor(private readonly service: MessageService) {}

  @FieldResolver(() => MessageConnection, {
    nullable: true,
    description: 'Messages between the partners, newest first; null for anyone else (coaches and admins included).',
  })
  messages(
    @Root() r: Relationship,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1..100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page (older messages).' })
    after?: string | null,
  ): Promise<ConnectionWithNodes<Message> | null> {
    return this.service.page(ctx, 'PARTNERS', r.id, pageArgs(first, after));
  }

  @FieldResolver(() => MessageConnection, {
    nullable: true,
    description:
      'The coach thread: messages between the partners and the coaches of the relationship’s organisation, newest first. Admins and programme admins read it too; null for anyone else.',
  })
  coachThread(
    @Root() r: Relationship,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1..100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page (older messages).' })
    after?: string | null,
  ): Promise<ConnectionWithNodes<Message> | null> {
    return this.service.page(ctx, 'COACH', r.id, pageArgs(first, after));
  }

  @Mutation(() => MessageResult, { description: 'A partner sends a message to the other.' })
  sendMessage(
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('body', () => String) body: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('message', () => this.service.send(ctx, 'PARTNERS', relationshipId, body));
  }

  @Mutation(() => MessageResult, {
    description:
      'A partner or the coach of the relationship’s organisation writes in the coach thread; the others are notified.',
  })
  sendCoachThreadMessage(
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('body', () => String) body: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('message', () => this.service.send(ctx, 'COACH', relationshipId, body));
  }
}
