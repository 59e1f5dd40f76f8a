import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes, FieldError, JSONObject } from '@tandem/subgraph-kit';
import { User } from '../users/user.type';
import type { SecurityAuditRow } from './security-audit.repository';

export enum SecurityAuditKind {
  STAFF_SIGNED_IN = 'STAFF_SIGNED_IN',
  ROLES_CHANGED = 'ROLES_CHANGED',
  ACCOUNT_ERASED = 'ACCOUNT_ERASED',
  SUSPENSION_CHANGED = 'SUSPENSION_CHANGED',
  SECOND_FACTOR_CHANGED = 'SECOND_FACTOR_CHANGED',
  CPD_EXPORT_CREATED = 'CPD_EXPORT_CREATED',
  PERSONAL_DATA_EXPORTED = 'PERSONAL_DATA_EXPORTED',
  LIST_EXPORTED = 'LIST_EXPORTED',
  API_KEY_CREATED = 'API_KEY_CREATED',
  API_KEY_REVOKED = 'API_KEY_REVOKED',
}
registerEnumType(SecurityAuditKind, {
  name: 'SecurityAuditKind',
  description:
    'What a line of the staff audit log records: a staff sign-in, roles granted or revoked, an erasure, a suspension or reinstatement, a second factor set up or removed, a CPD export (statement, tracking sheet or letter) made by staff, a personal data export made by an ADMIN, a list of the admin app exported by staff (CSV or XLSX), an organisation’s API key created or revoked.',
});

@ObjectType({ description: 'One line of the staff audit log (append-only).' })
export class SecurityAuditEvent {
  @Field(() => ID, { description: 'The line id.' })
  id!: string;

  @Field(() => SecurityAuditKind, { description: 'What happened.' })
  kind!: SecurityAuditKind;

  @Field(() => Date, { description: 'When it happened.' })
  occurredAt!: Date;

  @Field(() => Date, { description: 'When the log recorded it.' })
  recordedAt!: Date;

  @Field(() => User, { nullable: true, description: 'Who did it (null when the fact does not say).' })
  actor!: User | null;

  @Field(() => User, { nullable: true, description: 'Whose account or data it concerns.' })
  subject!: User | null;

  @Field(() => JSONObject, {
    description:
      'The facts of the kind: roles (the roles after the change, or the roles signed in with), via (SSO when the organisation’s single sign-on changed the roles), secondFactor, suspended, change, format and period of an export; for an API key its organizationId, organizationName, keyId, name, prefix (never the key) and requestsPerMinute.',
  })
  details!: Record<string, unknown>;
}

const user = (id: string | null) => (id ? Object.assign(new User(), { id }) : null);

export function toSecurityAuditEvent(row: SecurityAuditRow): SecurityAuditEvent {
  return Object.assign(new SecurityAuditEvent(), {
    id: row.id,
    kind: row.kind as SecurityAuditKind,
    occurredAt: new Date(row.occurredAt),
    recordedAt: new Date(row.recordedAt),
    actor: user(row.actorId),
    subject: user(row.subjectId),
    details: row.details ?? {},
  });
}

export const { ConnectionType: SecurityAuditEventConnection } = connectionTypes(
  SecurityAuditEvent,
  'SecurityAuditEvent',
  'staff audit log line',
);

/** The admin app's lists that staff export (issue 19). */
export enum ExportedList {
  RELATIONSHIPS = 'RELATIONSHIPS',
  PROPOSALS = 'PROPOSALS',
  MENTOR_APPLICATIONS = 'MENTOR_APPLICATIONS',
  USERS = 'USERS',
  CASELOAD = 'CASELOAD',
  PROGRAMME_STATISTICS = 'PROGRAMME_STATISTICS',
}
registerEnumType(ExportedList, { name: 'ExportedList', description: 'A list of the admin app that staff export.' });

export enum ListExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(ListExportFormat, { name: 'ListExportFormat', description: 'The file format of a list export.' });

@ObjectType({ description: 'The outcome of recording a list export: whether the audit line was written, or why not.' })
export class RecordListExportResult {
  @Field(() => Boolean, { description: 'The line was written to the staff audit log.' })
  recorded!: boolean;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];
}
