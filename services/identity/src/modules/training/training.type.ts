import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import type {
  TrainingAudience,
  TrainingCompletionRow,
  TrainingGate,
  TrainingModuleRow,
  TrainingModuleVersionRow,
  TrainingNeedsRow,
} from './training.repository';

export const TrainingGateEnum = { BEFORE_VISIBLE: 'BEFORE_VISIBLE', BEFORE_START: 'BEFORE_START' } as const;
registerEnumType(TrainingGateEnum, {
  name: 'TrainingGate',
  description: 'What a required training module holds back until it is completed.',
  valuesConfig: {
    BEFORE_VISIBLE: { description: 'A mentor is not shown in search or proposals until they complete it.' },
    BEFORE_START: { description: 'A relationship of the programme cannot start until it is completed.' },
  },
});

export const TrainingAudienceEnum = { MENTOR: 'MENTOR', MENTEE: 'MENTEE', BOTH: 'BOTH' } as const;
registerEnumType(TrainingAudienceEnum, {
  name: 'TrainingAudience',
  description: 'Who a training module is for.',
  valuesConfig: {
    MENTOR: { description: 'The programme’s mentors.' },
    MENTEE: { description: 'The programme’s mentees.' },
    BOTH: { description: 'Mentors and mentees.' },
  },
});

@ObjectType({
  description:
    'A training module of a programme: something to read or watch, with a completion record. A required one gates visibility or the start of a relationship.',
})
export class TrainingModule {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The programme it belongs to.' })
  programmeId!: string;

  @Field(() => String, { description: 'Its title.' })
  title!: string;

  @Field(() => String, { description: 'What it covers, in a sentence or two.' })
  summary!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The text to read (plain text, paragraphs separated by blank lines).',
  })
  content!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'An https link to the material (a video, a course, a document).',
  })
  link!: string | null;

  @Field(() => Int, { nullable: true, description: 'About how many minutes it takes.' })
  estimatedMinutes!: number | null;

  @Field(() => Boolean, { description: 'Whether the programme requires it (see gate).' })
  required!: boolean;

  @Field(() => TrainingGateEnum, {
    nullable: true,
    description: 'What it holds back until completed; null when optional.',
  })
  gate!: TrainingGate | null;

  @Field(() => TrainingAudienceEnum, { description: 'Who it is for.' })
  audience!: TrainingAudience;

  @Field(() => Date, {
    nullable: true,
    description: 'When staff retired it (no longer offered nor required); null while current.',
  })
  retiredAt!: Date | null;

  @Field(() => String, {
    description:
      'The language of the text given here (title, summary, content, link): the one asked for when the module has a version in it, else the one it is written in.',
  })
  language!: string;

  @Field(() => String, { description: 'The language staff wrote it in (its other versions are translations).' })
  writtenIn!: string;

  @Field(() => Date, { description: 'When it was last changed (its text in any language included).' })
  updatedAt!: Date;

  /** The module as stored (the text it is written in), for its versions; not in the API. */
  row!: TrainingModuleRow;
}

@ObjectType({ description: 'A training module’s text in one language.' })
export class TrainingModuleVersion {
  @Field(() => String, { description: 'Its language: en or fr-CA.' }) language!: string;
  @Field(() => Boolean, { description: 'Whether this is the text the module is written in (not a translation).' })
  written!: boolean;
  @Field(() => String, { description: 'The title in this language.' }) title!: string;
  @Field(() => String, { description: 'The summary in this language.' }) summary!: string;
  @Field(() => String, { nullable: true, description: 'The text to read in this language.' })
  content!: string | null;
  @Field(() => String, { nullable: true, description: 'The link to the material in this language.' })
  link!: string | null;
  @Field(() => Date, { description: 'When this version was last written.' }) updatedAt!: Date;
}

@ObjectType({ description: 'A record that a person completed a training module.' })
export class TrainingCompletion {
  @Field(() => ID, { description: 'The module completed.' })
  moduleId!: string;

  @Field(() => ID, { description: 'Who completed it.' })
  userId!: string;

  @Field(() => Date, { description: 'When it was recorded.' })
  completedAt!: Date;

  @Field(() => ID, { description: 'Who recorded it: the person themselves, or a member of staff.' })
  recordedById!: string;

  @Field(() => String, { nullable: true, description: 'What the person wrote when confirming, if anything.' })
  confirmation!: string | null;
}

@ObjectType({ description: 'A training module a person is asked to complete, with where they stand.' })
export class TrainingStatus {
  @Field(() => TrainingModule, { description: 'The module.' })
  module!: TrainingModule;

  @Field(() => Boolean, { description: 'Whether they completed it.' })
  completed!: boolean;

  @Field(() => TrainingCompletion, { nullable: true, description: 'The completion; null while outstanding.' })
  completion!: TrainingCompletion | null;
}

@ObjectType({
  description: 'What a mentor would like training in, for the programme staff (the mentor, admins, their coach).',
})
export class TrainingNeeds {
  @Field(() => String, { nullable: true, description: 'In their own words.' })
  needs!: string | null;

  @Field(() => [String], { description: 'Topics as tags, e.g. "active listening".' })
  tags!: string[];

  @Field(() => Date, { description: 'When the mentor last changed them.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'The outcome of creating, changing or retiring a training module.' })
export class TrainingModuleResult {
  @Field(() => [FieldError], { description: 'What to fix; empty on success.' }) errors!: FieldError[];
  @Field(() => TrainingModule, { nullable: true, description: 'The module; null when refused.' })
  module!: TrainingModule | null;
}

@ObjectType({ description: 'The outcome of completing a training module or recording its completion.' })
export class TrainingCompletionResult {
  @Field(() => [FieldError], { description: 'What to fix; empty on success.' }) errors!: FieldError[];
  @Field(() => TrainingCompletion, { nullable: true, description: 'The completion; null when refused.' })
  completion!: TrainingCompletion | null;
}

@ObjectType({ description: 'The outcome of a mentor writing their training needs.' })
export class TrainingNeedsResult {
  @Field(() => [FieldError], { description: 'What to fix; empty on success.' }) errors!: FieldError[];
  @Field(() => TrainingNeeds, { nullable: true, description: 'The needs as saved; null when refused.' })
  trainingNeeds!: TrainingNeeds | null;
}

/** The module, its text from `version` when it has one in the reader's language, else as written. */
export const toTrainingModule = (r: TrainingModuleRow, version?: TrainingModuleVersionRow | null) =>
  Object.assign(new TrainingModule(), {
    id: r.id,
    programmeId: r.programmeId,
    title: version?.title ?? r.title,
    summary: version?.summary ?? r.summary,
    content: version ? version.content : r.content,
    link: version ? version.link : r.link,
    language: version?.language ?? r.language,
    writtenIn: r.language,
    estimatedMinutes: r.estimatedMinutes,
    required: r.required,
    gate: r.gate,
    audience: r.audience,
    retiredAt: r.retiredAt,
    updatedAt: r.updatedAt,
    row: r,
  });

/** Every version of the module: the text it is written in first, then the translations by language. */
export const toTrainingModuleVersions = (r: TrainingModuleRow, versions: readonly TrainingModuleVersionRow[]) => [
  Object.assign(new TrainingModuleVersion(), {
    language: r.language,
    written: true,
    title: r.title,
    summary: r.summary,
    content: r.content,
    link: r.link,
    updatedAt: r.updatedAt,
  }),
  ...versions
    .filter((v) => v.language !== r.language)
    .map((v) => Object.assign(new TrainingModuleVersion(), { ...v, written: false })),
];

export const toTrainingCompletion = (r: TrainingCompletionRow) =>
  Object.assign(new TrainingCompletion(), {
    moduleId: r.moduleId,
    userId: r.userId,
    completedAt: r.completedAt,
    recordedById: r.recordedBy,
    confirmation: r.confirmation,
  });

export const toTrainingNeeds = (r: TrainingNeedsRow) =>
  Object.assign(new TrainingNeeds(), { needs: r.needs, tags: r.tags, updatedAt: r.updatedAt });
