/** The programmes: their terms in words, and joining one as mentee or mentor (in a role the person holds). */
import { useState } from 'react';
import { useLocation } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { FormErrors, nodesOf, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useT } from '../i18n/locale';
import { Page, Query, outcomeErrors } from '../ui';
import { OrientationSection } from './orientation-section';

const ProgrammesQuery = graphql(`
  query WebProgrammes {
    programmes(first: 50) {
      edges {
        node {
          id
          name
          description
          terms {
            targetHours
            durationWeeks
            minMeetings
            hoursOrMeetings
          }
        }
      }
    }
    me {
      id
      roles
      enrollmentsConnection(first: 20) {
        edges {
          node {
            id
            role
            programme {
              id
            }
          }
        }
      }
    }
  }
`);

const EnrolMutation = graphql(`
  mutation WebEnrol($input: EnrollInput!) {
    enrolInProgramme(input: $input) {
      errors {
        field
        code
        message
      }
      enrollment {
        id
        role
        programme {
          id
        }
      }
    }
  }
`);

export function ProgrammesPage() {
  const t = useT();
  const [result, retry] = useQuery({ query: ProgrammesQuery });
  const [, enrol] = useMutation(EnrolMutation);
  const [errors, setErrors] = useState<Record<string, FieldError[]>>({});
  const [joined, setJoined] = useState<string | null>(null);
  // an invitation link names its programme: `/programmes#programme-<id>` (focused and outlined when it loads)
  const invitedTo = useLocation().hash.replace(/^#programme-/, '');

  async function join(programId: string, role: 'MENTEE' | 'MENTOR') {
    const res = await enrol({ input: { programmeId: programId, role } });
    const errs = outcomeErrors(res, res.data?.enrolInProgramme.errors, t('state.unreachable'));
    setErrors((e) => ({ ...e, [programId]: errs }));
    if (!errs.length) {
      setJoined(programId);
      retry({ requestPolicy: 'network-only' });
    }
  }

  return (
    <Page title={t('programmes.title')} lead={t('programmes.lead')}>
      <Query {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
        {({ programmes, me }) =>
          programmes.edges.length ? (
            <ul className="list">
              {nodesOf(programmes).map((p) => {
                const mine = nodesOf(me.enrollmentsConnection)
                  .filter((e) => e.programme.id === p.id)
                  .map((e) => e.role);
                const roles = (['MENTEE', 'MENTOR'] as const).filter((r) => me.roles?.includes(r));
                return (
                  <li key={p.id} className="card" id={`programme-${p.id}`} tabIndex={-1}>
                    <h2>{p.name}</h2>
                    {invitedTo === p.id && !mine.length && (
                      <p className="state state-info">{t('programmes.invited')}</p>
                    )}
                    {p.description && <p>{p.description}</p>}
                    <p className="muted">
                      {t(p.terms.hoursOrMeetings ? 'programmes.termsOr' : 'programmes.termsAnd', {
                        hours: p.terms.targetHours,
                        meetings: p.terms.minMeetings,
                        weeks: p.terms.durationWeeks,
                      })}
                    </p>
                    {joined === p.id && (
                      <p className="state state-success" role="status">
                        {t('programmes.joined', { name: p.name })}
                      </p>
                    )}
                    <FormErrors messages={(errors[p.id] ?? []).map((e) => e.message)} />
                    <div className="actions">
                      {roles.map((role) =>
                        mine.includes(role) ? (
                          <span key={role} className="badge badge-active">
                            {t(role === 'MENTEE' ? 'programmes.inAsMentee' : 'programmes.inAsMentor')}
                          </span>
                        ) : (
                          <button key={role} type="button" className="primary" onClick={() => void join(p.id, role)}>
                            {t(role === 'MENTEE' ? 'programmes.joinAsMentee' : 'programmes.joinAsMentor')}
                            <span className="visually-hidden">: {p.name}</span>
                          </button>
                        ),
                      )}
                    </div>
                    {mine.length > 0 && (
                      <OrientationSection programmeId={p.id} role={mine.includes('MENTOR') ? 'MENTOR' : 'MENTEE'} />
                    )}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="state state-empty">{t('programmes.none')}</p>
          )
        }
      </Query>
    </Page>
  );
}
