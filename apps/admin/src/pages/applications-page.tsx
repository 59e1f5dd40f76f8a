/** Mentor applications: the PENDING_REVIEW queue with each profile; approve with a note or reject with a reason. */
import { useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import {
  Empty,
  Field,
  FormErrors,
  Pager,
  QueryState,
  fieldErrors,
  formatDate,
  usePager,
  type FieldError,
} from '@tandem/ui';
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
const APPLICATION_COLUMNS: ExportColumn<Applicant>[] = [
  { header: 'User id', value: (a) => a.id },
  { header: 'Name', value: (a) => a.displayName },
  { header: 'Organisation', value: (a) => a.organization?.name },
  { header: 'Applied at', value: (a) => a.mentorProfile?.submittedAt, kind: 'instant' },
  { header: 'Status', value: (a) => a.mentorProfile?.status },
  { header: 'Headline', value: (a) => a.mentorProfile?.headline },
  { header: 'Industry', value: (a) => a.mentorProfile?.industry?.label },
  { header: 'Occupation', value: (a) => a.mentorProfile?.occupation?.label },
  { header: 'Years of experience', value: (a) => a.mentorProfile?.yearsExperience, kind: 'number' },
  { header: 'Employer', value: (a) => a.mentorProfile?.employer },
  { header: 'Skills', value: (a) => list(a.mentorProfile?.skills) },
  { header: 'Languages', value: (a) => list(a.mentorProfile?.languages) },
  { header: 'City', value: (a) => a.mentorProfile?.city },
  { header: 'Country', value: (a) => a.mentorProfile?.country },
  { header: 'Hours per month', value: (a) => a.mentorProfile?.hoursPerMonth, kind: 'number' },
  { header: 'Capacity (mentees)', value: (a) => a.mentorProfile?.capacity, kind: 'number' },
  { header: 'Training needs', value: (a) => a.mentorProfile?.trainingNeeds?.needs },
];

export function ApplicationsPage() {
  const pager = usePager();
  const [result, reexecute] = useQuery({ query: PendingMentorsQuery, variables: { after: pager.after, first: 10 } });
  const [decided, setDecided] = useState<Record<string, string>>({});
  const client = useClient();
  const selection = useSelection();
  const [, reviewMany] = useMutation(ReviewManyMutation);
  const approve = {
    label: 'Approve selected',
    textLabel: 'Note to the mentors (each sees it)',
    confirm: (n: number) => `Approve ${n} mentor application${n === 1 ? '' : 's'}?`,
    done: 'approved',
    run: async (userIds: string[], comment: string) => {
      const res = await reviewMany({ input: { userIds, decision: 'APPROVED', comment } });
      const out = res.data?.reviewMentorApplications;
      if (!out) throw new Error(res.error?.graphQLErrors[0]?.message ?? 'The approvals could not be saved.');
      return out;
    },
  };
  return (
    <section>
      <h1>Mentor applications</h1>
      <div className="filters">
        <p className="muted">
          Mentors waiting for review. Approve with a note or reject with a reason; the applicant sees it.
        </p>
        <ExportMenu
          list="MENTOR_APPLICATIONS"
          filters={{ mentorStatus: 'PENDING_REVIEW' }}
          name="mentor-applications"
          what="mentor applications"
          columns={APPLICATION_COLUMNS}
          rows={() => fetchAllPages(client, PendingMentorsQuery, { after: null, first: 100 }, (d) => d.users)}
        />
      </div>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) => {
          const applicants = data.users.edges.map((e) => e.node).filter((n) => !decided[n.id]);
          const shown = applicants.map((a) => ({ id: a.id, name: a.displayName ?? 'Applicant' }));
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
                <Empty>No applications are waiting for review.</Empty>
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
  const name = applicant.displayName ?? 'Applicant';

  async function decide(decision: 'APPROVED' | 'REJECTED') {
    const res = await review({ input: { userId: applicant.id, decision, comment } });
    const out = res.data?.reviewMentorApplication;
    if (!out) {
      setErrors([
        { field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? 'The review could not be saved.' },
      ]);
      return;
    }
    if (out.errors.length === 0) onDecided(`${name}: ${decision === 'APPROVED' ? 'approved' : 'rejected'}.`);
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
          {applicant.organization?.name ?? 'No organisation'} · applied {formatDate(p?.submittedAt)}
        </span>
      </header>
      {p ? (
        <>
          {p.headline && <p className="lead">{p.headline}</p>}
          {p.bio && <p>{p.bio}</p>}
          <dl className="facts">
            <dt>Industry</dt>
            <dd>{p.industry?.label ?? '—'}</dd>
            <dt>Occupation</dt>
            <dd>{p.occupation?.label ?? '—'}</dd>
            <dt>Experience</dt>
            <dd>{p.yearsExperience != null ? `${p.yearsExperience} years` : '—'}</dd>
            <dt>Employer</dt>
            <dd>{p.employer ?? '—'}</dd>
            <dt>Skills</dt>
            <dd>{p.skills.join(', ') || '—'}</dd>
            <dt>Languages</dt>
            <dd>{p.languages.join(', ') || '—'}</dd>
            <dt>Location</dt>
            <dd>{[p.city, p.country].filter(Boolean).join(', ') || '—'}</dd>
            <dt>Meets by</dt>
            <dd>{p.meetingPreferences.map((m) => m.replace('_', ' ').toLowerCase()).join(', ') || '—'}</dd>
            <dt>Time</dt>
            <dd>
              {p.hoursPerMonth ?? '—'} h/month, up to {p.capacity} mentee{p.capacity === 1 ? '' : 's'}
            </dd>
            <dt>Lived experience</dt>
            <dd>{p.livedExperience.join(', ') || '—'}</dd>
            <dt>Training needs</dt>
            <dd>{[p.trainingNeeds?.needs, p.trainingNeeds?.tags.join(', ')].filter(Boolean).join(' · ') || '—'}</dd>
          </dl>
        </>
      ) : (
        <Empty>The profile is not visible to you.</Empty>
      )}
      <FormErrors messages={other} />
      <Field id={id} label="Note (approval) or reason (rejection)" error={byField.comment}>
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
          Approve {name}
        </button>
        <button type="button" className="danger" disabled={state.fetching} onClick={() => void decide('REJECTED')}>
          Reject {name}
        </button>
      </div>
    </article>
  );
}
