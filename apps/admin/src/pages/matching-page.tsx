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
  StatusBadge,
  fieldErrors,
  formatDate,
  nodesOf,
  usePager,
  type FieldError,
} from '@tandem/ui';
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
const PROPOSAL_COLUMNS: ExportColumn<Proposal>[] = [
  { header: 'Proposal id', value: (p) => p.id },
  { header: 'Mentee', value: (p) => p.mentee.displayName },
  { header: 'Mentor', value: (p) => p.mentor.displayName },
  { header: 'Status', value: (p) => p.status },
  { header: 'Proposed at', value: (p) => p.proposedAt, kind: 'instant' },
  { header: 'Answered at', value: (p) => p.respondedAt, kind: 'instant' },
  {
    header: 'Days to match',
    value: (p) => (p.daysToMatch == null ? null : Math.round(p.daysToMatch * 10) / 10),
    kind: 'number',
  },
  { header: 'Note', value: (p) => p.note },
  { header: 'Decline reason', value: (p) => p.declineReason },
];

export function MatchingPage() {
  return (
    <section>
      <h1>Matching</h1>
      <nav className="tabs" aria-label="Matching">
        <NavLink to="/matching" end>
          For a mentee
        </NavLink>
        <NavLink to="/matching/cohort">Cohort matching</NavLink>
      </nav>
      <Routes>
        <Route index element={<MenteeMatching />} />
        <Route path="cohort" element={<CohortMatching />} />
      </Routes>
    </section>
  );
}

function MenteeMatching() {
  const [search, setSearch] = useState('');
  // the caseload links here with the mentee of a request about to expire
  const [params] = useSearchParams();
  const [menteeId, setMenteeId] = useState(params.get('mentee') ?? '');
  const pager = usePager();
  const [mentees] = useQuery({ query: MenteesQuery, variables: { search: search || null, after: pager.after } });
  return (
    <>
      <div className="filters">
        <Field id="mentee-search" label="Find a mentee">
          <input
            id="mentee-search"
            type="search"
            value={search}
            placeholder="Name or email"
            onChange={(e) => {
              setSearch(e.target.value);
              pager.reset();
            }}
          />
        </Field>
        <Field id="mentee" label="Mentee">
          {mentees.error ? (
            <ErrorState error={mentees.error} />
          ) : (
            <select id="mentee" value={menteeId} onChange={(e) => setMenteeId(e.target.value)}>
              <option value="">{mentees.fetching && !mentees.data ? 'Loading…' : 'Choose a mentee'}</option>
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
            More mentees
          </button>
        )}
      </div>
      {menteeId ? (
        <MenteeMatches key={menteeId} menteeId={menteeId} />
      ) : (
        <Empty>Choose a mentee to see mentors ranked for them.</Empty>
      )}
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
  const [result, reexecute] = useQuery({ query: MenteeQuery, variables: { id: menteeId } });
  return (
    <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
      {({ user }) => {
        const programmes = nodesOf(user.enrollmentsConnection)
          .filter((e) => e.role === 'MENTEE')
          .map((e) => e.programme);
        if (!user.menteeProfile) return <Empty>{user.displayName} has not completed a needs assessment yet.</Empty>;
        if (!programmes.length) return <Empty>{user.displayName} is not enrolled in a programme yet.</Empty>;
        return <RankedMentors mentee={user} programme={programmes[0]} />;
      }}
    </QueryState>
  );
}

function RankedMentors({ mentee, programme }: { mentee: Mentee; programme: { id: string; name: string } }) {
  const pager = usePager();
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
          <dt>Needs</dt>
          <dd>{p.needs.join(', ') || '—'}</dd>
          <dt>Goals</dt>
          <dd>{p.goals.join('; ') || '—'}</dd>
          <dt>Constraints</dt>
          <dd>{p.constraints ?? '—'}</dd>
        </dl>
      </div>
      <h2>Ranked mentors</h2>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) =>
          data.searchMentors.edges.length === 0 ? (
            <Empty>No approved mentor with a free place matches.</Empty>
          ) : (
            <>
              <ol className="results">
                {data.searchMentors.edges.map(({ node }) => (
                  <MentorResult
                    key={node.mentor.id}
                    result={node}
                    menteeId={mentee.id}
                    menteeName={mentee.displayName ?? 'the mentee'}
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

const pct = (x: number) => `${Math.round(x * 100)}%`;

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
          message: res.error?.graphQLErrors[0]?.message ?? 'The proposal could not be sent.',
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
        <span className="score" aria-label={`Score ${pct(result.score)}`}>
          {pct(result.score)} match
        </span>
      </div>
      <p className="muted">
        {[
          result.headline,
          result.occupation?.label,
          result.yearsExperience != null ? `${result.yearsExperience} years` : null,
          result.city,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <div className="table-scroll" tabIndex={0}>
        <table className="explain">
          <caption className="muted" style={{ textAlign: 'left' }}>
            Why: each criterion's weight, how well it matched and what matched
          </caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Weight</th>
              <th scope="col">Match</th>
              <th scope="col">Contribution</th>
              <th scope="col">What matched</th>
            </tr>
          </thead>
          <tbody>
            {used.map((e) => (
              <tr key={e.criterion}>
                <td>{e.criterion.replace(/_/g, ' ').toLowerCase()}</td>
                <td>{pct(e.weight)}</td>
                <td>{pct(e.similarity)}</td>
                <td>{(e.contribution * 100).toFixed(1)}</td>
                <td>{e.matched.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {proposed ? (
        <p className="state state-success" role="status">
          Proposed {result.displayName} to mentor {menteeName}; waiting for the mentor to confirm.
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormErrors messages={other} />
          <Field id={id} label={`Note to ${result.displayName}`} error={byField.note}>
            <textarea
              id={id}
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={!!byField.note}
            />
          </Field>
          <button type="submit" className="primary" disabled={state.fetching}>
            Propose {result.displayName}
          </button>
        </form>
      )}
    </li>
  );
}

function Proposals() {
  const pager = usePager();
  const client = useClient();
  const [result, reexecute] = useQuery({ query: ProposalsQuery, variables: { after: pager.after, first: 10 } });
  return (
    <>
      <div className="row">
        <h2 id="proposals">Proposals</h2>
        <button type="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
          Refresh proposals
        </button>
        <ExportMenu
          list="PROPOSALS"
          name="proposals"
          what="proposals"
          columns={PROPOSAL_COLUMNS}
          rows={() => fetchAllPages(client, ProposalsQuery, { after: null, first: 100 }, (d) => d.matchProposals)}
        />
      </div>
      {result.fetching && result.data && <Loading what="Refreshing…" />}
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) =>
          data.matchProposals.edges.length === 0 ? (
            <Empty>No proposals yet.</Empty>
          ) : (
            <>
              <div className="table-scroll" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Mentee</th>
                      <th scope="col">Mentor</th>
                      <th scope="col">Proposed</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.matchProposals.edges.map(({ node }) => (
                      <tr key={node.id}>
                        <td>{node.mentee.displayName}</td>
                        <td>{node.mentor.displayName}</td>
                        <td>{formatDate(node.proposedAt)}</td>
                        <td>
                          <StatusBadge status={node.status} />
                          {node.declineReason && <div className="muted">{node.declineReason}</div>}
                          {node.daysToMatch != null && (
                            <div className="muted">{node.daysToMatch.toFixed(0)} days to match</div>
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
