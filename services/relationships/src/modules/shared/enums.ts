/**
 * Enums of this subgraph; `MeetingMode`, `ParticipantRole` and `ListExportFormat` are shared names with identical values
 * across subgraphs.
 */
import { registerEnumType } from 'type-graphql';

export enum RelationshipStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  COMPLETED = 'COMPLETED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(RelationshipStatus, {
  name: 'RelationshipStatus',
  description: 'Where a mentoring relationship stands.',
});

export enum RelationshipPace {
  ON_TRACK = 'ON_TRACK',
  BEHIND = 'BEHIND',
  AT_RISK = 'AT_RISK',
}
registerEnumType(RelationshipPace, {
  name: 'RelationshipPace',
  description:
    'Pace forecast against the programme terms: achieved share of the terms vs. the share of the duration elapsed (>= 80% on track, >= 50% behind, below at risk; on track in the first 14 days or once the terms are met).',
});

export enum RelationshipViewerRole {
  MENTOR = 'MENTOR',
  MENTEE = 'MENTEE',
  COACH = 'COACH',
  ADMIN = 'ADMIN',
  PROGRAMME_ADMIN = 'PROGRAMME_ADMIN',
  /** The former name of PROGRAMME_ADMIN, never returned. */
  PROGRAM_ADMIN = 'PROGRAM_ADMIN',
}
registerEnumType(RelationshipViewerRole, {
  name: 'RelationshipViewerRole',
  description: 'In which capacity the signed-in user sees a relationship.',
  valuesConfig: { PROGRAM_ADMIN: { deprecationReason: 'Never returned: a programme admin sees PROGRAMME_ADMIN.' } },
});

export enum ParticipantRole {
  MENTOR = 'MENTOR',
  MENTEE = 'MENTEE',
}
registerEnumType(ParticipantRole, { name: 'ParticipantRole', description: 'A side of a mentoring relationship.' });

export enum MeetingMode {
  IN_PERSON = 'IN_PERSON',
  VIDEO = 'VIDEO',
  PHONE = 'PHONE',
}
registerEnumType(MeetingMode, { name: 'MeetingMode', description: 'How a meeting is held.' });

export enum AgreementConfidentiality {
  STAYS_BETWEEN_US = 'STAYS_BETWEEN_US',
  STAYS_BETWEEN_US_UNLESS_PERMISSION = 'STAYS_BETWEEN_US_UNLESS_PERMISSION',
}
registerEnumType(AgreementConfidentiality, {
  name: 'AgreementConfidentiality',
  description:
    'Seed 003: "what we discuss stays between the two of us" or "... unless you give me permission to share it".',
});

export enum AgreementInitiator {
  MENTEE = 'MENTEE',
  MENTOR = 'MENTOR',
  EITHER = 'EITHER',
}
registerEnumType(AgreementInitiator, { name: 'AgreementInitiator', description: 'Who initiates meetings.' });

export enum AgreementSigner {
  MENTOR = 'MENTOR',
  MENTEE = 'MENTEE',
  COACH = 'COACH',
}
registerEnumType(AgreementSigner, {
  name: 'AgreementSigner',
  description:
    "Who signs the agreement: the two partners, and a coach of the relationship's organisation when the programme asks.",
});

export enum LearningActivityType {
  LEARNING_BY_DOING = 'LEARNING_BY_DOING',
  LEARNING_FROM_OTHERS = 'LEARNING_FROM_OTHERS',
  STRETCH_ASSIGNMENT = 'STRETCH_ASSIGNMENT',
}
registerEnumType(LearningActivityType, {
  name: 'LearningActivityType',
  description: 'Seed 003: learning by doing, from others, or from a stretch assignment.',
});

export enum EffortUnit {
  HOURS = 'HOURS',
  DAYS = 'DAYS',
  WEEKS = 'WEEKS',
}
registerEnumType(EffortUnit, { name: 'EffortUnit', description: 'The unit of an effort estimate.' });

export enum GoalStatus {
  OPEN = 'OPEN',
  ACHIEVED = 'ACHIEVED',
  DROPPED = 'DROPPED',
}
registerEnumType(GoalStatus, { name: 'GoalStatus', description: 'Where a SMART goal stands.' });

export enum MeetingStatus {
  AWAITING_CONFIRMATION = 'AWAITING_CONFIRMATION',
  CONFIRMED = 'CONFIRMED',
  DISPUTED = 'DISPUTED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(MeetingStatus, {
  name: 'MeetingStatus',
  description:
    'AWAITING_CONFIRMATION until the other side confirms; CONFIRMED by both (immutable); DISPUTED by the other side; SUPERSEDED by a confirmed amendment.',
});

export enum FeedbackQuestion {
  GOALS_PROGRESS = 'GOALS_PROGRESS',
  RELATIONSHIP_QUALITY = 'RELATIONSHIP_QUALITY',
  PROGRAMME_SUPPORT = 'PROGRAMME_SUPPORT',
  WOULD_RECOMMEND = 'WOULD_RECOMMEND',
}
registerEnumType(FeedbackQuestion, {
  name: 'FeedbackQuestion',
  description:
    'The fixed end-of-relationship questions, each rated 1 (poor) to 5 (excellent): progress on goals, quality of the relationship, support from the programme, would recommend.',
});

export enum AtRiskReason {
  NO_CONFIRMED_MEETING = 'NO_CONFIRMED_MEETING',
  MEETING_AWAITING_CONFIRMATION = 'MEETING_AWAITING_CONFIRMATION',
  BEHIND_PACE = 'BEHIND_PACE',
  AGREEMENT_UNSIGNED = 'AGREEMENT_UNSIGNED',
  LOW_PULSE = 'LOW_PULSE',
  PULSE_UNANSWERED = 'PULSE_UNANSWERED',
}
registerEnumType(AtRiskReason, {
  name: 'AtRiskReason',
  description:
    'Why the daily scan flagged a relationship: no confirmed meeting for 30 days, a meeting awaiting confirmation for 14 days, behind pace, agreement unsigned 14 days after the start, a partner’s latest pulse answer 2 or less of 5, a pulse check-in unanswered for 7 days.',
});

export enum CheckInDueReason {
  FOLLOW_UP = 'FOLLOW_UP',
  NO_RECENT_CHECK_IN = 'NO_RECENT_CHECK_IN',
}
registerEnumType(CheckInDueReason, {
  name: 'CheckInDueReason',
  description:
    'Why a check-in is due: the follow-up date of the latest check-in has come, or no check-in for 30 days (since the latest one, or the start).',
});

/** The stages of a relationship that learning resources are tagged to (identity defines the same enum). */
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

/** The file a list export is made into (reporting's enum of the same name: the same values). */
export enum ListExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(ListExportFormat, { name: 'ListExportFormat', description: 'The file format of a list export.' });
