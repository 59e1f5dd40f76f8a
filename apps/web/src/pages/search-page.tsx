/**
 * Find a mentor: the programme's ranking, closest first, each result with why it matched in plain words, and
 * the exact-match narrowing (only mentors who match fully on the chosen criteria).
 */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useIntl } from 'react-intl';
import { nodesOf } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { explain } from '../explain';
import { useT } from '../i18n/locale';
import { Page, Query, enumKey } from '../ui';

const SearchQuery = graphql(`
  query WebSearchMentors(
    $criteria: MentorSearchCriteriaInput
    $exact: [MatchingCriterion!]
    $after: String
    $profileVersion: DateTime
  ) {
    searchMentors(criteria: $criteria, exact: $exact, first: 10, after: $after, profileVersion: $profileVersion) {
      ranking {
        status
      }
      edges {
        cursor
        node {
          mentor {
            id
          }
          displayName
          headline
          industry {
            code
            label
          }
          occupation {
            code
            label
          }
          yearsExperience
          languages
          city
          meetingPreferences
          score
          explanation {
            criterion
            similarity
            matched
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const ContextQuery = graphql(`
  query WebSearchContext {
    me {
      id
      menteeProfile {
        headline
        version
      }
      enrollmentsConnection(first: 20) {
        edges {
          node {
            id
            role
            programme {
              id
              name
            }
          }
        }
      }
    }
    industries {
      code
      label
      family
      familyLabel
      isFamily
    }
    occupations {
      code
      label
      family
      familyLabel
      isFamily
    }
  }
`);

const NARROWING = ['OCCUPATION', 'INDUSTRY', 'LANGUAGES', 'LOCATION', 'MEETING_PREFERENCE'] as const;
type Narrowing = (typeof NARROWING)[number];

export function SearchPage() {
  const t = useT();
  const intl = useIntl();
  const [context] = useQuery({ query: ContextQuery });
  const programmes = nodesOf(context.data?.me.enrollmentsConnection)
    .filter((e) => e.role === 'MENTEE')
    .map((e) => e.programme);
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const chosenProgramme = programmeId ?? programmes[0]?.id ?? null;
  const [exact, setExact] = useState<Narrowing[]>([]);
  const [after, setAfter] = useState<string[]>([]);
  // the profile version identity holds: search waits briefly for it, or says the ranking is being prepared
  const profileVersion = context.data?.me.menteeProfile?.version ?? null;
  const [results, searchAgain] = useQuery({
    query: SearchQuery,
    variables: {
      criteria: chosenProgramme ? { programmeId: chosenProgramme } : {},
      exact,
      after: after[after.length - 1] ?? null,
      profileVersion,
    },
    pause: !context.data,
  });
  const names = useMemo(() => {
    const byCode = (list: ReadonlyArray<{ code: string; label: string }> | undefined) => {
      const map = new Map((list ?? []).map((e) => [e.code, e.label]));
      return (code: string) => map.get(code);
    };
    const byFamily = (list: ReadonlyArray<{ family: string; familyLabel: string }> | undefined) => {
      const map = new Map((list ?? []).map((e) => [e.family, e.familyLabel]));
      return (family: string) => map.get(family);
    };
    return {
      industry: byCode(context.data?.industries),
      occupation: byCode(context.data?.occupations),
      industryFamily: byFamily(context.data?.industries),
      occupationFamily: byFamily(context.data?.occupations),
    };
  }, [context.data]);
  const words = {
    mode: (m: string) => t(enumKey('mode', m)),
    list: (items: string[]) => intl.formatList(items, { type: 'conjunction' }),
  };

  return (
    <Page title={t('search.title')} lead={t('search.lead')}>
      <Query {...context}>
        {() =>
          programmes.length ? (
            <>
              <form className="card filters-card" onSubmit={(e) => e.preventDefault()} aria-label={t('search.filters')}>
                {programmes.length > 1 && (
                  <div className="field">
                    <label htmlFor="programme">{t('search.programme')}</label>
                    <select
                      id="programme"
                      value={chosenProgramme ?? ''}
                      onChange={(e) => {
                        setProgrammeId(e.target.value);
                        setAfter([]);
                      }}
                    >
                      {programmes.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
                <fieldset className="checks">
                  <legend>{t('search.exact')}</legend>
                  {NARROWING.map((c) => (
                    <label key={c}>
                      <input
                        type="checkbox"
                        checked={exact.includes(c)}
                        onChange={(e) => {
                          setExact((all) => (e.target.checked ? [...all, c] : all.filter((x) => x !== c)));
                          setAfter([]);
                        }}
                      />
                      {t(enumKey('criterion', c))}
                    </label>
                  ))}
                </fieldset>
              </form>
              <Query {...results}>
                {({ searchMentors }) =>
                  searchMentors.edges.length ? (
                    <>
                      {searchMentors.ranking.status === 'PREPARING' && (
                        <p className="state state-info" role="status">
                          {t('search.preparing')}{' '}
                          <button type="button" onClick={() => searchAgain({ requestPolicy: 'network-only' })}>
                            {t('search.refresh')}
                          </button>
                        </p>
                      )}
                      {searchMentors.ranking.status === 'UNRANKED' && (
                        <p className="state state-info" role="status">
                          {t('search.unranked')} <Link to="/profile">{t('search.completeProfile')}</Link>
                        </p>
                      )}
                      <p className="muted" role="status">
                        {t('search.count', { count: searchMentors.edges.length })}
                      </p>
                      <ol className="list results">
                        {searchMentors.edges.map(({ node }) => {
                          const lines = explain(node.explanation, names, words);
                          return (
                            <li key={node.mentor.id} className="card">
                              <div className="result-head">
                                <h2>
                                  <Link to={`/mentors/${node.mentor.id}`}>{node.displayName}</Link>
                                </h2>
                                <span className="score">{t('search.match', { score: node.score })}</span>
                              </div>
                              {node.headline && <p className="lead">{node.headline}</p>}
                              <p className="muted">
                                {[node.occupation?.label, node.industry?.label, node.city].filter(Boolean).join(' · ')}
                              </p>
                              {lines.length > 0 && (
                                <>
                                  <h3 className="why">{t('search.why')}</h3>
                                  <ul className="explanation">
                                    {lines.map((l) => (
                                      <li key={l.id}>{t(l.id, { what: l.what })}</li>
                                    ))}
                                  </ul>
                                </>
                              )}
                            </li>
                          );
                        })}
                      </ol>
                      <div className="actions">
                        {after.length > 0 && (
                          <button type="button" onClick={() => setAfter((a) => a.slice(0, -1))}>
                            {t('search.previous')}
                          </button>
                        )}
                        {searchMentors.pageInfo.hasNextPage && (
                          <button
                            type="button"
                            onClick={() => setAfter((a) => [...a, searchMentors.pageInfo.endCursor ?? ''])}
                          >
                            {t('search.next')}
                          </button>
                        )}
                      </div>
                    </>
                  ) : (
                    <p className="state state-empty">{t(exact.length ? 'search.noneExact' : 'search.none')}</p>
                  )
                }
              </Query>
            </>
          ) : (
            <p className="state state-info">
              {t('search.joinFirst')} <Link to="/programmes">{t('nav.programmes')}</Link>
            </p>
          )
        }
      </Query>
    </Page>
  );
}
