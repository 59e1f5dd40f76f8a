import { NotFound, readPage, requirePrincipal, toConnection, isUuid, type SubgraphContext } from '@tandem/subgraph-kit';
import { coachesOrganisation } from '../shared/access';
import type { MenteeProfileRow } from '../read-models/read-model.repository';
import { normaliseTags, resolveWeights, scoreMentor, type Criterion, type SearchCriteria } from './score';
import type { MentorSearchCriteriaInput } from './search.inputs';
import type { RankedMentorRow, SearchRepository } from './search.repository';
import {
  MentorSearchRanking,
  toMentorSearchResult,
  type MentorSearchConnection,
  type MentorSearchRankingStatus,
} from './search.type';

/** How long a search waits for the profile version it was asked for to reach matching, and how often it looks. */
export interface ProfileWait {
  timeoutMs: number;
  intervalMs: number;
}
const DEFAULT_WAIT: ProfileWait = { timeoutMs: 2_000, intervalMs: 100 };

/** A search cursor: the score and id of the last mentor of the page. */
type Cursor = { s: number; id: string };
const isCursor = (v: unknown): v is Cursor => !!v && typeof (v as Cursor).s === 'number' && isUuid((v as Cursor).id);

/** Resolves the search criteria: given values win, absent ones come from the mentee's profile. */
export function resolveCriteria(
  input: MentorSearchCriteriaInput | null | undefined,
  mentee: MenteeProfileRow | null,
): SearchCriteria {
  const i = input ?? {};
  const pick = <T>(given: T | null | undefined, fallback: T): T =>
    given === undefined || given === null ? fallback : given;
  const text = (v: string | null) => (v && v.trim() ? v.trim() : null);
  return {
    industryCode: text(pick(i.industryCode, mentee?.industryCode ?? null)),
    occupationCode: text(pick(i.occupationCode, mentee?.occupationCode ?? null)),
    skills: normaliseTags(pick(i.skills, mentee?.skills ?? [])).slice(0, 20),
    languages: normaliseTags(pick(i.languages, mentee?.languages ?? [])),
    city: text(pick(i.city, mentee?.city ?? null)),
    country: text(pick(i.country, mentee?.country ?? null)),
    timeZone: text(pick(i.timeZone, mentee?.timeZone ?? null)),
    meetingPreferences: [...new Set(pick(i.meetingPreferences, mentee?.meetingPreferences ?? []))],
    livedExperience: normaliseTags(
      pick(i.livedExperience, [...(mentee?.livedExperience ?? []), ...(mentee?.needs ?? [])]),
    ).slice(0, 20),
    goals: text(pick(i.goals, (mentee?.goals ?? []).join(' '))),
  };
}

/** Ranked, explained mentor search for the signed-in mentee, or by a coach or an admin for a mentee. */
export class SearchService {
  constructor(
    private readonly repository: SearchRepository,
    private readonly wait: ProfileWait = DEFAULT_WAIT,
  ) {}

  async searchMentors(
    ctx: SubgraphContext,
    input: MentorSearchCriteriaInput | null,
    exact: Criterion[] | null,
    first: number | null,
    after: string | null,
    menteeId: string | null = null,
    profileVersion: Date | null = null,
  ): Promise<MentorSearchConnection> {
    const principal = requirePrincipal(ctx);
    const forId = menteeId ?? principal.userId;
    if (forId !== principal.userId) {
      // a mentee outside the coach's organisation is as unknown as one that does not exist
      const mentee = isUuid(forId) ? await this.repository.menteeOrganisation(forId) : null;
      if (!mentee?.known || !coachesOrganisation(principal, mentee.organizationId)) throw NotFound('Mentee');
    }
    const page = readPage({ first, after }, isCursor);
    const start = await this.repository.searchStart(forId, input?.programmeId ?? null);
    const { declinedBy, programmeWeights } = start;
    const mentee = reached(start.mentee, profileVersion)
      ? start.mentee
      : await this.menteeAtLeast(forId, profileVersion);
    const criteria = resolveCriteria(input, mentee);
    const ranking = Object.assign(new MentorSearchRanking(), {
      status: rankingStatus(criteria, mentee, profileVersion),
      profileVersion: mentee?.changedAt ?? null,
    });
    const weights = resolveWeights(programmeWeights);
    const query = {
      criteria,
      weights,
      exact: [...new Set(exact ?? [])],
      excludeIds: [forId, ...declinedBy],
      after: page.after ? { score: page.after.s, id: page.after.id } : null,
      limit: page.size,
    };
    const rows = await this.repository.rank(query);
    const explained = (row: RankedMentorRow) => {
      const { explanation } = scoreMentor(criteria, row, weights, { goalsSimilarity: row.goalsSim ?? undefined });
      return toMentorSearchResult(row, row.score, explanation);
    };
    const connection = toConnection(
      rows,
      page,
      (r) => ({ s: r.score, id: r.userId }),
      explained,
      () => this.repository.count(query),
    );
    return Object.assign(connection, { ranking });
  }

  /**
   * The mentee's profile as matching keeps it, once it has the version asked for (the one a save just returned):
   * waits briefly for it to arrive, then gives what there is (the ranking then says it is being prepared).
   */
  private async menteeAtLeast(menteeId: string, version: Date | null): Promise<MenteeProfileRow | null> {
    const deadline = Date.now() + this.wait.timeoutMs;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, this.wait.intervalMs));
      const mentee = await this.repository.mentee(menteeId);
      if (reached(mentee, version) || Date.now() >= deadline) return mentee;
    }
  }
}

/** Whether matching's copy of the mentee's profile is at least the version asked for (any, when none is asked). */
const reached = (mentee: MenteeProfileRow | null, version: Date | null) =>
  !version || (mentee !== null && mentee.changedAt >= version);

/**
 * RANKED when the profile version asked for (if any) has arrived and there is something to rank on; PREPARING
 * when it has not arrived yet; UNRANKED when there is nothing to rank on (no criteria, no profile).
 */
export function rankingStatus(
  criteria: SearchCriteria,
  mentee: Pick<MenteeProfileRow, 'changedAt'> | null,
  version: Date | null,
): MentorSearchRankingStatus {
  if (version && !(mentee && mentee.changedAt >= version)) return 'PREPARING';
  const used = Object.values(criteria).some((v) => (Array.isArray(v) ? v.length > 0 : v !== null && v !== ''));
  return used ? 'RANKED' : 'UNRANKED';
}
