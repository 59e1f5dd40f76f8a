/**
 * Where in the participant app (apps/web) a person does what a notification asks: app paths, with a fragment
 * naming the item on the screen. Stored with the notification (`link`), shown in the app's list, and joined to
 * WEB_APP_URL in its email. The app's routes and element ids are the other half of this contract.
 */
import { STAFF_ROLES } from '@tandem/contracts';

export const appLinks = {
  /** The requests screen, on one request (answer it, read its thread, open the relationship it became). */
  request: (requestId: string) => `/requests#request-${requestId}`,
  /** The requests screen, on one question to a mentor (to answer it, or to read the answer). */
  question: (questionId: string) => `/requests#question-${questionId}`,
  /** The requests screen, on one coach proposal (the mentor confirms or declines it). */
  proposal: (proposalId: string) => `/requests#proposal-${proposalId}`,
  /** The relationship's agreement, to read and sign. */
  agreement: (relationshipId: string) => `/relationships/${relationshipId}#agreement`,
  /** One meeting in the relationship's log, to confirm or dispute. */
  meeting: (relationshipId: string, meetingId: string) => `/relationships/${relationshipId}#meeting-${meetingId}`,
  /** The relationship's closing section: complete it, or agree to continue, once the programme's terms are met. */
  closing: (relationshipId: string) => `/relationships/${relationshipId}#closing`,
  /** A meeting planned ahead, on the relationship page (accept, decline, another time, add to calendar). */
  plannedMeeting: (relationshipId: string, planId: string) => `/relationships/${relationshipId}#plan-${planId}`,
  /** The relationship's meeting log, to log the meeting the pair had (or plan the next). */
  meetings: (relationshipId: string) => `/relationships/${relationshipId}#meetings`,
  /** A planned meeting that has ended, with its record form open (the meeting log's entry, pre-filled from the plan). */
  recordPlannedMeeting: (relationshipId: string, planId: string) =>
    `/relationships/${relationshipId}?record=${planId}#plan-${planId}`,
  /** The relationship's coach thread, to read and answer the coach's message. */
  coachThread: (relationshipId: string) => `/relationships/${relationshipId}#coach-thread`,
  /** The relationship's pulse check-in card (top of the page), to answer the coach's question. */
  pulse: (relationshipId: string) => `/relationships/${relationshipId}#pulse`,
  /** The mentor profile, with the application's status and the reviewer's comment. */
  mentorApplication: () => `/profile#mentor-application`,
  /** An audit's verification request, on the Evidence screen. */
  auditVerification: (selectionId: string) => `/evidence#verification-${selectionId}`,
  /** The audit a person was selected for, on the Evidence screen: what is asked, by when, and the outcome. */
  auditSelection: (selectionId: string) => `/evidence#selection-${selectionId}`,
  /** One credential on the Evidence screen's credentials card (download, share, or read why it was revoked). */
  credential: (credentialId: string) => `/evidence#credential-${credentialId}`,
  /** The Evidence screen's credentials card: the relationships one can ask a credential for, and the answers. */
  credentials: () => `/evidence#credentials`,
} as const;

/** Paths in the admin app (apps/admin), for notifications to staff: stored as `admin:<path>`. */
export const ADMIN_LINK = 'admin:';
export const adminLinks = {
  /** The relationship detail of the admin app (pace, at-risk flags with reasons, pulse check-ins, thread). */
  relationship: (relationshipId: string) => `${ADMIN_LINK}/relationships/${relationshipId}`,
  /** The relationship's at-risk flags with their reasons, on the admin app's relationship detail. */
  atRisk: (relationshipId: string) => `${ADMIN_LINK}/relationships/${relationshipId}#flags`,
  /** The relationship's pulse check-ins (the answers and their notes) on the admin app's relationship detail. */
  pulse: (relationshipId: string) => `${ADMIN_LINK}/relationships/${relationshipId}#pulse`,
  /** The relationship's check-ins on the admin app's relationship detail, where the coach records the one due. */
  checkIns: (relationshipId: string) => `${ADMIN_LINK}/relationships/${relationshipId}#check-ins`,
  /** The relationship's coach thread in the admin app, to read and answer. */
  coachThread: (relationshipId: string) => `${ADMIN_LINK}/relationships/${relationshipId}#coach-thread`,
  /** The relationship's agreement card in the admin app, where a coach signs when the programme asks. */
  agreement: (relationshipId: string) => `${ADMIN_LINK}/relationships/${relationshipId}#agreement`,
  /** The relationship's Open Badges card in the admin app: open credential requests, issue or decline. */
  credentials: (relationshipId: string) => `${ADMIN_LINK}/relationships/${relationshipId}#credentials-title`,
  /** One webhook endpoint on the admin app's Webhooks page, its organisation chosen (to fix it and enable it again). */
  webhookEndpoint: (organizationId: string, endpointId: string) =>
    `${ADMIN_LINK}/webhooks?organisation=${organizationId}#endpoint-${endpointId}`,
} as const;

/** A notification's link as an absolute URL: admin-app paths on the admin app, the others on the participant app. */
export function linkUrl(urls: { web: string; admin: string }, link: string): string {
  return link.startsWith(ADMIN_LINK) ? appUrl(urls.admin, link.slice(ADMIN_LINK.length)) : appUrl(urls.web, link);
}

/** An app path as an absolute URL of the participant app (`WEB_APP_URL`, which may carry a base path). */
export function appUrl(webAppUrl: string, path: string): string {
  return webAppUrl.replace(/\/+$/, '') + path;
}

/** Sign-in emails' pages: participants use the web app, staff the admin app. */
export interface AccountLinkSettings {
  /** The admin app's page (PASSWORD_RESET_URL or EMAIL_CHANGE_URL). */
  staff: string;
  /** The participant app's page (from WEB_APP_URL). */
  participant: string;
}

/** The page for this person: the admin app when they hold any staff role, the participant app otherwise. */
export function pageFor(settings: AccountLinkSettings, roles: readonly string[]): string {
  return roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r)) ? settings.staff : settings.participant;
}
