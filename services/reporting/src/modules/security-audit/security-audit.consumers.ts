/**
 * The staff audit log's consumers: identity's security facts, and the exports other subgraphs hand to staff, become
 * lines of the log, once per event id.
 */
import type { ApiKeyFacts } from '@tandem/contracts';
import { consumers } from '@tandem/subgraph-kit';
import type { SecurityAuditRepository } from './security-audit.repository';

export interface SecurityAuditDeps {
  securityAudit: SecurityAuditRepository;
}

/** An API key's line: the key's facts as published (prefix, never the key), and no person as subject. */
const keyDetails = (e: ApiKeyFacts) => ({
  organizationId: e.organizationId,
  organizationName: e.organizationName,
  keyId: e.keyId,
  name: e.name,
  prefix: e.prefix,
  requestsPerMinute: e.requestsPerMinute,
});

export const securityAuditConsumers = consumers<SecurityAuditDeps>({
  StaffSignedIn: async ({ id, payload: e }, tx, { securityAudit }) =>
    securityAudit.append(tx, {
      eventId: id,
      kind: 'STAFF_SIGNED_IN',
      actorId: e.userId,
      subjectId: e.userId,
      occurredAt: e.signedInAt,
      // not the address: the log is append-only, so it could not forget it when the person is erased
      details: { roles: e.roles, secondFactor: e.secondFactor, signInMethod: e.signInMethod ?? 'PASSWORD' },
    }),
  UserRolesChanged: async ({ id, payload: e }, tx, { securityAudit }) =>
    securityAudit.append(tx, {
      eventId: id,
      kind: 'ROLES_CHANGED',
      actorId: e.changedBy,
      subjectId: e.userId,
      occurredAt: e.changedAt,
      // via: 'SSO' when the organisation's provider's groups made the change (absent for an ADMIN's change)
      details: { roles: e.roles, ...(e.via ? { via: e.via } : {}) },
    }),
  UserErased: async ({ id, payload: e }, tx, { securityAudit }) =>
    securityAudit.append(tx, {
      eventId: id,
      kind: 'ACCOUNT_ERASED',
      // events from before erasedBy was published name no actor
      actorId: e.erasedBy ?? null,
      subjectId: e.userId,
      occurredAt: e.erasedAt,
      details: {},
    }),
  UserSuspensionChanged: async ({ id, payload: e }, tx, { securityAudit }) =>
    securityAudit.append(tx, {
      eventId: id,
      kind: 'SUSPENSION_CHANGED',
      actorId: e.changedBy,
      subjectId: e.userId,
      occurredAt: e.changedAt,
      details: { suspended: e.suspended },
    }),
  StaffSecondFactorChanged: async ({ id, payload: e }, tx, { securityAudit }) =>
    securityAudit.append(tx, {
      eventId: id,
      kind: 'SECOND_FACTOR_CHANGED',
      actorId: e.changedBy,
      subjectId: e.userId,
      occurredAt: e.changedAt,
      details: { change: e.change },
    }),
  // relationships returned an organisation's caseload for a file and recorded it in the same request
  CaseloadExported: async ({ id, payload: e }, tx, { securityAudit }) =>
    securityAudit.append(tx, {
      eventId: id,
      kind: 'LIST_EXPORTED',
      actorId: e.exportedBy,
      subjectId: null,
      occurredAt: e.exportedAt,
      details: {
        list: 'CASELOAD',
        format: e.format,
        rowCount: e.rowCount,
        filters: { organizationId: e.organizationId },
      },
    }),
  ApiKeyCreated: async ({ id, payload: e }, tx, { securityAudit }) =>
    securityAudit.append(tx, {
      eventId: id,
      kind: 'API_KEY_CREATED',
      actorId: e.createdBy,
      subjectId: null,
      occurredAt: e.createdAt,
      details: keyDetails(e),
    }),
  ApiKeyRevoked: async ({ id, payload: e }, tx, { securityAudit }) =>
    securityAudit.append(tx, {
      eventId: id,
      kind: 'API_KEY_REVOKED',
      actorId: e.revokedBy,
      subjectId: null,
      occurredAt: e.revokedAt,
      details: keyDetails(e),
    }),
});
