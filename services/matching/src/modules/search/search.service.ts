import { NotFound, readPage, requirePrincipal, toConnection, isUuid, type SubgraphContext } from '@tandem/subgraph-kit';
import { coachesOrganisation } from '../shared/access';
import type { MenteeProfileRow } from '../read-models/read-model.repository';
import { normaliseTags, resolveWeights, scoreMentor, type Criterion, type SearchCriteria } from './score';
import type { MentorSearchCriteriaInput } from './search.inputs';
import type { RankedMentorRow, SearchRepository } from './search.repository';
import { toMentorSearchResult, type MentorSearchConnection } from './search.type';

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
  constructor(private readonly repository: SearchRepository) {}

  async searchMentors(
    ctx: SubgraphContext,
    input: MentorSearchCriteriaInput | null,
    exact: Criterion[] | null,
    first: number | null,
    after: string | null,
    menteeId: string | null = null,
  ): Promise<MentorSearchConnection> {
    const principal = requirePrincipal(ctx);
    const forId = menteeId ?? principal.userId;
    if (forId !== principal.userId) {
      // a mentee outside the coach's organisation is as unknown as one that does not exist
      const mentee = isUuid(forId) ? await this.repository.menteeOrganisation(forId) : null;
      if (!mentee?.known || !coachesOrganisation(principal, mentee.organizationId)) throw NotFound('Mentee');
    }
    const page = readPage({ first, after }, isCursor);
    const [mentee, declinedBy, programmeWeights] = await Promise.all([
      this.repository.mentee(forId),
      this.repository.recentlyDeclinedBy(forId),
      this.repository.programmeWeights(input?.programmeId ?? null, forId),
    ]);
    const criteria = resolveCriteria(input, mentee);
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
    return toConnection(
      rows,
      page,
      (r) => ({ s: r.score, id: r.userId }),
      explained,
      () => this.repository.count(query),
    );
  }
}
