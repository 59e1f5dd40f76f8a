import {
  BadInput,
  fieldError,
  type FieldError,
  hasRole,
  isTimeIdCursor,
  isUuid,
  readPage,
  requireRole,
  toConnection,
  type Database,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import { STAFF_ROLES, type Principal } from '@tandem/contracts';
import {
  auditCursor,
  type SecurityAuditEntry,
  type SecurityAuditFilterValues,
  type SecurityAuditRepository,
} from './security-audit.repository';
import { toSecurityAuditEvent } from './security-audit.type';
import type { RecordListExportInput, SecurityAuditFilter } from './security-audit.inputs';
import { SecurityAuditKind as Kind, type RecordListExportResult } from './security-audit.type';
import { resolved } from '../shared/connection';

/**
 * The staff audit log: lines from identity's security facts (the consumers) and from reporting's own exports
 * (recorded here, in the export's transaction); read by ADMINs only.
 */
export class SecurityAuditService {
  constructor(
    private readonly log: SecurityAuditRepository,
    private readonly db: Database,
  ) {}

  /** ADMIN: the log, newest first, filtered. */
  async list(
    ctx: SubgraphContext,
    args: { first?: number | null; after?: string | null },
    filter?: SecurityAuditFilter | null,
  ) {
    requireRole(ctx, 'ADMIN');
    const values = checkFilter(filter ?? {});
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.log.page(values, page.after, page.size + 1);
    return resolved(toConnection(rows, page, auditCursor, toSecurityAuditEvent, () => this.log.count(values)));
  }

  /**
   * An export made by staff (a person's own exports are theirs, not a staff action): one line, in the export's
   * transaction when it has one, else in a transaction of its own. Returns whether a line was written.
   */
  async recordExport(
    principal: Principal,
    entry: Pick<SecurityAuditEntry, 'kind' | 'subjectId' | 'details'>,
    tx?: Tx,
  ): Promise<boolean> {
    if (!isStaffAction(principal, entry.subjectId)) return false;
    const line = { ...entry, eventId: null, actorId: principal.userId, occurredAt: new Date() };
    if (tx) await this.log.append(tx, line);
    else await this.db.transaction((own) => this.log.append(own, line));
    return true;
  }
}

/** The most rows one list export holds (the admin app's limit). */
export const MAX_EXPORT_ROWS = 10_000;
const MAX_FILTERS_CHARS = 2_000;

/**
 * Staff (coach, programme admin, analyst, admin) record a list export before the admin app writes the file:
 * who exported which list, in which format, how many rows, with which filters. The file is made in the browser
 * from rows read through the gateway (each role's access rules apply), so this line is the trace of it.
 */
export async function recordListExport(
  service: SecurityAuditService,
  ctx: SubgraphContext,
  input: RecordListExportInput,
): Promise<RecordListExportResult> {
  const principal = requireRole(ctx, ...STAFF_ROLES);
  const errors: FieldError[] = [];
  if (!Number.isInteger(input.rowCount) || input.rowCount < 0 || input.rowCount > MAX_EXPORT_ROWS)
    errors.push(
      fieldError('input.rowCount', 'OUT_OF_RANGE', `Between 0 and ${MAX_EXPORT_ROWS} rows.`, {
        min: 0,
        max: MAX_EXPORT_ROWS,
      }),
    );
  const filters = input.filters ?? {};
  if (JSON.stringify(filters).length > MAX_FILTERS_CHARS)
    errors.push(fieldError('input.filters', 'TOO_LONG', `At most ${MAX_FILTERS_CHARS} characters.`));
  if (errors.length) return { recorded: false, errors };
  const recorded = await service.recordExport(principal, {
    kind: Kind.LIST_EXPORTED,
    subjectId: null,
    details: { list: input.list, format: input.format, rowCount: input.rowCount, filters },
  });
  return { recorded, errors: [] };
}

/** A staff member's action, or anyone's on someone else's data. */
export function isStaffAction(principal: Principal, subjectId: string | null): boolean {
  return hasRole(principal, ...STAFF_ROLES) || (subjectId !== null && subjectId !== principal.userId);
}

function checkFilter(filter: SecurityAuditFilter): SecurityAuditFilterValues {
  const problems: Array<{ field: string; message: string }> = [];
  for (const key of ['actorId', 'subjectId'] as const) {
    const v = filter[key];
    if (v != null && !isUuid(v)) problems.push({ field: `filter.${key}`, message: 'must be a user id' });
  }
  if (filter.from && filter.to && filter.from > filter.to)
    problems.push({ field: 'filter.to', message: 'must not be before from' });
  if (problems.length) throw BadInput(problems);
  return {
    actorId: filter.actorId ?? null,
    subjectId: filter.subjectId ?? null,
    kind: filter.kind ?? null,
    from: filter.from ?? null,
    to: filter.to ?? null,
  };
}
