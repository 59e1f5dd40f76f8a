import { randomUUID } from 'node:crypto';
import {
  FieldErrors,
  outcome,
  requireRole,
  type Database,
  type EventBus,
  type Outcome,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { MeetingRepository } from '../read-models/meeting.repository';
import { riskScore, selectAuditSample, type AuditCandidate, type AuditStrategyName } from './audit-sampling';
import type { AuditRepository } from './audit.repository';
import type { AuditVerificationRepository } from './audit-verification.repository';
import type { OpenAuditCycleInput } from './audit.inputs';
import { addDays, expectedHours } from './audit.rules';
import { AUDITOR_ROLES } from './audit.service';
import { strategyNamed, toAudit, type Audit } from './audit.type';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Opens audit cycles: a reproducible sample of the period's population, evidence and verifications requested. */
export class AuditCycleService {
  constructor(
    private readonly audits: AuditRepository,
    private readonly verifications: AuditVerificationRepository,
    private readonly meetings: MeetingRepository,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly config: { dueDays: number },
  ) {}

  async open(ctx: SubgraphContext, input: OpenAuditCycleInput): Promise<Outcome<'audit', Audit>> {
    const principal = requireRole(ctx, ...AUDITOR_ROLES);
    return outcome('audit', async () => {
      const errors = new FieldErrors();
      if (!ISO_DAY.test(input.from)) errors.add('input.from', 'INVALID', 'Give a date (YYYY-MM-DD).');
      if (!ISO_DAY.test(input.to)) errors.add('input.to', 'INVALID', 'Give a date (YYYY-MM-DD).');
      if (!errors.any && input.from > input.to)
        errors.add('input.to', 'BEFORE_FROM', 'The period must end on or after its first day.');
      if (!(input.sampleRate > 0 && input.sampleRate <= 1))
        errors.add('input.sampleRate', 'OUT_OF_RANGE', 'Sample between 0 (excluded) and 1.');
      if (!input.seed.trim()) errors.add('input.seed', 'REQUIRED', 'Give a seed so the selection can be reproduced.');
      const dueDays = input.dueInDays ?? this.config.dueDays;
      if (!Number.isInteger(dueDays) || dueDays < 1 || dueDays > 365)
        errors.add('input.dueInDays', 'OUT_OF_RANGE', 'Between 1 and 365 days.');
      errors.throwIfAny();

      const strategy = strategyNamed(input.strategy);
      const candidates = await this.candidates(input.from, input.to);
      const chosen = selectAuditSample(candidates, input.sampleRate, input.seed, strategy as AuditStrategyName);
      const openedAt = new Date();
      const dueOn = addDays(openedAt.toISOString().slice(0, 10), dueDays);
      const audit = {
        id: randomUUID(),
        periodFrom: input.from,
        periodTo: input.to,
        sampleRate: input.sampleRate,
        seed: input.seed,
        strategy,
        openedBy: principal.userId,
        openedAt,
        dueOn,
        population: candidates.length,
      };
      // a fixed number of statements whatever the sample: a cycle over a large platform selects thousands
      await this.db.transaction(async (tx) => {
        await this.audits.insertAudit(tx, audit);
        const selections = chosen.map((c) => ({
          id: randomUUID(),
          userId: c.userId,
          programmeId: c.programmeId,
          riskScore: c.risk,
          claimedHours: c.hours,
        }));
        await this.audits.insertSelections(tx, audit.id, dueOn, selections);
        await this.events.publishMany(
          tx,
          'AuditEvidenceRequested',
          selections.map((s) => ({ auditId: audit.id, selectionId: s.id, userId: s.userId, dueOn })),
        );
        const requests = await this.verifications.requestVerifications(tx, audit.id, input.from, input.to);
        await this.events.publishMany(
          tx,
          'AuditVerificationRequested',
          requests.map((r) => ({
            auditId: audit.id,
            selectionId: r.selectionId,
            verifierId: r.verifierId,
            subjectId: r.subjectId,
            meetingIds: r.meetingIds,
            dueOn,
          })),
        );
      });
      return toAudit((await this.audits.audit(audit.id))!);
    });
  }

  /** The period's population with each person's risk: hours against the programme's pace, disputes, past audits. */
  private async candidates(from: string, to: string): Promise<AuditCandidate[]> {
    const population = await this.audits.population(from, to);
    const ids = population.map((p) => p.userId);
    const [disputes, prior] = await Promise.all([
      this.meetings.disputedCounts(ids, from, to),
      this.audits.priorOutcomes(ids),
    ]);
    return population.map((p) => {
      const past = prior.get(p.userId) ?? { failed: 0, partial: 0 };
      return {
        userId: p.userId,
        programmeId: p.programmeId,
        hours: Number(p.hours),
        risk: riskScore({
          hours: Number(p.hours),
          expectedHours: expectedHours(p, from, to),
          disputedMeetings: disputes.get(p.userId) ?? 0,
          failedAudits: past.failed,
          partialAudits: past.partial,
        }),
      };
    });
  }
}
