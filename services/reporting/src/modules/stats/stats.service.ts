import { isApiKey } from '@tandem/contracts';
import { BadInput, Forbidden, hasRole, requireRole, rowLoader, type SubgraphContext } from '@tandem/subgraph-kit';
import { NIL_UUID } from './stats-rollup.repository';
import type { RollupSums, StatsFilterValues, StatsGrouping, StatsRepository } from './stats.repository';
import { ProgrammeFeedbackAverage, ProgramStats, ProgramStatsGroupBy, type ProgramStatsFilter } from './stats.type';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ANALYTICS_ROLES = ['ANALYST', 'PROGRAMME_ADMIN', 'ADMIN'] as const;
/** Averages over fewer responses than this could identify respondents. */
export const MIN_FEEDBACK_RESPONSES = 3;
const OVERALL = '*';

const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * Programme analytics from the rollups: aggregates only, for analysts, programme admins and admins, for a
 * coach over their own organisation (the people they support), and for an organisation's API key over that
 * organisation only (a key holds no role: it is never a platform-wide analyst).
 */
export class StatsService {
  constructor(private readonly stats: StatsRepository) {}

  async programmeStats(
    ctx: SubgraphContext,
    given: ProgramStatsFilter,
    grouping: ProgramStatsGroupBy | null,
    from: string,
    to: string,
  ): Promise<ProgramStats[]> {
    const principal = isApiKey(ctx.principal) ? ctx.principal : requireRole(ctx, ...ANALYTICS_ROLES, 'COACH');
    const filter = filterValues(given);
    const groupBy = groupingOf(grouping);
    let scoped = filter;
    if (!hasRole(principal, ...ANALYTICS_ROLES)) {
      if (!principal.organizationId || (filter.organizationId && filter.organizationId !== principal.organizationId)) {
        throw Forbidden('A coach (or an API key) sees the figures of its own organisation only.');
      }
      scoped = { ...filter, organizationId: principal.organizationId };
    }
    if (!ISO_DAY.test(from) || !ISO_DAY.test(to))
      throw BadInput([{ field: 'from', message: 'must be a date (YYYY-MM-DD)' }]);
    if (from > to) throw BadInput([{ field: 'to', message: 'must not be before from' }]);
    return this.compute(scoped, groupBy, from, to);
  }

  /** `Programme.stats`: the same figures for one programme, null for anyone but analysts and admins. */
  async forProgramme(
    ctx: SubgraphContext,
    programmeId: string,
    from: string,
    to: string,
  ): Promise<ProgramStats | null> {
    if (!hasRole(ctx.principal, ...ANALYTICS_ROLES)) return null;
    const found = await rowLoader(
      ctx,
      `stats:programme:${from}:${to}`,
      (r: ProgramStats) => r.groupKey,
      (ids) => this.compute({}, 'PROGRAMME', from, to, [...ids]),
    ).load(programmeId);
    return found ?? emptyStats(programmeId, '', from, to);
  }

  private async compute(
    filter: StatsFilterValues,
    groupBy: StatsGrouping,
    from: string,
    to: string,
    onlyProgrammes?: string[],
  ): Promise<ProgramStats[]> {
    const filters = onlyProgrammes?.length === 1 ? { ...filter, programmeId: onlyProgrammes[0] } : filter;
    const [sums, ttm, feedback] = await Promise.all([
      this.stats.rollups(filters, groupBy, from, to),
      this.stats.timeToMatch(filters, groupBy, from, to),
      this.stats.feedback(filters, groupBy, from, to),
    ]);
    let groups: Array<{ sums: RollupSums; active: number; total: number }>;
    if (groupBy === 'MONTH') {
      // running figures across months, then only the months of the period
      let active = 0;
      let total = 0;
      groups = sums
        .map((s) => {
          active += s.activeDelta;
          total += s.matchesToDate;
          return { sums: s, active, total };
        })
        .filter((g) => g.sums.key >= from.slice(0, 7));
    } else {
      groups = sums.map((s) => ({ sums: s, active: s.activeDelta, total: s.matchesToDate }));
    }
    if (onlyProgrammes) groups = groups.filter((g) => onlyProgrammes.includes(g.sums.key));
    const labels = await this.stats.labels(
      groupBy,
      groups.map((g) => g.sums.key),
    );
    const rows = groups.map(({ sums: s, active, total }) => {
      const fb = feedback.filter((f) => f.key === s.key);
      const overall = fb.find((f) => f.question === OVERALL);
      const ended = s.relationshipsCompleted + s.relationshipsWithdrawn;
      return Object.assign(new ProgramStats(), {
        groupKey: keyOf(s.key, groupBy),
        groupLabel: labelOf(s.key, groupBy, labels),
        from,
        to,
        registrations: s.registrations,
        mentorsEnrolled: s.mentorsEnrolled,
        menteesEnrolled: s.menteesEnrolled,
        mentorApprovals: s.mentorApprovals,
        menteesMatched: s.menteesMatched,
        matchRate: s.menteesEnrolled > 0 ? round(Math.min(1, s.menteesMatched / s.menteesEnrolled)) : null,
        matches: s.matches,
        medianDaysToMatch: nullableRound(ttm.get(s.key)?.median),
        p90DaysToMatch: nullableRound(ttm.get(s.key)?.p90),
        requestsSent: s.requestsSent,
        requestsAccepted: s.requestsAccepted,
        requestsDeclined: s.requestsDeclined,
        requestsExpired: s.requestsExpired,
        relationshipsStarted: s.relationshipsStarted,
        activeRelationships: Math.max(0, active),
        relationshipsCompleted: s.relationshipsCompleted,
        relationshipsWithdrawn: s.relationshipsWithdrawn,
        relationshipsContinued: s.relationshipsContinued,
        termsMetShare: ended > 0 ? round(s.relationshipsMetTerms / ended) : null,
        meetingsConfirmed: s.meetingsConfirmed,
        hoursConfirmed: round(Number(s.hoursConfirmed), 2),
        goalsAchieved: s.goalsAchieved,
        feedbackResponses: overall?.responses ?? 0,
        feedbackAverage:
          overall && overall.responses >= MIN_FEEDBACK_RESPONSES ? round(overall.total / overall.responses, 2) : null,
        feedbackByQuestion: fb
          .filter((f) => f.question !== OVERALL)
          .map((f) =>
            Object.assign(new ProgrammeFeedbackAverage(), {
              question: f.question,
              responses: f.responses,
              average: f.responses >= MIN_FEEDBACK_RESPONSES ? round(f.total / f.responses, 2) : null,
            }),
          ),
        matchesMadeTotal: total,
      });
    });
    if (!groupBy && !rows.length) return [emptyStats('ALL', 'All', from, to)];
    return rows;
  }
}

/**
 * The filter as the repository reads it: `programmeId`, or its former spelling `programId` (BAD_USER_INPUT
 * AMBIGUOUS when both are given and differ).
 */
function filterValues(given: ProgramStatsFilter): StatsFilterValues {
  const { programId, programmeId, ...rest } = given;
  if (programId && programmeId && programId !== programmeId)
    throw BadInput([
      {
        field: 'filter.programmeId',
        code: 'AMBIGUOUS',
        message: 'programmeId and programId name different programmes',
      },
    ]);
  return { ...rest, programmeId: programmeId ?? programId ?? null };
}

/** PROGRAM is the former spelling of PROGRAMME. */
const groupingOf = (groupBy: ProgramStatsGroupBy | null): StatsGrouping =>
  groupBy === ProgramStatsGroupBy.PROGRAM ? 'PROGRAMME' : groupBy;

function nullableRound(v: number | null | undefined): number | null {
  return v === null || v === undefined ? null : round(Number(v), 2);
}

function keyOf(key: string, groupBy: StatsGrouping): string {
  if (key === NIL_UUID || (groupBy === 'INDUSTRY' && key === '')) return 'NONE';
  return key;
}

function labelOf(key: string, groupBy: StatsGrouping, labels: Map<string, string>): string {
  if (!groupBy) return 'All';
  if (key === NIL_UUID || key === '')
    return groupBy === 'PROGRAMME'
      ? 'Outside any programme'
      : groupBy === 'INDUSTRY'
        ? 'Industry not given'
        : groupBy === 'COHORT'
          ? 'No cohort'
          : 'No organisation';
  return labels.get(key) ?? key;
}

function emptyStats(key: string, label: string, from: string, to: string): ProgramStats {
  return Object.assign(new ProgramStats(), {
    groupKey: key,
    groupLabel: label,
    from,
    to,
    registrations: 0,
    mentorsEnrolled: 0,
    menteesEnrolled: 0,
    mentorApprovals: 0,
    menteesMatched: 0,
    matchRate: null,
    matches: 0,
    medianDaysToMatch: null,
    p90DaysToMatch: null,
    requestsSent: 0,
    requestsAccepted: 0,
    requestsDeclined: 0,
    requestsExpired: 0,
    relationshipsStarted: 0,
    activeRelationships: 0,
    relationshipsCompleted: 0,
    relationshipsWithdrawn: 0,
    relationshipsContinued: 0,
    termsMetShare: null,
    meetingsConfirmed: 0,
    hoursConfirmed: 0,
    goalsAchieved: 0,
    feedbackResponses: 0,
    feedbackAverage: null,
    feedbackByQuestion: [],
    matchesMadeTotal: 0,
  });
}
