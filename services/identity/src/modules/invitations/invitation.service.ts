import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  fieldError,
  isTimeIdCursor,
  isUuid,
  readPage,
  requireRole,
  toConnection,
  type Database,
  type EventBus,
  type FieldError,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { STAFF_ROLES, type ParticipantRole, type Principal } from '@tandem/contracts';
import { passwordHasher } from '../auth/password-hasher';
import { validateDisplayName, validatePassword } from '../auth/password-policy';
import type { EnrolmentRepository } from '../enrolments/enrolment.repository';
import type { Language } from '../language/language';
import type { Mailer } from '../notifications/mailer';
import type { AccountLinkSettings } from '../notifications/notification.links';
import { pageFor } from '../notifications/notification.links';
import type { UserRepository } from '../users/user.repository';
import type { InvitationRepository, InvitationRow, NewInvitation } from './invitation.repository';
import { invitationEmail, invitationLink, invitationPurpose } from './invitation.messages';
import { checkRows, coachOnly, readInvitationFile, type CheckedRow, type RawRow } from './invitation.rules';
import {
  AcceptInvitationResult,
  Invitation,
  InvitationOffer,
  InvitationPreview,
  InvitationRowCheck,
  RevokeInvitationResult,
  SendInvitationsResult,
  type AcceptInvitationInput,
  type InvitationBatchInput,
  type InvitationConnection,
  type InvitationStatus,
  type InviteInput,
} from './invitation.type';

export const INVITATION_TTL_DAYS = 14;
/** The language of an invitation to no programme (staff of an organisation, the platform): English. */
export const INVITATION_LANGUAGE: Language = 'en';
const MAX_TOKEN_LENGTH = 200;
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const toCheck = (row: CheckedRow) =>
  Object.assign(new InvitationRowCheck(), {
    line: row.line,
    email: row.email || null,
    displayName: row.displayName || null,
    role: row.role,
    problems: row.problems,
  });

const statusOf = (row: InvitationRow): InvitationStatus =>
  row.acceptedAt
    ? 'ACCEPTED'
    : row.revokedAt
      ? 'REVOKED'
      : new Date(row.expiresAt) <= new Date()
        ? 'EXPIRED'
        : 'PENDING';

const toInvitation = (row: InvitationRow) =>
  Object.assign(new Invitation(), {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    programmeId: row.programmeId,
    organizationId: row.organizationId,
    status: statusOf(row),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  });

/**
 * Invitations: an ADMIN invites anyone into any role, a PROGRAMME_ADMIN mentees and mentors into a programme, a
 * COACH mentees and mentors into a programme their organisation runs (and sees and revokes only their own); one
 * at a time or from a CSV file checked row by row first (a preview, then the rows without a problem are sent,
 * together). Each invitation is an email with a single-use link to the app the person will work in; accepting it
 * makes the account with the role (and the programme's enrolment) the invitation names.
 */
export class InvitationService {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly users: UserRepository,
    private readonly enrolments: EnrolmentRepository,
    private readonly mailer: Mailer,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly links: AccountLinkSettings,
  ) {}

  async preview(ctx: SubgraphContext, input: InvitationBatchInput): Promise<InvitationPreview> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN', 'COACH');
    const { rows, errors } = await this.check(principal, input);
    return Object.assign(new InvitationPreview(), {
      rows: rows.map(toCheck),
      ready: rows.filter((r) => !r.problems.length).length,
      refused: rows.filter((r) => r.problems.length).length,
      errors,
    });
  }

  async sendBatch(ctx: SubgraphContext, input: InvitationBatchInput): Promise<SendInvitationsResult> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN', 'COACH');
    const { rows, errors } = await this.check(principal, input);
    if (errors.length) return this.sent(0, [], errors);
    const ready = rows.filter((r) => !r.problems.length);
    await this.create(ctx, principal, ready);
    return this.sent(ready.length, rows.filter((r) => r.problems.length).map(toCheck), []);
  }

  /** One person: the same checks as a file's row, named after the input's fields. */
  async inviteOne(ctx: SubgraphContext, input: InviteInput): Promise<SendInvitationsResult> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN', 'COACH');
    const raw: RawRow = { line: 1, email: input.email, name: input.displayName, role: input.role, organisation: '' };
    const { rows, errors } = await this.check(principal, input, [raw]);
    const field: Record<string, string> = {
      email: 'input.email',
      name: 'input.displayName',
      role: 'input.role',
      programme: 'input.programmeId',
      organisation: 'input.organizationId',
    };
    const problems = [
      ...errors.map((e) => ({ ...e, field: e.field.replace('input.csv', 'input') })),
      ...(rows[0]?.problems ?? []).map((e) => ({ ...e, field: field[e.field] ?? e.field })),
    ];
    if (problems.length) return this.sent(0, [], problems);
    await this.create(ctx, principal, rows);
    return this.sent(1, [], []);
  }

  /** What a link offers, for its page before accepting; null for a link that cannot be used (alike, whatever the reason). */
  async offer(token: string): Promise<InvitationOffer | null> {
    const hash = this.tokenHash(token);
    const row = hash ? await this.invitations.openByToken(hash) : null;
    if (!row) return null;
    const programme = row.programmeId ? await this.invitations.programme(row.programmeId) : null;
    return Object.assign(new InvitationOffer(), {
      email: row.email,
      displayName: row.displayName,
      role: row.role,
      programmeName: programme?.name ?? null,
      expiresAt: row.expiresAt,
    });
  }

  async accept(ctx: SubgraphContext, input: AcceptInvitationInput): Promise<AcceptInvitationResult> {
    const result = (email: string | null, errors: FieldError[]) =>
      Object.assign(new AcceptInvitationResult(), { email, errors });
    const invalid = () =>
      result(null, [
        fieldError(
          'input.token',
          'INVITATION_INVALID',
          'This invitation link cannot be used any more: ask for a new one.',
        ),
      ]);
    const hash = this.tokenHash(input.token);
    if (!hash) return invalid();
    const preview = await this.invitations.openByToken(hash);
    if (!preview) return invalid();
    const displayName = input.displayName.trim();
    const problems = [
      ...validateDisplayName(displayName, 'input.displayName'),
      ...validatePassword(input.password, { email: preview.email, displayName }, 'input.password'),
    ];
    if (problems.length) return result(null, problems);
    const passwordHash = await passwordHasher.hash(input.password);
    return this.db.transaction(async (tx) => {
      const invitation = await this.invitations.openByToken(hash, tx);
      if (!invitation) return invalid();
      const userId = randomUUID();
      const roles = [invitation.role];
      const inserted = await this.users.insert(tx, {
        id: userId,
        email: invitation.email,
        displayName,
        roles,
        organizationId: invitation.organizationId,
        passwordHash,
      });
      if (!inserted)
        return result(null, [
          fieldError('input.token', 'ALREADY_REGISTERED', 'This address has an account already: sign in with it.'),
        ]);
      const now = new Date().toISOString();
      await this.events.publish(tx, 'UserRegistered', {
        userId,
        displayName,
        roles,
        organizationId: invitation.organizationId,
        registeredAt: now,
      });
      await this.events.publish(tx, 'UserContactChanged', {
        userId,
        displayName,
        email: invitation.email,
        phone: null,
        changedAt: now,
      });
      if (STAFF_ROLES.includes(invitation.role)) {
        // the staff audit log names who granted the role: the inviter
        await this.events.publish(tx, 'UserRolesChanged', {
          userId,
          roles,
          organizationId: invitation.organizationId,
          changedBy: invitation.invitedBy,
          changedAt: now,
        });
      }
      if (invitation.programmeId) {
        const role = invitation.role as ParticipantRole; // a programme's invitation is a mentee's or a mentor's
        const row = await this.enrolments.enrol(tx, {
          id: randomUUID(),
          programmeId: invitation.programmeId,
          userId,
          role,
          cohortId: null,
        });
        await this.events.publish(tx, 'ProgrammeEnrolled', {
          userId,
          programmeId: invitation.programmeId,
          cohortId: null,
          role,
          organizationId: invitation.organizationId,
          enrolledAt: new Date(row.enrolledAt).toISOString(),
        });
      }
      await this.invitations.markAccepted(tx, invitation.id, userId);
      ctx.log.info({ userId, invitationId: invitation.id }, 'invitation accepted');
      return result(invitation.email, []);
    });
  }

  async list(ctx: SubgraphContext, first: number | null, after: string | null): Promise<InvitationConnection> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN', 'COACH');
    const invitedBy = coachOnly(principal) ? principal.userId : null;
    const page = readPage({ first, after }, isTimeIdCursor);
    const rows = await this.invitations.page(page.after, page.size, invitedBy);
    return toConnection(
      rows,
      page,
      (r) => [new Date(r.createdAt).toISOString(), r.id],
      toInvitation,
      () => this.invitations.count(invitedBy),
    );
  }

  async revoke(ctx: SubgraphContext, id: string): Promise<RevokeInvitationResult> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN', 'COACH');
    const row = isUuid(id) ? await this.invitations.byId(id) : null;
    const mine =
      row &&
      (principal.roles.includes('ADMIN') ||
        (!STAFF_ROLES.includes(row.role) && (!coachOnly(principal) || row.invitedBy === principal.userId)));
    const revoked = !!mine && (await this.invitations.revoke(id));
    return Object.assign(new RevokeInvitationResult(), {
      revoked,
      errors: revoked ? [] : [fieldError('id', 'NOT_OPEN', 'There is no open invitation of this id to revoke.')],
    });
  }

  private sent(sent: number, refusedRows: InvitationRowCheck[], errors: FieldError[]): SendInvitationsResult {
    return Object.assign(new SendInvitationsResult(), { sent, refusedRows, errors });
  }

  private tokenHash(token: string): string | null {
    return token.length > 0 && token.length <= MAX_TOKEN_LENGTH ? hashToken(token) : null;
  }

  /** The batch's programme and organisation, then every row against what exists now. */
  private async check(
    principal: Principal,
    input: { csv?: string; programmeId?: string | null; organizationId?: string | null },
    given?: RawRow[],
  ): Promise<{ rows: CheckedRow[]; errors: FieldError[] }> {
    const file = given ? { rows: given, errors: [] } : readInvitationFile(input.csv ?? '');
    const errors = [...file.errors];
    const programmeId = input.programmeId ?? null;
    if (programmeId !== null && !(isUuid(programmeId) && (await this.invitations.programme(programmeId))))
      errors.push(fieldError('input.programmeId', 'UNKNOWN_PROGRAMME', 'There is no such programme.'));
    const organizationId = input.organizationId ?? null;
    if (
      organizationId !== null &&
      !(isUuid(organizationId) && (await this.invitations.organisationExists(organizationId)))
    )
      errors.push(fieldError('input.organizationId', 'UNKNOWN_ORGANIZATION', 'There is no such organisation.'));
    if (!errors.length && coachOnly(principal)) {
      if (programmeId === null)
        errors.push(
          fieldError(
            'input.programmeId',
            'PROGRAMME_REQUIRED',
            'Choose the programme: a coach invites mentees and mentors into a programme their organisation runs.',
          ),
        );
      else if (
        !principal.organizationId ||
        !(await this.invitations.programmeRunBy(programmeId, principal.organizationId))
      )
        errors.push(
          fieldError(
            'input.programmeId',
            'NOT_YOUR_PROGRAMME',
            'You can invite only into programmes your organisation runs.',
          ),
        );
    }
    if (errors.length) return { rows: [], errors };
    const [taken, organisationsByName] = await Promise.all([
      this.invitations.taken(file.rows.map((r) => r.email.trim())),
      this.invitations.organisationsByName(),
    ]);
    const rows = checkRows(file.rows, {
      inviter: principal,
      programmeId,
      organizationId,
      organisationsByName,
      registered: taken.registered,
      invited: taken.invited,
    });
    return { rows, errors: [] };
  }

  /** Writes the invitations together, then emails each its link (a mail that fails is logged; the invitation stays). */
  private async create(ctx: SubgraphContext, principal: Principal, rows: readonly CheckedRow[]): Promise<void> {
    const tokens = new Map<string, string>();
    const news: NewInvitation[] = rows.map((r) => {
      const id = randomUUID();
      const token = randomBytes(32).toString('base64url');
      tokens.set(id, token);
      return {
        id,
        email: r.email,
        displayName: r.displayName,
        role: r.role!,
        organizationId: r.organizationId,
        programmeId: r.programmeId,
        tokenHash: hashToken(token),
        invitedBy: principal.userId,
        ttlDays: INVITATION_TTL_DAYS,
      };
    });
    await this.db.transaction((tx) => this.invitations.insertAll(tx, news));
    const [inviter] = await this.users.findByIds([principal.userId]);
    const inviterName = inviter?.displayName ?? null;
    // the invited person has no account, so no saved language: an invitation to a programme is written in the
    // programme's default language, any other in English
    const programmes = new Map<string, { name: string; defaultLanguage: Language }>();
    const organisations = new Map<string, string>();
    for (const n of news) {
      if (n.programmeId && !programmes.has(n.programmeId))
        programmes.set(
          n.programmeId,
          (await this.invitations.programme(n.programmeId)) ?? { name: '', defaultLanguage: INVITATION_LANGUAGE },
        );
      if (n.organizationId && !organisations.has(n.organizationId))
        organisations.set(n.organizationId, (await this.invitations.organisationName(n.organizationId)) ?? '');
    }
    for (const n of news) {
      const programme = n.programmeId ? programmes.get(n.programmeId) : undefined;
      const language = programme?.defaultLanguage ?? INVITATION_LANGUAGE;
      try {
        await this.mailer.send(
          invitationEmail({
            invitationId: n.id,
            to: n.email,
            toName: n.displayName,
            inviterName,
            purpose: invitationPurpose(
              n.role,
              programme?.name || null,
              n.organizationId ? organisations.get(n.organizationId) || null : null,
              language,
            ),
            link: invitationLink(pageFor(this.links, [n.role]), tokens.get(n.id)!),
            ttlDays: INVITATION_TTL_DAYS,
            language,
          }),
        );
      } catch (error) {
        ctx.log.error({ err: error, invitationId: n.id }, 'invitation email not sent');
      }
    }
    ctx.log.info({ count: news.length, by: principal.userId }, 'invitations sent');
  }
}
