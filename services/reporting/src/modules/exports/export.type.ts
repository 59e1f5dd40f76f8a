import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError, LocalDate } from '@tandem/subgraph-kit';

export enum CpdExportFormat {
  TRACKING_SHEET_CSV = 'TRACKING_SHEET_CSV',
  TRACKING_SHEET_PDF = 'TRACKING_SHEET_PDF',
  CONFIRMATION_LETTER_PDF = 'CONFIRMATION_LETTER_PDF',
}
registerEnumType(CpdExportFormat, { name: 'CpdExportFormat', description: 'Which CPD evidence document to produce.' });

@InputType({ description: 'What to export: whose evidence, which document, which period.' })
export class CreateCpdExportInput {
  @Field(() => ID, { description: 'The person whose evidence it is (yourself, or anyone for an auditor).' })
  userId!: string;

  @Field(() => CpdExportFormat, { description: 'The document.' })
  format!: CpdExportFormat;

  @Field(() => LocalDate, { description: 'First day of the period.' })
  from!: string;

  @Field(() => LocalDate, { description: 'Last day of the period.' })
  to!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Tracking sheet of one relationship only (default: one section per relationship).',
  })
  relationshipId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Confirmation letter for one programme only (default: one letter per programme).',
  })
  programmeId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The language of the document (words, dates, times and numbers): en or fr-CA. Default: the person’s saved language, else the request’s (Accept-Language), else en.',
  })
  language?: string | null;
}

@ObjectType({ description: 'A short-lived signed download link (10 minutes).' })
export class CpdExportLink {
  @Field(() => String, { description: 'The download URL (through the gateway, no sign-in needed while it lasts).' })
  url!: string;

  @Field(() => Date, { description: 'When the link stops working.' })
  expiresAt!: Date;

  @Field(() => CpdExportFormat, { description: 'The document.' })
  format!: CpdExportFormat;
}

@ObjectType({ description: 'The link, or what is wrong with the input.' })
export class CreateCpdExportResult {
  @Field(() => CpdExportLink, { nullable: true, description: 'The link when the export could be prepared.' })
  link!: CpdExportLink | null;

  @Field(() => [FieldError], { description: 'Problems with the input (empty on success).' })
  errors!: FieldError[];
}
