import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  fieldError,
  hasRole,
  loadAll,
  NotFound,
  requirePrincipal,
  requireRole,
  type EventBus,
  type FieldError,
  type SubgraphContext,
  type Transact,
} from '@tandem/subgraph-kit';
import { accessPolicy } from '../access/access.policy';
import type { UserService } from '../users/user.service';
import type { User } from '../users/user.type';
import type { CohortRecord, ProgramRecord } from './programme.entity';
import type {
  CohortInput,
  EnrollInput,
  OrganizationInput,
  OrientationSessionInput,
  ProgramInput,
} from './programme.inputs';
import type { ProgrammeRepository } from './programme.repository';
import {
  EnrollmentResult,
  OrganizationResult,
  OrientationResult,
  ProgramResult,
  toCohort,
  toEnrollment,
  toOrganization,
  toProgram,
  toSession,
  type Cohort,
  type Organization,
  type OrientationSession,
  type Program,
  type ProgramEnrollment,
} from './programme.type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ok = <T extends object>(cls: new () => T, errors: FieldError[], value: Partial<T>): T =>
  Object.assign(new cls(), { ok: errors.length === 0, errors, ...value });
const text = (v: string | null | undefined) => (v === undefined || v === null ? null : v.trim() || null);

/** Organisations, programmes and their terms and cohorts, enrolments and orientation (managed by PROGRAMME_ADMIN and ADMIN). */
export class ProgrammeService {
  constructor(
    private readonly repo: ProgrammeRepository,
    private readonly users: UserService,
    private readonly transact: Transact,
    private readonly events: EventBus,
  ) {}

  // ---- reads (organisations and programmes are not personal data: any signed-in person may read them)

  async organizations(ctx: SubgraphContext): Promise<Organization[]> {
    requirePrincipal(ctx);
    return (await this.repo.organizations(null)).map(toOrganization);
  }

  async organization(ctx: SubgraphContext, id: string): Promise<Organization> {
    requirePrincipal(ctx);
    const [found] = await this.loadOrganizations(ctx, [id]);
    if (!found) throw NotFound('Organization');
    return found;
  }

  async loadOrganizations(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<Organization | null>> {
    const loader = ctx.loaders.get<string, Organization | null>('organizations:byId', async (keys) => {
      const found = new Map(
        (await this.repo.organizations(keys.filter((k) => UUID.test(k)))).map((o) => [o.id, toOrganization(o)]),
      );
      return keys.map((k) => found.get(k) ?? null);
    });
    return loadAll(loader, ids);
  }

  async userOrganization(ctx: SubgraphContext, user: User): Promise<Organization | null> {
    const id = await this.users.organizationId(ctx, user);
    return id ? (await this.loadOrganizations(ctx, [id]))[0] : null;
  }

  async programs(ctx: SubgraphContext): Promise<Program[]> {
    requirePrincipal(ctx);
    return (await this.repo.programs(null)).map(toProgram);
  }

  async program(ctx: SubgraphContext, id: string): Promise<Program> {
    requirePrincipal(ctx);
    const [found] = await this.loadPrograms(ctx, [id]);
    if (!found) throw NotFound('Programme');
    return found;
  }

  async loadPrograms(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<Program | null>> {
    const loader = ctx.loaders.get<string, Program | null>('programs:byId', async (keys) => {
      const found = new Map(
        (await this.repo.programs(keys.filter((k) => UUID.test(k)))).map((p) => [p.id, toProgram(p)]),
      );
      return keys.map((k) => found.get(k) ?? null);
    });
    return loadAll(loader, ids);
  }

  async loadCohorts(ctx: SubgraphContext, ids: readonly string[]): Promise<Cohort[]> {
    return (await this.repo.cohortsByIds(ids.filter((k) => UUID.test(k)))).map(toCohort);
  }

  async programOrganizations(ctx: SubgraphContext, program: Program): Promise<Organization[]> {
    return (await this.loadOrganizations(ctx, program.record.organizationIds)).filter(
      (o): o is Organization => o !== null,
    );
  }

  async cohorts(ctx: SubgraphContext, program: Program): Promise<Cohort[]> {
    const rows = await ctx.loaders
      .get<string, CohortRecord[]>('cohorts:byProgram', async (ids) => {
        const all = await this.repo.cohorts(ids);
        return ids.map((id) => all.filter((c) => c.programId === id));
      })
      .load(program.id);
    return rows.map(toCohort);
  }

  async orientationSessions(ctx: SubgraphContext, program: Program): Promise<OrientationSession[]> {
    requirePrincipal(ctx);
    return (await this.repo.sessions([program.id])).map(toSession);
  }

  /** Enrolments of a programme: staff only (coaches see their organisation's people). */
  async programEnrollments(ctx: SubgraphContext, program: Program): Promise<ProgramEnrollment[] | null> {
    const p = ctx.principal;
    if (!hasRole(p, 'ADMIN', 'PROGRAMME_ADMIN', 'COACH')) return null;
    const rows = await this.repo.enrollmentsOfProgram(program.id);
    const users = await this.users.load(
      ctx,
      rows.map((r) => r.userId),
    );
    return rows
      .map((r, i) => ({ r, u: users[i] }))
      .filter(({ u }) => u && (hasRole(p, 'ADMIN', 'PROGRAMME_ADMIN') || accessPolicy.isOwnCoach(p, u.record)))
      .map(({ r, u }) => toEnrollment(r, program, u!));
  }

  /** A person's enrolments: the person, admins and their coach; null otherwise. */
  async userEnrollments(ctx: SubgraphContext, user: User): Promise<ProgramEnrollment[] | null> {
    if (!accessPolicy.canSeeRoles(ctx.principal, user.record)) return null;
    const rows = await this.repo.enrollmentsOfUsers([user.id]);
    const programs = await this.loadPrograms(
      ctx,
      rows.map((r) => r.programId),
    );
    return rows.map((r, i) => toEnrollment(r, programs[i]!, user));
  }

  async attended(ctx: SubgraphContext, session: OrientationSession): Promise<boolean | null> {
    const p = ctx.principal;
    if (!p) return null;
    return (await this.repo.attendedSessions(p.userId, [session.id])).has(session.id);
  }

  // ---- organisations

  async saveOrganization(
    ctx: SubgraphContext,
    id: string | null,
    input: OrganizationInput,
  ): Promise<OrganizationResult> {
    requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN');
    if (id && (!UUID.test(id) || (await this.repo.organizations([id])).length === 0)) throw NotFound('Organization');
    const name = input.name.trim();
    const country = text(input.country)?.toUpperCase() ?? null;
    const errors: FieldError[] = [];
    if (!name) errors.push(fieldError('input.name', 'REQUIRED', 'Name the organisation.'));
    if (name.length > 200) errors.push(fieldError('input.name', 'TOO_LONG', 'Use at most 200 characters.'));
    if (country && !/^[A-Z]{2}$/.test(country))
      errors.push(fieldError('input.country', 'INVALID_COUNTRY', 'Use a two-letter ISO country code, like CA.'));
    if (errors.length) return ok(OrganizationResult, errors, { organization: null });
    const record = { id: id ?? randomUUID(), name, city: text(input.city), country };
    const taken = await this.transact(async (manager) => {
      if (await this.repo.organizationNameTaken(manager, name, id)) return true;
      await this.repo.saveOrganization(manager, record);
      await this.events.publish(manager, 'OrganizationChanged', {
        organizationId: record.id,
        name,
        city: record.city,
        country,
        changedAt: new Date().toISOString(),
      });
      return false;
    });
    if (taken)
      return ok(OrganizationResult, [fieldError('input.name', 'TAKEN', 'Another organisation has this name.')], {
        organization: null,
      });
    return ok(OrganizationResult, [], { organization: toOrganization({ ...record, createdAt: new Date() }) });
  }

  // ---- programmes

  async saveProgram(ctx: SubgraphContext, id: string | null, input: ProgramInput): Promise<ProgramResult> {
    requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN');
    return this.transact(async (manager) => {
      const current = id ? (UUID.test(id) ? await this.repo.lockProgram(manager, id) : null) : null;
      if (id && !current) throw NotFound('Programme');
      const errors: FieldError[] = [];
      const name = input.name.trim();
      if (!name) errors.push(fieldError('input.name', 'REQUIRED', 'Name the programme.'));
      if (name.length > 200) errors.push(fieldError('input.name', 'TOO_LONG', 'Use at most 200 characters.'));
      const t = input.terms;
      if (!(t.targetHours > 0 && t.targetHours <= 1000))
        errors.push(fieldError('input.terms.targetHours', 'OUT_OF_RANGE', 'Between 0 (excluded) and 1000 hours.'));
      if (!(t.durationWeeks >= 1 && t.durationWeeks <= 260))
        errors.push(fieldError('input.terms.durationWeeks', 'OUT_OF_RANGE', 'Between 1 and 260 weeks.'));
      if (!(t.minMeetings >= 0 && t.minMeetings <= 200))
        errors.push(fieldError('input.terms.minMeetings', 'OUT_OF_RANGE', 'Between 0 and 200 meetings.'));
      const cpdCategory = input.cpdCategory.trim();
      if (!cpdCategory)
        errors.push(fieldError('input.cpdCategory', 'REQUIRED', 'Name the CPD category hours are filed under.'));
      const maxOpen = input.maxOpenRequestsPerMentee ?? current?.maxOpenRequestsPerMentee ?? 3;
      if (!(maxOpen >= 1 && maxOpen <= 20))
        errors.push(fieldError('input.maxOpenRequestsPerMentee', 'OUT_OF_RANGE', 'Between 1 and 20.'));
      const expiry = input.requestExpiryDays ?? current?.requestExpiryDays ?? 14;
      if (!(expiry >= 1 && expiry <= 90))
        errors.push(fieldError('input.requestExpiryDays', 'OUT_OF_RANGE', 'Between 1 and 90 days.'));
      const weights: Record<string, number> = input.matchingWeights ? {} : (current?.matchingWeights ?? {});
      for (const [i, w] of (input.matchingWeights ?? []).entries()) {
        if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(w.criterion))
          errors.push(fieldError(`input.matchingWeights.${i}.criterion`, 'INVALID', 'Letters, digits and _ only.'));
        else if (!(w.weight >= 0 && w.weight <= 10))
          errors.push(fieldError(`input.matchingWeights.${i}.weight`, 'OUT_OF_RANGE', 'Between 0 and 10.'));
        else weights[w.criterion] = w.weight;
      }
      const organizationIds = input.organizationIds
        ? [...new Set(input.organizationIds)]
        : (current?.organizationIds ?? []);
      const known = new Set(
        (
          await this.repo.organizations(
            organizationIds.filter((o) => UUID.test(o)),
            manager,
          )
        ).map((o) => o.id),
      );
      if (organizationIds.some((o) => !known.has(o)))
        errors.push(
          fieldError('input.organizationIds', 'UNKNOWN_ORGANIZATION', 'One of these organisations does not exist.'),
        );
      if (errors.length) return ok(ProgramResult, errors, { program: null });
      const record: Omit<ProgramRecord, 'createdAt'> = {
        id: current?.id ?? randomUUID(),
        name,
        description: input.description === undefined ? (current?.description ?? null) : text(input.description),
        targetHours: t.targetHours,
        durationWeeks: t.durationWeeks,
        minMeetings: t.minMeetings,
        hoursOrMeetings: t.hoursOrMeetings ?? current?.hoursOrMeetings ?? false,
        cpdCategory,
        requireSignedAgreement: input.requireSignedAgreement ?? current?.requireSignedAgreement ?? true,
        requireOrientation: input.requireOrientation ?? current?.requireOrientation ?? false,
        maxOpenRequestsPerMentee: maxOpen,
        requestExpiryDays: expiry,
        matchingWeights: weights,
        organizationIds,
      };
      await this.repo.saveProgram(manager, record);
      return ok(ProgramResult, [], { program: await this.publishProgramme(manager, record.id) });
    });
  }

  async saveCohort(
    ctx: SubgraphContext,
    programId: string | null,
    cohortId: string | null,
    input: CohortInput,
  ): Promise<ProgramResult> {
    requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN');
    return this.transact(async (manager) => {
      const existing = cohortId && UUID.test(cohortId) ? (await this.repo.cohortsByIds([cohortId], manager))[0] : null;
      if (cohortId && !existing) throw NotFound('Cohort');
      const pid = existing?.programId ?? programId!;
      const program = UUID.test(pid) ? await this.repo.lockProgram(manager, pid) : null;
      if (!program) throw NotFound('Programme');
      const errors: FieldError[] = [];
      const name = input.name.trim();
      if (!name) errors.push(fieldError('input.name', 'REQUIRED', 'Name the cohort.'));
      if (input.endsOn < input.startsOn)
        errors.push(fieldError('input.endsOn', 'BEFORE_START', 'The cohort must end on or after its start.'));
      if (errors.length) return ok(ProgramResult, errors, { program: null });
      await this.repo.saveCohort(manager, {
        id: existing?.id ?? randomUUID(),
        programId: program.id,
        name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      });
      return ok(ProgramResult, [], { program: await this.publishProgramme(manager, program.id) });
    });
  }

  private async publishProgramme(manager: EntityManager, id: string): Promise<Program> {
    const [p] = await this.repo.programs([id], manager);
    const cohorts = await this.repo.cohorts([id], manager);
    await this.events.publish(manager, 'ProgrammeChanged', {
      programmeId: p.id,
      name: p.name,
      organizationIds: p.organizationIds,
      terms: {
        targetHours: p.targetHours,
        durationWeeks: p.durationWeeks,
        minMeetings: p.minMeetings,
        hoursOrMeetings: p.hoursOrMeetings,
      },
      cpdCategory: p.cpdCategory,
      requireSignedAgreement: p.requireSignedAgreement,
      requireOrientation: p.requireOrientation,
      maxOpenRequestsPerMentee: p.maxOpenRequestsPerMentee,
      requestExpiryDays: p.requestExpiryDays,
      matchingWeights: p.matchingWeights,
      cohorts: cohorts.map((c) => ({ cohortId: c.id, name: c.name, startsOn: c.startsOn, endsOn: c.endsOn })),
      changedAt: new Date().toISOString(),
    });
    return toProgram(p);
  }

  // ---- enrolment and orientation

  async enroll(ctx: SubgraphContext, input: EnrollInput): Promise<EnrollmentResult> {
    const principal = requirePrincipal(ctx);
    const userId = input.userId ?? principal.userId;
    const self = userId === principal.userId;
    return this.transact(async (manager) => {
      const [target] = UUID.test(userId) ? await this.repo.existingUsers([userId], manager) : [];
      const staff =
        hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN') ||
        (!!target &&
          accessPolicy.isOwnCoach(principal, {
            id: target.id,
            organizationId: target.organizationId,
            mentorStatus: null,
          }));
      if (!target || (!self && !staff)) throw NotFound('User');
      const program = UUID.test(input.programId) ? (await this.repo.programs([input.programId], manager))[0] : null;
      if (!program) throw NotFound('Programme');
      const errors: FieldError[] = [];
      if (!target.roles.includes(input.role)) {
        errors.push(
          fieldError(
            'input.role',
            'ROLE_NOT_HELD',
            `${self ? 'You do' : 'This person does'} not hold the ${input.role} role.`,
          ),
        );
      }
      let cohortId: string | null = null;
      if (input.cohortId) {
        const [cohort] = UUID.test(input.cohortId) ? await this.repo.cohortsByIds([input.cohortId], manager) : [];
        if (!cohort || cohort.programId !== program.id)
          errors.push(fieldError('input.cohortId', 'UNKNOWN_COHORT', 'This programme has no such cohort.'));
        else cohortId = cohort.id;
      }
      if (errors.length) return ok(EnrollmentResult, errors, { enrollment: null });
      const row = await this.repo.enroll(manager, {
        id: randomUUID(),
        programId: program.id,
        userId: target.id,
        role: input.role,
        cohortId,
      });
      await this.events.publish(manager, 'ProgrammeEnrolled', {
        userId: target.id,
        programmeId: program.id,
        cohortId,
        role: input.role,
        organizationId: target.organizationId,
        enrolledAt: new Date(row.enrolledAt).toISOString(),
      });
      const [user] = await this.users.load(ctx, [target.id]);
      return ok(EnrollmentResult, [], { enrollment: toEnrollment(row, toProgram(program), user!) });
    });
  }

  async createSession(ctx: SubgraphContext, input: OrientationSessionInput): Promise<OrientationResult> {
    requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN', 'COACH');
    const program = UUID.test(input.programId) ? (await this.repo.programs([input.programId]))[0] : null;
    if (!program) throw NotFound('Programme');
    const location = text(input.location);
    const link = text(input.link);
    const errors: FieldError[] = [];
    if (!location && !link) errors.push(fieldError('input.location', 'REQUIRED', 'Give a place or a link.'));
    if (link && !/^https?:\/\/\S+$/.test(link))
      errors.push(fieldError('input.link', 'INVALID_URL', 'Use a full http(s) link.'));
    if (Number.isNaN(input.startsAt.getTime()))
      errors.push(fieldError('input.startsAt', 'INVALID_DATE', 'Give a date and time.'));
    if (errors.length) return ok(OrientationResult, errors, { session: null });
    const session = { id: randomUUID(), programId: program.id, startsAt: input.startsAt, location, link };
    await this.transact((manager) => this.repo.saveSession(manager, session));
    return ok(OrientationResult, [], { session: toSession({ ...session, attendeeCount: 0 }) });
  }

  /** Records who attended (staff); publishes OrientationAttended once per person and session. */
  async recordAttendance(ctx: SubgraphContext, sessionId: string, userIds: string[]): Promise<OrientationResult> {
    const principal = requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN', 'COACH');
    const session = UUID.test(sessionId) ? await this.repo.session(sessionId) : null;
    if (!session) throw NotFound('Orientation session');
    const ids = [...new Set(userIds)];
    const errors: FieldError[] = [];
    if (ids.length === 0) errors.push(fieldError('userIds', 'REQUIRED', 'Name at least one person.'));
    const valid = ids.filter((id) => UUID.test(id));
    const known = await this.repo.existingUsers(valid);
    const allowed = known.filter(
      (u) =>
        hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN') ||
        accessPolicy.isOwnCoach(principal, { id: u.id, organizationId: u.organizationId, mentorStatus: null }),
    );
    if (allowed.length !== ids.length)
      errors.push(fieldError('userIds', 'UNKNOWN_USER', 'Some of these people are unknown.'));
    if (errors.length) return ok(OrientationResult, errors, { session: null });
    await this.transact(async (manager) => {
      for (const a of await this.repo.attend(manager, session.id, ids)) {
        await this.events.publish(manager, 'OrientationAttended', {
          userId: a.userId,
          programmeId: session.programId,
          sessionId: session.id,
          attendedAt: new Date(a.attendedAt).toISOString(),
        });
      }
    });
    return ok(OrientationResult, [], { session: toSession((await this.repo.session(session.id))!) });
  }
}
