import { Field, ID, ObjectType } from 'type-graphql';
import { connectionTypes, FieldError } from '@tandem/subgraph-kit';
import { User } from '../users/user.type';
import type { MessageRow } from './message.repository';

@ObjectType({
  description:
    'A message of a relationship: in the partners’ private thread (never visible to coaches or admins) or in the coach thread.',
})
export class Message {
  @Field(() => ID)
  id!: string;

  @Field(() => User, { description: 'Who wrote it.' })
  author!: User;

  @Field(() => String)
  body!: string;

  @Field(() => Date)
  sentAt!: Date;
}

export const toMessage = (e: MessageRow): Message =>
  Object.assign(new Message(), {
    id: e.id,
    author: Object.assign(new User(), { id: e.authorId }),
    body: e.body,
    sentAt: e.sentAt,
  });

const { EdgeType: MessageEdge, ConnectionType: MessagePage } = connectionTypes(Message, 'Message', 'message');
export { MessageEdge };

@ObjectType('MessageConnection', { description: 'A page of messages, newest first.' })
export class MessageConnection extends MessagePage {
  @Field(() => [Message], { description: 'The messages of this page, newest first.', deprecationReason: 'Use edges.' })
  nodes!: Message[];
}

@ObjectType({ description: 'The outcome of sending a message.' })
export class MessageResult {
  @Field(() => Message, { nullable: true, description: 'The message as sent.' })
  message!: Message | null;

  @Field(() => [FieldError], { description: 'Why it was refused (empty on success).' })
  errors!: FieldError[];
}
