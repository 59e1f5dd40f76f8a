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
  requireRole,
  rowLoader,
  toConnection,
  uuids,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { accessPolicy } from '../access/access.policy';
import type { ProgrammeRepository } from '../programmes/programme.repository';
import type { Programme } from '../programmes/programme.type';
import type { EnrolmentRow } from '../enrolments/enrolment.repository';
import { toEnrolment, type ProgrammeEnrolment } from '../enrolments/enrolment.type';
import { resultOf, served, type ServedConnection } from '../shared/api';
import { programmeIdOf } from '../shared/programme-id';
import type { OrientationSessionInput } from './orientation.inputs';
import type { OrientationRepository, OrientationSessionRow } from './orientation.repository';
import { isTimeZone } from '../time-zone/time-zone';
import { OrientationResult, toSession, type OrientationSession } from './orientation.type';

/** An id that names no organisation: a coach without one sees nobody. */
const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';
const text = (v: string | null | undefined) => (v === undefined || v === null ? null : v.trim() || null);

/** Orientation: sessions of a programme, scheduled by staff, and who attended (published as OrientationAttended). */
export class OrientationService {
  constructor(
    private readonly repo: OrientationRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** A programme's sessions, by date (the deprecated plain list). */
  async ofProgramme(ctx: SubgraphContext, programme: Programme): Promise<OrientationSession[]> {
    requirePrincipal(ctx);
    return (await this.repo.ofProgramme(programme.id)).map(toSession);
  }

  /** A programme's sessions, by date, a page at a time. */
  async pageOfProgramme(
    ctx: SubgraphContext,
    programme: Programme,
    args: { first?: number | null; after?: string | null },
  ): Promise<ServedConnection<OrientationSession>> {
    requirePrincipal(ctx);
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.repo.page(programme.id, page.after, page.size + 1);
    return served(
      toConnection(
        rows,
        page,
        (r: OrientationSessionRow) => [r.cursorAt, r.id],
        toSession,
        () => this.repo.count(programme.id),
      ),
    );
  }

  /**
   * The enrolments whose orientation is outstanding (the programme requires it of their role and they attended none
   * of its sessions), oldest enrolment first: admins and programme admins everyone's, a coach their organisation's
   * people (a coach without an organisation nobody's); FORBIDDEN for anyone else.
   */
  async outstanding(
    ctx: SubgraphContext,
    args: { first?: number | null; after?: string | null },
  ): Promise<ServedConnection<ProgrammeEnrolment>> {
    const principal = requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN', 'COACH');
    const organizationId = hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN')
      ? null
      : (principal.organizationId ?? NO_ORGANIZATION);
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.repo.outstanding(organizationId, page.after, page.size + 1);
    return served(
      toConnection(
        rows,
        page,
        (r: EnrolmentRow) => [r.cursorAt, r.id],
        toEnrolment,
        () => this.repo.countOutstanding(organizationId),
      ),
    );
  }

  /** Whether the signed-in person attended (batched per request); null when anonymous. */
  async attendedByMe(ctx: SubgraphContext, session: OrientationSession): Promise<boolean | null> {
    const p = ctx.principal;
    if (!p) return null;
    const loader = rowLoader(
      ctx,
      'orientation:attendedByMe',
      (r: { sessionId: string }) => r.sessionId,
      (ids) => this.repo.attended(p.userId, ids),
    );
    return (await loader.load(session.id)) !== null;
  }

  async schedule(ctx: SubgraphContext, input: OrientationSessionInput): Promise<OrientationResult> {
    requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN', 'COACH');
    const result = await outcome('session', async () => {
      const programmeId = programmeIdOf(input, 'input.programmeId');
      if (!programmeId) throw refuse('input.programmeId', 'REQUIRED', 'Name the programme.');
      const programme = isUuid(programmeId) ? (await this.programmes.byIds([programmeId]))[0] : null;
      if (!programme) throw NotFound('Programme');
      const location = text(input.location);
      const link = text(input.link);
      const timeZone = text(input.timeZone);
      const errors = new FieldErrors();
      if (!location && !link) errors.add('input.location', 'REQUIRED', 'Give a place or a link.');
      if (link && !/^https?:\/\/\S+$/.test(link)) errors.add('input.link', 'INVALID_URL', 'Use a full http(s) link.');
      if (timeZone && !isTimeZone(timeZone))
        errors.add('input.timeZone', 'INVALID_TIME_ZONE', 'Use an IANA time zone such as America/Toronto.');
      if (Number.isNaN(input.startsAt.getTime())) errors.add('input.startsAt', 'INVALID_DATE', 'Give a date and time.');
      errors.throwIfAny();
      const session = {
        id: randomUUID(),
        programmeId: programme.id,
        startsAt: input.startsAt,
        location,
        link,
        timeZone,
      };
      await this.db.transaction((tx) => this.repo.save(tx, session));
      return toSession({ ...session, attendeeCount: 0 });
    });
    return resultOf(OrientationResult, result);
  }

  /**
   * Records who attended a session that has started, for participants of its programme (enrolled, or named in one of
   * its proposals): by the programme's staff, or by a coach for their organisation's people and for the pairs they
   * proposed. Publishes OrientationAttended once per person and session (matching then lets them start).
   */
  async recordAttendance(ctx: SubgraphContext, sessionId: string, userIds: string[]): Promise<OrientationResult> {
    const principal = requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN', 'COACH');
    const session = isUuid(sessionId) ? await this.repo.session(sessionId) : null;
    if (!session) throw NotFound('Orientation session');
    const result = await outcome('session', async () => {
      if (new Date(session.startsAt).getTime() > Date.now())
        throw refuse(
          'sessionId',
          'SESSION_NOT_STARTED',
          'This session has not started yet: record attendance once it has begun.',
        );
      const ids = [...new Set(userIds)];
      const errors = new FieldErrors();
      if (ids.length === 0) errors.add('userIds', 'REQUIRED', 'Name at least one person.');
      const staff = hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN');
      const people = await this.repo.attendees(session.programmeId, uuids(ids), principal.userId);
      // someone the caller may not act for is as unknown as someone who does not exist
      const allowed = people.filter(
        (u) =>
          staff || u.proposedByCoach || accessPolicy.isOwnCoach(principal, { id: u.userId, ...u, mentorStatus: null }),
      );
      if (allowed.length !== ids.length) errors.add('userIds', 'UNKNOWN_USER', 'Some of these people are unknown.');
      else if (allowed.some((u) => !u.participant))
        errors.add('userIds', 'NOT_IN_PROGRAMME', 'Some of these people do not take part in this programme.');
      errors.throwIfAny();
      await this.db.transaction(async (tx) => {
        for (const a of await this.repo.attend(tx, session.id, ids)) {
          await this.events.publish(tx, 'OrientationAttended', {
            userId: a.userId,
            programmeId: session.programmeId,
            sessionId: session.id,
            attendedAt: new Date(a.attendedAt).toISOString(),
          });
        }
      });
      return toSession((await this.repo.session(session.id))!);
    });
    return resultOf(OrientationResult, result);
  }
}
