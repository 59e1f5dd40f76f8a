import { Field, ID, InputType, Int } from 'type-graphql';
import { TrainingAudienceEnum, TrainingGateEnum } from './training.type';
import type { TrainingAudience, TrainingGate } from './training.repository';

@InputType({ description: 'A training module as staff write it (every field given: the module becomes this).' })
export class TrainingModuleInput {
  @Field(() => String, { description: 'Its title (at most 200 characters).' }) title!: string;
  @Field(() => String, { description: 'What it covers (at most 1000 characters).' }) summary!: string;
  @Field(() => String, { nullable: true, description: 'The text to read (give content, a link, or both).' })
  content?: string | null;
  @Field(() => String, { nullable: true, description: 'An https link to the material.' }) link?: string | null;
  @Field(() => Int, { nullable: true, description: 'About how many minutes it takes (1 to 600).' })
  estimatedMinutes?: number | null;
  @Field(() => Boolean, { defaultValue: false, description: 'Whether the programme requires it (then name the gate).' })
  required!: boolean;
  @Field(() => TrainingGateEnum, {
    nullable: true,
    description: 'What it holds back until completed (required modules).',
  })
  gate?: TrainingGate | null;
  @Field(() => TrainingAudienceEnum, { defaultValue: 'MENTOR', description: 'Who it is for (default MENTOR).' })
  audience!: TrainingAudience;
  @Field(() => String, {
    nullable: true,
    description:
      'The language it is written in: en or fr-CA (omitted: English for a new module, unchanged for a change). Its versions in other languages are written with setTrainingModuleVersion.',
  })
  language?: string | null;
}

@InputType({ description: 'A new training module of a programme.' })
export class CreateTrainingModuleInput extends TrainingModuleInput {
  @Field(() => ID, { description: 'The programme.' }) programmeId!: string;
}

@InputType({ description: 'What a mentor would like training in (replaces what they wrote before).' })
export class TrainingNeedsInput {
  @Field(() => String, { nullable: true, description: 'In their own words (at most 2000 characters).' })
  needs?: string | null;
  @Field(() => [String], { nullable: true, description: 'Topics as tags (at most 20, 60 characters each).' })
  tags?: string[] | null;
}

@InputType({ description: 'A training module’s text in another language (replaces that language’s version).' })
export class TrainingModuleVersionInput {
  @Field(() => String, { description: 'The language of this version: en or fr-CA (not the module’s own).' })
  language!: string;
  @Field(() => String, { description: 'Its title (at most 200 characters).' }) title!: string;
  @Field(() => String, { description: 'What it covers (at most 1000 characters).' }) summary!: string;
  @Field(() => String, { nullable: true, description: 'The text to read (give content, a link, or both).' })
  content?: string | null;
  @Field(() => String, { nullable: true, description: 'An https link to the material in this language.' })
  link?: string | null;
}
