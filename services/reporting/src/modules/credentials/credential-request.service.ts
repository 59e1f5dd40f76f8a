import { randomUUID } from 'node:crypto';
import {
  FieldErrors,
  Forbidden,
  NotFound,
  hasRole,
  isUuid,
  outcome,
  refuse,
  requirePrincipal,
  requireRole,
  type Database,
  type EventBus,
  type Outcome,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { Principal } from '@tandem/contracts';
import type { CredentialRepository } from './credential.repository';
import type { CredentialRequestRepository, CredentialRequestRow } from './credential-request.repository';
import {
  MAX_REQUEST_NOTE,
  toCredentialRequest,
  type CredentialOption,
  type CredentialRequest,
  type DeclineCredentialRequestInput,
  type RequestCredentialInput,
} from './credential-request.type';
import type { CredentialRole } from './credential.type';

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Credentials on request: a partner asks for one for the hours they have confirmed in a relationship (one open
 * request at a time, and none while a valid credential already states those hours); the staff who may issue for the
 * relationship's organisation see the open requests and issue (which answers them) or decline with a reason. Both
 * steps leave as events, so the staff and then the person are told.
 */
export class CredentialRequestService {
  constructor(
    private readonly requests: CredentialRequestRepository,
    private readonly credentials: CredentialRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** The caller's relationships with confirmed hours, each with its current credential or latest request. */
  async options(ctx: SubgraphContext): Promise<CredentialOption[]> {
    const { userId } = requirePrincipal(ctx);
    const [earned, held, asked] = await Promise.all([
      this.requests.earned(userId),
      this.credentials.ofPerson(userId),
      this.requests.ofPerson(userId),
    ]);
    return earned.map((e) => {
      const hours = round2(e.hours);
      const current = held.find((c) => c.relationshipId === e.relationshipId && !c.revokedAt && c.hours >= hours);
      const latest = asked.find((r) => r.relationshipId === e.relationshipId) ?? null;
      return {
        relationshipId: e.relationshipId,
        programmeName: e.programmeName,
        role: e.role as CredentialRole,
        hours,
        meetings: e.meetings,
        currentCredentialId: current?.id ?? null,
        latestRequest: latest && toCredentialRequest(latest),
      };
    });
  }

  /** Open requests for the caller to answer: ADMIN (all), or PROGRAMME_ADMIN of their organisation. */
  async open(ctx: SubgraphContext, relationshipId: string | null): Promise<CredentialRequest[]> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    if (relationshipId !== null && !isUuid(relationshipId)) return [];
    if (!hasRole(principal, 'ADMIN') && !principal.organizationId) return [];
    const scope = hasRole(principal, 'ADMIN') ? null : principal.organizationId!;
    return (await this.requests.open(scope, relationshipId)).map(toCredentialRequest);
  }

  /** A partner asks; a relationship that is not theirs is NOT_FOUND, as if it did not exist. */
  async request(ctx: SubgraphContext, input: RequestCredentialInput): Promise<Outcome<'request', CredentialRequest>> {
    const { userId } = requirePrincipal(ctx);
    const rel = isUuid(input.relationshipId) ? await this.credentials.relationship(input.relationshipId) : null;
    if (!rel || (rel.mentorId !== userId && rel.menteeId !== userId)) throw NotFound('Relationship');
    return outcome('request', async () => {
      const errors = new FieldErrors();
      const note = input.note?.trim() || null;
      if (note && note.length > MAX_REQUEST_NOTE)
        errors.add('input.note', 'TOO_LONG', `At most ${MAX_REQUEST_NOTE} characters.`, { max: MAX_REQUEST_NOTE });
      errors.throwIfAny();
      const earned = (await this.credentials.partnerHours(rel.relationshipId)).find((p) => p.userId === userId);
      if (!earned)
        throw refuse('input.relationshipId', 'NO_HOURS', 'You have no confirmed meeting in this relationship yet.');
      if (!rel.organizationId)
        throw refuse(
          'input.relationshipId',
          'NO_ISSUER',
          'This relationship’s programme has no organisation that issues credentials.',
        );
      const hours = round2(earned.hours);
      const held = await this.credentials.ofPerson(userId);
      if (held.some((c) => c.relationshipId === rel.relationshipId && !c.revokedAt && c.hours >= hours))
        throw refuse('input.relationshipId', 'UP_TO_DATE', 'A valid credential you hold already states these hours.');
      const id = randomUUID();
      const organizationId = rel.organizationId;
      await this.db.transaction(async (tx) => {
        const added = await this.requests.insert(tx, {
          id,
          userId,
          relationshipId: rel.relationshipId,
          organizationId,
          programmeId: rel.programmeId,
          role: earned.role,
          hours,
          note,
        });
        if (!added)
          throw refuse('input.relationshipId', 'ALREADY_SUBMITTED', 'Your request for this relationship is waiting.');
        await this.events.publish(tx, 'CredentialRequested', {
          requestId: id,
          userId,
          relationshipId: rel.relationshipId,
          programmeId: rel.programmeId,
          organizationId,
          role: earned.role,
          hours,
          requestedAt: new Date().toISOString(),
        });
      });
      return toCredentialRequest((await this.requests.byId(id))!);
    });
  }

  /** Staff decline an open request with a reason; the person is told. */
  async decline(
    ctx: SubgraphContext,
    input: DeclineCredentialRequestInput,
  ): Promise<Outcome<'request', CredentialRequest>> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    const row = isUuid(input.requestId) ? await this.requests.byId(input.requestId) : null;
    if (!row) throw NotFound('Credential request');
    if (!mayAnswer(principal, row)) throw Forbidden();
    return outcome('request', async () => {
      const errors = new FieldErrors();
      const reason = errors.required('input.reason', input.reason, 'A reason');
      if (reason && reason.length > MAX_REQUEST_NOTE)
        errors.add('input.reason', 'TOO_LONG', `At most ${MAX_REQUEST_NOTE} characters.`, { max: MAX_REQUEST_NOTE });
      errors.throwIfAny();
      await this.db.transaction(async (tx) => {
        if (!(await this.requests.decline(tx, row.id, principal.userId, reason)))
          throw refuse('input.requestId', 'NOT_PENDING', 'This request was already answered.');
        await this.events.publish(tx, 'CredentialRequestDeclined', {
          requestId: row.id,
          userId: row.userId,
          relationshipId: row.relationshipId,
          programmeId: row.programmeId,
          organizationId: row.organizationId,
          reason,
          declinedAt: new Date().toISOString(),
        });
      });
      return toCredentialRequest((await this.requests.byId(row.id))!);
    });
  }
}

function mayAnswer(principal: Principal, row: CredentialRequestRow): boolean {
  if (hasRole(principal, 'ADMIN')) return true;
  return hasRole(principal, 'PROGRAMME_ADMIN') && principal.organizationId === row.organizationId;
}
