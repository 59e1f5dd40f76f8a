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
  hasAnyRole,
  useAuth,
  type FieldError,
  DateInput,
} from '@tandem/ui';
import { formatDate, useT } from '../i18n/locale';
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
          priorMeetingDays
          nudges {
            noMeetingDays
            awaitingConfirmationDays
            checkInDue
            checkInEveryDays
            requestExpiryReminderDays
            hoursReached
          }
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
  const t = useT();
  return (
    <section>
      <h1>{t('orgs.title')}</h1>
      <QueryState {...result} retry={refresh}>
        {(data) => {
          const organizations = data.organizationsConnection.edges.map((e) => e.node);
          const programmes = data.programmes.edges.map((e) => e.node);
          return (
            <>
              <h2>{t('prog.partners')}</h2>
              {organizations.length === 0 ? (
                <Empty>{t('orgs.none')}</Empty>
              ) : (
                <div className="table-scroll" tabIndex={0}>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('common.name')}</th>
                        <th scope="col">{t('orgs.city')}</th>
                        <th scope="col">{t('orgs.country')}</th>
                        <th scope="col">{t('common.edit')}</th>
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
              <h2>{t('orgs.programmes')}</h2>
              {programmes.length === 0 ? (
                <Empty>{t('orgs.noProgramme')}</Empty>
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
  const t = useT();
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
        <button type="button" onClick={() => setEditing(true)} aria-label={t('prog.edit', { name: org.name })}>
          {t('common.edit')}
        </button>
        {hasAnyRole(session, ['ADMIN']) && (
          <>
            {' '}
            <Link to={`/organisations/${org.id}/single-sign-on`} aria-label={t('orgs.sso.of', { name: org.name })}>
              {t('orgs.sso')}
            </Link>
          </>
        )}
      </td>
    </tr>
  );
}

function OrgForm({ org, onSaved, onCancel }: { org?: Org; onSaved: () => void; onCancel?: () => void }) {
  const t = useT();
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
    if (!out) return setErrors(failure(res, t('common.savingFailed')));
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
      aria-label={org ? t('prog.edit', { name: org.name }) : t('orgs.new')}
    >
      {!org && <h3 style={{ marginTop: 0 }}>{t('orgs.new')}</h3>}
      <FormErrors messages={other} />
      <div className="filters">
        <Field id={`${prefix}-name`} label={t('common.name')} error={byField.name}>
          <input
            id={`${prefix}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={!!byField.name}
          />
        </Field>
        <Field id={`${prefix}-city`} label={t('orgs.city')} error={byField.city}>
          <input id={`${prefix}-city`} value={city} onChange={(e) => setCity(e.target.value)} />
        </Field>
        <Field id={`${prefix}-country`} label={t('orgs.countryIso')} error={byField.country}>
          <input
            id={`${prefix}-country`}
            value={country}
            maxLength={2}
            onChange={(e) => setCountry(e.target.value.toUpperCase())}
            aria-invalid={!!byField.country}
          />
        </Field>
        <button type="submit" className="primary">
          {org ? t('common.save') : t('orgs.create')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
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
  const t = useT();
  return (
    <article className="card" aria-labelledby={`prog-${p.id}`}>
      <div className="row">
        <h3 id={`prog-${p.id}`} style={{ margin: 0 }}>
          {p.name}
        </h3>
        <button type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
          {editing ? t('common.close') : t('prog.edit', { name: p.name })}
        </button>
      </div>
      {p.description && <p>{p.description}</p>}
      <dl className="facts">
        <dt>{t('orgs.terms')}</dt>
        <dd>
          {t(p.terms.hoursOrMeetings ? 'orgs.termsOr' : 'orgs.termsAnd', {
            hours: p.terms.targetHours,
            meetings: p.terms.minMeetings,
            weeks: p.terms.durationWeeks,
          })}
        </dd>
        <dt>{t('orgs.rules')}</dt>
        <dd>
          {[
            t(p.requireSignedAgreement ? 'orgs.agreementRequired' : 'orgs.noAgreement'),
            ...(p.requireCoachSignature ? [t('orgs.coachSigns')] : []),
            t(
              p.requireOrientation
                ? p.requireMenteeOrientation
                  ? 'orgs.orientationBoth'
                  : 'orgs.orientationMentors'
                : 'orgs.noOrientation',
            ),
            t('orgs.requestRules', { open: p.maxOpenRequestsPerMentee, days: p.requestExpiryDays }),
          ].join(' · ')}
        </dd>
        <dt>{t('orgs.nudges')}</dt>
        <dd>
          {[
            p.nudges.noMeetingDays === null
              ? t('orgs.nudge.noMeetingOff')
              : t('orgs.nudge.noMeeting', { days: p.nudges.noMeetingDays }),
            p.nudges.awaitingConfirmationDays === null
              ? t('orgs.nudge.awaitingOff')
              : t('orgs.nudge.awaiting', { days: p.nudges.awaitingConfirmationDays }),
            t('orgs.nudge.checkInEvery', { days: p.nudges.checkInEveryDays }),
            t(p.nudges.checkInDue ? 'orgs.nudge.checkIn' : 'orgs.nudge.checkInOff'),
            t(p.nudges.hoursReached ? 'orgs.nudge.hours' : 'orgs.nudge.hoursOff'),
            t('orgs.nudge.requestExpiry', { days: p.nudges.requestExpiryReminderDays }),
          ].join(' · ')}
        </dd>
        <dt>{t('prog.cpd')}</dt>
        <dd>{p.cpdCategory}</dd>
        <dt>{t('orgs.organisations')}</dt>
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
      <h4>{t('orgs.cohorts')}</h4>
      {p.cohorts.length === 0 ? (
        <Empty>{t('orgs.noCohort')}</Empty>
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
  const t = useT();
  const [name, setName] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [, add] = useMutation(AddCohortMutation);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!startsOn || !endsOn)
      return setErrors([
        ...(!startsOn ? [{ field: 'startsOn', code: 'REQUIRED', message: t('orgs.chooseStart') }] : []),
        ...(!endsOn ? [{ field: 'endsOn', code: 'REQUIRED', message: t('orgs.chooseEnd') }] : []),
      ]);
    const res = await add({ programmeId: programId, input: { name, startsOn, endsOn } });
    const out = res.data?.addCohort;
    if (!out) return setErrors(failure(res, t('orgs.cohortFailed')));
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
    <form onSubmit={submit} noValidate aria-label={t('orgs.newCohort')}>
      <FormErrors messages={other} />
      <div className="filters">
        <Field id={`${prefix}-name`} label={t('orgs.cohortName')} error={byField.name}>
          <input
            id={`${prefix}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={!!byField.name}
          />
        </Field>
        <Field id={`${prefix}-start`} label={t('orgs.startsOn')} error={byField.startsOn}>
          <DateInput
            id={`${prefix}-start`}
            value={startsOn}
            onChange={(e) => setStartsOn(e.target.value)}
            aria-invalid={!!byField.startsOn}
          />
        </Field>
        <Field id={`${prefix}-end`} label={t('orgs.endsOn')} error={byField.endsOn}>
          <DateInput
            id={`${prefix}-end`}
            value={endsOn}
            onChange={(e) => setEndsOn(e.target.value)}
            aria-invalid={!!byField.endsOn}
          />
        </Field>
        <button type="submit">{t('orgs.addCohort')}</button>
      </div>
    </form>
  );
}
