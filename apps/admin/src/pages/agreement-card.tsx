/**
 * A relationship's partnership agreement as staff read it: the current version, who signed it and when, and,
 * when the programme asks its coach to sign too, the coach's signature (a coach of the organisation signs here).
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@tandem/ui/graphql';
import {
  Empty,
  FormErrors,
  QueryState,
  StatusBadge,
  formatDate,
  hasAnyRole,
  useAuth,
  type FieldError,
} from '@tandem/ui';

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

const SIGNERS = { MENTOR: 'the mentor', MENTEE: 'the mentee', COACH: 'a coach' } as const;

export function AgreementCard({ relationshipId }: { relationshipId: string }) {
  const { session } = useAuth();
  const [result, reexecute] = useQuery({ query: AgreementQuery, variables: { id: relationshipId } });
  const [state, sign] = useMutation(SignMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);

  async function signAsCoach(version: number) {
    const res = await sign({ relationshipId, version });
    const out = res.data?.signAgreement;
    setErrors(
      out
        ? [...out.errors]
        : [{ field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? 'The signature failed.' }],
    );
    if (out && !out.errors.length) reexecute({ requestPolicy: 'network-only' });
  }

  return (
    <>
      <h2>Agreement</h2>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) => {
          const a = data.relationship.agreement;
          if (!a) return <Empty>No agreement drafted yet.</Empty>;
          const v = a.current;
          const awaiting = v.awaitingSignatures.map((s) => SIGNERS[s]).join(', ');
          return (
            <div className="card" id="agreement">
              <p>
                Version {v.version}:{' '}
                {a.fullySigned ? (
                  <StatusBadge
                    status={v.coachSignatureRequired ? 'Signed by all three' : 'Signed by both'}
                    tone="good"
                  />
                ) : (
                  <StatusBadge status={`Awaiting ${awaiting}`} tone="warn" />
                )}
              </p>
              <dl className="facts">
                <dt>Mentor signed</dt>
                <dd>{formatDate(v.mentorSignedAt)}</dd>
                <dt>Mentee signed</dt>
                <dd>{formatDate(v.menteeSignedAt)}</dd>
                {v.coachSignatureRequired && (
                  <>
                    <dt>Coach signed</dt>
                    <dd>
                      {v.coachSignedAt
                        ? `${formatDate(v.coachSignedAt)} by ${v.coachSigner?.displayName ?? 'a coach'}`
                        : 'Not yet (the programme asks its coach to sign too)'}
                    </dd>
                  </>
                )}
                <dt>Top goals</dt>
                <dd>{v.topGoals.join('; ')}</dd>
                <dt>Meetings</dt>
                <dd>
                  {v.meetingFrequency}, {v.meetingLengthMinutes} min, {v.meetingTime} at {v.meetingPlace}
                </dd>
                <dt>Duration</dt>
                <dd>{v.durationWeeks} weeks</dd>
              </dl>
              <FormErrors messages={errors.map((e) => e.message)} />
              {v.coachSignatureRequired && !v.coachSignedAt && hasAnyRole(session, ['COACH']) && (
                <button
                  type="button"
                  className="primary"
                  disabled={state.fetching}
                  onClick={() => void signAsCoach(v.version)}
                >
                  Sign version {v.version} as coach
                </button>
              )}
            </div>
          );
        }}
      </QueryState>
    </>
  );
}
