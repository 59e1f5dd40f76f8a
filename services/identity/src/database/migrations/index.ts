import { CreateUsers1763800000000 } from './1763800000000-create-users';
import { IdentityDomain1763900000000 } from './1763900000000-identity-domain';
import { PasswordReset1764300000000 } from './1764300000000-password-reset';
import { ProgrammeAdminRole1764900000000 } from './1764900000000-programme-admin-role';
import { SessionsAndEmailChange1765500000000 } from './1765500000000-sessions-and-email-change';
import { SecondFactor1765600000000 } from './1765600000000-second-factor';
import { ProgrammeMaxMeetingMinutes1765610000000 } from './1765610000000-programme-max-meeting-minutes';
import { NotificationLink1765700000000 } from './1765700000000-notification-link';
import { OrientationEnforced1766000000000 } from './1766000000000-orientation-enforced';
import { RelationshipCoaching1766000200000 } from './1766000200000-relationship-coaching';
import { MenteeProfileVersion1766100000000 } from './1766100000000-mentee-profile-version';
import { PeopleSearchFold1766200000000 } from './1766200000000-people-search-fold';
import { UserLanguage1766200000001 } from './1766200000001-user-language';
import { Webhooks1766300000000 } from './1766300000000-webhooks';
import { Invitations1766600000000 } from './1766600000000-invitations';
import { NotificationEmailOptOut1766800000000 } from './1766800000000-notification-email-opt-out';
import { UserTimeZone1767100000000 } from './1767100000000-user-time-zone';
import { ProgrammeTimeZone1767100000002 } from './1767100000002-programme-time-zone';
import { ProgrammeDefaultLanguage1767800000000 } from './1767800000000-programme-default-language';
import { ProgrammeCoachSignature1767900000200 } from './1767900000200-programme-coach-signature';
import { RelationshipFactContinued1767800000001 } from './1767800000001-relationship-fact-continued';
import { LearningResources1768000000000 } from './1768000000000-learning-resources';
import { ProgrammeNudges1768400000000 } from './1768400000000-programme-nudges';
import { NudgeDigests1768400000001 } from './1768400000001-nudge-digests';
import { MeetingCalendars1768600000000 } from './1768600000000-meeting-calendars';
import { TrainingModules1768100000000 } from './1768100000000-training-modules';
import { OrganizationSingleSignOn1768700000000 } from './1768700000000-organization-single-sign-on';
import { OrganizationApiKeys1769300000000 } from './1769300000000-organization-api-keys';
import { ProgrammePriorMeetings1769600000200 } from './1769600000200-programme-prior-meetings';
import { ProgrammeCheckInInterval1769700000000 } from './1769700000000-programme-check-in-interval';
import { ProgrammeRequestExpiryReminder1769800000000 } from './1769800000000-programme-request-expiry-reminder';
import { SsoGroupsClaim1769840000000 } from './1769840000000-sso-groups-claim';
import { TrainingModuleLanguages1769900000000 } from './1769900000000-training-module-languages';

/** In order of their timestamps. Never edit one that has landed: add a new one. */
export const migrations = [
  CreateUsers1763800000000,
  IdentityDomain1763900000000,
  PasswordReset1764300000000,
  ProgrammeAdminRole1764900000000,
  SessionsAndEmailChange1765500000000,
  SecondFactor1765600000000,
  ProgrammeMaxMeetingMinutes1765610000000,
  NotificationLink1765700000000,
  OrientationEnforced1766000000000,
  RelationshipCoaching1766000200000,
  MenteeProfileVersion1766100000000,
  PeopleSearchFold1766200000000,
  UserLanguage1766200000001,
  Webhooks1766300000000,
  Invitations1766600000000,
  NotificationEmailOptOut1766800000000,
  UserTimeZone1767100000000,
  ProgrammeTimeZone1767100000002,
  ProgrammeDefaultLanguage1767800000000,
  RelationshipFactContinued1767800000001,
  ProgrammeCoachSignature1767900000200,
  LearningResources1768000000000,
  TrainingModules1768100000000,
  ProgrammeNudges1768400000000,
  NudgeDigests1768400000001,
  MeetingCalendars1768600000000,
  OrganizationSingleSignOn1768700000000,
  OrganizationApiKeys1769300000000,
  ProgrammePriorMeetings1769600000200,
  ProgrammeCheckInInterval1769700000000,
  ProgrammeRequestExpiryReminder1769800000000,
  SsoGroupsClaim1769840000000,
  TrainingModuleLanguages1769900000000,
];
