import { CreateRelationships1763800000000 } from './1763800000000-create-relationships';
import { EvidenceRules1765600000000 } from './1765600000000-evidence-rules';
import { ChosenTimeZone1767100000001 } from './1767100000001-chosen-time-zone';
import { MeetingGoals1767200000000 } from './1767200000000-meeting-goals';
import { CoachThread1767500000000 } from './1767500000000-coach-thread';
import { AgreementCoachSignature1767900000300 } from './1767900000300-agreement-coach-signature';
import { Pulse1767900000000 } from './1767900000000-pulse';
import { Nudges1768400000100 } from './1768400000100-nudges';
import { MeetingPlans1768300000000 } from './1768300000000-meeting-plans';
import { MeetingCalendars1768600000000 } from './1768600000000-meeting-calendars';
import { AgreementSchedule1769600000000 } from './1769600000000-agreement-schedule';
import { RelationshipStartInstant1769600000100 } from './1769600000100-relationship-start-instant';
import { PersonLanguage1769600000300 } from './1769600000300-person-language';

/** In order of their timestamps. Never edit one that has landed: add a new one. */
export const migrations = [
  CreateRelationships1763800000000,
  EvidenceRules1765600000000,
  ChosenTimeZone1767100000001,
  MeetingGoals1767200000000,
  CoachThread1767500000000,
  Pulse1767900000000,
  AgreementCoachSignature1767900000300,
  MeetingPlans1768300000000,
  Nudges1768400000100,
  MeetingCalendars1768600000000,
  AgreementSchedule1769600000000,
  RelationshipStartInstant1769600000100,
  PersonLanguage1769600000300,
];
