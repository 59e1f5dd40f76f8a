import {
  FieldErrors,
  NotFound,
  refuse,
  requirePrincipal,
  rowLoader,
  rowsLoader,
  type Database,
  type EventBus,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import type { Clock } from '../shared/dates';
import type { MeetingCountingService } from '../meetings/meeting-counting.service';
import { ANY_VIEWER, PARTNERS } from '../relationships/relationship.access';
import { refOf } from '../relationships/relationship.events';
import type { RelationshipRepository } from '../relationships/relationship.repository';
import type { RelationshipService } from '../relationships/relationship.service';
import type { AgreementInput } from './agreement.inputs';
import { PROGRAMME_DEFAULT_TIME_ZONE, type ProgrammeRepository } from '../programmes/programme.repository';
import type { PersonProfileRepository } from '../users/person-profile.repository';
import type { MeetingScheduleService } from '../meetings/meeting-schedule.service';
import { isTimeZone } from '../meetings/meeting.rules';
import type {
  AgreementRepository,
  AgreementRow,
  AgreementSide,
  AgreementTerms,
  AgreementVersionRow,
} from './agreement.repository';
import { isFullySigned, signedAt } from './agreement.rules';
import { toAgreement, type Agreement } from './agreement.type';
import { checkMeetingPlace } from './meeting-place.rules';

/**
 * The partnership agreement: drafts are new versions; each side signs a specific version; the partners' two
 * signatures make it binding, with a coach's as a third when the programme asks for it (agreement.rules.ts).
 */
export class AgreementService {
  constructor(
    private readonly repo: AgreementRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly relationships: RelationshipService,
    private readonly meetingCounting: MeetingCountingService,
    private readonly programmes: ProgrammeRepository,
    private readonly people: PersonProfileRepository,
    private readonly schedule: MeetingScheduleService,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** The agreement of a relationship the caller may already see (batched per request). */
  async forRelationship(ctx: SubgraphContext, relationshipId: string): Promise<Agreement | null> {
    const agreement = await rowLoader(
      ctx,
      'agreement:byRelationship',
      (a: AgreementRow) => a.relationshipId,
      (ids) => this.repo.forRelationships(ids),
    ).load(relationshipId);
    if (!agreement) return null;
    const versions = await rowsLoader(
      ctx,
      'agreement:versions',
      (v: AgreementVersionRow) => v.agreementId,
      (ids) => this.repo.versions(ids),
    ).load(agreement.id);
    return toAgreement(agreement, versions);
  }

  /** `_entities`: access as for its relationship. */
  async reference(ctx: SubgraphContext, id: string): Promise<Agreement> {
    requirePrincipal(ctx);
    const [a] = await this.repo.byIds([id]);
    if (!a) throw NotFound('Agreement');
    await this.relationships.require(ctx, a.relationshipId, ANY_VIEWER).catch(() => {
      throw NotFound('Agreement');
    });
    return (await this.forRelationship(ctx, a.relationshipId))!;
  }

  async draft(ctx: SubgraphContext, relationshipId: string, input: AgreementInput): Promise<Agreement> {
    const { principal } = await this.relationships.require(ctx, relationshipId, PARTNERS);
    return this.db.transaction(async (tx) => {
      const rel = (await this.relationshipRepo.lock(tx, relationshipId))!;
      if (rel.status !== 'ACTIVE' && rel.status !== 'PAUSED')
        throw refuse('relationshipId', 'INVALID_STATE', `The relationship is ${rel.status.toLowerCase()}.`);
      // a schedule without a zone is read in the drafter's zone, else the programme's
      const zone =
        (await this.people.timeZone(tx, principal.userId)) ??
        (rel.programmeId ? await this.programmes.timeZone(tx, rel.programmeId) : null) ??
        PROGRAMME_DEFAULT_TIME_ZONE;
      const terms = validate(input, zone);
      const coachSignatureRequired =
        rel.programmeId !== null && (await this.programmes.requiresCoachSignature(tx, rel.programmeId));
      const { agreementId, version } = await this.repo.addVersion(
        tx,
        relationshipId,
        terms,
        principal.userId,
        this.clock(),
        coachSignatureRequired,
      );
      await this.events.publish(tx, 'AgreementAwaitingSignature', {
        ...refOf(rel),
        agreementId,
        version,
        awaitingUserIds: [rel.mentorId, rel.menteeId],
        awaitingCoach: coachSignatureRequired,
      });
      return this.load(tx, relationshipId);
    });
  }

  /**
   * Signs `version`, which must be the current one (a newer draft means reading it first): a partner for their
   * side, a coach of the relationship's organisation for the coach's when the version asks for it.
   */
  async sign(ctx: SubgraphContext, relationshipId: string, version: number): Promise<Agreement> {
    const { principal, viewer } = await this.relationships.require(ctx, relationshipId, SIGNERS);
    const side = viewer as AgreementSide;
    return this.db.transaction(async (tx) => {
      const rel = (await this.relationshipRepo.lock(tx, relationshipId))!;
      if (rel.status !== 'ACTIVE' && rel.status !== 'PAUSED')
        throw refuse('relationshipId', 'INVALID_STATE', `The relationship is ${rel.status.toLowerCase()}.`);
      const [agreement] = await this.repo.forRelationships([relationshipId], tx);
      if (!agreement)
        throw refuse('relationshipId', 'NO_AGREEMENT', 'There is no agreement to sign yet: draft one first.');
      if (version !== agreement.currentVersion) {
        throw refuse(
          'version',
          'STALE_VERSION',
          `Version ${version} is not the current one (${agreement.currentVersion}); read the current version and sign that.`,
        );
      }
      const [current] = (await this.repo.versions([agreement.id], tx)).filter((v) => v.version === version);
      if (side === 'COACH' && !current.coachSignatureRequired) {
        throw refuse(
          'version',
          'COACH_SIGNATURE_NOT_REQUIRED',
          'This programme does not ask its coach to sign the agreement: the mentor and the mentee sign it.',
        );
      }
      if (signedAt(current, side) !== null)
        throw refuse(
          'version',
          'ALREADY_SIGNED',
          side === 'COACH' ? 'A coach already signed this version.' : 'You already signed this version.',
        );
      const at = this.clock();
      const signed = await this.repo.sign(tx, agreement.id, version, { side, userId: principal.userId }, at);
      const fullySigned = isFullySigned(signed);
      if (fullySigned) await this.repo.markFullySigned(tx, agreement.id, version, at);
      await this.events.publish(tx, 'AgreementSigned', {
        ...refOf(rel),
        agreementId: agreement.id,
        version,
        signerId: principal.userId,
        signerRole: side,
        fullySigned,
        signedAt: at.toISOString(),
      });
      if (fullySigned && !agreement.firstFullySignedAt) await this.meetingCounting.countDeferred(tx, rel);
      // a binding schedule proposes the pair's next meeting at once
      if (fullySigned) await this.schedule.proposeNext(tx, rel.id, at);
      return this.load(tx, relationshipId);
    });
  }

  private async load(tx: Tx, relationshipId: string): Promise<Agreement> {
    const [a] = await this.repo.forRelationships([relationshipId], tx);
    return toAgreement(a, await this.repo.versions([a.id], tx));
  }
}

/** The partners sign their sides; a coach of the organisation signs the coach's (checked against the version). */
const SIGNERS = [...PARTNERS, 'COACH'] as const;

function validate(input: AgreementInput, defaultTimeZone: string): AgreementTerms {
  const e = new FieldErrors();
  const topGoals = input.topGoals.map((g) => g.trim()).filter(Boolean);
  if (topGoals.length < 1 || topGoals.length > 3) e.add('input.topGoals', 'COUNT', 'Name one to three top goals.');
  let meetingPlace = e.required('input.meetingPlace', input.meetingPlace, 'Where you meet');
  if (meetingPlace) {
    // an http link is refused, a bare address completed with https:// (meeting-place.rules.ts says why)
    const where = checkMeetingPlace(meetingPlace);
    if (where.ok) meetingPlace = where.value;
    else e.add('input.meetingPlace', where.code, where.message);
  }
  const meetingTime = e.required('input.meetingTime', input.meetingTime, 'When you meet');
  const meetingFrequency = e.required('input.meetingFrequency', input.meetingFrequency, 'How often you meet');
  if (
    !Number.isInteger(input.meetingLengthMinutes) ||
    input.meetingLengthMinutes < 5 ||
    input.meetingLengthMinutes > 600
  ) {
    e.add('input.meetingLengthMinutes', 'OUT_OF_RANGE', 'A meeting lasts 5 to 600 minutes.');
  }
  if (!Number.isInteger(input.durationWeeks) || input.durationWeeks < 1 || input.durationWeeks > 104)
    e.add('input.durationWeeks', 'OUT_OF_RANGE', 'The duration is 1 to 104 weeks.');
  const s = input.schedule;
  const scheduleTimeZone = s ? s.timeZone?.trim() || defaultTimeZone : null;
  if (s) {
    if (!Number.isInteger(s.weekday) || s.weekday < 1 || s.weekday > 7)
      e.add('input.schedule.weekday', 'OUT_OF_RANGE', 'The weekday is 1 (Monday) to 7 (Sunday).');
    if (!/^([01]\d|2[0-3]):([0-5]\d)$/.test(s.startTime.trim()))
      e.add('input.schedule.startTime', 'INVALID_TIME', 'Give the start time as HH:MM (24-hour).');
    if (!Number.isInteger(s.everyWeeks) || s.everyWeeks < 1 || s.everyWeeks > 8)
      e.add('input.schedule.everyWeeks', 'OUT_OF_RANGE', 'Meet every 1 to 8 weeks.');
    if (!isTimeZone(scheduleTimeZone!))
      e.add(
        'input.schedule.timeZone',
        'UNKNOWN_TIME_ZONE',
        `Unknown time zone "${scheduleTimeZone}"; use an IANA name like America/Toronto.`,
      );
  }
  e.throwIfAny();
  return {
    scheduleWeekday: s ? s.weekday : null,
    scheduleStartTime: s ? s.startTime.trim() : null,
    scheduleEveryWeeks: s ? s.everyWeeks : null,
    scheduleTimeZone,
    topGoals,
    meetingPlace,
    meetingTime,
    meetingFrequency,
    meetingLengthMinutes: input.meetingLengthMinutes,
    durationWeeks: input.durationWeeks,
    initiator: input.initiator,
    confidentiality: input.confidentiality,
  } as AgreementTerms;
}
