import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionTypes, FieldError } from '@tandem/subgraph-kit';
import { OK_DEPRECATED } from '../shared/api';
import type { OrientationSessionRow } from './orientation.repository';

@ObjectType({ description: 'An orientation session of a programme.' })
export class OrientationSession {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;

  @Field(() => ID, { deprecationReason: 'Use programmeId.' })
  programId!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => String, { nullable: true, description: 'Where it takes place.' })
  location!: string | null;

  @Field(() => String, { nullable: true, description: 'Video link, for online sessions.' })
  link!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The IANA time zone it is announced in (null: show it in the reader’s own).',
  })
  timeZone!: string | null;

  @Field(() => Int, { description: 'People recorded as attending.' })
  attendeeCount!: number;
}

export const { EdgeType: OrientationSessionEdge, ConnectionType: OrientationSessionConnection } = connectionTypes(
  OrientationSession,
  'OrientationSession',
  'orientation session',
);

@ObjectType({ description: 'The outcome of scheduling an orientation session or recording attendance.' })
export class OrientationResult {
  @Field(() => Boolean, { deprecationReason: OK_DEPRECATED }) ok!: boolean;
  @Field(() => [FieldError], { description: 'What to fix; empty on success.' }) errors!: FieldError[];
  @Field(() => OrientationSession, { nullable: true, description: 'The session; null when refused.' })
  session!: OrientationSession | null;
}

export const toSession = (r: Omit<OrientationSessionRow, 'cursorAt'>) =>
  Object.assign(new OrientationSession(), {
    id: r.id,
    programmeId: r.programmeId,
    programId: r.programmeId,
    startsAt: r.startsAt,
    location: r.location,
    link: r.link,
    timeZone: r.timeZone,
    attendeeCount: r.attendeeCount,
  });
