import { isUuid, type Database } from '@tandem/subgraph-kit';
import { menteeColumns, type MenteeProfileRow, type MentorProfileRow } from '../read-models/read-model.repository';
import {
  buildCount,
  buildRankVariant,
  buildScoredCandidates,
  SEED_TIERS,
  type RankQuery,
  type RankSql,
} from './search.ranking';

import { MentorSearchIndex, type IndexedMentorRow, type IndexScan } from './search.index';

export type { RankQuery } from './search.ranking';

/** Places beyond a first page the index's candidates must reach (see `rankFromIndex`). */
const FIRST_PAGE_SLACK = 3;

/** Above this many candidates Postgres's own seed-and-bound ranking is cheaper than scoring them by id. */
const MAX_CANDIDATES = 20_000;

/**
 * How the index's candidates are scored: `memory` hands Postgres their scores without goals (computed by the index
 * as the SQL computes them), so it adds only the goals term; `sql` has Postgres score every term (the A/B).
 */
export type CandidateScoring = 'memory' | 'sql';

/** What a search starts from (`searchStart`). */
export interface SearchStart extends SearchStartColumns {
  /** The mentee's read model, null when matching has no profile of theirs. */
  mentee: MenteeProfileRow | null;
}

/** The columns `searchStart` reads beside the mentee's. */
interface SearchStartColumns {
  /** Mentors who declined the mentee (a request or a proposal) in the last days asked. */
  declinedBy: string[];
  /** The weights of the programme asked, else of the latest enrolment; null when there is none. */
  programmeWeights: Record<string, unknown> | null;
}

/** A mentor of the ranking, with their score and (when goals were asked) the goals similarity Postgres computed. */
export interface RankedMentorRow extends MentorProfileRow {
  score: number;
  goalsSim: number | null;
}

/**
 * Ranks eligible mentors in Postgres (the score mirrors score.ts; the SQL is built by search.ranking.ts) and
 * reads what a search starts from: the mentee's read model, the programme's weights, who declined them.
 */
export class SearchRepository {
  /** The mentors' indexed facts in memory, kept current from `search_version` (search.index.ts). */
  readonly index: MentorSearchIndex;

  constructor(
    private readonly db: Database,
    private readonly options: {
      useIndex: boolean;
      indexPage?: number;
      scan?: IndexScan;
      /** Who scores the candidates' criteria other than goals: the index (`memory`, the default) or the SQL. */
      score?: CandidateScoring;
    } = { useIndex: true },
  ) {
    this.index = new MentorSearchIndex(
      (after, limit) => this.indexedMentors(after, limit),
      Date.now,
      options.indexPage,
      options.scan,
    );
  }

  /** The mentors written after a version, as the in-memory index reads them, a page at a time. */
  private indexedMentors(afterVersion: number, limit: number): Promise<IndexedMentorRow[]> {
    return this.db.query<IndexedMentorRow>(
      `SELECT user_id AS "userId", status = 'APPROVED' AND has_capacity AS listed, paused_until::text AS "pausedUntil",
              industry_code AS "industryCode", industry_family AS "industryFamily",
              occupation_code AS "occupationCode", occupation_family AS "occupationFamily",
              skills, languages, city_key AS "cityKey", time_zone_key AS "timeZoneKey", country_key AS "countryKey",
              meeting_preferences AS "meetingPreferences", lived_experience AS "livedExperience",
              search_version::text AS version
       FROM mentor_profile WHERE search_version > $1 ORDER BY search_version LIMIT $2`,
      [afterVersion, limit],
    );
  }

  async mentee(userId: string): Promise<MenteeProfileRow | null> {
    if (!isUuid(userId)) return null;
    return this.db.one<MenteeProfileRow>(`SELECT ${menteeColumns()} FROM mentee_profile WHERE user_id = $1`, [userId]);
  }

  /** Whether matching knows this mentee (a profile or an enrolment), and their organisation. */
  async menteeOrganisation(userId: string): Promise<{ known: boolean; organizationId: string | null }> {
    const row = await this.db.one<{ known: boolean; organizationId: string | null }>(
      `SELECT EXISTS (SELECT 1 FROM mentee_profile WHERE user_id = $1) OR EXISTS (SELECT 1 FROM enrolment WHERE user_id = $1 AND role = 'MENTEE') AS known,
              coalesce((SELECT organization_id FROM mentee_profile WHERE user_id = $1),
                       (SELECT organization_id FROM enrolment WHERE user_id = $1 AND role = 'MENTEE' ORDER BY enrolled_at DESC LIMIT 1)) AS "organizationId"`,
      [userId],
    );
    return { known: row!.known, organizationId: row!.organizationId };
  }

  /**
   * What a search starts from, in one statement: the mentee's read model (null without a profile), the mentors who
   * declined them (a request or a proposal) in the last `days` days, and the weights of the programme asked, else
   * of the mentee's latest enrolment (null when there is none, or the programme asked is unknown).
   */
  async searchStart(menteeId: string, programmeId: string | null, days = 90): Promise<SearchStart> {
    if (!isUuid(menteeId)) return { mentee: null, declinedBy: [], programmeWeights: null };
    const [row] = await this.db.query<MenteeProfileRow & SearchStartColumns>(
      `SELECT ${menteeColumns('m')},
              ARRAY(SELECT mentor_id FROM mentoring_request WHERE mentee_id = $1 AND status = 'DECLINED' AND responded_at > now() - make_interval(days => $4)
                    UNION SELECT mentor_id FROM match_proposal WHERE mentee_id = $1 AND status = 'DECLINED' AND responded_at > now() - make_interval(days => $4))::text[] AS "declinedBy",
              CASE WHEN $3 THEN (SELECT matching_weights FROM programme WHERE id = $2)
                   ELSE (SELECT p.matching_weights FROM enrolment e JOIN programme p ON p.id = e.programme_id
                         WHERE e.user_id = $1 AND e.role = 'MENTEE' ORDER BY e.enrolled_at DESC LIMIT 1) END AS "programmeWeights"
       FROM (SELECT $1::uuid AS id) asked LEFT JOIN mentee_profile m ON m.user_id = asked.id`,
      [menteeId, programmeId !== null && isUuid(programmeId) ? programmeId : null, programmeId !== null, days],
    );
    const { declinedBy, programmeWeights, ...mentee } = row;
    return { mentee: mentee.userId === null ? null : mentee, declinedBy, programmeWeights };
  }

  /**
   * One page of eligible mentors, best first, keyset on (score, id), exact: from the in-memory index's
   * candidates (`rankFromIndex`) when it can tell, else in Postgres alone (`rankInSql`).
   */
  async rank(q: RankQuery): Promise<RankedMentorRow[]> {
    const fast = this.options.useIndex ? await this.rankFromIndex(q) : null;
    if (fast) return fast;
    return this.rankInSql(q);
  }

  /**
   * The page from the in-memory index's candidates, scored exactly as `rankInSql` scores them (the index's sum of
   * the terms other than goals, Postgres's goals term added to it), or null when the index cannot tell (then the
   * caller ranks in SQL). The page is right when its row after the page scores above every mentor left out (their
   * upper bound); else more candidates are asked, twice.
   */
  async rankFromIndex(q: RankQuery): Promise<RankedMentorRow[] | null> {
    try {
      await this.index.refresh();
    } catch {
      return null; // the index could not read what changed: Postgres alone answers this time
    }
    // a first page: its row after the page scores at least the (limit + 1)-th best score without goals, above every
    // mentor left out, unless some of the best are not listed now (training, a pause): room for a few of them. After
    // a cursor, mentors above it whose score without goals is not take places in the index's top: twice the page
    // (the SQL scoring, the A/B, keeps twice the page throughout)
    let wanted = q.after || this.options.score === 'sql' ? 2 * (q.limit + 1) : q.limit + 1 + FIRST_PAGE_SLACK;
    for (let attempt = 0; attempt < 3; attempt++, wanted *= 8) {
      const candidates = this.index.candidates(q, wanted);
      if (!candidates || candidates.ids.length > MAX_CANDIDATES) return null;
      const statement =
        this.options.score === 'sql'
          ? buildRankVariant(q, { ids: candidates.ids })!
          : buildScoredCandidates(q, { ids: candidates.ids, withoutGoals: candidates.scores });
      const rows = candidates.ids.length ? await this.run(statement) : [];
      const complete = candidates.outsideBound === -Infinity;
      if (complete || (rows.length > q.limit && rows[q.limit].score > candidates.outsideBound)) return rows;
    }
    return null;
  }

  /**
   * The page ranked in Postgres alone, without scoring every mentor when the indexes allow it:
   * 1. the seed: the page among mentors with the same occupation or industry code (btree), or, when fewer
   *    than a page share a code, with the same code family; θ is the score of its row after the page, so the
   *    true row after the page scores at least θ;
   * 2. the rest: the page among the mentors outside the seed whose upper bound can reach θ (search.bound.ts).
   *    A mentor outside them scores below θ, so cannot be on the page;
   * 3. the page is the best of the two pages merged (in the same order as Postgres sorts them).
   * Without a seed (no code asked, or too few in the family too) it ranks every eligible mentor.
   */
  async rankInSql(q: RankQuery): Promise<RankedMentorRow[]> {
    for (const tier of SEED_TIERS) {
      const seed = buildRankVariant(q, { seed: tier });
      if (!seed) break;
      const seeded = await this.run(seed);
      if (seeded.length < q.limit + 1) continue; // too few here: a wider seed
      const rest = buildRankVariant(q, { threshold: seeded[q.limit].score, outside: tier });
      if (rest) return mergePages(seeded, await this.run(rest), q.limit + 1);
      break;
    }
    return this.run(buildRankVariant(q, 'full')!);
  }

  /** How many mentors the search lists over all its pages (`after` and `limit` are ignored). */
  async count(q: RankQuery): Promise<number> {
    const { sql, params } = buildCount(q);
    const [row] = await this.db.query<{ n: number }>(sql, params);
    return row.n;
  }

  private async run(v: RankSql): Promise<RankedMentorRow[]> {
    return (await this.db.query<RankedMentorRow>(v.sql, v.params)).map(numeric);
  }

  /** The plans of the ranking queries (the benchmark prints them to check index use). */
  async explain(q: RankQuery): Promise<string> {
    const out: string[] = [];
    const run = async (label: string, v: RankSql | null) => {
      if (!v) return null;
      const rows = await this.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${v.sql}`, v.params);
      out.push(`-- ${label}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      return this.run(v);
    };
    for (const tier of SEED_TIERS) {
      const seeded = await run(`seed (same occupation or industry ${tier})`, buildRankVariant(q, { seed: tier }));
      if (!seeded) break;
      if (seeded.length < q.limit + 1) continue;
      await run(
        `the rest (outside the seed, upper bound >= ${seeded[q.limit].score.toFixed(4)})`,
        buildRankVariant(q, { threshold: seeded[q.limit].score, outside: tier }),
      );
      break;
    }
    await run('full (every eligible mentor; the fallback)', buildRankVariant(q, 'full'));
    return out.join('\n\n');
  }
}

const numeric = (r: RankedMentorRow): RankedMentorRow => ({
  ...r,
  score: Number(r.score),
  goalsSim: r.goalsSim === null ? null : Number(r.goalsSim),
});

/** The first `size` rows of two disjoint ranked pages, ordered as Postgres orders them (score desc, then uuid asc). */
export function mergePages(a: RankedMentorRow[], b: RankedMentorRow[], size: number): RankedMentorRow[] {
  // lower-case hex uuids compare as strings exactly as Postgres compares uuids
  return [...a, ...b]
    .sort((x, y) => y.score - x.score || (x.userId < y.userId ? -1 : x.userId > y.userId ? 1 : 0))
    .slice(0, size);
}
