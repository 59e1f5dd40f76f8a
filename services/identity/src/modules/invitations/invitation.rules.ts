/**
 * Reading an invitation file and checking each row before anything is sent: pure functions over the file and what
 * the service looked up (accounts and open invitations of the file's addresses, organisations by name), so the
 * preview and the send agree row for row.
 */
import { parse } from 'csv-parse/sync';
import { fieldError, type FieldError } from '@tandem/subgraph-kit';
import { ROLES, STAFF_ROLES, type Principal, type Role } from '@tandem/contracts';
import { validateDisplayName, validateEmail } from '../auth/password-policy';

export const MAX_ROWS = 1000;

/** A row as written in the file (its line counts the header as line 1). */
export interface RawRow {
  line: number;
  email: string;
  name: string;
  role: string;
  organisation: string;
}

/** A row checked: the person to invite when `problems` is empty. */
export interface CheckedRow {
  line: number;
  email: string;
  displayName: string;
  role: Role | null;
  organizationId: string | null;
  programmeId: string | null;
  problems: FieldError[];
}

export interface RowContext {
  inviter: Principal;
  /** The batch's programme (checked to exist), for MENTEE and MENTOR rows. */
  programmeId: string | null;
  /** The batch's organisation (checked to exist), for COACH rows without one of their own. */
  organizationId: string | null;
  organisationsByName: ReadonlyMap<string, string>;
  registered: ReadonlySet<string>;
  invited: ReadonlySet<string>;
}

const COLUMN_NAMES: Record<string, keyof Omit<RawRow, 'line'>> = {
  email: 'email',
  'e-mail': 'email',
  name: 'name',
  'display name': 'name',
  role: 'role',
  organisation: 'organisation',
  organization: 'organisation',
};

/** The file's rows, or why it cannot be read as a whole (`input.csv`). */
export function readInvitationFile(csv: string): { rows: RawRow[]; errors: FieldError[] } {
  const text = csv.replace(/^\uFEFF/, '');
  if (!text.trim()) return { rows: [], errors: [fieldError('input.csv', 'EMPTY', 'The file is empty.')] };
  const firstLine = text.split(/\r?\n/, 1)[0]!;
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true, bom: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { rows: [], errors: [fieldError('input.csv', 'UNREADABLE', `The file is not valid CSV: ${message}`)] };
  }
  const header = records[0]!.map((h) => COLUMN_NAMES[h.trim().toLowerCase()]);
  const missing = (['email', 'name', 'role'] as const).filter((c) => !header.includes(c));
  if (missing.length)
    return {
      rows: [],
      errors: [
        fieldError(
          'input.csv',
          'MISSING_COLUMN',
          `The first row must name the columns; missing: ${missing.join(', ')} (and organisation for coaches).`,
        ),
      ],
    };
  if (records.length - 1 > MAX_ROWS)
    return {
      rows: [],
      errors: [fieldError('input.csv', 'TOO_MANY_ROWS', `At most ${MAX_ROWS} people per file; split it.`)],
    };
  const rows = records.slice(1).map((record, i) => {
    const row: RawRow = { line: i + 2, email: '', name: '', role: '', organisation: '' };
    header.forEach((column, c) => {
      if (column) row[column] = record[c] ?? '';
    });
    return row;
  });
  if (!rows.length) return { rows, errors: [fieldError('input.csv', 'EMPTY', 'The file has no one to invite.')] };
  return { rows, errors: [] };
}

/** "Programme admin", "programme_admin" and "PROGRAMME-ADMIN" all name PROGRAMME_ADMIN. */
export function roleOf(value: string): Role | null {
  const key = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_')
    .replace(/^PROGRAM_ADMIN$/, 'PROGRAMME_ADMIN');
  return (ROLES as readonly string[]).includes(key) ? (key as Role) : null;
}

/**
 * Which roles this person may invite: an ADMIN any; a PROGRAMME_ADMIN, or a COACH (into a programme their
 * organisation runs, which the service checks), participants only.
 */
export function mayInvite(inviter: Principal, role: Role): boolean {
  if (inviter.roles.includes('ADMIN')) return true;
  const staffInviter = inviter.roles.includes('PROGRAMME_ADMIN') || inviter.roles.includes('COACH');
  return staffInviter && !STAFF_ROLES.includes(role);
}

/** A coach who is neither programme admin nor admin: invites only into their organisation's programmes, and sees only their own invitations. */
export const coachOnly = (p: Principal): boolean =>
  p.roles.includes('COACH') && !p.roles.includes('ADMIN') && !p.roles.includes('PROGRAMME_ADMIN');

export function checkRows(rows: readonly RawRow[], ctx: RowContext): CheckedRow[] {
  const seen = new Set<string>();
  return rows.map((raw) => {
    const problems: FieldError[] = [];
    const email = raw.email.trim();
    const key = email.toLowerCase();
    problems.push(...validateEmail(email, 'email'));
    if (!problems.length) {
      if (seen.has(key))
        problems.push(fieldError('email', 'DUPLICATE_IN_FILE', 'This address is on an earlier row of the file.'));
      else if (ctx.registered.has(key))
        problems.push(fieldError('email', 'ALREADY_REGISTERED', 'This address already has an account.'));
      else if (ctx.invited.has(key))
        problems.push(fieldError('email', 'ALREADY_INVITED', 'This address has an invitation waiting.'));
    }
    seen.add(key);
    const displayName = raw.name.trim();
    problems.push(...validateDisplayName(displayName, 'name'));
    const role = roleOf(raw.role);
    let organizationId: string | null = null;
    let programmeId: string | null = null;
    if (!role) {
      problems.push(
        fieldError('role', 'UNKNOWN_ROLE', 'Use mentee, mentor, coach, programme admin, analyst or admin.'),
      );
    } else if (!mayInvite(ctx.inviter, role)) {
      problems.push(fieldError('role', 'ROLE_NOT_ALLOWED', `Only an admin invites people as ${role}.`));
    } else if (role === 'MENTEE' || role === 'MENTOR') {
      programmeId = ctx.programmeId;
      if (!programmeId)
        problems.push(fieldError('programme', 'PROGRAMME_REQUIRED', 'Choose the programme mentees and mentors join.'));
    } else if (role === 'COACH') {
      const named = raw.organisation.trim();
      organizationId = named ? (ctx.organisationsByName.get(named.toLowerCase()) ?? null) : ctx.organizationId;
      if (named && !organizationId)
        problems.push(fieldError('organisation', 'UNKNOWN_ORGANIZATION', `There is no organisation named “${named}”.`));
      else if (!organizationId)
        problems.push(
          fieldError('organisation', 'ORGANIZATION_REQUIRED', 'Name the organisation the coach works for.'),
        );
    }
    return { line: raw.line, email, displayName, role, organizationId, programmeId, problems };
  });
}
