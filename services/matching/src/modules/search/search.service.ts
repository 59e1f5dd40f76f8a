import {
  decodeCursor,
  encodeCursor,
  NotFound,
  pageSize,
  requirePrincipal,
  sliceAndPageInfo,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { coachesOrganisation, isUuid } from '../shared/access';
import { normaliseTags } from '../read-models/read-model.handlers';
import { resolveWeights, scoreMentor, type Criterion, type SearchCriteria } from './score';
import type { MenteeProfileRow } from './search.entity';
import type { MentorSearchCriteriaInput } from './search.inputs';
import type { SearchRepository } from './search.repository';
import { toMentorSearchResult, type MentorSearchConnection } from './search.type';

type Cursor = { s: number; id: string };
const isCursor = (v: unknown): v is Cursor =>
  !!v &&
  typeof (v as Cursor).s === 'number' &&
  typeof (v as Cursor).id === 'string' &&
  /^[0-9a-f-]{36}$/i.test((v as Cursor).id);

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
    industryCode: text(pick(i.industryCode, mentee?.industry_code ?? null)),
    occupationCode: text(pick(i.occupationCode, mentee?.occupation_code ?? null)),
    skills: normaliseTags(pick(i.skills, mentee?.skills ?? [])).slice(0, 20),
    languages: normaliseTags(pick(i.languages, mentee?.languages ?? [])),
    city: text(pick(i.city, mentee?.city ?? null)),
    country: text(pick(i.country, mentee?.country ?? null)),
    timeZone: text(pick(i.timeZone, mentee?.time_zone ?? null)),
    meetingPreferences: [...new Set(pick(i.meetingPreferences, mentee?.meeting_preferences ?? []))],
    livedExperience: normaliseTags(
      pick(i.livedExperience, [...(mentee?.lived_experience ?? []), ...(mentee?.needs ?? [])]),
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
    const size = pageSize(first);
    const cursor = decodeCursor(after, isCursor);
    const [mentee, declinedBy, programmeWeights] = await Promise.all([
      this.repository.mentee(forId),
      this.repository.recentlyDeclinedBy(forId),
      this.repository.programmeWeights(input?.programmeId ?? null, forId),
    ]);
    const criteria = resolveCriteria(input, mentee);
    const weights = resolveWeights(programmeWeights);
    const rows = await this.repository.rank({
      criteria,
      weights,
      exact: [...new Set(exact ?? [])],
      excludeIds: [forId, ...declinedBy],
      after: cursor ? { score: cursor.s, id: cursor.id } : null,
      limit: size,
    });
    const page = sliceAndPageInfo(rows, size, (r) => encodeCursor({ s: r.score, id: r.user_id }), !!cursor);
    return {
      edges: page.nodes.map((row, index) => {
        const facts = {
          industryCode: row.industry_code,
          occupationCode: row.occupation_code,
          skills: row.skills,
          languages: row.languages,
          city: row.city,
          country: row.country,
          timeZone: row.time_zone,
          meetingPreferences: row.meeting_preferences,
          livedExperience: row.lived_experience,
          headline: row.headline,
        };
        const { explanation } = scoreMentor(criteria, facts, weights, { goalsSimilarity: row.goals_sim ?? undefined });
        return { cursor: page.cursors[index], node: toMentorSearchResult(row, row.score, explanation) };
      }),
      pageInfo: page.pageInfo,
    };
  }
}
