import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import type { LearningResourceRow } from './learning.repository';

/** The stages of a relationship a resource helps with (relationships' Relationship.stage says where a pair is). */
export enum LearningStage {
  PREPARING_FIRST_MEETING = 'PREPARING_FIRST_MEETING',
  WRITING_AGREEMENT = 'WRITING_AGREEMENT',
  ACTION_PLAN = 'ACTION_PLAN',
  MID_WAY = 'MID_WAY',
  COMPLETING = 'COMPLETING',
}
registerEnumType(LearningStage, {
  name: 'LearningStage',
  description:
    'A stage of a mentoring relationship that learning resources help with: preparing the first meeting, writing the agreement, the action plan, mid-way, completing.',
});

export enum LearningResourceKind {
  GUIDE = 'GUIDE',
  CHECKLIST = 'CHECKLIST',
  VIDEO = 'VIDEO',
  TEMPLATE = 'TEMPLATE',
}
registerEnumType(LearningResourceKind, {
  name: 'LearningResourceKind',
  description: 'What a learning resource is: a guide to read, a checklist to go through, a video, a template to fill.',
});

@ObjectType({ description: "A programme's learning resource: help for the partners at one stage of a relationship." })
export class LearningResource {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The programme it belongs to.' })
  programmeId!: string;

  @Field(() => String, { description: 'Its title.' })
  title!: string;

  @Field(() => LearningResourceKind, { description: 'GUIDE, CHECKLIST, VIDEO or TEMPLATE.' })
  kind!: LearningResourceKind;

  @Field(() => String, {
    nullable: true,
    description: 'Its text: plain text, paragraphs separated by blank lines, list items starting with "- " or "1. ".',
  })
  body!: string | null;

  @Field(() => String, { nullable: true, description: 'An https link to the resource (a video, a document).' })
  url!: string | null;

  @Field(() => String, { description: 'The language it is written in: en or fr-CA.' })
  language!: string;

  @Field(() => LearningStage, { description: 'The stage of a relationship it helps with.' })
  stage!: LearningStage;

  @Field(() => Int, { description: 'Its place among the programme’s resources of the same stage (1 first).' })
  position!: number;

  @Field(() => Date, { description: 'When it was last changed.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'The outcome of adding, changing or deleting a learning resource.' })
export class LearningResourceResult {
  @Field(() => LearningResource, {
    nullable: true,
    description: 'The resource as saved (as it was, once deleted); null when refused.',
  })
  resource!: LearningResource | null;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];
}

@ObjectType({ description: 'The outcome of reordering the learning resources of a stage.' })
export class LearningResourcesResult {
  @Field(() => [LearningResource], {
    nullable: true,
    description: "The stage's resources in their new order; null when refused.",
  })
  resources!: LearningResource[] | null;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];
}

export const toLearningResource = (r: LearningResourceRow): LearningResource =>
  Object.assign(new LearningResource(), {
    id: r.id,
    programmeId: r.programmeId,
    title: r.title,
    kind: r.kind as LearningResourceKind,
    body: r.body,
    url: r.url,
    language: r.language,
    stage: r.stage as LearningStage,
    position: r.position,
    updatedAt: r.updatedAt,
  });
