/**
 * A relationship's partnership agreement as staff read it: the current version, who signed it and when, and,
 * when the programme asks its coach to sign too, the coach's signature (a coach of the organisation signs here).
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@tandem/ui/graphql';
import { Empty, FormErrors, QueryState, hasAnyRole, useAuth, type FieldError } from '@tandem/ui';
import { formatDate, useT } from '../i18n/locale';
import { Badge } from '../status-badge';

const AgreementQuery = graphql(`
  query RelationshipAgreement($id: ID!) {
    relationship(id: $id) {
      id
      agreement {
        id
        fullySigned
        current {
          version
          topGoals
          meetingPlace
          meetingTime
          meetingLengthMinutes
          meetingFrequency
          durationWeeks
          mentorSignedAt
          menteeSignedAt
          coachSignatureRequired
          coachSignedAt
          coachSigner {
            id
            displayName
          }
          awaitingSignatures
        }
      }
    }
  }
`);

const SignMutation = graphql(`
  mutation CoachSignAgreement($relationshipId: ID!, $version: Int!) {
    signAgreement(relationshipId: $relationshipId, version: $version) {
      agreement {
        id
        fullySigned
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const SIGNERS = {
  MENTOR: 'agreement.signer.MENTOR',
  MENTEE: 'agreement.signer.MENTEE',
  COACH: 'agreement.signer.COACH',
} as const;

export function AgreementCard({ relationshipId }: { relationshipId: string }) {
  const { session } = useAuth();
  const t = useT();
  const [result, reexecute] = useQuery({ query: AgreementQuery, variables: { id: relationshipId } });
  const [state, sign] = useMutation(SignMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);

  async function signAsCoach(version: number) {
    const res = await sign({ relationshipId, version });
    const out = res.data?.signAgreement;
    setErrors(
      out
        ? [...out.errors]
        : [{ field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? t('agreement.failed') }],
    );
    if (out && !out.errors.length) reexecute({ requestPolicy: 'network-only' });
  }

  return (
    <>
      <h2>{t('agreement.title')}</h2>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) => {
          const a = data.relationship.agreement;
          if (!a) return <Empty>{t('agreement.none')}</Empty>;
          const v = a.current;
          const awaiting = v.awaitingSignatures.map((s) => t(SIGNERS[s])).join(', ');
          return (
            <div className="card" id="agreement">
              <p>
                {t('agreement.version', { version: v.version })}{' '}
                {a.fullySigned ? (
                  <Badge
                    status="signed"
                    label={v.coachSignatureRequired ? t('agreement.signedAll') : t('agreement.signedBoth')}
                    tone="good"
                  />
                ) : (
                  <Badge status="awaiting" label={t('agreement.awaiting', { awaiting })} tone="warn" />
                )}
              </p>
              <dl className="facts">
                <dt>{t('agreement.mentorSigned')}</dt>
                <dd>{formatDate(v.mentorSignedAt)}</dd>
                <dt>{t('agreement.menteeSigned')}</dt>
                <dd>{formatDate(v.menteeSignedAt)}</dd>
                {v.coachSignatureRequired && (
                  <>
                    <dt>{t('agreement.coachSigned')}</dt>
                    <dd>
                      {v.coachSignedAt
                        ? t('agreement.signedBy', {
                            date: formatDate(v.coachSignedAt),
                            name: v.coachSigner?.displayName ?? t('agreement.aCoach'),
                          })
                        : t('agreement.coachNotYet')}
                    </dd>
                  </>
                )}
                <dt>{t('agreement.topGoals')}</dt>
                <dd>{v.topGoals.join('; ')}</dd>
                <dt>{t('agreement.meetings')}</dt>
                <dd>
                  {t('agreement.meetingLine', {
                    frequency: v.meetingFrequency,
                    minutes: v.meetingLengthMinutes,
                    time: v.meetingTime,
                    place: v.meetingPlace,
                  })}
                </dd>
                <dt>{t('agreement.duration')}</dt>
                <dd>{t('agreement.weeks', { weeks: v.durationWeeks })}</dd>
              </dl>
              <FormErrors messages={errors.map((e) => e.message)} />
              {v.coachSignatureRequired && !v.coachSignedAt && hasAnyRole(session, ['COACH']) && (
                <button
                  type="button"
                  className="primary"
                  disabled={state.fetching}
                  onClick={() => void signAsCoach(v.version)}
                >
                  {t('agreement.sign', { version: v.version })}
                </button>
              )}
            </div>
          );
        }}
      </QueryState>
    </>
  );
}
