import { Arg, Ctx, Directive, ID, Int, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { MatchingCriterionEnum } from '../shared/enums';
import type { Criterion } from './score';
import { MentorSearchCriteriaInput } from './search.inputs';
import { SearchService } from './search.service';
import { MentorSearchConnection } from './search.type';

@Resolver()
export class SearchResolver {
  constructor(private readonly service: SearchService) {}

  @Directive('@cost(weight: 20)')
  @Query(() => MentorSearchConnection, {
    description:
      "Approved, available mentors ranked closest first by a weighted score with its explanation. Criteria left out come from the mentee's profile (the signed-in mentee, or `menteeId`); `exact` lists criteria that must match fully. Never the mentee themselves, nor mentors who declined them in the last 90 days.",
  })
  searchMentors(
    @Ctx() ctx: SubgraphContext,
    @Arg('criteria', () => MentorSearchCriteriaInput, { nullable: true, description: 'What to look for.' })
    criteria: MentorSearchCriteriaInput | null,
    @Arg('exact', () => [MatchingCriterionEnum], {
      nullable: true,
      description: 'Criteria that must match exactly (similarity 1).',
    })
    exact: Criterion[] | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The cursor after which to continue.' })
    after: string | null,
    @Arg('menteeId', () => ID, {
      nullable: true,
      description:
        'Search for this mentee (a coach of their organisation, admins): their profile gives the defaults and their exclusions apply.',
    })
    menteeId: string | null,
    @Arg('profileVersion', () => Date, {
      nullable: true,
      description:
        "The mentee profile's `version` a save just returned: the search waits briefly for it to reach matching, and `ranking` says PREPARING if it has not.",
    })
    profileVersion: Date | null,
  ): Promise<MentorSearchConnection> {
    return this.service.searchMentors(ctx, criteria, exact, first, after, menteeId ?? null, profileVersion ?? null);
  }
}
