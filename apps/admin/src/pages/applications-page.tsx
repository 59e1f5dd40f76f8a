/** Mentor applications: the PENDING_REVIEW queue with each profile; approve with a note or reject with a reason. */
import { useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Empty, Field, FormErrors, Pager, QueryState, fieldErrors, usePager, type FieldError } from '@tandem/ui';
import { formatDate, useT, type MessageId } from '../i18n/locale';
import { statusWord } from '../status-badge';
import { BulkActions, SelectAllShown, SelectRow, useSelection, type Selection } from '../bulk/bulk-actions';
import { ExportMenu, fetchAllPages } from '../export/export-menu';
import type { ExportColumn } from '../export/table-export';

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

const ReviewManyMutation = graphql(`
  mutation ReviewMentorApplications($input: ReviewMentorApplicationsInput!) {
    reviewMentorApplications(input: $input) {
      items {
        id
        errors {
          field
          code
          message
        }
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type Applicant = ResultOf<typeof PendingMentorsQuery>['users']['edges'][number]['node'];

const list = (values: readonly string[] | undefined) => values?.join(', ') ?? '';

/** The export's columns: the applicant and their profile as the reviewer reads it. */
const applicationColumns = (t: ReturnType<typeof useT>): ExportColumn<Applicant>[] => [
  { header: t('col.userId'), value: (a) => a.id },
  { header: t('common.name'), value: (a) => a.displayName },
  { header: t('col.organisation'), value: (a) => a.organization?.name },
  { header: t('col.appliedAt'), value: (a) => a.mentorProfile?.submittedAt, kind: 'instant' },
  { header: t('rel.status'), value: (a) => statusWord(t, a.mentorProfile?.status) },
  { header: t('col.headline'), value: (a) => a.mentorProfile?.headline },
  { header: t('apps.industry'), value: (a) => a.mentorProfile?.industry?.label },
  { header: t('apps.occupation'), value: (a) => a.mentorProfile?.occupation?.label },
  { header: t('col.yearsExperience'), value: (a) => a.mentorProfile?.yearsExperience, kind: 'number' },
  { header: t('apps.employer'), value: (a) => a.mentorProfile?.employer },
  { header: t('apps.skills'), value: (a) => list(a.mentorProfile?.skills) },
  { header: t('apps.languages'), value: (a) => list(a.mentorProfile?.languages) },
  { header: t('col.city'), value: (a) => a.mentorProfile?.city },
  { header: t('col.country'), value: (a) => a.mentorProfile?.country },
  { header: t('col.hoursPerMonth'), value: (a) => a.mentorProfile?.hoursPerMonth, kind: 'number' },
  { header: t('col.capacity'), value: (a) => a.mentorProfile?.capacity, kind: 'number' },
  { header: t('apps.trainingNeeds'), value: (a) => a.mentorProfile?.trainingNeeds?.needs },
];

export function ApplicationsPage() {
  const pager = usePager();
  const t = useT();
  const [result, reexecute] = useQuery({ query: PendingMentorsQuery, variables: { after: pager.after, first: 10 } });
  const [decided, setDecided] = useState<Record<string, string>>({});
  const client = useClient();
  const selection = useSelection();
  const [, reviewMany] = useMutation(ReviewManyMutation);
  const approve = {
    label: t('bulk.apps.approve'),
    textLabel: t('bulk.apps.note'),
    confirm: (n: number) => t('bulk.apps.confirm', { count: n }),
    confirmButton: (n: number) => t('bulk.apps.button', { count: n }),
    done: t('bulk.apps.approved'),
    run: async (userIds: string[], comment: string) => {
      const res = await reviewMany({ input: { userIds, decision: 'APPROVED', comment } });
      const out = res.data?.reviewMentorApplications;
      if (!out) throw new Error(res.error?.graphQLErrors[0]?.message ?? t('bulk.apps.failed'));
      return out;
    },
  };
  return (
    <section>
      <h1>{t('nav.applications')}</h1>
      <div className="filters">
        <p className="muted">{t('apps.lead')}</p>
        <ExportMenu
          list="MENTOR_APPLICATIONS"
          filters={{ mentorStatus: 'PENDING_REVIEW' }}
          name="mentor-applications"
          what={t('export.what.applications')}
          columns={applicationColumns(t)}
          rows={() => fetchAllPages(client, PendingMentorsQuery, { after: null, first: 100 }, (d) => d.users)}
        />
      </div>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) => {
          const applicants = data.users.edges.map((e) => e.node).filter((n) => !decided[n.id]);
          const shown = applicants.map((a) => ({ id: a.id, name: a.displayName ?? t('apps.applicant') }));
          return (
            <>
              {applicants.length > 0 && <SelectAllShown selection={selection} items={shown} />}
              <BulkActions
                selection={selection}
                items={shown}
                actions={[approve]}
                onDone={() => reexecute({ requestPolicy: 'network-only' })}
              />
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
                    selection={selection}
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

function ApplicationCard({
  applicant,
  selection,
  onDecided,
}: {
  applicant: Applicant;
  selection: Selection;
  onDecided: (text: string) => void;
}) {
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
        <SelectRow selection={selection} item={{ id: applicant.id, name }} />
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
