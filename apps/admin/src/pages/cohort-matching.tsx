/** Cohort matching: run, review the draft (scores and reasons), lock or exclude pairs, rerun, publish. */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Empty, Field, FormErrors, QueryState, nodesOf } from '@tandem/ui';
import { formatDate, formatNumber, useT, type MessageId } from '../i18n/locale';
import { Badge } from '../status-badge';
import { CohortRunBasis } from './cohort-run-basis';

const ProgramsQuery = graphql(`
  query CohortPrograms {
    programmes(first: 50) {
      edges {
        node {
          id
          name
          cohorts {
            id
            name
            startsOn
            endsOn
          }
        }
      }
    }
  }
`);

const RunFields = graphql(`
  fragment CohortRunFields on CohortMatchRun @_unmask {
    id
    status
    objective
    createdAt
    publishedAt
    totalScore
    matchedCount
    basis {
      readAt
      mentees
      mentors
      updatesArriving
      oldestUpdateAt
    }
    createdBy {
      id
      displayName
    }
    organization {
      id
      name
    }
    pairs {
      score
      locked
      mentee {
        id
        displayName
      }
      mentor {
        id
        displayName
      }
      explanation {
        criterion
        contribution
        matched
      }
    }
    unmatched {
      reason
      detail
      mentee {
        id
        displayName
      }
    }
  }
`);

const RunsQuery = graphql(
  `
    query CohortRuns($cohortId: ID!) {
      cohortMatchRunsConnection(cohortId: $cohortId, first: 1) {
        edges {
          node {
            ...CohortRunFields
          }
        }
      }
      cohortPairRules(cohortId: $cohortId) {
        rule
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
  `,
  [RunFields],
);

const RunMutation = graphql(
  `
    mutation RunCohortMatching($cohortId: ID!, $objective: CohortMatchObjective!) {
      runCohortMatching(cohortId: $cohortId, objective: $objective) {
        run {
          ...CohortRunFields
        }
        errors {
          field
          code
          message
        }
      }
    }
  `,
  [RunFields],
);

const LockMutation = graphql(`
  mutation LockCohortPair($cohortId: ID!, $menteeId: ID!, $mentorId: ID!) {
    lockCohortPair(cohortId: $cohortId, menteeId: $menteeId, mentorId: $mentorId) {
      rule {
        rule
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const ExcludeMutation = graphql(`
  mutation ExcludeCohortPair($cohortId: ID!, $menteeId: ID!, $mentorId: ID!) {
    excludeCohortPair(cohortId: $cohortId, menteeId: $menteeId, mentorId: $mentorId) {
      rule {
        rule
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const ClearMutation = graphql(`
  mutation ClearCohortPairRule($cohortId: ID!, $menteeId: ID!, $mentorId: ID!) {
    clearCohortPairRule(cohortId: $cohortId, menteeId: $menteeId, mentorId: $mentorId)
  }
`);

const PublishMutation = graphql(`
  mutation PublishCohortMatchRun($runId: ID!) {
    publishCohortMatchRun(runId: $runId) {
      run {
        id
        status
        publishedAt
      }
      proposals {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type Run = ResultOf<typeof RunsQuery>['cohortMatchRunsConnection']['edges'][number]['node'];
/** Identity hides the names of another organisation's people from a coach. */
const outside = { name: 'Outside your organisation' };
/** A person's name (a person of another organisation comes without one: the words are set in the language in use). */
const nameOf = (u: { displayName: string | null }) => u.displayName ?? outside.name;

export function CohortMatching() {
  const t = useT();
  outside.name = t('cohort.outside');
  const [programs, reexecute] = useQuery({ query: ProgramsQuery });
  const [cohortId, setCohortId] = useState('');
  return (
    <QueryState {...programs} retry={() => reexecute({ requestPolicy: 'network-only' })}>
      {(data) => {
        const cohorts = nodesOf(data.programmes).flatMap((p) => p.cohorts.map((c) => ({ ...c, programme: p.name })));
        if (!cohorts.length) return <Empty>{t('cohort.noCohort')}</Empty>;
        return (
          <>
            <div className="filters">
              <Field id="cohort" label={t('cohort.cohort')}>
                <select id="cohort" value={cohortId} onChange={(e) => setCohortId(e.target.value)}>
                  <option value="">{t('cohort.choose')}</option>
                  {cohorts.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.programme}: {c.name} ({formatDate(c.startsOn)} – {formatDate(c.endsOn)})
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            {cohortId ? <CohortRuns key={cohortId} cohortId={cohortId} /> : <Empty>{t('cohort.chooseLead')}</Empty>}
          </>
        );
      }}
    </QueryState>
  );
}

function CohortRuns({ cohortId }: { cohortId: string }) {
  const t = useT();
  const [result, reexecute] = useQuery({ query: RunsQuery, variables: { cohortId } });
  const [objective, setObjective] = useState<'MAX_TOTAL_SCORE' | 'MAX_MATCHED'>('MAX_TOTAL_SCORE');
  const [messages, setMessages] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [running, run] = useMutation(RunMutation);
  const [, lock] = useMutation(LockMutation);
  const [, exclude] = useMutation(ExcludeMutation);
  const [, clear] = useMutation(ClearMutation);
  const [publishing, publish] = useMutation(PublishMutation);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  async function runMatching() {
    setNotice(null);
    const res = await run({ cohortId, objective });
    const out = res.data?.runCohortMatching;
    setMessages(
      out ? out.errors.map((e) => e.message) : [res.error?.graphQLErrors[0]?.message ?? t('cohort.runFailed')],
    );
    if (out?.run) refresh();
  }
  async function rule(kind: 'lock' | 'exclude' | 'clear', menteeId: string, mentorId: string) {
    setNotice(null);
    const vars = { cohortId, menteeId, mentorId };
    const res = kind === 'lock' ? await lock(vars) : kind === 'exclude' ? await exclude(vars) : await clear(vars);
    const errors =
      res.data && 'lockCohortPair' in res.data
        ? res.data.lockCohortPair.errors
        : res.data && 'excludeCohortPair' in res.data
          ? res.data.excludeCohortPair.errors
          : [];
    setMessages(
      res.error ? [res.error.graphQLErrors[0]?.message ?? t('cohort.changeFailed')] : errors.map((e) => e.message),
    );
    if (!res.error && !errors.length)
      setNotice(kind === 'clear' ? t('cohort.ruleRemoved') : t(kind === 'lock' ? 'cohort.locked' : 'cohort.excluded'));
    refresh();
  }
  async function publishRun(run: Run) {
    const res = await publish({ runId: run.id });
    const out = res.data?.publishCohortMatchRun;
    if (!out) {
      setMessages([res.error?.graphQLErrors[0]?.message ?? t('cohort.publishFailed')]);
    } else if (out.run) {
      // pairs skipped at publication come back as `pairs.<menteeId>` errors: name the mentee
      const skipped = out.errors.map((e) => {
        const pair = run.pairs.find((p) => e.field === `pairs.${p.mentee.id}`);
        return pair
          ? t('cohort.notProposed', { mentee: nameOf(pair.mentee), mentor: nameOf(pair.mentor), reason: e.message })
          : e.message;
      });
      setMessages([]);
      setNotice([t('cohort.published', { count: out.proposals.length }), ...skipped].join(' '));
    } else setMessages(out.errors.map((e) => e.message));
    refresh();
  }

  return (
    <QueryState {...result} retry={refresh}>
      {(data) => {
        const latest: Run | undefined = data.cohortMatchRunsConnection.edges[0]?.node;
        return (
          <>
            <div className="filters">
              <Field id="objective" label={t('cohort.maximise')}>
                <select
                  id="objective"
                  value={objective}
                  onChange={(e) => setObjective(e.target.value as typeof objective)}
                >
                  <option value="MAX_TOTAL_SCORE">{t('cohort.MAX_TOTAL_SCORE')}</option>
                  <option value="MAX_MATCHED">{t('cohort.MAX_MATCHED')}</option>
                </select>
              </Field>
              <button type="button" className="primary" onClick={() => void runMatching()} disabled={running.fetching}>
                {running.fetching ? t('cohort.running') : latest ? t('cohort.rerun') : t('cohort.run')}
              </button>
            </div>
            <FormErrors messages={messages} />
            {notice && (
              <p className="state state-success" role="status">
                {notice}
              </p>
            )}
            {data.cohortPairRules.length > 0 && (
              <div className="card">
                <h3 style={{ marginTop: 0 }}>{t('cohort.rules')}</h3>
                <ul>
                  {data.cohortPairRules.map((r) => (
                    <li key={`${r.mentee.id}-${r.mentor.id}`}>
                      <Badge status={r.rule} tone={r.rule === 'LOCKED' ? 'good' : 'warn'} />{' '}
                      {t('caseload.pair', { mentee: nameOf(r.mentee), mentor: nameOf(r.mentor) })}{' '}
                      <button
                        type="button"
                        className="link"
                        onClick={() => void rule('clear', r.mentee.id, r.mentor.id)}
                      >
                        {t('cohort.removeRule', { mentee: nameOf(r.mentee), mentor: nameOf(r.mentor) })}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {!latest ? (
              <Empty>{t('cohort.noRun')}</Empty>
            ) : (
              <div className="card">
                <div className="row">
                  <h2>
                    {t('cohort.latest')} <Badge status={latest.status} />
                  </h2>
                  <span className="muted">
                    {t('cohort.runLine', {
                      date: formatDate(latest.createdAt),
                      name: latest.createdBy.displayName ?? t('agreement.aCoach'),
                      scope: latest.organization
                        ? t('cohort.menteesOf', { organisation: latest.organization.name })
                        : t('cohort.wholeCohort'),
                      matched: latest.matchedCount,
                      score: formatNumber(latest.totalScore, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
                    })}
                  </span>
                </div>
                <CohortRunBasis basis={latest.basis} />
                {latest.pairs.length === 0 ? (
                  <Empty>{t('cohort.nobody')}</Empty>
                ) : (
                  <div className="table-scroll" tabIndex={0}>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('common.mentee')}</th>
                          <th scope="col">{t('common.mentor')}</th>
                          <th scope="col">{t('cohort.score')}</th>
                          <th scope="col">{t('cohort.reasons')}</th>
                          {latest.status === 'DRAFT' && <th scope="col">{t('common.edit')}</th>}
                        </tr>
                      </thead>
                      <tbody>
                        {latest.pairs.map((p) => (
                          <tr key={`${p.mentee.id}-${p.mentor.id}`}>
                            <td>
                              {nameOf(p.mentee)} {p.locked && <Badge status="locked" tone="good" />}
                            </td>
                            <td>{nameOf(p.mentor)}</td>
                            <td>{formatNumber(p.score, { style: 'percent' })}</td>
                            <td>
                              <ul className="explanation">
                                {p.explanation
                                  .filter((e) => e.contribution > 0)
                                  .sort((a, b) => b.contribution - a.contribution)
                                  .slice(0, 4)
                                  .map((e) => (
                                    <li key={e.criterion}>
                                      {t(e.matched.length ? 'cohort.reasonWith' : 'cohort.reason', {
                                        criterion: t(`criterion.${e.criterion}` as MessageId),
                                        points: Math.round(e.contribution * 100),
                                        matched: e.matched.join(', '),
                                      })}
                                    </li>
                                  ))}
                              </ul>
                            </td>
                            {latest.status === 'DRAFT' && (
                              <td>
                                <div className="actions">
                                  {!p.locked && (
                                    <button
                                      type="button"
                                      onClick={() => void rule('lock', p.mentee.id, p.mentor.id)}
                                      aria-label={t('cohort.lockLabel', {
                                        mentee: nameOf(p.mentee),
                                        mentor: nameOf(p.mentor),
                                      })}
                                    >
                                      {t('cohort.lock')}
                                    </button>
                                  )}
                                  <button
                                    type="button"
                                    className="danger"
                                    onClick={() => void rule('exclude', p.mentee.id, p.mentor.id)}
                                    aria-label={t('cohort.excludeLabel', {
                                      mentee: nameOf(p.mentee),
                                      mentor: nameOf(p.mentor),
                                    })}
                                  >
                                    {t('cohort.exclude')}
                                  </button>
                                </div>
                              </td>
                            )}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                {latest.unmatched.length > 0 && (
                  <>
                    <h3>{t('cohort.unmatched')}</h3>
                    <ul>
                      {latest.unmatched.map((u) => (
                        <li key={u.mentee.id}>
                          <strong>{nameOf(u.mentee)}</strong>: {u.detail}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {latest.status === 'DRAFT' && latest.pairs.length > 0 && (
                  <div className="actions">
                    <button
                      type="button"
                      className="primary"
                      disabled={publishing.fetching}
                      onClick={() => void publishRun(latest)}
                    >
                      {t('cohort.publish', { count: latest.pairs.length })}
                    </button>
                  </div>
                )}
              </div>
            )}
          </>
        );
      }}
    </QueryState>
  );
}
