import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes, type Connection } from '@tandem/subgraph-kit';
import type { Criterion, CriterionScore } from './score';
import { MatchingCriterionEnum, MeetingModeEnum } from '../shared/enums';
import { User, userRef } from '../users/user.type';
import type { MentorProfileRow } from '../read-models/read-model.repository';

@ObjectType({ description: 'A coded value of a classification (NAICS industry, NOC occupation).' })
export class MatchingCodedValue {
  @Field(() => String, { description: 'The code, e.g. `541330` or `21300`.' })
  code!: string;

  @Field(() => String, { description: 'Its label.' })
  label!: string;
}

@ObjectType({
  description: "One criterion's part in a match score: how much it weighs, how well it matched and what matched.",
})
export class MatchingCriterionScore {
  @Field(() => MatchingCriterionEnum, { description: 'The criterion.' })
  criterion!: Criterion;

  @Field(() => Float, { description: 'Its weight, normalised over the criteria used (the weights sum to 1).' })
  weight!: number;

  @Field(() => Float, { description: 'How well it matched, from 0 to 1.' })
  similarity!: number;

  @Field(() => Float, { description: 'weight × similarity: its share of the score.' })
  contribution!: number;

  @Field(() => [String], {
    description: 'What matched (codes or code families, skills, languages, places, meeting modes, needs, goal terms).',
  })
  matched!: string[];
}

export const toCriterionScore = (s: CriterionScore): MatchingCriterionScore =>
  Object.assign(new MatchingCriterionScore(), s);

@ObjectType({ description: 'A mentor found by search: their public profile, the score and why.' })
export class MentorSearchResult {
  @Field(() => User, { description: 'The mentor.' })
  mentor!: User;

  @Field(() => String, { description: 'Their name as shown to others.' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'One line about them.' })
  headline!: string | null;

  @Field(() => MatchingCodedValue, { nullable: true, description: 'Their industry (NAICS).' })
  industry!: MatchingCodedValue | null;

  @Field(() => MatchingCodedValue, { nullable: true, description: 'Their occupation (NOC).' })
  occupation!: MatchingCodedValue | null;

  @Field(() => Int, { nullable: true, description: 'Years of professional experience.' })
  yearsExperience!: number | null;

  @Field(() => [String], { description: 'Skills, lower case.' })
  skills!: string[];

  @Field(() => [String], { description: 'Languages spoken, lower case.' })
  languages!: string[];

  @Field(() => String, { nullable: true, description: 'City.' })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'Country.' })
  country!: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone.' })
  timeZone!: string | null;

  @Field(() => [MeetingModeEnum], { description: 'How they like to meet.' })
  meetingPreferences!: string[];

  @Field(() => [String], { description: 'Lived experience they bring (e.g. `newcomer`).' })
  livedExperience!: string[];

  @Field(() => Int, { nullable: true, description: 'Hours a month they offer.' })
  hoursPerMonth!: number | null;

  @Field(() => Float, { description: 'The match score, from 0 to 1 (the sum of the contributions).' })
  score!: number;

  @Field(() => [MatchingCriterionScore], {
    description: 'Each criterion used, with its contribution and what matched.',
  })
  explanation!: MatchingCriterionScore[];
}

export function toMentorSearchResult(
  row: MentorProfileRow,
  score: number,
  explanation: CriterionScore[],
): MentorSearchResult {
  const coded = (code: string | null, label: string | null) =>
    code ? Object.assign(new MatchingCodedValue(), { code, label: label ?? code }) : null;
  return Object.assign(new MentorSearchResult(), {
    mentor: userRef(row.userId),
    displayName: row.displayName,
    headline: row.headline,
    industry: coded(row.industryCode, row.industryLabel),
    occupation: coded(row.occupationCode, row.occupationLabel),
    yearsExperience: row.yearsExperience,
    skills: row.skills,
    languages: row.languages,
    city: row.city,
    country: row.country,
    timeZone: row.timeZone,
    meetingPreferences: row.meetingPreferences,
    livedExperience: row.livedExperience,
    hoursPerMonth: row.hoursPerMonth,
    score,
    explanation: explanation.map(toCriterionScore),
  });
}

/** How a search was ranked: on the mentee's current profile (or the request's criteria), or not yet. */
export const MentorSearchRankingStatusEnum = {
  RANKED: 'RANKED',
  PREPARING: 'PREPARING',
  UNRANKED: 'UNRANKED',
} as const;
export type MentorSearchRankingStatus = keyof typeof MentorSearchRankingStatusEnum;
registerEnumType(MentorSearchRankingStatusEnum, {
  name: 'MentorSearchRankingStatus',
  description: 'Whether the order of a mentor search can be trusted.',
  valuesConfig: {
    RANKED: { description: "Ranked on the criteria given and the mentee's profile as last saved." },
    PREPARING: {
      description:
        'The profile just saved has not reached search yet: ranked on what search knew before it (or unranked). Ask again in a moment.',
    },
    UNRANKED: {
      description: 'No criteria and no profile to rank with: every mentor scores 0, in no particular order.',
    },
  },
});

@ObjectType({ description: 'How the mentors of a search were ranked, and with which version of the profile.' })
export class MentorSearchRanking {
  @Field(() => MentorSearchRankingStatusEnum, { description: 'Whether the order can be trusted.' })
  status!: MentorSearchRankingStatus;

  @Field(() => Date, {
    nullable: true,
    description: "The version of the mentee's profile the defaults came from (null when search has none).",
  })
  profileVersion!: Date | null;
}

// decorated so MentorSearchConnection inherits its field; not itself reachable, so not in the schema
@ObjectType({ description: 'What a page of mentor search says about the whole search.' })
class MentorSearchExtras {
  @Field(() => MentorSearchRanking, {
    description:
      "How the mentors were ranked: on the mentee's current profile, not yet (being prepared), or not at all.",
  })
  ranking!: MentorSearchRanking;
}

export const { ConnectionType: MentorSearchConnection } = connectionTypes(
  MentorSearchResult,
  'MentorSearch',
  'mentor',
  MentorSearchExtras,
);
/** A page of mentors, closest match first. */
export type MentorSearchConnection = Connection<MentorSearchResult> & { ranking: MentorSearchRanking };
