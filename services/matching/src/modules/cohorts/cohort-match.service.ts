import { randomUUID } from 'node:crypto';
import type { Principal } from '@tandem/contracts';
import {
  fieldError,
  hasRole,
  NotFound,
  requirePrincipal,
  type FieldError,
  type SubgraphContext,
  type Transact,
} from '@tandem/subgraph-kit';
import { isStaffAdmin, isUuid } from '../shared/access';
import { resolveWeights } from '../search/score';
import type { MatchProposalService } from '../proposals/match-proposal.service';
import { toMatchProposal, type MatchProposal } from '../proposals/match-proposal.type';
import type { CohortObjective } from './assignment';
import type { CohortMatchRunRow, PairRule } from './cohort-match.entity';
import type { CohortMatchRepository, CohortMentee, CohortRow } from './cohort-match.repository';
import { planCohort } from './cohort-planner';
import {
  toCohortMatchRun,
  toCohortPairRule,
  type CohortMatchRun,
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
      cohort.organization_ids.includes(principal.organizationId))
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
  isStaffAdmin(principal) || (run.organization_id !== null && run.organization_id === principal.organizationId);

/** The organisation a cohort mentee belongs to: their profile's, else the one they enrolled through. */
const menteeOrganisation = (m: CohortMentee) => m.profile?.organization_id ?? m.organization_id;

/** Cohort matching: optimal draft runs under capacities and hard rules, coach locks and exclusions, publishing as proposals. */
export class CohortMatchService {
  constructor(
    private readonly runs: CohortMatchRepository,
    private readonly proposals: MatchProposalService,
    private readonly transact: Transact,
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
      return {
        run: null,
        errors: [fieldError('organizationId', 'NOT_YOURS', 'A coach matches the mentees of their own organisation.')],
      };
    }
    const scope = scopeOf(principal, organizationId);
    if (scope !== null && !cohort.organization_ids.includes(scope)) {
      return {
        run: null,
        errors: [
          fieldError(
            'organizationId',
            'NOT_A_PARTNER',
            'This organisation is not a partner of the cohort’s programme.',
          ),
        ],
      };
    }
    const [mentees, mentors, rules] = await Promise.all([
      this.mentees(cohortId, scope),
      this.runs.mentors(cohortId, cohort.programme_id),
      this.runs.rules(cohortId),
    ]);
    const declined = await this.runs.declinedPairs(mentees.map((m) => m.user_id));
    const inScope = new Set(mentees.map((m) => m.user_id));
    const plan = planCohort({
      mentees: mentees.map((m) => ({ id: m.user_id, profile: m.profile, alreadyMatched: m.matched })),
      mentors: mentors.map((m) => ({ id: m.user_id, profile: m, free: m.free })),
      rules: rules
        .filter((r) => inScope.has(r.mentee_id))
        .map((r) => ({ menteeId: r.mentee_id, mentorId: r.mentor_id, rule: r.rule })),
      declined,
      weights: resolveWeights(cohort.matching_weights),
      objective,
    });
    const row = await this.transact((manager) =>
      this.runs.insertRun(manager, {
        id: randomUUID(),
        cohort_id: cohortId,
        programme_id: cohort.programme_id,
        organization_id: scope,
        objective,
        created_by: principal.userId,
        created_at: new Date(),
        total_score: plan.totalScore,
        matched_count: plan.pairs.length,
        result: { pairs: plan.pairs, unmatched: plan.unmatched },
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
      return { rule: null, errors: [fieldError('menteeId', 'UNKNOWN', 'Not a person of this cohort.')] };
    if (!isUuid(mentorId))
      return { rule: null, errors: [fieldError('mentorId', 'UNKNOWN', 'Not a person of this cohort.')] };
    if (menteeId === mentorId)
      return { rule: null, errors: [fieldError('mentorId', 'SELF', 'A mentee cannot mentor themselves.')] };
    // a mentee of another organisation is as unknown to a coach as one outside the cohort
    if (!(await this.mentees(cohortId, scopeOf(principal, null))).some((m) => m.user_id === menteeId)) {
      return { rule: null, errors: [fieldError('menteeId', 'UNKNOWN', 'Not a person of this cohort.')] };
    }
    const row = await this.transact(async (manager) => {
      if (rule === 'LOCKED') await this.runs.clearOtherLocks(manager, cohortId, menteeId, mentorId);
      return this.runs.setRule(manager, { cohortId, menteeId, mentorId, rule, setBy: principal.userId });
    });
    return { rule: toCohortPairRule(row), errors: [] };
  }

  async clearRule(ctx: SubgraphContext, cohortId: string, menteeId: string, mentorId: string): Promise<boolean> {
    const principal = requirePrincipal(ctx);
    await this.cohort(principal, cohortId);
    if (!isUuid(menteeId) || !isUuid(mentorId)) return false;
    if (!(await this.mentees(cohortId, scopeOf(principal, null))).some((m) => m.user_id === menteeId)) return false;
    return this.transact((manager) => this.runs.clearRule(manager, cohortId, menteeId, mentorId));
  }

  async rules(ctx: SubgraphContext, cohortId: string): Promise<CohortPairRule[]> {
    const principal = requirePrincipal(ctx);
    await this.cohort(principal, cohortId);
    const scope = scopeOf(principal, null);
    const [rules, mentees] = await Promise.all([
      this.runs.rules(cohortId),
      scope ? this.mentees(cohortId, scope) : null,
    ]);
    const visible = mentees && new Set(mentees.map((m) => m.user_id));
    return rules.filter((r) => !visible || visible.has(r.mentee_id)).map(toCohortPairRule);
  }

  async runsOf(ctx: SubgraphContext, cohortId: string): Promise<CohortMatchRun[]> {
    const principal = requirePrincipal(ctx);
    await this.cohort(principal, cohortId);
    return (await this.runs.runsOf(cohortId, scopeOf(principal, null))).map(toCohortMatchRun);
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
    return this.transact(async (manager) => {
      const run = (await this.runs.lockRun(manager, runId))!;
      if (run.status !== 'DRAFT')
        return {
          run: toCohortMatchRun(run),
          proposals: [],
          errors: [fieldError('runId', 'ALREADY_PUBLISHED', 'This run was published already.')],
        };
      const proposals: MatchProposal[] = [];
      const errors: FieldError[] = [];
      const mentees = new Map((await this.runs.mentees(run.cohort_id)).map((m) => [m.user_id, m]));
      for (const pair of run.result.pairs) {
        const problem = await this.proposals.checkPair(manager, pair.menteeId, pair.mentorId, run.programme_id);
        if (problem) {
          errors.push(fieldError(`pairs.${pair.menteeId}`, problem.code, problem.message));
          continue;
        }
        const mentee = mentees.get(pair.menteeId);
        const row = await this.proposals.create(manager, {
          menteeId: pair.menteeId,
          mentorId: pair.mentorId,
          coachId: principal.userId,
          programmeId: run.programme_id,
          runId: run.id,
          cohortId: run.cohort_id,
          organizationId: mentee ? menteeOrganisation(mentee) : null,
          enrolledAt: mentee?.enrolled_at ?? null,
          note: `Proposed by cohort matching (score ${pair.score.toFixed(2)}${pair.locked ? ', locked by the coach' : ''}).`,
        });
        proposals.push(toMatchProposal(row));
      }
      const published = await this.runs.markPublished(manager, run.id);
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
      const cohort = row ? await this.runs.cohort(row.cohort_id) : null;
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
