import { Field, ID, ObjectType } from 'type-graphql';
import { FieldError, PageInfo } from '@tandem/subgraph-kit';
import { User } from '../users/user.type';
import type { MessageEntity } from './message.repository';

@ObjectType({ description: 'A message between the two partners (never visible to coaches or admins).' })
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

export const toMessage = (e: MessageEntity): Message =>
  Object.assign(new Message(), {
    id: e.id,
    author: Object.assign(new User(), { id: e.authorId }),
    body: e.body,
    sentAt: e.sentAt,
  });

@ObjectType({ description: 'A page of messages, newest first.' })
export class MessageConnection {
  @Field(() => [Message])
  nodes!: Message[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'The outcome of sending a message.' })
export class MessagePayload {
  @Field(() => Message, { nullable: true })
  message!: Message | null;

  @Field(() => [FieldError])
  errors!: FieldError[];
}
