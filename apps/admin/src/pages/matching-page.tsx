/**
 * Matching: for one mentee, ranked mentors with each result's explanation and a proposal with a note;
 * the proposals and where they stand; cohort matching (run, draft with scores and reasons, lock or
 * exclude pairs, rerun, publish).
 */
import { useState, type FormEvent } from 'react';
import { NavLink, Route, Routes, useSearchParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import {
  Empty,
  ErrorState,
  Field,
  FormErrors,
  Loading,
  Pager,
  QueryState,
  fieldErrors,
  nodesOf,
  usePager,
  type FieldError,
} from '@tandem/ui';
import { formatDate, formatNumber, useT, type MessageId } from '../i18n/locale';
import { Badge, statusWord } from '../status-badge';
import { CohortMatching } from './cohort-matching';
import { ExportMenu, fetchAllPages } from '../export/export-menu';
import type { ExportColumn } from '../export/table-export';

const MenteesQuery = graphql(`
  query MatchingMentees($search: String, $after: String) {
    users(role: MENTEE, search: $search, first: 20, after: $after) {
      edges {
        node {
          id
          displayName
          organization {
            id
            name
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

const MenteeQuery = graphql(`
  query MatchingMentee($id: ID!) {
    user(id: $id) {
      id
      displayName
      enrollmentsConnection(first: 20) {
        edges {
          node {
            id
            role
            cohortId
            programme {
              id
              name
            }
          }
        }
      }
      menteeProfile {
        headline
        skills
        languages
        city
        country
        timeZone
        meetingPreferences
        livedExperience
        needs
        goals
        constraints
        industry {
          code
          label
        }
        occupation {
          code
          label
        }
      }
    }
  }
`);

const SearchQuery = graphql(`
  query MatchingSearch($menteeId: ID!, $criteria: MentorSearchCriteriaInput, $first: Int, $after: String) {
    searchMentors(menteeId: $menteeId, criteria: $criteria, first: $first, after: $after) {
      edges {
        node {
          mentor {
            id
          }
          displayName
          headline
          yearsExperience
          city
          industry {
            label
          }
          occupation {
            label
          }
          score
          explanation {
            criterion
            weight
            similarity
            contribution
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

const ProposeMutation = graphql(`
  mutation ProposeMatch($menteeId: ID!, $mentorId: ID!, $programmeId: ID!, $note: String!) {
    proposeMatch(menteeId: $menteeId, mentorId: $mentorId, programmeId: $programmeId, note: $note) {
      proposal {
        id
        status
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const ProposalsQuery = graphql(`
  query MatchProposals($after: String, $first: Int) {
    matchProposals(first: $first, after: $after) {
      edges {
        node {
          id
          status
          note
          declineReason
          proposedAt
          respondedAt
          daysToMatch
          mentee {
            id
            displayName
          }
          mentor {
            id
            displayName
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

type Mentee = ResultOf<typeof MenteeQuery>['user'];
type SearchResult = ResultOf<typeof SearchQuery>['searchMentors']['edges'][number]['node'];
type Proposal = ResultOf<typeof ProposalsQuery>['matchProposals']['edges'][number]['node'];

/** The export's columns: the proposals list's, with the answer and the days it took. */
const proposalColumns = (t: ReturnType<typeof useT>): ExportColumn<Proposal>[] => [
  { header: t('col.proposalId'), value: (p) => p.id },
  { header: t('common.mentee'), value: (p) => p.mentee.displayName },
  { header: t('common.mentor'), value: (p) => p.mentor.displayName },
  { header: t('rel.status'), value: (p) => statusWord(t, p.status) },
  { header: t('col.proposedAt'), value: (p) => p.proposedAt, kind: 'instant' },
  { header: t('col.answeredAt'), value: (p) => p.respondedAt, kind: 'instant' },
  {
    header: t('col.daysToMatch'),
    value: (p) => (p.daysToMatch == null ? null : Math.round(p.daysToMatch * 10) / 10),
    kind: 'number',
  },
  { header: t('col.note'), value: (p) => p.note },
  { header: t('col.declineReason'), value: (p) => p.declineReason },
];

export function MatchingPage() {
  const t = useT();
  return (
    <section>
      <h1>{t('nav.matching')}</h1>
      <nav className="tabs" aria-label={t('nav.matching')}>
        <NavLink to="/matching" end>
          {t('match.forMentee')}
        </NavLink>
        <NavLink to="/matching/cohort">{t('match.cohort')}</NavLink>
      </nav>
      <Routes>
        <Route index element={<MenteeMatching />} />
        <Route path="cohort" element={<CohortMatching />} />
      </Routes>
    </section>
  );
}

function MenteeMatching() {
  const t = useT();
  const [search, setSearch] = useState('');
  // the caseload links here with the mentee of a request about to expire
  const [params] = useSearchParams();
  const [menteeId, setMenteeId] = useState(params.get('mentee') ?? '');
  const pager = usePager();
  const [mentees] = useQuery({ query: MenteesQuery, variables: { search: search || null, after: pager.after } });
  return (
    <>
      <div className="filters">
        <Field id="mentee-search" label={t('match.find')}>
          <input
            id="mentee-search"
            type="search"
            value={search}
            placeholder={t('match.nameOrEmail')}
            onChange={(e) => {
              setSearch(e.target.value);
              pager.reset();
            }}
          />
        </Field>
        <Field id="mentee" label={t('common.mentee')}>
          {mentees.error ? (
            <ErrorState error={mentees.error} />
          ) : (
            <select id="mentee" value={menteeId} onChange={(e) => setMenteeId(e.target.value)}>
              <option value="">{mentees.fetching && !mentees.data ? t('state.loading') : t('match.choose')}</option>
              {mentees.data?.users.edges.map(({ node }) => (
                <option key={node.id} value={node.id}>
                  {node.displayName ?? node.id}
                  {node.organization ? ` (${node.organization.name})` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        {mentees.data?.users.pageInfo.hasNextPage && (
          <button type="button" onClick={() => pager.next(mentees.data?.users.pageInfo.endCursor)}>
            {t('match.more')}
          </button>
        )}
      </div>
      {menteeId ? <MenteeMatches key={menteeId} menteeId={menteeId} /> : <Empty>{t('match.chooseLead')}</Empty>}
      <Proposals />
    </>
  );
}

/** The search criteria from a mentee's profile and needs assessment. */
function criteriaOf(mentee: Mentee, programmeId: string | null) {
  const p = mentee.menteeProfile;
  if (!p) return null;
  return {
    programmeId,
    industryCode: p.industry?.code ?? null,
    occupationCode: p.occupation?.code ?? null,
    skills: p.skills,
    languages: p.languages,
    city: p.city,
    country: p.country,
    timeZone: p.timeZone,
    meetingPreferences: p.meetingPreferences,
    livedExperience: [...p.needs, ...p.livedExperience],
    goals: p.goals.join('. '),
  };
}

function MenteeMatches({ menteeId }: { menteeId: string }) {
  const t = useT();
  const [result, reexecute] = useQuery({ query: MenteeQuery, variables: { id: menteeId } });
  return (
    <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
      {({ user }) => {
        const programmes = nodesOf(user.enrollmentsConnection)
          .filter((e) => e.role === 'MENTEE')
          .map((e) => e.programme);
        if (!user.menteeProfile) return <Empty>{t('match.noAssessment', { name: user.displayName })}</Empty>;
        if (!programmes.length) return <Empty>{t('match.notEnrolled', { name: user.displayName })}</Empty>;
        return <RankedMentors mentee={user} programme={programmes[0]} />;
      }}
    </QueryState>
  );
}

function RankedMentors({ mentee, programme }: { mentee: Mentee; programme: { id: string; name: string } }) {
  const pager = usePager();
  const t = useT();
  const criteria = criteriaOf(mentee, programme.id);
  // for this mentee: their exclusions apply (themselves, mentors who declined them lately)
  const [result, reexecute] = useQuery({
    query: SearchQuery,
    variables: { menteeId: mentee.id, criteria, first: 10, after: pager.after },
  });
  const p = mentee.menteeProfile!;
  return (
    <>
      <div className="card">
        <h2>{mentee.displayName}</h2>
        <p className="muted">
          {programme.name} · {p.headline ?? ''}
        </p>
        <dl className="facts">
          <dt>{t('match.needs')}</dt>
          <dd>{p.needs.join(', ') || '—'}</dd>
          <dt>{t('rel.goals')}</dt>
          <dd>{p.goals.join('; ') || '—'}</dd>
          <dt>{t('match.constraints')}</dt>
          <dd>{p.constraints ?? '—'}</dd>
        </dl>
      </div>
      <h2>{t('match.ranked')}</h2>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) =>
          data.searchMentors.edges.length === 0 ? (
            <Empty>{t('match.noMentor')}</Empty>
          ) : (
            <>
              <ol className="results">
                {data.searchMentors.edges.map(({ node }) => (
                  <MentorResult
                    key={node.mentor.id}
                    result={node}
                    menteeId={mentee.id}
                    menteeName={mentee.displayName ?? t('agreement.signer.MENTEE')}
                    programmeId={programme.id}
                  />
                ))}
              </ol>
              <Pager
                pager={pager}
                hasNextPage={data.searchMentors.pageInfo.hasNextPage}
                endCursor={data.searchMentors.pageInfo.endCursor}
              />
            </>
          )
        }
      </QueryState>
    </>
  );
}

function MentorResult({
  result,
  menteeId,
  menteeName,
  programmeId,
}: {
  result: SearchResult;
  menteeId: string;
  menteeName: string;
  programmeId: string;
}) {
  const t = useT();
  const pct = (x: number) => formatNumber(x, { style: 'percent' });
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [proposed, setProposed] = useState(false);
  const [state, propose] = useMutation(ProposeMutation);
  const id = `note-${result.mentor.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await propose({ menteeId, mentorId: result.mentor.id, programmeId, note });
    const out = res.data?.proposeMatch;
    if (!out)
      return setErrors([
        {
          field: '',
          code: 'ERROR',
          message: res.error?.graphQLErrors[0]?.message ?? t('match.failed'),
        },
      ]);
    setErrors([...out.errors]);
    setProposed(!out.errors.length);
  }

  const { byField, other } = fieldErrors(errors, ['note']);
  const used = result.explanation.filter((e) => e.weight > 0);
  return (
    <li className="card" aria-label={result.displayName}>
      <div className="row">
        <h3 style={{ margin: 0 }}>{result.displayName}</h3>
        <span className="score" aria-label={t('match.scoreLabel', { score: pct(result.score) })}>
          {t('match.score', { score: pct(result.score) })}
        </span>
      </div>
      <p className="muted">
        {[
          result.headline,
          result.occupation?.label,
          result.yearsExperience != null ? t('apps.years', { years: result.yearsExperience }) : null,
          result.city,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <div className="table-scroll" tabIndex={0}>
        <table className="explain">
          <caption className="muted" style={{ textAlign: 'left' }}>
            {t('match.why')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('match.criterion')}</th>
              <th scope="col">{t('match.weight')}</th>
              <th scope="col">{t('match.match')}</th>
              <th scope="col">{t('match.contribution')}</th>
              <th scope="col">{t('match.whatMatched')}</th>
            </tr>
          </thead>
          <tbody>
            {used.map((e) => (
              <tr key={e.criterion}>
                <td>{t(`criterion.${e.criterion}` as MessageId)}</td>
                <td>{pct(e.weight)}</td>
                <td>{pct(e.similarity)}</td>
                <td>{formatNumber(e.contribution * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</td>
                <td>{e.matched.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {proposed ? (
        <p className="state state-success" role="status">
          {t('match.proposed', { mentor: result.displayName, mentee: menteeName })}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormErrors messages={other} />
          <Field id={id} label={t('match.noteTo', { name: result.displayName })} error={byField.note}>
            <textarea
              id={id}
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={!!byField.note}
            />
          </Field>
          <button type="submit" className="primary" disabled={state.fetching}>
            {t('match.propose', { name: result.displayName })}
          </button>
        </form>
      )}
    </li>
  );
}

function Proposals() {
  const pager = usePager();
  const t = useT();
  const client = useClient();
  const [result, reexecute] = useQuery({ query: ProposalsQuery, variables: { after: pager.after, first: 10 } });
  return (
    <>
      <div className="row">
        <h2 id="proposals">{t('match.proposals')}</h2>
        <button type="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
          {t('match.refresh')}
        </button>
        <ExportMenu
          list="PROPOSALS"
          name="proposals"
          what={t('export.what.proposals')}
          columns={proposalColumns(t)}
          rows={() => fetchAllPages(client, ProposalsQuery, { after: null, first: 100 }, (d) => d.matchProposals)}
        />
      </div>
      {result.fetching && result.data && <Loading what={t('match.refreshing')} />}
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) =>
          data.matchProposals.edges.length === 0 ? (
            <Empty>{t('match.noProposals')}</Empty>
          ) : (
            <>
              <div className="table-scroll" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('common.mentee')}</th>
                      <th scope="col">{t('common.mentor')}</th>
                      <th scope="col">{t('match.proposedOn')}</th>
                      <th scope="col">{t('rel.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.matchProposals.edges.map(({ node }) => (
                      <tr key={node.id}>
                        <td>{node.mentee.displayName}</td>
                        <td>{node.mentor.displayName}</td>
                        <td>{formatDate(node.proposedAt)}</td>
                        <td>
                          <Badge status={node.status} />
                          {node.declineReason && <div className="muted">{node.declineReason}</div>}
                          {node.daysToMatch != null && (
                            <div className="muted">
                              {t('match.daysToMatch', { days: Math.round(node.daysToMatch) })}
                            </div>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                pager={pager}
                hasNextPage={data.matchProposals.pageInfo.hasNextPage}
                endCursor={data.matchProposals.pageInfo.endCursor}
              />
            </>
          )
        }
      </QueryState>
    </>
  );
}
