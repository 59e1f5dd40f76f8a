import { randomUUID } from 'node:crypto';
import type { Principal } from '@tandem/contracts';
import {
  fieldError,
  hasRole,
  NotFound,
  requirePrincipal,
  isTimeIdCursor,
  isUuid,
  readPage,
  refused,
  toConnection,
  type Database,
  type EventBus,
  type FieldError,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { isStaffAdmin } from '../shared/access';
import { resolveWeights } from '../search/score';
import type { MatchProposalService } from '../proposals/match-proposal.service';
import { toMatchProposal, type MatchProposal } from '../proposals/match-proposal.type';
import type { CohortObjective } from './assignment';
import type {
  CohortMatchRepository,
  CohortMatchRunRow,
  CohortMentee,
  CohortRow,
  StoredBasis,
} from './cohort-match.repository';
import { readModelConsumers } from '../read-models/read-model.consumers';
import { mentorLoadConsumers } from '../load/mentor-load.consumers';

/** The events that change who a cohort run sees: profiles (approvals), programmes, enrolments, relationships. */
const READ_MODEL_EVENTS = [...readModelConsumers.events, ...mentorLoadConsumers.events];
import { planCohort, type PairRule } from './cohort-planner';
import {
  toCohortMatchRun,
  toCohortPairRule,
  type CohortMatchRun,
  type CohortMatchRunConnection,
  type CohortMatchRunResult,
  type CohortPairRule,
  type CohortPairRuleResult,
  type PublishCohortMatchRunResult,
} from './cohort-match.type';

/** Coaches of the programme's organisations and admins run a cohort's matching. */
function mayMatch(principal: Principal, cohort: CohortRow): boolean {
  return (
    isStaffAdmin(principal) ||
    (hasRole(principal, 'COACH') &&
      !!principal.organizationId &&
      cohort.organizationIds.includes(principal.organizationId))
  );
}

/**
 * Whose mentees the caller matches in a cohort: a coach only their own organisation's (mentors are the
 * cohort's shared pool); admins the whole cohort (null) or the organisation they name.
 */
function scopeOf(principal: Principal, requested: string | null): string | null {
  return isStaffAdmin(principal) ? requested : principal.organizationId;
}

/** A run is visible to admins, and to a coach of the cohort when it covers the coach's organisation. */
const maySeeRun = (principal: Principal, run: CohortMatchRunRow) =>
  isStaffAdmin(principal) || (run.organizationId !== null && run.organizationId === principal.organizationId);

/** The organisation a cohort mentee belongs to: their profile's, else the one they enrolled through. */
const menteeOrganisation = (m: CohortMentee) => m.profile?.organizationId ?? m.organizationId;

/** Cohort matching: optimal draft runs under capacities and hard rules, coach locks and exclusions, publishing as proposals. */
export class CohortMatchService {
  constructor(
    private readonly runs: CohortMatchRepository,
    private readonly proposals: MatchProposalService,
    private readonly db: Database,
    private readonly events: Pick<EventBus, 'waiting'>,
  ) {}

  async run(
    ctx: SubgraphContext,
    cohortId: string,
    objective: CohortObjective,
    organizationId: string | null,
  ): Promise<CohortMatchRunResult> {
    const principal = requirePrincipal(ctx);
    const cohort = await this.cohort(principal, cohortId);
    if (!isStaffAdmin(principal) && organizationId !== null && organizationId !== principal.organizationId) {
      return refused<'run', CohortMatchRun>('run', [
        fieldError('organizationId', 'NOT_YOURS', 'A coach matches the mentees of their own organisation.'),
      ]);
    }
    const scope = scopeOf(principal, organizationId);
    if (scope !== null && !cohort.organizationIds.includes(scope)) {
      return refused<'run', CohortMatchRun>('run', [
        fieldError('organizationId', 'NOT_A_PARTNER', 'This organisation is not a partner of the cohort’s programme.'),
      ]);
    }
    const readAt = new Date();
    const [mentees, mentors, rules, arriving] = await Promise.all([
      this.mentees(cohortId, scope),
      this.runs.mentors(cohortId, cohort.programmeId),
      this.runs.rules(cohortId),
      // what the read models do not reflect yet (a just-approved mentor, a just-enrolled mentee)
      this.events.waiting(READ_MODEL_EVENTS).catch(() => null),
    ]);
    const basis: StoredBasis = {
      readAt: readAt.toISOString(),
      mentees: mentees.length,
      mentors: mentors.length,
      updatesArriving: arriving?.count ?? null,
      oldestUpdateAt: arriving?.oldestAt ? new Date(arriving.oldestAt).toISOString() : null,
    };
    const declined = await this.runs.declinedPairs(mentees.map((m) => m.userId));
    const inScope = new Set(mentees.map((m) => m.userId));
    const plan = planCohort({
      mentees: mentees.map((m) => ({ id: m.userId, profile: m.profile, alreadyMatched: m.matched })),
      mentors: mentors.map((m) => ({ id: m.userId, profile: m, free: m.free })),
      rules: rules
        .filter((r) => inScope.has(r.menteeId))
        .map((r) => ({ menteeId: r.menteeId, mentorId: r.mentorId, rule: r.rule })),
      declined,
      weights: resolveWeights(cohort.matchingWeights),
      objective,
    });
    const row = await this.db.transaction((tx) =>
      this.runs.insertRun(tx, {
        id: randomUUID(),
        cohortId,
        programmeId: cohort.programmeId,
        organizationId: scope,
        objective,
        createdBy: principal.userId,
        createdAt: new Date(),
        totalScore: plan.totalScore,
        matchedCount: plan.pairs.length,
        result: { pairs: plan.pairs, unmatched: plan.unmatched, basis },
      }),
    );
    return { run: toCohortMatchRun(row), errors: [] };
  }

  async setRule(
    ctx: SubgraphContext,
    cohortId: string,
    menteeId: string,
    mentorId: string,
    rule: PairRule,
  ): Promise<CohortPairRuleResult> {
    const principal = requirePrincipal(ctx);
    await this.cohort(principal, cohortId);
    if (!isUuid(menteeId))
      return refused<'rule', CohortPairRule>('rule', [
        fieldError('menteeId', 'UNKNOWN', 'Not a person of this cohort.'),
      ]);
    if (!isUuid(mentorId))
      return refused<'rule', CohortPairRule>('rule', [
        fieldError('mentorId', 'UNKNOWN', 'Not a person of this cohort.'),
      ]);
    if (menteeId === mentorId)
      return refused<'rule', CohortPairRule>('rule', [
        fieldError('mentorId', 'SELF', 'A mentee cannot mentor themselves.'),
      ]);
    // a mentee of another organisation is as unknown to a coach as one outside the cohort
    if (!(await this.mentees(cohortId, scopeOf(principal, null))).some((m) => m.userId === menteeId)) {
      return refused<'rule', CohortPairRule>('rule', [
        fieldError('menteeId', 'UNKNOWN', 'Not a person of this cohort.'),
      ]);
    }
    const row = await this.db.transaction(async (tx) => {
      if (rule === 'LOCKED') await this.runs.clearOtherLocks(tx, cohortId, menteeId, mentorId);
      return this.runs.setRule(tx, { cohortId, menteeId, mentorId, rule, setBy: principal.userId });
    });
    return { rule: toCohortPairRule(row), errors: [] };
  }

  async clearRule(ctx: SubgraphContext, cohortId: string, menteeId: string, mentorId: string): Promise<boolean> {
    const principal = requirePrincipal(ctx);
    await this.cohort(principal, cohortId);
    if (!isUuid(menteeId) || !isUuid(mentorId)) return false;
    if (!(await this.mentees(cohortId, scopeOf(principal, null))).some((m) => m.userId === menteeId)) return false;
    return this.db.transaction((tx) => this.runs.clearRule(tx, cohortId, menteeId, mentorId));
  }

  async rules(ctx: SubgraphContext, cohortId: string): Promise<CohortPairRule[]> {
    const principal = requirePrincipal(ctx);
    await this.cohort(principal, cohortId);
    const scope = scopeOf(principal, null);
    const [rules, mentees] = await Promise.all([
      this.runs.rules(cohortId),
      scope ? this.mentees(cohortId, scope) : null,
    ]);
    const visible = mentees && new Set(mentees.map((m) => m.userId));
    return rules.filter((r) => !visible || visible.has(r.menteeId)).map(toCohortPairRule);
  }

  async runsOf(ctx: SubgraphContext, cohortId: string): Promise<CohortMatchRun[]> {
    const principal = requirePrincipal(ctx);
    await this.cohort(principal, cohortId);
    return (await this.runs.runsOf(cohortId, scopeOf(principal, null))).map(toCohortMatchRun);
  }

  /** The cohort's runs the caller may see, newest first, a page at a time. */
  async runsPage(
    ctx: SubgraphContext,
    cohortId: string,
    first: number | null,
    after: string | null,
  ): Promise<CohortMatchRunConnection> {
    const principal = requirePrincipal(ctx);
    await this.cohort(principal, cohortId);
    const scope = scopeOf(principal, null);
    const page = readPage({ first, after }, isTimeIdCursor);
    const rows = await this.runs.runsPage(cohortId, scope, page.after, page.size);
    return toConnection(
      rows,
      page,
      (r) => [r.createdAt.toISOString(), r.id],
      toCohortMatchRun,
      () => this.runs.runCount(cohortId, scope),
    );
  }

  /** The cohort's mentees, or those of one organisation. */
  private async mentees(cohortId: string, organizationId: string | null): Promise<CohortMentee[]> {
    const all = await this.runs.mentees(cohortId);
    return organizationId === null ? all : all.filter((m) => menteeOrganisation(m) === organizationId);
  }

  /** Creates a proposal (MatchProposed) per pair still possible; the run becomes PUBLISHED. */
  async publish(ctx: SubgraphContext, runId: string): Promise<PublishCohortMatchRunResult> {
    const principal = requirePrincipal(ctx);
    const [visible] = await this.load(ctx, [runId]);
    if (!visible) throw NotFound('Cohort match run');
    return this.db.transaction(async (tx) => {
      const run = (await this.runs.lockRun(tx, runId))!;
      if (run.status !== 'DRAFT')
        return {
          run: toCohortMatchRun(run),
          proposals: [],
          errors: [fieldError('runId', 'ALREADY_PUBLISHED', 'This run was published already.')],
        };
      const proposals: MatchProposal[] = [];
      const errors: FieldError[] = [];
      const mentees = new Map((await this.runs.mentees(run.cohortId)).map((m) => [m.userId, m]));
      for (const pair of run.result.pairs) {
        const problem = await this.proposals.checkPair(tx, pair.menteeId, pair.mentorId, run.programmeId);
        if (problem) {
          errors.push(fieldError(`pairs.${pair.menteeId}`, problem.code, problem.message));
          continue;
        }
        const mentee = mentees.get(pair.menteeId);
        const row = await this.proposals.create(tx, {
          menteeId: pair.menteeId,
          mentorId: pair.mentorId,
          coachId: principal.userId,
          programmeId: run.programmeId,
          runId: run.id,
          cohortId: run.cohortId,
          organizationId: mentee ? menteeOrganisation(mentee) : null,
          enrolledAt: mentee?.enrolledAt ?? null,
          note: `Proposed by cohort matching (score ${pair.score.toFixed(2)}${pair.locked ? ', locked by the coach' : ''}).`,
        });
        proposals.push(toMatchProposal(row));
      }
      const published = await this.runs.markPublished(tx, run.id);
      return { run: toCohortMatchRun(published), proposals, errors };
    });
  }

  async get(ctx: SubgraphContext, id: string): Promise<CohortMatchRun> {
    requirePrincipal(ctx);
    const [row] = await this.load(ctx, [id]);
    if (!row) throw NotFound('Cohort match run');
    return toCohortMatchRun(row);
  }

  /** Batched, access-checked lookup (also `_entities`). */
  async load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<CohortMatchRunRow | null>> {
    const principal = ctx.principal;
    if (!principal) return ids.map(() => null);
    const rows = new Map((await this.runs.findRuns(ids)).map((r) => [r.id, r]));
    const out: Array<CohortMatchRunRow | null> = [];
    for (const id of ids) {
      const row = rows.get(id);
      const cohort = row ? await this.runs.cohort(row.cohortId) : null;
      out.push(row && cohort && mayMatch(principal, cohort) && maySeeRun(principal, row) ? row : null);
    }
    return out;
  }

  private async cohort(principal: Principal, cohortId: string): Promise<CohortRow> {
    const cohort = await this.runs.cohort(cohortId);
    if (!cohort || !mayMatch(principal, cohort)) throw NotFound('Cohort');
    return cohort;
  }
}
