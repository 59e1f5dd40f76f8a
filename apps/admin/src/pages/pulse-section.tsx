/**
 * Pulse check-ins of a relationship (issue 19): the coach of the organisation (or an admin) asks both partners how
 * it is going; each pulse shows both answers, scores of 2 or less highlighted (they raise the LOW_PULSE flag).
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@tandem/ui/graphql';
import { Empty, FormErrors, QueryState, StatusBadge, formatDate, type FieldError } from '@tandem/ui';

const PulsesQuery = graphql(`
  query RelationshipPulses($id: ID!) {
    relationship(id: $id) {
      id
      status
      mentee {
        id
        displayName
      }
      mentor {
        id
        displayName
      }
      pulses {
        id
        question
        open
        askedAt
        askedBy {
          id
          displayName
        }
        menteeAnswered
        mentorAnswered
        answers {
          role
          score
          note
          answeredAt
        }
      }
    }
  }
`);

const AskPulseMutation = graphql(`
  mutation AskPulse($relationshipId: ID!) {
    askPulse(relationshipId: $relationshipId) {
      pulse {
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

const LOW = 2;

export function PulseSection({ relationshipId }: { relationshipId: string }) {
  const [result, reexecute] = useQuery({ query: PulsesQuery, variables: { id: relationshipId } });
  const [state, ask] = useMutation(AskPulseMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [asked, setAsked] = useState(false);

  async function askNow() {
    setAsked(false);
    const res = await ask({ relationshipId });
    const out = res.data?.askPulse;
    if (!out)
      return setErrors([
        { field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? 'The question was not sent.' },
      ]);
    setErrors([...out.errors]);
    if (!out.errors.length) {
      setAsked(true);
      reexecute({ requestPolicy: 'network-only' });
    }
  }

  return (
    <section aria-labelledby="pulses-title">
      <h2 id="pulses-title">Pulse check-ins</h2>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {({ relationship: r }) => {
          const pulses = r.pulses ?? [];
          const open = pulses.some((p) => p.open);
          const name = (role: string) =>
            (role === 'MENTEE' ? r.mentee.displayName : r.mentor.displayName) ??
            (role === 'MENTEE' ? 'Mentee' : 'Mentor');
          return (
            <>
              <p className="muted">
                Ask both partners “How is it going?”: each answers once in their app with a score from 1 to 5 and a
                note, which only coaches and admins read. A score of {LOW} or less flags the pair at risk.
              </p>
              {asked && (
                <p className="state state-success" role="status">
                  Asked: both partners are notified.
                </p>
              )}
              <FormErrors messages={errors.map((e) => e.message)} />
              {r.status === 'ACTIVE' && (
                <p>
                  <button
                    type="button"
                    className="primary"
                    onClick={askNow}
                    disabled={state.fetching || open}
                    aria-describedby={open ? 'pulse-open-note' : undefined}
                  >
                    Ask how it is going
                  </button>{' '}
                  {open && (
                    <span id="pulse-open-note" className="muted">
                      The current check-in is waiting for an answer.
                    </span>
                  )}
                </p>
              )}
              {pulses.length === 0 ? (
                <Empty>No pulse check-ins asked yet.</Empty>
              ) : (
                <ul className="pulses">
                  {pulses.map((p) => (
                    <li key={p.id} className="card">
                      <strong>{p.question}</strong>{' '}
                      <span className="muted">
                        asked {formatDate(p.askedAt)} by {p.askedBy.displayName ?? 'a coach'}
                      </span>{' '}
                      {p.open && <StatusBadge status="Waiting for answers" tone="warn" />}
                      <ul>
                        {(['MENTEE', 'MENTOR'] as const).map((role) => {
                          const a = p.answers.find((x) => x.role === role);
                          return (
                            <li key={role} className={a && a.score <= LOW ? 'flag' : undefined}>
                              {name(role)} ({role.toLowerCase()}):{' '}
                              {a ? (
                                <>
                                  <strong>{a.score} of 5</strong>
                                  {a.score <= LOW && <strong> · low</strong>}{' '}
                                  <span className="muted">on {formatDate(a.answeredAt)}</span>
                                  {a.note ? <> — “{a.note}”</> : null}
                                </>
                              ) : (
                                <span className="muted">not answered yet</span>
                              )}
                            </li>
                          );
                        })}
                      </ul>
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
