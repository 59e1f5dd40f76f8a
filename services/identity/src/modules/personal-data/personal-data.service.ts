import type { Principal } from '@tandem/contracts';
import {
  canExportPersonalData,
  exportsOwnData,
  isoInstant,
  isUuid,
  loadAll,
  NotFound,
  otherPeople,
  requirePrincipal,
  uuids,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { accessPolicy, NO_RELATION } from '../access/access.policy';
import { FACET_COLUMNS } from '../profiles/profile.repository';
import type { AccessRepository } from '../access/access.repository';
import { erasedEmail } from '../users/user.repository';
import type { UserService } from '../users/user.service';
import type { IdentityRecords, PersonalDataRepository, ProfileRow } from './personal-data.repository';
import { PersonalDataExport, PersonalDataExportPerson } from './personal-data.type';

/** One person's identity records, split out of a batch. */
interface PersonRecords {
  section: Record<string, unknown>;
  /** Other people the section mentions (the application's reviewer, people the profile is shared with). */
  people: string[];
}

/**
 * The personal data export: the root field, identity's section, and the names of the people every section
 * mentions (the other subgraphs' `...People` lists resolve here). Access (the person, or an ADMIN) is checked
 * first in every method, for `_entities` too.
 */
export class PersonalDataService {
  constructor(
    private readonly repo: PersonalDataRepository,
    private readonly users: UserService,
    private readonly facts: AccessRepository,
  ) {}

  /** The export of `userId` (the caller's own when omitted): NOT_FOUND for anyone but the person and an ADMIN, and for unknown ids. */
  async export(ctx: SubgraphContext, userId: string | null | undefined): Promise<PersonalDataExport> {
    const principal = requirePrincipal(ctx);
    const target = userId ?? principal.userId;
    if (!canExportPersonalData(principal, target) || !isUuid(target)) throw NotFound('Personal data export');
    const [user] = await this.users.load(ctx, [target]);
    if (!user) throw NotFound('Personal data export');
    ctx.log.info({ userId: target, by: principal.userId }, 'personal data exported');
    return Object.assign(new PersonalDataExport(), { userId: target, generatedAt: new Date() });
  }

  /** `_entities`: the same rule as the root field, but what the caller may not export resolves to null. */
  async reference(ctx: SubgraphContext, userId: string): Promise<PersonalDataExport | null> {
    if (!canExportPersonalData(ctx.principal, userId) || !isUuid(userId)) return null;
    const [user] = await this.users.load(ctx, [userId]);
    if (!user) return null;
    return Object.assign(new PersonalDataExport(), { userId, generatedAt: new Date() });
  }

  /** Identity's section: account, sessions (metadata), sign-ins, password resets (metadata), profiles and application, enrolments, orientation, notifications. */
  async section(ctx: SubgraphContext, userId: string): Promise<Record<string, unknown>> {
    this.requireAccess(ctx, userId);
    return (await this.records(ctx, userId)).section;
  }

  /** The other people identity's section mentions, named as the exported person may see them. */
  async people(ctx: SubgraphContext, userId: string): Promise<PersonalDataExportPerson[]> {
    this.requireAccess(ctx, userId);
    const { people } = await this.records(ctx, userId);
    return (await Promise.all(people.map((id) => this.person(ctx, { exportedUserId: userId, id })))).filter(
      (p): p is PersonalDataExportPerson => p !== null,
    );
  }

  /**
   * A person mentioned in someone's export (any section; `_entities` from the other subgraphs' `...People`
   * lists): null unless the caller may export `exportedUserId`; the name only when the exported person may
   * see it (the usual rule for a name, applied to them rather than the caller, so an ADMIN's copy names the
   * same people as the person's own, and made-up ids name no one the person could not look up).
   */
  async person(
    ctx: SubgraphContext,
    ref: { exportedUserId: string; id: string },
  ): Promise<PersonalDataExportPerson | null> {
    if (!canExportPersonalData(ctx.principal, ref.exportedUserId) || !isUuid(ref.exportedUserId) || !isUuid(ref.id))
      return null;
    const loader = ctx.loaders.get<string, string | null>('export:names', (keys) => this.namesSeenBy(ctx, keys));
    const displayName = await loader.load(`${ref.exportedUserId}:${ref.id}`);
    return Object.assign(new PersonalDataExportPerson(), {
      exportedUserId: ref.exportedUserId,
      id: ref.id,
      displayName,
    });
  }

  /** Keys `subject:other`: the names each subject may see, one relation query per subject. */
  private async namesSeenBy(ctx: SubgraphContext, keys: readonly string[]): Promise<Array<string | null>> {
    const pairs = keys.map((k) => k.split(':') as [string, string]);
    const bySubject = new Map<string, string[]>();
    for (const [subject, other] of pairs) bySubject.set(subject, [...(bySubject.get(subject) ?? []), other]);
    const people = new Map(
      (await this.users.load(ctx, [...new Set(pairs.flat())])).filter((u) => u !== null).map((u) => [u.id, u]),
    );
    const names = new Map<string, string | null>();
    for (const [subjectId, others] of bySubject) {
      const subject = people.get(subjectId);
      const relations = new Map(
        (await this.facts.relations(subjectId, subject?.record.organizationId ?? null, others)).map((r) => [
          r.subjectId,
          r,
        ]),
      );
      const asSubject: Principal | null = subject
        ? { userId: subject.id, roles: subject.record.roles, organizationId: subject.record.organizationId }
        : null;
      for (const id of others) {
        const other = people.get(id);
        const named =
          !!asSubject &&
          !!other &&
          id !== subjectId &&
          accessPolicy.canSeePerson(asSubject, other.record, relations.get(id) ?? NO_RELATION);
        names.set(`${subjectId}:${id}`, named ? other!.record.displayName : null);
      }
    }
    return keys.map((k) => names.get(k) ?? null);
  }

  private requireAccess(ctx: SubgraphContext, userId: string): void {
    if (!canExportPersonalData(ctx.principal, userId)) throw NotFound('Personal data export');
  }

  /** Batched per request: one statement per table whatever the number of people exported. */
  private async records(ctx: SubgraphContext, userId: string): Promise<PersonRecords> {
    const own = exportsOwnData(ctx.principal, userId);
    const loader = ctx.loaders.get<string, IdentityRecords>('export:identity', async (ids) => {
      const all = await this.repo.collect(uuids(ids));
      return ids.map(() => all);
    });
    const [all] = await loadAll(loader, [userId]);
    return assemble(userId, all, own);
  }
}

const pick = <T extends { userId: string }>(rows: T[], userId: string) => rows.filter((r) => r.userId === userId);

const facetsOf = (p: ProfileRow) => Object.fromEntries(FACET_COLUMNS.map(([k]) => [k, p[k] ?? null]));

/** One person's section from a batch of records: plain JSON, ISO dates, other people by id only. */
export function assemble(userId: string, all: IdentityRecords, own: boolean): PersonRecords {
  const account = all.accounts.find((a) => a.id === userId) ?? null;
  const erased = !!account && account.email === erasedEmail(account.id);
  const mentor = all.mentorProfiles.find((p) => p.userId === userId) ?? null;
  const mentee = all.menteeProfiles.find((p) => p.userId === userId) ?? null;
  const sharedWith = all.profileAccess.filter((a) => a.subjectId === userId);
  const section: Record<string, unknown> = {
    account: account && {
      id: account.id,
      displayName: account.displayName,
      email: erased ? null : account.email,
      phone: account.phone,
      roles: account.roles,
      organization: account.organizationId ? { id: account.organizationId, name: account.organizationName } : null,
      createdAt: isoInstant(account.createdAt),
      updatedAt: isoInstant(account.updatedAt),
      erased,
    },
    // metadata only: a session is a sign-in and its token rotations; the tokens and their hashes are never exported
    sessions: pick(all.sessions, userId).map((s) => ({
      startedAt: isoInstant(s.startedAt),
      lastRefreshedAt: isoInstant(s.lastRefreshedAt),
      expiresAt: isoInstant(s.expiresAt),
      revokedAt: isoInstant(s.revokedAt),
      refreshes: s.tokens - 1,
    })),
    // a failed attempt may be someone else's: its address is theirs, so only successful sign-ins show one
    signInAttempts: pick(all.loginAttempts, userId).map((a) => ({
      at: isoInstant(a.attemptedAt),
      succeeded: a.succeeded,
      clientIp: a.succeeded ? a.clientIp : null,
    })),
    // password reset links sent by email, as metadata: never the token or its hash (no key says "password": the
    // export is checked for that word)
    resetLinks: pick(all.passwordResets, userId).map((r) => ({
      requestedAt: isoInstant(r.requestedAt),
      expiresAt: isoInstant(r.expiresAt),
      usedAt: isoInstant(r.usedAt),
      supersededAt: isoInstant(r.supersededAt),
    })),
    mentorProfile: mentor && {
      ...facetsOf(mentor),
      capacity: mentor.capacity,
      pausedUntil: mentor.pausedUntil ?? null,
      updatedAt: isoInstant(mentor.updatedAt as Date),
      application: {
        status: mentor.status,
        submittedAt: isoInstant(mentor.submittedAt as Date),
        reviewedAt: isoInstant(mentor.reviewedAt as Date | null),
        reviewedBy: mentor.reviewedBy ?? null,
        reviewComment: mentor.reviewComment ?? null,
      },
    },
    menteeProfile: mentee && {
      ...facetsOf(mentee),
      needsAssessment: { needs: mentee.needs, goals: mentee.goals, constraints: mentee.constraints ?? null },
      updatedAt: isoInstant(mentee.updatedAt as Date),
    },
    enrolments: pick(all.enrolments, userId).map((e) => ({
      programme: { id: e.programmeId, name: e.programmeName },
      role: e.role,
      cohort: e.cohortId ? { id: e.cohortId, name: e.cohortName } : null,
      enrolledAt: isoInstant(e.enrolledAt),
    })),
    orientationAttendance: pick(all.orientation, userId).map((o) => ({
      sessionId: o.sessionId,
      programme: { id: o.programmeId, name: o.programmeName },
      startsAt: isoInstant(o.startsAt),
      location: o.location,
      link: o.link,
      attendedAt: isoInstant(o.attendedAt),
    })),
    // the mentors who may see the mentee profile, and why (a request sent to them, or a coach's proposal)
    profileSharedWith: sharedWith.map((a) => ({
      personId: a.viewerId,
      reason: a.reason,
      since: isoInstant(a.createdAt),
    })),
  };
  if (own) {
    section.notifications = pick(all.notifications, userId).map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      createdAt: isoInstant(n.createdAt),
      readAt: isoInstant(n.readAt),
      email: n.emailStatus,
      emailSentAt: isoInstant(n.emailSentAt),
    }));
  }
  section.withheld = own ? [] : ['notifications'];
  const people = otherPeople(userId, [
    mentor?.reviewedBy as string | null | undefined,
    ...sharedWith.map((a) => a.viewerId),
  ]);
  return { section, people };
}
