import { randomUUID } from 'node:crypto';
import {
  FieldErrors,
  hasRole,
  isTimeIdCursor,
  isUuid,
  NotFound,
  outcome,
  readPage,
  refuse,
  requirePrincipal,
  toConnection,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { accessPolicy } from '../access/access.policy';
import type { ProgrammeRepository } from '../programmes/programme.repository';
import type { Programme } from '../programmes/programme.type';
import { resultOf, served, type ServedConnection } from '../shared/api';
import { programmeIdOf } from '../shared/programme-id';
import type { UserRepository } from '../users/user.repository';
import type { User } from '../users/user.type';
import type { EnrollInput } from './enrolment.inputs';
import type { EnrolmentRepository, EnrolmentRow, EnrolmentScope } from './enrolment.repository';
import { EnrollmentResult, toEnrolment, type ProgrammeEnrolment } from './enrolment.type';

type Page = { first?: number | null; after?: string | null };
const cursorOf = (r: EnrolmentRow): [string, string] => [r.cursorAt, r.id];

/**
 * Who takes part in which programme: people enrol themselves in a role they hold, staff enrol others; staff see a
 * programme's enrolments (coaches only their organisation's people), a person their own.
 */
export class EnrolmentService {
  constructor(
    private readonly repo: EnrolmentRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly users: UserRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  async enrol(ctx: SubgraphContext, input: EnrollInput): Promise<EnrollmentResult> {
    const principal = requirePrincipal(ctx);
    const userId = input.userId ?? principal.userId;
    const self = userId === principal.userId;
    const result = await outcome('enrollment', () =>
      this.db.transaction(async (tx) => {
        const target = isUuid(userId) ? await this.users.findById(userId, tx) : null;
        const staff =
          hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN') || (!!target && accessPolicy.isOwnCoach(principal, target));
        if (!target || (!self && !staff)) throw NotFound('User');
        const programmeId = programmeIdOf(input, 'input.programmeId');
        if (!programmeId) throw refuse('input.programmeId', 'REQUIRED', 'Name the programme.');
        const programme = isUuid(programmeId) ? (await this.programmes.byIds([programmeId], tx))[0] : null;
        if (!programme) throw NotFound('Programme');
        const errors = new FieldErrors();
        if (!target.roles.includes(input.role)) {
          errors.add(
            'input.role',
            'ROLE_NOT_HELD',
            `${self ? 'You do' : 'This person does'} not hold the ${input.role} role.`,
          );
        }
        let cohortId: string | null = null;
        if (input.cohortId) {
          const [cohort] = isUuid(input.cohortId) ? await this.programmes.cohortsByIds([input.cohortId], tx) : [];
          if (!cohort || cohort.programmeId !== programme.id)
            errors.add('input.cohortId', 'UNKNOWN_COHORT', 'This programme has no such cohort.');
          else cohortId = cohort.id;
        }
        errors.throwIfAny();
        const row = await this.repo.enrol(tx, {
          id: randomUUID(),
          programmeId: programme.id,
          userId: target.id,
          role: input.role,
          cohortId,
        });
        await this.events.publish(tx, 'ProgrammeEnrolled', {
          userId: target.id,
          programmeId: programme.id,
          cohortId,
          role: input.role,
          organizationId: target.organizationId,
          enrolledAt: new Date(row.enrolledAt).toISOString(),
        });
        return toEnrolment(row);
      }),
    );
    return resultOf(EnrollmentResult, result);
  }

  /** A programme's enrolments (the deprecated plain list): staff only, coaches their organisation's people; null for others. */
  async ofProgramme(ctx: SubgraphContext, programme: Programme): Promise<ProgrammeEnrolment[] | null> {
    const scope = this.programmeScope(ctx, programme);
    return scope ? (await this.repo.all(scope)).map(toEnrolment) : null;
  }

  /** A programme's enrolments, oldest first, a page at a time: same access as {@link ofProgramme}. */
  async pageOfProgramme(
    ctx: SubgraphContext,
    programme: Programme,
    args: Page,
  ): Promise<ServedConnection<ProgrammeEnrolment> | null> {
    const scope = this.programmeScope(ctx, programme);
    return scope ? this.page(scope, args) : null;
  }

  /** A person's enrolments (the deprecated plain list): the person, admins and their coach; null otherwise. */
  async ofUser(ctx: SubgraphContext, user: User): Promise<ProgrammeEnrolment[] | null> {
    if (!accessPolicy.canSeeRoles(ctx.principal, user.record)) return null;
    return (await this.repo.all({ userId: user.id })).map(toEnrolment);
  }

  /** A person's enrolments, oldest first, a page at a time: same access as {@link ofUser}. */
  async pageOfUser(ctx: SubgraphContext, user: User, args: Page): Promise<ServedConnection<ProgrammeEnrolment> | null> {
    if (!accessPolicy.canSeeRoles(ctx.principal, user.record)) return null;
    return this.page({ userId: user.id }, args);
  }

  private programmeScope(ctx: SubgraphContext, programme: Programme): EnrolmentScope | null {
    const p = ctx.principal;
    if (!hasRole(p, 'ADMIN', 'PROGRAMME_ADMIN', 'COACH')) return null;
    if (hasRole(p, 'ADMIN', 'PROGRAMME_ADMIN')) return { programmeId: programme.id, organizationId: null };
    // a coach without an organisation sees nobody: an id that names no organisation
    return { programmeId: programme.id, organizationId: p!.organizationId ?? NO_ORGANIZATION };
  }

  private async page(scope: EnrolmentScope, args: Page): Promise<ServedConnection<ProgrammeEnrolment>> {
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.repo.page(scope, page.after, page.size + 1);
    return served(toConnection(rows, page, cursorOf, toEnrolment, () => this.repo.count(scope)));
  }
}

const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';
