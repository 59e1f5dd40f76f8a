import { randomBytes, randomUUID } from 'node:crypto';
import {
  FieldErrors,
  isUuid,
  outcome,
  requireRole,
  type Database,
  type EventBus,
  type Outcome,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { MeetingRepository } from '../read-models/meeting.repository';
import {
  riskScore,
  seedCommitment,
  selectAuditSample,
  type AuditCandidate,
  type AuditStrategyName,
} from './audit-sampling';
import type { AuditRepository, AuditScope } from './audit.repository';
import type { AuditVerificationRepository } from './audit-verification.repository';
import type { OpenAuditCycleInput } from './audit.inputs';
import { addDays, expectedHours } from './audit.rules';
import { AUDITOR_ROLES } from './audit.service';
import { strategyNamed, toAudit, type Audit } from './audit.type';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Opens audit cycles: a reproducible sample of the period's population in the cycle's scope, evidence and
 * verifications requested. The cycle keeps the commitment sha256(seed) and the population (ids, strata, risks) so
 * anyone can recompute the selection from the revealed seed (README: Audits, "Checking a selection").
 */
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
      if (input.seed != null && !input.seed.trim())
        errors.add('input.seed', 'REQUIRED', 'Give a seed, or leave it out for a random one.');
      const scope = await this.scope(input, errors);
      const dueDays = input.dueInDays ?? this.config.dueDays;
      if (!Number.isInteger(dueDays) || dueDays < 1 || dueDays > 365)
        errors.add('input.dueInDays', 'OUT_OF_RANGE', 'Between 1 and 365 days.', { min: 1, max: 365 });
      errors.throwIfAny();

      const strategy = strategyNamed(input.strategy);
      const seed = input.seed ?? randomBytes(32).toString('hex');
      const candidates = await this.candidates(input.from, input.to, scope);
      const chosen = selectAuditSample(candidates, input.sampleRate, seed, strategy as AuditStrategyName);
      const openedAt = new Date();
      const dueOn = addDays(openedAt.toISOString().slice(0, 10), dueDays);
      const audit = {
        id: randomUUID(),
        periodFrom: input.from,
        periodTo: input.to,
        sampleRate: input.sampleRate,
        seed,
        seedCommitment: seedCommitment(seed),
        ...scope,
        populationRecorded: true,
        strategy,
        openedBy: principal.userId,
        openedAt,
        dueOn,
        population: candidates.length,
      };
      // a fixed number of statements whatever the sample: a cycle over a large platform selects thousands
      await this.db.transaction(async (tx) => {
        await this.audits.insertAudit(tx, audit);
        await this.audits.insertPopulation(
          tx,
          audit.id,
          candidates.map((c) => ({ userId: c.userId, programmeId: c.programmeId, riskScore: c.risk })),
        );
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
          selections.map((s) => ({
            auditId: audit.id,
            selectionId: s.id,
            userId: s.userId,
            dueOn,
            claimedHours: s.claimedHours,
          })),
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

  /** The scope asked for, checked: one of a programme or an organisation reporting knows, or neither. */
  private async scope(input: OpenAuditCycleInput, errors: FieldErrors): Promise<AuditScope> {
    const scope = { programmeId: input.programmeId ?? null, organizationId: input.organizationId ?? null };
    if (scope.programmeId && scope.organizationId)
      errors.add('input.organizationId', 'CONFLICT', 'Scope the cycle to a programme or an organisation, not both.');
    const checks = [
      ['programmeId', 'programme', scope.programmeId, 'No such programme.'],
      ['organizationId', 'organization', scope.organizationId, 'No such organisation.'],
    ] as const;
    for (const [field, kind, id, message] of checks) {
      if (id === null) continue;
      if (!isUuid(id) || !(await this.audits.scopeExists(kind, id))) errors.add(`input.${field}`, 'NOT_FOUND', message);
    }
    return scope;
  }

  /** The period's population with each person's risk: hours against the programme's pace, disputes, past audits. */
  private async candidates(from: string, to: string, scope: AuditScope): Promise<AuditCandidate[]> {
    const population = await this.audits.population(from, to, scope);
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
