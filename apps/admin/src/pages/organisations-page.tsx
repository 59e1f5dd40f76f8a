/** Organisations and programmes: partner organisations, programme terms and rules, cohorts. */
import { useState, type FormEvent } from 'react';
import { Link, Route, Routes } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import {
  Empty,
  Field,
  FormErrors,
  QueryState,
  fieldErrors,
  formatDate,
  hasAnyRole,
  useAuth,
  type FieldError,
} from '@tandem/ui';
import { RequireRole } from '../layout';
import { InvitationLink } from './invitation-link';
import { ProgramForm } from './programme-form';
import { failure } from './save-failure';
import { SingleSignOnPage } from './single-sign-on-page';

const OrgsAndProgramsQuery = graphql(`
  query OrganisationsAndProgrammes {
    organizationsConnection(first: 50) {
      edges {
        node {
          id
          name
          city
          country
        }
      }
    }
    programmes(first: 50) {
      edges {
        node {
          id
          name
          description
          cpdCategory
          requireSignedAgreement
          requireOrientation
          requireMenteeOrientation
          requireCoachSignature
          defaultLanguage
          timeZone
          maxOpenRequestsPerMentee
          requestExpiryDays
          terms {
            targetHours
            durationWeeks
            minMeetings
            hoursOrMeetings
            maxMeetingMinutes
          }
          organizations {
            id
            name
          }
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

const CreateOrgMutation = graphql(`
  mutation CreateOrganization($input: OrganizationInput!) {
    createOrganization(input: $input) {
      errors {
        field
        code
        message
      }
      organization {
        id
      }
    }
  }
`);

const UpdateOrgMutation = graphql(`
  mutation UpdateOrganization($id: ID!, $input: OrganizationInput!) {
    updateOrganization(id: $id, input: $input) {
      errors {
        field
        code
        message
      }
      organization {
        id
        name
        city
        country
      }
    }
  }
`);

const AddCohortMutation = graphql(`
  mutation AddCohort($programmeId: ID!, $input: CohortInput!) {
    addCohort(programmeId: $programmeId, input: $input) {
      errors {
        field
        code
        message
      }
      programme {
        id
        cohorts {
          id
          name
          startsOn
          endsOn
        }
      }
    }
  }
`);

type Data = ResultOf<typeof OrgsAndProgramsQuery>;
export type Program = Data['programmes']['edges'][number]['node'];
export type Org = Data['organizationsConnection']['edges'][number]['node'];

export function OrganisationsPage() {
  return (
    <Routes>
      <Route index element={<OrganisationsList />} />
      <Route
        path=":organizationId/single-sign-on"
        element={
          <RequireRole roles={['ADMIN']}>
            <SingleSignOnPage />
          </RequireRole>
        }
      />
    </Routes>
  );
}

function OrganisationsList() {
  const [result, reexecute] = useQuery({ query: OrgsAndProgramsQuery });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  return (
    <section>
      <h1>Organisations and programmes</h1>
      <QueryState {...result} retry={refresh}>
        {(data) => {
          const organizations = data.organizationsConnection.edges.map((e) => e.node);
          const programmes = data.programmes.edges.map((e) => e.node);
          return (
            <>
              <h2>Partner organisations</h2>
              {organizations.length === 0 ? (
                <Empty>No organisation yet.</Empty>
              ) : (
                <div className="table-scroll" tabIndex={0}>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Name</th>
                        <th scope="col">City</th>
                        <th scope="col">Country</th>
                        <th scope="col">Edit</th>
                      </tr>
                    </thead>
                    <tbody>
                      {organizations.map((o) => (
                        <OrgRow key={o.id} org={o} onSaved={refresh} />
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <OrgForm onSaved={refresh} />
              <h2>Programmes</h2>
              {programmes.length === 0 ? (
                <Empty>No programme yet.</Empty>
              ) : (
                programmes.map((p) => (
                  <ProgramCard key={p.id} program={p} organizations={organizations} onSaved={refresh} />
                ))
              )}
              <ProgramForm organizations={organizations} onSaved={refresh} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function OrgRow({ org, onSaved }: { org: Org; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const { session } = useAuth();
  if (editing) {
    return (
      <tr>
        <td colSpan={4}>
          <OrgForm
            org={org}
            onSaved={() => {
              setEditing(false);
              onSaved();
            }}
            onCancel={() => setEditing(false)}
          />
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <td>{org.name}</td>
      <td>{org.city ?? '—'}</td>
      <td>{org.country ?? '—'}</td>
      <td>
        <button type="button" onClick={() => setEditing(true)} aria-label={`Edit ${org.name}`}>
          Edit
        </button>
        {hasAnyRole(session, ['ADMIN']) && (
          <>
            {' '}
            <Link to={`/organisations/${org.id}/single-sign-on`} aria-label={`Single sign-on of ${org.name}`}>
              Single sign-on
            </Link>
          </>
        )}
      </td>
    </tr>
  );
}

function OrgForm({ org, onSaved, onCancel }: { org?: Org; onSaved: () => void; onCancel?: () => void }) {
  const [name, setName] = useState(org?.name ?? '');
  const [city, setCity] = useState(org?.city ?? '');
  const [country, setCountry] = useState(org?.country ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [, create] = useMutation(CreateOrgMutation);
  const [, update] = useMutation(UpdateOrgMutation);
  const prefix = org ? `org-${org.id}` : 'org-new';
  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { name, city: city || null, country: country || null };
    const res = org ? await update({ id: org.id, input }) : await create({ input });
    const out =
      res.data &&
      ('updateOrganization' in res.data
        ? res.data.updateOrganization
        : 'createOrganization' in res.data
          ? res.data.createOrganization
          : null);
    if (!out) return setErrors(failure(res, 'Saving'));
    setErrors([...out.errors]);
    if (out.errors.length === 0) {
      if (!org) {
        setName('');
        setCity('');
        setCountry('');
      }
      onSaved();
    }
  }
  const { byField, other } = fieldErrors(errors, ['name', 'city', 'country']);
  return (
    <form
      className={org ? '' : 'card'}
      onSubmit={submit}
      noValidate
      aria-label={org ? `Edit ${org.name}` : 'New organisation'}
    >
      {!org && <h3 style={{ marginTop: 0 }}>New organisation</h3>}
      <FormErrors messages={other} />
      <div className="filters">
        <Field id={`${prefix}-name`} label="Name" error={byField.name}>
          <input
            id={`${prefix}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={!!byField.name}
          />
        </Field>
        <Field id={`${prefix}-city`} label="City" error={byField.city}>
          <input id={`${prefix}-city`} value={city} onChange={(e) => setCity(e.target.value)} />
        </Field>
        <Field id={`${prefix}-country`} label="Country (ISO code)" error={byField.country}>
          <input
            id={`${prefix}-country`}
            value={country}
            maxLength={2}
            onChange={(e) => setCountry(e.target.value.toUpperCase())}
            aria-invalid={!!byField.country}
          />
        </Field>
        <button type="submit" className="primary">
          {org ? 'Save' : 'Create organisation'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function ProgramCard({
  program: p,
  organizations,
  onSaved,
}: {
  program: Program;
  organizations: Org[];
  onSaved: () => void;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <article className="card" aria-labelledby={`prog-${p.id}`}>
      <div className="row">
        <h3 id={`prog-${p.id}`} style={{ margin: 0 }}>
          {p.name}
        </h3>
        <button type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
          {editing ? 'Close' : `Edit ${p.name}`}
        </button>
      </div>
      {p.description && <p>{p.description}</p>}
      <dl className="facts">
        <dt>Terms</dt>
        <dd>
          {p.terms.targetHours} hours {p.terms.hoursOrMeetings ? 'or' : 'and'} {p.terms.minMeetings} meetings over{' '}
          {p.terms.durationWeeks} weeks
        </dd>
        <dt>Rules</dt>
        <dd>
          {p.requireSignedAgreement ? 'Signed agreement required' : 'No agreement required'} ·{' '}
          {p.requireCoachSignature ? 'the coach signs the agreement too · ' : ''}
          {p.requireOrientation
            ? p.requireMenteeOrientation
              ? 'orientation required of mentors and mentees'
              : 'orientation required of mentors'
            : 'no orientation'}{' '}
          · up to {p.maxOpenRequestsPerMentee} open requests · requests expire after {p.requestExpiryDays} days
        </dd>
        <dt>CPD category</dt>
        <dd>{p.cpdCategory}</dd>
        <dt>Organisations</dt>
        <dd>{p.organizations.map((o) => o.name).join(', ') || '—'}</dd>
      </dl>
      <InvitationLink programmeId={p.id} name={p.name} />
      {editing && (
        <ProgramForm
          program={p}
          organizations={organizations}
          onSaved={() => {
            setEditing(false);
            onSaved();
          }}
        />
      )}
      <h4>Cohorts</h4>
      {p.cohorts.length === 0 ? (
        <Empty>No cohort yet.</Empty>
      ) : (
        <ul>
          {p.cohorts.map((c) => (
            <li key={c.id}>
              {c.name}: {formatDate(c.startsOn)} – {formatDate(c.endsOn)}
            </li>
          ))}
        </ul>
      )}
      <CohortForm programId={p.id} onSaved={onSaved} />
    </article>
  );
}

function CohortForm({ programId, onSaved }: { programId: string; onSaved: () => void }) {
  const [name, setName] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [, add] = useMutation(AddCohortMutation);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!startsOn || !endsOn)
      return setErrors([
        ...(!startsOn ? [{ field: 'startsOn', code: 'REQUIRED', message: 'Choose a start date.' }] : []),
        ...(!endsOn ? [{ field: 'endsOn', code: 'REQUIRED', message: 'Choose an end date.' }] : []),
      ]);
    const res = await add({ programmeId: programId, input: { name, startsOn, endsOn } });
    const out = res.data?.addCohort;
    if (!out) return setErrors(failure(res, 'Adding the cohort'));
    setErrors([...out.errors]);
    if (out.errors.length === 0) {
      setName('');
      setStartsOn('');
      setEndsOn('');
      onSaved();
    }
  }
  const { byField, other } = fieldErrors(errors, ['name', 'startsOn', 'endsOn']);
  const prefix = `cohort-${programId}`;
  return (
    <form onSubmit={submit} noValidate aria-label="New cohort">
      <FormErrors messages={other} />
      <div className="filters">
        <Field id={`${prefix}-name`} label="Cohort name" error={byField.name}>
          <input
            id={`${prefix}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={!!byField.name}
          />
        </Field>
        <Field id={`${prefix}-start`} label="Starts on" error={byField.startsOn}>
          <input
            id={`${prefix}-start`}
            type="date"
            value={startsOn}
            onChange={(e) => setStartsOn(e.target.value)}
            aria-invalid={!!byField.startsOn}
          />
        </Field>
        <Field id={`${prefix}-end`} label="Ends on" error={byField.endsOn}>
          <input
            id={`${prefix}-end`}
            type="date"
            value={endsOn}
            onChange={(e) => setEndsOn(e.target.value)}
            aria-invalid={!!byField.endsOn}
          />
        </Field>
        <button type="submit">Add cohort</button>
      </div>
    </form>
  );
}
