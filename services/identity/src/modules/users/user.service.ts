import { STAFF_ROLES, ROLES, type Role } from '@tandem/contracts';
import {
  fieldError,
  hasRole,
  isUuid,
  loadAll,
  NotFound,
  readPage,
  requirePrincipal,
  requireRole,
  rowLoader,
  toConnection,
  uuids,
  type Database,
  type EventBus,
  type FieldError,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import type { AccessService } from '../access/access.service';
import { validateDisplayName, validateEmail, validatePhone } from '../auth/password-policy';
import type { ProfileSnapshots } from '../profiles/profile-snapshots';
import { MENTEE_PROFILES } from '../profiles/profile.repository';
import type { SessionStateService } from '../session-state/session-state.service';
import { served, type ServedConnection } from '../shared/api';
import type { UserListFilter, UserRepository, UserRow } from './user.repository';
import { ContactDetails, EraseAccountResult, toUser, userResult, type User, type UserResult } from './user.type';
import type { ChangeRolesInput, UpdateContactDetailsInput } from './user.inputs';

const USE_CHANGE_EMAIL = () =>
  fieldError(
    'input.email',
    'USE_CHANGE_EMAIL',
    'The sign-in email changes with requestEmailChange (it asks for your password).',
  );

type UserCursor = { createdAt: string; id: string };
const isUserCursor = (v: unknown): v is UserCursor =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as { createdAt?: unknown }).createdAt === 'string' &&
  typeof (v as { id?: unknown }).id === 'string';
const cursorOf = (r: UserRow): UserCursor => ({
  createdAt: r.cursorAt ?? new Date(r.createdAt).toISOString(),
  id: r.id,
});

/** The request's loader of people by id. */
const USERS_BY_ID = 'users:byId';

/**
 * Who people are: lookups with the visibility rules applied, role grants, contact details. A change of name or
 * organisation re-publishes the profile snapshots that carry them; the sign-in address changes only through
 * the email-change module.
 */
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly access: AccessService,
    private readonly snapshots: ProfileSnapshots,
    private readonly sessions: SessionStateService,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /**
   * The signed-in person. `selected` (the request's fields of them, when known): asked with their mentee profile
   * (the dashboard), both come in one statement, the profile left in the request's loader for its field.
   */
  async me(ctx: SubgraphContext, selected?: ReadonlySet<string>): Promise<User> {
    const principal = requirePrincipal(ctx);
    if (selected?.has('menteeProfile')) {
      const found = isUuid(principal.userId) ? await this.users.findWithMenteeProfile(principal.userId) : null;
      if (!found) throw NotFound('User');
      ctx.loaders.prime(USERS_BY_ID, found.row.id, found.row);
      ctx.loaders.prime(MENTEE_PROFILES, found.row.id, found.mentee);
      return toUser(found.row);
    }
    const [user] = await this.load(ctx, [principal.userId]);
    if (!user) throw NotFound('User');
    return user;
  }

  /** A person by id: NOT_FOUND when unknown or when the caller may see nothing of them. */
  async user(ctx: SubgraphContext, id: string): Promise<User> {
    requirePrincipal(ctx);
    const [user] = await this.load(ctx, [id]);
    if (!user || !(await this.access.can(ctx, user.record, 'person'))) throw NotFound('User');
    return user;
  }

  /** Staff list: admins and programme admins see everyone, coaches their organisation's people. */
  async list(
    ctx: SubgraphContext,
    args: {
      first?: number | null;
      after?: string | null;
      role?: Role | null;
      organizationId?: string | null;
      search?: string | null;
      mentorStatus?: string | null;
    },
  ): Promise<ServedConnection<User>> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN', 'COACH');
    const page = readPage(args, isUserCursor);
    const none = () => served(toConnection([], page, cursorOf, toUser, async () => 0));
    let organizationId = args.organizationId ?? null;
    if (!hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN')) {
      if (!principal.organizationId || (organizationId && organizationId !== principal.organizationId)) return none();
      organizationId = principal.organizationId;
    }
    if (organizationId && !isUuid(organizationId)) return none();
    const filter: UserListFilter = {
      role: args.role ?? null,
      organizationId,
      search: args.search?.trim() || null,
      // a coach may not see email addresses (access.policy canSeeContact), so a search must not match on them
      searchEmail: hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN'),
      mentorStatus: args.mentorStatus ?? null,
    };
    const rows = await this.users.list(filter, page.after, page.size + 1);
    return served(toConnection(rows, page, cursorOf, toUser, () => this.users.count(filter)));
  }

  /** Batched lookup for `_entities`, `me` and lists: one query per request, whatever the number of ids. */
  async load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<User | null>> {
    const loader = rowLoader(
      ctx,
      USERS_BY_ID,
      (u: UserRow) => u.id,
      (keys) => this.users.findByIds(uuids(keys)),
    );
    // a failed batch (database error) is thrown, never read as "not found"
    return (await loadAll(loader, ids)).map((row) => (row ? toUser(row) : null));
  }

  async displayName(ctx: SubgraphContext, user: User): Promise<string | null> {
    return (await this.access.can(ctx, user.record, 'person')) ? user.record.displayName : null;
  }

  async roles(ctx: SubgraphContext, user: User): Promise<Role[] | null> {
    return (await this.access.can(ctx, user.record, 'roles')) ? user.record.roles : null;
  }

  async createdAt(ctx: SubgraphContext, user: User): Promise<Date | null> {
    return (await this.access.can(ctx, user.record, 'roles')) ? new Date(user.record.createdAt) : null;
  }

  async organizationId(ctx: SubgraphContext, user: User): Promise<string | null> {
    return (await this.access.can(ctx, user.record, 'person')) ? user.record.organizationId : null;
  }

  async contact(ctx: SubgraphContext, user: User): Promise<ContactDetails | null> {
    if (!(await this.access.can(ctx, user.record, 'contact'))) return null;
    return Object.assign(new ContactDetails(), { email: user.record.email, phone: user.record.phone });
  }

  async grantRoles(ctx: SubgraphContext, input: ChangeRolesInput): Promise<UserResult> {
    return this.changeRoles(ctx, input, 'grant');
  }

  async revokeRoles(ctx: SubgraphContext, input: ChangeRolesInput): Promise<UserResult> {
    return this.changeRoles(ctx, input, 'revoke');
  }

  private async changeRoles(
    ctx: SubgraphContext,
    input: ChangeRolesInput,
    mode: 'grant' | 'revoke',
  ): Promise<UserResult> {
    const principal = requireRole(ctx, 'ADMIN');
    const target = isUuid(input.userId) ? await this.users.findById(input.userId) : null;
    if (!target) throw NotFound('User');
    const errors: FieldError[] = [];
    const requested = [...new Set(input.roles)];
    if (requested.length === 0) errors.push(fieldError('input.roles', 'REQUIRED', 'Name at least one role.'));
    if (mode === 'grant' && requested.some((r) => !STAFF_ROLES.includes(r))) {
      errors.push(
        fieldError(
          'input.roles',
          'NOT_STAFF_ROLE',
          'Only staff roles (COACH, PROGRAMME_ADMIN, ANALYST, ADMIN) are granted; people choose MENTEE and MENTOR themselves.',
        ),
      );
    }
    if (mode === 'revoke' && target.id === principal.userId && requested.includes('ADMIN')) {
      errors.push(fieldError('input.roles', 'LAST_ADMIN_GUARD', 'You cannot revoke your own ADMIN role.'));
    }
    let organizationId = target.organizationId;
    if (input.organizationId) {
      if (!isUuid(input.organizationId) || !(await this.users.hasOrganization(input.organizationId))) {
        errors.push(fieldError('input.organizationId', 'UNKNOWN_ORGANIZATION', 'There is no such organisation.'));
      } else organizationId = input.organizationId;
    }
    const roles: Role[] =
      mode === 'grant'
        ? ROLES.filter((r) => target.roles.includes(r) || requested.includes(r))
        : target.roles.filter((r) => !requested.includes(r));
    if (mode === 'grant' && roles.includes('COACH') && !organizationId) {
      errors.push(fieldError('input.organizationId', 'REQUIRED', 'A coach belongs to an organisation: name it.'));
    }
    if (errors.length) return userResult(null, errors);
    await this.db.transaction((tx) =>
      this.setRoles(tx, target, { roles, organizationId, changedBy: principal.userId }),
    );
    ctx.log.info(
      { userId: target.id, roles, by: principal.userId },
      `roles ${mode === 'grant' ? 'granted' : 'revoked'}`,
    );
    return userResult(toUser({ ...target, roles, organizationId }));
  }

  /**
   * The one path of a change of an account's roles (an ADMIN's grant or revocation, the groups of an
   * organisation's provider at a sign-in): writes them, publishes UserRolesChanged (the staff audit log's line,
   * the other subgraphs' read models), re-publishes the profile snapshots when the organisation changes, and
   * refuses the tokens issued before when a role is taken away. `from` is the account as read before the change.
   */
  async setRoles(
    tx: Tx,
    from: Pick<UserRow, 'id' | 'roles' | 'organizationId'>,
    change: { roles: Role[]; organizationId: string | null; changedBy: string; via?: 'SSO' },
  ): Promise<void> {
    await this.users.setRoles(tx, from.id, change.roles, change.organizationId);
    await this.events.publish(tx, 'UserRolesChanged', {
      userId: from.id,
      roles: change.roles,
      organizationId: change.organizationId,
      changedBy: change.changedBy,
      changedAt: new Date().toISOString(),
      ...(change.via ? { via: change.via } : {}),
    });
    if (change.organizationId !== from.organizationId) await this.snapshots.republish(tx, from.id);
    // older tokens carry the revoked role: they are refused, and the client's refresh gets the current roles
    if (from.roles.some((r) => !change.roles.includes(r))) await this.sessions.rolesRevoked(tx, from.id);
  }

  /**
   * Erases a person (themselves, or anyone by an ADMIN): personal data is removed here and UserErased tells the
   * other subgraphs to drop or pseudonymise theirs. The last admin cannot be erased.
   */
  async eraseAccount(ctx: SubgraphContext, userId: string): Promise<EraseAccountResult> {
    const principal = requirePrincipal(ctx);
    const self = userId === principal.userId;
    if (!self && !hasRole(principal, 'ADMIN')) throw NotFound('User');
    const result = (errors: FieldError[], erasedUserId: string | null = null) =>
      Object.assign(new EraseAccountResult(), { ok: errors.length === 0, errors, erasedUserId });
    const target = isUuid(userId) ? await this.users.findById(userId) : null;
    if (!target) throw NotFound('User');
    const pseudonym = `Former member ${target.id.slice(0, 8)}`;
    const refused = await this.db.transaction(async (tx) => {
      if (target.roles.includes('ADMIN') && (await this.users.otherAdmins(tx, target.id)) === 0) return true;
      await this.users.erase(tx, target.id, pseudonym);
      await this.sessions.accountErased(tx, target.id);
      await this.events.publish(tx, 'UserErased', {
        userId: target.id,
        pseudonym,
        erasedAt: new Date().toISOString(),
        erasedBy: principal.userId,
      });
      return false;
    });
    if (refused)
      return result([fieldError('userId', 'LAST_ADMIN', 'This is the only admin: grant ADMIN to someone else first.')]);
    ctx.log.info({ userId: target.id, by: principal.userId }, 'account erased');
    return result([], target.id);
  }

  async updateContactDetails(ctx: SubgraphContext, input: UpdateContactDetailsInput): Promise<UserResult> {
    const principal = requirePrincipal(ctx);
    const current = await this.users.findById(principal.userId);
    if (!current) throw NotFound('User');
    const displayName = input.displayName?.trim() ?? current.displayName;
    const email = input.email?.trim() ?? current.email;
    const phone = input.phone === undefined || input.phone === null ? current.phone : input.phone.trim() || null;
    const errors = [
      ...(input.displayName != null ? validateDisplayName(displayName, 'input.displayName') : []),
      ...(input.email != null ? validateEmail(email, 'input.email') : []),
      ...validatePhone(phone, 'input.phone'),
    ];
    // the sign-in address changes only through requestEmailChange (password, confirmation, notice to the old one)
    if (email.toLowerCase() !== current.email.toLowerCase()) errors.push(USE_CHANGE_EMAIL());
    if (errors.length) return userResult(null, errors);
    const taken = await this.db
      .transaction(async (tx) => {
        if (await this.users.emailTaken(tx, email, current.id)) return true;
        await this.users.setContact(tx, current.id, { displayName, email, phone });
        await this.events.publish(tx, 'UserContactChanged', {
          userId: current.id,
          displayName,
          email,
          phone,
          changedAt: new Date().toISOString(),
        });
        if (displayName !== current.displayName) await this.snapshots.republish(tx, current.id);
        return false;
      })
      .catch((error: { code?: string }) => {
        if (error?.code === '23505') return true; // the unique email index, under a concurrent change
        throw error;
      });
    if (taken) return userResult(null, [fieldError('input.email', 'TAKEN', 'Another account uses this email.')]);
    return userResult(toUser({ ...current, displayName, email, phone }));
  }
}
