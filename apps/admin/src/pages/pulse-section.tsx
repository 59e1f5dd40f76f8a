/**
 * Pulse check-ins of a relationship (issue 19): the coach of the organisation (or an admin) asks both partners how
 * it is going; each pulse shows both answers, scores of 2 or less highlighted (they raise the LOW_PULSE flag).
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@tandem/ui/graphql';
import { Empty, FormErrors, QueryState, type FieldError } from '@tandem/ui';
import { formatDate, useT } from '../i18n/locale';
import { Badge } from '../status-badge';

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
  const t = useT();
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
        { field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? t('pulse.failed') },
      ]);
    setErrors([...out.errors]);
    if (!out.errors.length) {
      setAsked(true);
      reexecute({ requestPolicy: 'network-only' });
    }
  }

  return (
    <section id="pulse" aria-labelledby="pulses-title">
      <h2 id="pulses-title">{t('pulse.title')}</h2>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {({ relationship: r }) => {
          const pulses = r.pulses ?? [];
          const open = pulses.some((p) => p.open);
          const name = (role: string) =>
            (role === 'MENTEE' ? r.mentee.displayName : r.mentor.displayName) ??
            (role === 'MENTEE' ? t('common.mentee') : t('common.mentor'));
          return (
            <>
              <p className="muted">{t('pulse.lead', { low: LOW })}</p>
              {asked && (
                <p className="state state-success" role="status">
                  {t('pulse.asked')}
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
                    {t('pulse.ask')}
                  </button>{' '}
                  {open && (
                    <span id="pulse-open-note" className="muted">
                      {t('pulse.open')}
                    </span>
                  )}
                </p>
              )}
              {pulses.length === 0 ? (
                <Empty>{t('pulse.none')}</Empty>
              ) : (
                <ul className="pulses">
                  {pulses.map((p) => (
                    <li key={p.id} className="card">
                      <strong>{p.question}</strong>{' '}
                      <span className="muted">
                        {t('pulse.askedOn', {
                          date: formatDate(p.askedAt),
                          name: p.askedBy.displayName ?? t('agreement.aCoach'),
                        })}
                      </span>{' '}
                      {p.open && <Badge status="waiting" label={t('pulse.waiting')} tone="warn" />}
                      <ul>
                        {(['MENTEE', 'MENTOR'] as const).map((role) => {
                          const a = p.answers.find((x) => x.role === role);
                          return (
                            <li key={role} className={a && a.score <= LOW ? 'flag' : undefined}>
                              {name(role)} ({role === 'MENTEE' ? t('role.mentee') : t('role.mentor')}):{' '}
                              {a ? (
                                <>
                                  <strong>{t('pulse.score', { score: a.score })}</strong>
                                  {a.score <= LOW && <strong> · {t('pulse.low')}</strong>}{' '}
                                  <span className="muted">{t('pulse.on', { date: formatDate(a.answeredAt) })}</span>
                                  {a.note ? <> — “{a.note}”</> : null}
                                </>
                              ) : (
                                <span className="muted">{t('pulse.notAnswered')}</span>
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
