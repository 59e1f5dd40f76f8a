import { randomUUID } from 'node:crypto';
import {
  fieldError,
  hasRole,
  NotFound,
  requirePrincipal,
  requireRole,
  type EventBus,
  type FieldError,
  type SubgraphContext,
  type Transact,
} from '@tandem/subgraph-kit';
import { riskScore, selectAuditSample, type AuditCandidate } from './audit-sampling';
import type { AuditRepository, SelectionRow, VerificationRow } from './audit.repository';
import {
  AnswerAuditVerificationResult,
  AuditVerificationRequest,
  OpenAuditCycleResult,
  RecordAuditOutcomeResult,
  toAudit,
  toAuditMeetingCheck,
  toAuditSelection,
  type AnswerAuditVerificationInput,
  type Audit,
  type AuditOutcome,
  type AuditSelection,
  type OpenAuditCycleInput,
  type RecordAuditOutcomeInput,
} from './audit.type';
import { User } from '../users/user.type';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const AUDITOR_ROLES = ['PROGRAMME_ADMIN', 'ADMIN'] as const;
const round2 = (n: number) => Math.round(n * 100) / 100;

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The outcome the counterparts' answers imply, with the hours they support. */
export function deriveOutcome(
  checks: Array<{ answer: string | null; hours: number }>,
  claimedHours: number,
): { outcome: AuditOutcome; verifiedHours: number } {
  const answered = checks.filter((c) => c.answer !== null);
  const confirmed = round2(checks.filter((c) => c.answer === 'CONFIRMED').reduce((a, c) => a + Number(c.hours), 0));
  if (!answered.length) return { outcome: 'NO_RESPONSE' as AuditOutcome, verifiedHours: 0 };
  if (checks.length && checks.every((c) => c.answer === 'CONFIRMED'))
    return { outcome: 'VERIFIED' as AuditOutcome, verifiedHours: round2(claimedHours) };
  if (confirmed > 0) return { outcome: 'PARTIALLY_VERIFIED' as AuditOutcome, verifiedHours: confirmed };
  return { outcome: 'NOT_VERIFIED' as AuditOutcome, verifiedHours: 0 };
}

/** Audit cycles: reproducible selection, counterpart verification, outcomes with conflict-of-interest checks. */
export class AuditService {
  constructor(
    private readonly audits: AuditRepository,
    private readonly transact: Transact,
    private readonly events: EventBus,
    private readonly config: { dueDays: number },
  ) {}

  async open(ctx: SubgraphContext, input: OpenAuditCycleInput): Promise<OpenAuditCycleResult> {
    const principal = requireRole(ctx, ...AUDITOR_ROLES);
    const errors: FieldError[] = [];
    if (!ISO_DAY.test(input.from)) errors.push(fieldError('input.from', 'INVALID', 'Give a date (YYYY-MM-DD).'));
    if (!ISO_DAY.test(input.to)) errors.push(fieldError('input.to', 'INVALID', 'Give a date (YYYY-MM-DD).'));
    if (!errors.length && input.from > input.to)
      errors.push(fieldError('input.to', 'BEFORE_FROM', 'The period must end on or after its first day.'));
    if (!(input.sampleRate > 0 && input.sampleRate <= 1))
      errors.push(fieldError('input.sampleRate', 'OUT_OF_RANGE', 'Sample between 0 (excluded) and 1.'));
    if (!input.seed.trim())
      errors.push(fieldError('input.seed', 'REQUIRED', 'Give a seed so the selection can be reproduced.'));
    const dueDays = input.dueInDays ?? this.config.dueDays;
    if (!Number.isInteger(dueDays) || dueDays < 1 || dueDays > 365)
      errors.push(fieldError('input.dueInDays', 'OUT_OF_RANGE', 'Between 1 and 365 days.'));
    if (errors.length) return Object.assign(new OpenAuditCycleResult(), { audit: null, errors });

    const candidates = await this.candidates(input.from, input.to);
    const chosen = selectAuditSample(candidates, input.sampleRate, input.seed, input.strategy);
    const openedAt = new Date();
    const dueOn = addDays(openedAt.toISOString().slice(0, 10), dueDays);
    const auditId = randomUUID();
    // a fixed number of statements whatever the sample: a cycle over a large platform selects thousands
    await this.transact(async (m) => {
      await this.audits.insertAudit(m, {
        id: auditId,
        periodFrom: input.from,
        periodTo: input.to,
        sampleRate: input.sampleRate,
        seed: input.seed,
        strategy: input.strategy,
        openedBy: principal.userId,
        openedAt,
        dueOn,
        population: candidates.length,
      });
      const selections = chosen.map((c) => ({
        id: randomUUID(),
        userId: c.userId,
        programmeId: c.programmeId,
        riskScore: c.risk,
        claimedHours: c.hours,
      }));
      await this.audits.insertSelections(m, auditId, dueOn, selections);
      await this.events.publishMany(
        m,
        'AuditEvidenceRequested',
        selections.map((s) => ({ auditId, selectionId: s.id, userId: s.userId, dueOn })),
      );
      const requests = await this.audits.requestVerifications(m, auditId, input.from, input.to);
      await this.events.publishMany(
        m,
        'AuditVerificationRequested',
        requests.map((r) => ({
          auditId,
          selectionId: r.selectionId,
          verifierId: r.verifierId,
          subjectId: r.subjectId,
          meetingIds: r.meetingIds,
          dueOn,
        })),
      );
    });
    return Object.assign(new OpenAuditCycleResult(), { audit: await this.loadAudit(auditId, true), errors: [] });
  }

  async list(ctx: SubgraphContext, limit: number): Promise<Audit[]> {
    requireRole(ctx, ...AUDITOR_ROLES);
    const rows = await this.audits.audits(Math.min(Math.max(limit, 1), 100));
    const selections = await this.selectionsOf(
      rows.map((r) => r.id),
      true,
    );
    return rows.map((a) =>
      toAudit(
        a,
        selections.filter((s) => s.auditId === a.id),
      ),
    );
  }

  async get(ctx: SubgraphContext, id: string): Promise<Audit> {
    if (!hasRole(requirePrincipal(ctx), ...AUDITOR_ROLES)) throw NotFound('Audit');
    const audit = await this.loadAudit(id, true);
    if (!audit) throw NotFound('Audit');
    return audit;
  }

  /** The signed-in person's own audit records (counterparts' notes hidden). */
  async mine(ctx: SubgraphContext): Promise<AuditSelection[]> {
    const principal = requirePrincipal(ctx);
    const rows = await this.audits.selectionsOfUser(principal.userId);
    const checks = await this.audits.verificationsOfSelections(rows.map((r) => r.id));
    return rows.map((s) =>
      toAuditSelection(
        s,
        checks.filter((c) => c.selectionId === s.id).map((c) => toAuditMeetingCheck(c, false)),
      ),
    );
  }

  /** What the signed-in person is asked to verify: only the meetings with them. */
  async requestsForMe(ctx: SubgraphContext): Promise<AuditVerificationRequest[]> {
    const principal = requirePrincipal(ctx);
    return groupRequests(await this.audits.verificationsFor(this.audits.dataSource, principal.userId));
  }

  async answer(ctx: SubgraphContext, input: AnswerAuditVerificationInput): Promise<AnswerAuditVerificationResult> {
    const principal = requirePrincipal(ctx);
    return this.transact(async (m) => {
      const selection = await this.audits.selection(m, input.selectionId, true);
      const mine = selection ? await this.audits.verificationsFor(m, principal.userId, input.selectionId) : [];
      if (!selection || !mine.length) throw NotFound('Verification request');
      if (selection.outcome)
        return Object.assign(new AnswerAuditVerificationResult(), {
          request: null,
          errors: [
            fieldError('input.selectionId', 'ALREADY_DECIDED', 'This audit is closed; answers can no longer change.'),
          ],
        });
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
      if (errors.length) return Object.assign(new AnswerAuditVerificationResult(), { request: null, errors });
      for (const a of input.answers)
        await this.audits.answer(m, input.selectionId, a.meetingId, principal.userId, a.answer, a.note?.trim() || null);
      const [request] = groupRequests(await this.audits.verificationsFor(m, principal.userId, input.selectionId));
      return Object.assign(new AnswerAuditVerificationResult(), { request, errors: [] });
    });
  }

  async record(ctx: SubgraphContext, input: RecordAuditOutcomeInput): Promise<RecordAuditOutcomeResult> {
    const principal = requireRole(ctx, ...AUDITOR_ROLES);
    const fail = (code: string, message: string) =>
      Object.assign(new RecordAuditOutcomeResult(), {
        selection: null,
        errors: [fieldError('input.selectionId', code, message)],
      });
    const current = await this.audits.selection(this.audits.dataSource, input.selectionId);
    if (!current) throw NotFound('Audit selection');
    const checks = await this.audits.verificationsOfSelections([current.id]);
    // conflict of interest: one's own audit, or one that involves one's own relationships
    if (current.userId === principal.userId) return fail('CONFLICT_OF_INTEREST', 'You cannot review your own audit.');
    if (
      checks.some((c) => c.verifierId === principal.userId) ||
      (await this.audits.hasRelationshipWith(principal.userId, current.userId))
    ) {
      return fail('CONFLICT_OF_INTEREST', 'You cannot review an audit that involves your own mentoring relationships.');
    }
    if (!input.notes.trim())
      return Object.assign(new RecordAuditOutcomeResult(), {
        selection: null,
        errors: [fieldError('input.notes', 'REQUIRED', 'Write the reviewer notes.')],
      });
    const decided = await this.decide(current, checks, input.outcome ?? null, principal.userId, input.notes.trim());
    if (!decided) return fail('ALREADY_DECIDED', 'This selection already has an outcome.');
    return Object.assign(new RecordAuditOutcomeResult(), { selection: decided, errors: [] });
  }

  /** Scheduled: selections past their deadline with no answer at all close as NO_RESPONSE. */
  async closeOverdue(today = new Date().toISOString().slice(0, 10)): Promise<number> {
    let closed = 0;
    for (const id of await this.audits.overdueWithoutAnswer(today)) {
      const s = await this.audits.selection(this.audits.dataSource, id);
      if (
        s &&
        (await this.decide(
          s,
          await this.audits.verificationsOfSelections([id]),
          'NO_RESPONSE' as AuditOutcome,
          null,
          'Closed automatically: no response by the deadline.',
        ))
      )
        closed++;
    }
    return closed;
  }

  private async decide(
    s: SelectionRow,
    checks: VerificationRow[],
    override: AuditOutcome | null,
    reviewerId: string | null,
    notes: string,
  ): Promise<AuditSelection | null> {
    const derived = deriveOutcome(checks, Number(s.claimedHours));
    const outcome = override ?? derived.outcome;
    const confirmedHours = round2(
      checks.filter((c) => c.answer === 'CONFIRMED').reduce((a, c) => a + Number(c.hours), 0),
    );
    const verifiedHours =
      outcome === 'VERIFIED' ? round2(Number(s.claimedHours)) : outcome === 'PARTIALLY_VERIFIED' ? confirmedHours : 0;
    const ok = await this.transact(async (m) => {
      if (!(await this.audits.decide(m, s.id, outcome, verifiedHours, reviewerId, notes))) return false;
      await this.events.publish(m, 'AuditOutcomeRecorded', {
        auditId: s.auditId,
        selectionId: s.id,
        userId: s.userId,
        outcome,
        verifiedHours,
        recordedAt: new Date().toISOString(),
      });
      return true;
    });
    if (!ok) return null;
    const [fresh] = await this.selectionsOfIds([s.id]);
    return fresh;
  }

  private async candidates(from: string, to: string): Promise<AuditCandidate[]> {
    const population = await this.audits.population(from, to);
    const ids = population.map((p) => p.userId);
    const [disputes, prior] = await Promise.all([
      this.audits.disputedMeetings(ids, from, to),
      this.audits.priorOutcomes(ids),
    ]);
    const weeks = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (7 * 86_400_000) + 1 / 7;
    return population.map((p) => {
      // the pace the programme expects over the audited period (capped at the whole programme's target)
      const expected =
        p.targetHours && p.durationWeeks
          ? Math.min(Number(p.targetHours), (Number(p.targetHours) / p.durationWeeks) * weeks)
          : null;
      const past = prior.get(p.userId) ?? { failed: 0, partial: 0 };
      return {
        userId: p.userId,
        programmeId: p.programmeId,
        hours: Number(p.hours),
        risk: riskScore({
          hours: Number(p.hours),
          expectedHours: expected,
          disputedMeetings: disputes.get(p.userId) ?? 0,
          failedAudits: past.failed,
          partialAudits: past.partial,
        }),
      };
    });
  }

  private async loadAudit(id: string, auditorView: boolean): Promise<Audit | null> {
    const audit = await this.audits.audit(id);
    if (!audit) return null;
    return toAudit(audit, await this.selectionsOf([id], auditorView));
  }

  private async selectionsOf(auditIds: string[], auditorView: boolean): Promise<AuditSelection[]> {
    if (!auditIds.length) return [];
    const rows = await this.audits.selectionsOfAudits(auditIds);
    const checks = await this.audits.verificationsOfSelections(rows.map((r) => r.id));
    return rows.map((s) =>
      toAuditSelection(
        s,
        checks.filter((c) => c.selectionId === s.id).map((c) => toAuditMeetingCheck(c, auditorView)),
      ),
    );
  }

  private async selectionsOfIds(ids: string[]): Promise<AuditSelection[]> {
    const out: AuditSelection[] = [];
    for (const id of ids) {
      const s = await this.audits.selection(this.audits.dataSource, id);
      if (!s) continue;
      const checks = await this.audits.verificationsOfSelections([id]);
      out.push(
        toAuditSelection(
          s,
          checks.map((c) => toAuditMeetingCheck(c, true)),
        ),
      );
    }
    return out;
  }
}

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
