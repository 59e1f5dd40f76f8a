import {
  isTimeIdCursor,
  NotFound,
  outcome,
  readPage,
  refuse,
  Refusal,
  requirePrincipal,
  toConnection,
  fieldError,
  type Database,
  type Outcome,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { User } from '../users/user.type';
import { resolved, type ResolvedConnection } from '../shared/connection';
import type { AuditRepository } from './audit.repository';
import type { AuditVerificationRepository, VerificationRow } from './audit-verification.repository';
import type { AnswerAuditVerificationInput } from './audit.inputs';
import type { PageArgs } from './audit.service';
import { AuditVerificationRequest, toAuditMeetingCheck } from './audit.type';

/** What counterparts are asked to verify about audited participants, and their answers. */
export class AuditVerificationService {
  constructor(
    private readonly audits: AuditRepository,
    private readonly verifications: AuditVerificationRepository,
    private readonly db: Database,
  ) {}

  /** What the signed-in person is asked to verify: only the meetings with them. */
  async requestsForMe(ctx: SubgraphContext): Promise<AuditVerificationRequest[]> {
    const principal = requirePrincipal(ctx);
    return groupRequests(await this.verifications.verificationsFor(principal.userId));
  }

  async requestsForMePage(ctx: SubgraphContext, args: PageArgs): Promise<ResolvedConnection<AuditVerificationRequest>> {
    const principal = requirePrincipal(ctx);
    const page = readPage(args, isTimeIdCursor);
    const selections = await this.verifications.requestedSelectionsPage(principal.userId, page.after, page.size + 1);
    const requests = new Map(
      groupRequests(
        await this.verifications.verificationsOfVerifier(
          principal.userId,
          selections.map((s) => s.selectionId),
        ),
      ).map((r) => [r.selectionId, r]),
    );
    return resolved(
      toConnection(
        selections,
        page,
        (s) => [s.dueOn, s.selectionId],
        (s) => requests.get(s.selectionId)!,
        () => this.verifications.countRequestedSelections(principal.userId),
      ),
    );
  }

  async answer(
    ctx: SubgraphContext,
    input: AnswerAuditVerificationInput,
  ): Promise<Outcome<'request', AuditVerificationRequest>> {
    const principal = requirePrincipal(ctx);
    return outcome('request', () =>
      this.db.transaction(async (tx) => {
        const selection = await this.audits.lockSelection(tx, input.selectionId);
        const mine = selection
          ? await this.verifications.verificationsFor(principal.userId, input.selectionId, tx)
          : [];
        if (!selection || !mine.length) throw NotFound('Verification request');
        if (selection.outcome)
          throw refuse('input.selectionId', 'ALREADY_DECIDED', 'This audit is closed; answers can no longer change.');
        const listed = new Set(mine.map((v) => v.meetingId));
        const errors = input.answers.flatMap((a, i) =>
          listed.has(a.meetingId)
            ? []
            : [
                fieldError(
                  `input.answers.${i}.meetingId`,
                  'NOT_LISTED',
                  'This meeting is not one you are asked to verify.',
                ),
              ],
        );
        if (errors.length) throw new Refusal(errors);
        for (const a of input.answers)
          await this.verifications.answer(
            tx,
            input.selectionId,
            a.meetingId,
            principal.userId,
            a.answer,
            a.note?.trim() || null,
          );
        const [request] = groupRequests(
          await this.verifications.verificationsFor(principal.userId, input.selectionId, tx),
        );
        return request;
      }),
    );
  }
}

/** One request per selection, with the meetings asked about. */
function groupRequests(rows: VerificationRow[]): AuditVerificationRequest[] {
  const groups = new Map<string, AuditVerificationRequest>();
  for (const v of rows) {
    const g =
      groups.get(v.selectionId) ??
      Object.assign(new AuditVerificationRequest(), {
        selectionId: v.selectionId,
        subject: Object.assign(new User(), { id: v.subjectId }),
        dueOn: v.dueOn,
        closed: v.decided,
        meetings: [],
      });
    g.meetings.push(toAuditMeetingCheck(v, true));
    groups.set(v.selectionId, g);
  }
  return [...groups.values()];
}
