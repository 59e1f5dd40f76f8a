import { Field, ID, ObjectType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import { Message } from '../messages/message.type';
import { Relationship } from '../relationships/relationship.type';

@ObjectType({ description: 'One relationship of a bulk change: the relationship as changed, or why it was refused.' })
export class RelationshipBulkItem {
  @Field(() => ID, { description: 'The relationship id as given.' })
  id!: string;

  @Field(() => Relationship, { nullable: true, description: 'The relationship as changed; null when refused.' })
  relationship!: Relationship | null;

  @Field(() => [FieldError], { description: 'Why this one was refused (empty on success); nothing of it changed.' })
  errors!: FieldError[];
}

@ObjectType({
  description:
    'The outcome of a bulk change of relationships: each item on its own (one refused item changes nothing and stops no other), or the shared input errors (then nothing ran).',
})
export class RelationshipBulkResult {
  @Field(() => [RelationshipBulkItem], { description: 'One per id, in the order given (empty when errors).' })
  items!: RelationshipBulkItem[];

  @Field(() => [FieldError], { description: 'What to fix in the shared input (the reason); empty when it ran.' })
  errors!: FieldError[];
}

@ObjectType({ description: 'One relationship of a bulk message: the message as sent to its coach thread, or why not.' })
export class CoachThreadBulkItem {
  @Field(() => ID, { description: 'The relationship id as given.' })
  relationshipId!: string;

  @Field(() => Message, { nullable: true, description: 'The message as sent; null when refused.' })
  message!: Message | null;

  @Field(() => [FieldError], { description: 'Why this one was refused (empty on success); nothing was sent to it.' })
  errors!: FieldError[];
}

@ObjectType({
  description:
    "The outcome of a message to several pairs' coach threads: each on its own, or the shared input errors (then nothing was sent).",
})
export class CoachThreadBulkResult {
  @Field(() => [CoachThreadBulkItem], { description: 'One per relationship, in the order given (empty when errors).' })
  items!: CoachThreadBulkItem[];

  @Field(() => [FieldError], { description: 'What to fix in the shared input (the message); empty when it ran.' })
  errors!: FieldError[];
}
