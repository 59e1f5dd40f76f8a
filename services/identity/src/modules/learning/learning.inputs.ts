import { Field, InputType } from 'type-graphql';
import { LearningResourceKind, LearningStage } from './learning.type';

@InputType({
  description:
    'A learning resource: a title, a kind, its text and/or an https link (a VIDEO needs the link), its language and the stage it helps with.',
})
export class LearningResourceInput {
  @Field(() => String, { description: 'Its title (required, at most 200 characters).' })
  title!: string;

  @Field(() => LearningResourceKind, { description: 'GUIDE, CHECKLIST, VIDEO or TEMPLATE.' })
  kind!: LearningResourceKind;

  @Field(() => String, {
    nullable: true,
    description:
      'Its text (plain text; blank lines between paragraphs, "- " for list items; at most 20,000 characters).',
  })
  body?: string | null;

  @Field(() => String, { nullable: true, description: 'A full https:// link.' })
  url?: string | null;

  @Field(() => String, { description: 'The language it is written in: en or fr-CA.' })
  language!: string;

  @Field(() => LearningStage, { description: 'The stage of a relationship it helps with.' })
  stage!: LearningStage;
}
