import { Field, ID, ObjectType } from 'type-graphql';
import type { ParticipantRole } from '@tandem/contracts';
import { connectionTypes, FieldError } from '@tandem/subgraph-kit';
import { ParticipantRoleEnum } from '../programmes/programme.type';
import { OK_DEPRECATED } from '../shared/api';
import type { EnrolmentRow } from './enrolment.repository';

/** The programme and the person resolve from the row (batched per request). */
@ObjectType('ProgrammeEnrollment', { description: "A person's enrolment in a programme as mentor or mentee." })
export class ProgrammeEnrolment {
  @Field(() => ID)
  id!: string;

  @Field(() => ParticipantRoleEnum)
  role!: ParticipantRole;

  @Field(() => ID, { nullable: true })
  cohortId!: string | null;

  @Field(() => Date)
  enrolledAt!: Date;

  /** The row behind the type (not exposed). */
  row!: EnrolmentRow;
}

export const { EdgeType: ProgrammeEnrolmentEdge, ConnectionType: ProgrammeEnrolmentConnection } = connectionTypes(
  ProgrammeEnrolment,
  'ProgrammeEnrollment',
  'enrolment',
);

@ObjectType({ description: 'The outcome of an enrolment.' })
export class EnrollmentResult {
  @Field(() => Boolean, { deprecationReason: OK_DEPRECATED }) ok!: boolean;
  @Field(() => [FieldError], { description: 'What to fix; empty on success.' }) errors!: FieldError[];
  @Field(() => ProgrammeEnrolment, { nullable: true, description: 'The enrolment; null when refused.' })
  enrollment!: ProgrammeEnrolment | null;
}

export const toEnrolment = (r: EnrolmentRow) =>
  Object.assign(new ProgrammeEnrolment(), {
    id: r.id,
    role: r.role,
    cohortId: r.cohortId,
    enrolledAt: r.enrolledAt,
    row: r,
  });
