/** Mentor applications: the PENDING_REVIEW queue with each profile; approve with a note or reject with a reason. */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Empty, Field, FormErrors, Pager, QueryState, fieldErrors, usePager, type FieldError } from '@tandem/ui';
import { formatDate, useT, type MessageId } from '../i18n/locale';

const PendingMentorsQuery = graphql(`
  query PendingMentors($after: String, $first: Int) {
    users(mentorStatus: PENDING_REVIEW, after: $after, first: $first) {
      edges {
        node {
          id
          displayName
          organization {
            id
            name
          }
          mentorProfile {
            status
            headline
            bio
            yearsExperience
            skills
            languages
            city
            country
            timeZone
            meetingPreferences
            hoursPerMonth
            capacity
            livedExperience
            employer
            submittedAt
            industry {
              code
              label
            }
            occupation {
              code
              label
            }
            trainingNeeds {
              needs
              tags
            }
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

const ReviewMutation = graphql(`
  mutation ReviewMentorApplication($input: ReviewMentorApplicationInput!) {
    reviewMentorApplication(input: $input) {
      errors {
        field
        code
        message
      }
      user {
        id
        mentorProfile {
          status
          reviewComment
          reviewedAt
        }
      }
    }
  }
`);

type Applicant = ResultOf<typeof PendingMentorsQuery>['users']['edges'][number]['node'];

export function ApplicationsPage() {
  const pager = usePager();
  const t = useT();
  const [result, reexecute] = useQuery({ query: PendingMentorsQuery, variables: { after: pager.after, first: 10 } });
  const [decided, setDecided] = useState<Record<string, string>>({});
  return (
    <section>
      <h1>{t('nav.applications')}</h1>
      <p className="muted">{t('apps.lead')}</p>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) => {
          const applicants = data.users.edges.map((e) => e.node).filter((n) => !decided[n.id]);
          return (
            <>
              {Object.entries(decided).map(([id, text]) => (
                <p key={id} className="state state-success" role="status">
                  {text}
                </p>
              ))}
              {applicants.length === 0 ? (
                <Empty>{t('apps.none')}</Empty>
              ) : (
                applicants.map((a) => (
                  <ApplicationCard
                    key={a.id}
                    applicant={a}
                    onDecided={(text) => setDecided((d) => ({ ...d, [a.id]: text }))}
                  />
                ))
              )}
              <Pager
                pager={pager}
                hasNextPage={data.users.pageInfo.hasNextPage}
                endCursor={data.users.pageInfo.endCursor}
              />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function ApplicationCard({ applicant, onDecided }: { applicant: Applicant; onDecided: (text: string) => void }) {
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [state, review] = useMutation(ReviewMutation);
  const p = applicant.mentorProfile;
  const t = useT();
  const name = applicant.displayName ?? t('apps.applicant');

  async function decide(decision: 'APPROVED' | 'REJECTED') {
    const res = await review({ input: { userId: applicant.id, decision, comment } });
    const out = res.data?.reviewMentorApplication;
    if (!out) {
      setErrors([{ field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? t('apps.failed') }]);
      return;
    }
    if (out.errors.length === 0) onDecided(t(decision === 'APPROVED' ? 'apps.approved' : 'apps.rejected', { name }));
    else setErrors([...out.errors]);
  }

  const { byField, other } = fieldErrors(errors, ['comment']);
  const id = `comment-${applicant.id}`;
  return (
    <article className="card application" aria-labelledby={`name-${applicant.id}`}>
      <header className="row">
        <h2 id={`name-${applicant.id}`}>{name}</h2>
        <span className="muted">
          {t('apps.applied', {
            organisation: applicant.organization?.name ?? t('apps.noOrganisation'),
            date: formatDate(p?.submittedAt),
          })}
        </span>
      </header>
      {p ? (
        <>
          {p.headline && <p className="lead">{p.headline}</p>}
          {p.bio && <p>{p.bio}</p>}
          <dl className="facts">
            <dt>{t('apps.industry')}</dt>
            <dd>{p.industry?.label ?? '—'}</dd>
            <dt>{t('apps.occupation')}</dt>
            <dd>{p.occupation?.label ?? '—'}</dd>
            <dt>{t('apps.experience')}</dt>
            <dd>{p.yearsExperience != null ? t('apps.years', { years: p.yearsExperience }) : '—'}</dd>
            <dt>{t('apps.employer')}</dt>
            <dd>{p.employer ?? '—'}</dd>
            <dt>{t('apps.skills')}</dt>
            <dd>{p.skills.join(', ') || '—'}</dd>
            <dt>{t('apps.languages')}</dt>
            <dd>{p.languages.join(', ') || '—'}</dd>
            <dt>{t('apps.location')}</dt>
            <dd>{[p.city, p.country].filter(Boolean).join(', ') || '—'}</dd>
            <dt>{t('apps.meetsBy')}</dt>
            <dd>{p.meetingPreferences.map((m) => t(`mode.${m}` as MessageId)).join(', ') || '—'}</dd>
            <dt>{t('apps.time')}</dt>
            <dd>{t('apps.timeLine', { hours: p.hoursPerMonth ?? '—', capacity: p.capacity })}</dd>
            <dt>{t('apps.livedExperience')}</dt>
            <dd>{p.livedExperience.join(', ') || '—'}</dd>
            <dt>{t('apps.trainingNeeds')}</dt>
            <dd>{[p.trainingNeeds?.needs, p.trainingNeeds?.tags.join(', ')].filter(Boolean).join(' · ') || '—'}</dd>
          </dl>
        </>
      ) : (
        <Empty>{t('apps.hidden')}</Empty>
      )}
      <FormErrors messages={other} />
      <Field id={id} label={t('apps.comment')} error={byField.comment}>
        <textarea
          id={id}
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-invalid={!!byField.comment}
          aria-describedby={byField.comment ? `${id}-error` : undefined}
        />
      </Field>
      <div className="actions">
        <button type="button" className="primary" disabled={state.fetching} onClick={() => void decide('APPROVED')}>
          {t('apps.approve', { name })}
        </button>
        <button type="button" className="danger" disabled={state.fetching} onClick={() => void decide('REJECTED')}>
          {t('apps.reject', { name })}
        </button>
      </div>
    </article>
  );
}
