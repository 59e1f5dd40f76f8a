/** The form that creates or edits a programme: its terms, its rules, its language and its partner organisations. */
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@tandem/ui/graphql';
import { Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';
import { useT } from '../i18n/locale';
import type { Org, Program } from './organisations-page';
import { failure } from './save-failure';

/** Every IANA zone the browser knows, and UTC. */
const ZONES = [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])].sort();

const CreateProgramMutation = graphql(`
  mutation CreateProgramme($input: ProgrammeInput!) {
    createProgramme(input: $input) {
      errors {
        field
        code
        message
      }
      programme {
        id
      }
    }
  }
`);

const UpdateProgramMutation = graphql(`
  mutation UpdateProgramme($id: ID!, $input: ProgrammeInput!) {
    updateProgramme(id: $id, input: $input) {
      errors {
        field
        code
        message
      }
      programme {
        id
        nudges {
          noMeetingDays
          awaitingConfirmationDays
          checkInDue
          checkInEveryDays
          requestExpiryReminderDays
          hoursReached
        }
        terms {
          targetHours
          durationWeeks
          minMeetings
          hoursOrMeetings
          maxMeetingMinutes
        }
      }
    }
  }
`);

export function ProgramForm({
  program,
  organizations,
  onSaved,
}: {
  program?: Program;
  organizations: Org[];
  onSaved: () => void;
}) {
  const t = useT();
  const [name, setName] = useState(program?.name ?? '');
  const [description, setDescription] = useState(program?.description ?? '');
  const [orgIds, setOrgIds] = useState<string[]>(program?.organizations.map((o) => o.id) ?? []);
  const [targetHours, setTargetHours] = useState(String(program?.terms.targetHours ?? 24));
  const [durationWeeks, setDurationWeeks] = useState(String(program?.terms.durationWeeks ?? 17));
  const [minMeetings, setMinMeetings] = useState(String(program?.terms.minMeetings ?? 6));
  const [hoursOrMeetings, setHoursOrMeetings] = useState(program?.terms.hoursOrMeetings ?? false);
  const [maxMeetingMinutes, setMaxMeetingMinutes] = useState(String(program?.terms.maxMeetingMinutes ?? 240));
  const [priorMeetingDays, setPriorMeetingDays] = useState(String(program?.priorMeetingDays ?? 0));
  const [cpdCategory, setCpdCategory] = useState(program?.cpdCategory ?? 'Peer and professional interaction');
  const [requireSignedAgreement, setRequireSignedAgreement] = useState(program?.requireSignedAgreement ?? true);
  const [requireCoachSignature, setRequireCoachSignature] = useState(program?.requireCoachSignature ?? false);
  const [requireOrientation, setRequireOrientation] = useState(program?.requireOrientation ?? false);
  const [requireMenteeOrientation, setRequireMenteeOrientation] = useState(program?.requireMenteeOrientation ?? false);
  const [defaultLanguage, setDefaultLanguage] = useState(program?.defaultLanguage ?? 'en');
  const [timeZone, setTimeZone] = useState(program?.timeZone ?? 'America/Toronto');
  // nudges: a day count, or off (null); the defaults of a new programme are the API's
  const nudges = program?.nudges;
  const [noMeetingOn, setNoMeetingOn] = useState(nudges ? nudges.noMeetingDays !== null : true);
  const [noMeetingDays, setNoMeetingDays] = useState(String(nudges?.noMeetingDays ?? 21));
  const [awaitingOn, setAwaitingOn] = useState(nudges ? nudges.awaitingConfirmationDays !== null : true);
  const [awaitingDays, setAwaitingDays] = useState(String(nudges?.awaitingConfirmationDays ?? 3));
  const [checkInDue, setCheckInDue] = useState(nudges?.checkInDue ?? true);
  const [checkInEveryDays, setCheckInEveryDays] = useState(String(nudges?.checkInEveryDays ?? 30));
  const [hoursReached, setHoursReached] = useState(nudges?.hoursReached ?? true);
  const [reminderDays, setReminderDays] = useState(String(nudges?.requestExpiryReminderDays ?? 2));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [, create] = useMutation(CreateProgramMutation);
  const [, update] = useMutation(UpdateProgramMutation);
  const prefix = program ? `prog-${program.id}` : 'prog-new';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      name,
      description: description || null,
      organizationIds: orgIds,
      cpdCategory,
      requireSignedAgreement,
      requireCoachSignature,
      priorMeetingDays: Number(priorMeetingDays),
      requireOrientation,
      requireMenteeOrientation: requireOrientation && requireMenteeOrientation,
      defaultLanguage,
      timeZone,
      nudges: {
        noMeetingDays: noMeetingOn ? Number(noMeetingDays) : null,
        awaitingConfirmationDays: awaitingOn ? Number(awaitingDays) : null,
        checkInDue,
        checkInEveryDays: Number(checkInEveryDays),
        hoursReached,
        requestExpiryReminderDays: Number(reminderDays),
      },
      terms: {
        targetHours: Number(targetHours),
        durationWeeks: Number(durationWeeks),
        minMeetings: Number(minMeetings),
        hoursOrMeetings,
        maxMeetingMinutes: Number(maxMeetingMinutes),
      },
    };
    const res = program ? await update({ id: program.id, input }) : await create({ input });
    const out =
      res.data &&
      ('updateProgramme' in res.data
        ? res.data.updateProgramme
        : 'createProgramme' in res.data
          ? res.data.createProgramme
          : null);
    if (!out) return setErrors(failure(res, t('common.savingFailed')));
    setErrors([...out.errors]);
    if (out.errors.length === 0) onSaved();
  }
  const { byField, other } = fieldErrors(errors, [
    'name',
    'description',
    'organizationIds',
    'targetHours',
    'durationWeeks',
    'minMeetings',
    'maxMeetingMinutes',
    'priorMeetingDays',
    'cpdCategory',
    'defaultLanguage',
    'timeZone',
    'noMeetingDays',
    'awaitingConfirmationDays',
    'checkInEveryDays',
    'requestExpiryReminderDays',
  ]);
  return (
    <form
      className={program ? '' : 'card'}
      onSubmit={submit}
      noValidate
      aria-label={program ? t('prog.edit', { name: program.name }) : t('prog.new')}
    >
      {!program && <h3 style={{ marginTop: 0 }}>{t('prog.new')}</h3>}
      <FormErrors messages={other} />
      <Field id={`${prefix}-name`} label={t('common.name')} error={byField.name}>
        <input
          id={`${prefix}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={!!byField.name}
        />
      </Field>
      <Field id={`${prefix}-desc`} label={t('prog.description')} error={byField.description}>
        <textarea id={`${prefix}-desc`} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <div className="filters">
        <Field id={`${prefix}-hours`} label={t('prog.targetHours')} error={byField.targetHours}>
          <input
            id={`${prefix}-hours`}
            type="number"
            min={0}
            step="0.5"
            value={targetHours}
            onChange={(e) => setTargetHours(e.target.value)}
            aria-invalid={!!byField.targetHours}
          />
        </Field>
        <Field id={`${prefix}-weeks`} label={t('prog.durationWeeks')} error={byField.durationWeeks}>
          <input
            id={`${prefix}-weeks`}
            type="number"
            min={1}
            value={durationWeeks}
            onChange={(e) => setDurationWeeks(e.target.value)}
            aria-invalid={!!byField.durationWeeks}
          />
        </Field>
        <Field id={`${prefix}-meetings`} label={t('prog.minMeetings')} error={byField.minMeetings}>
          <input
            id={`${prefix}-meetings`}
            type="number"
            min={0}
            value={minMeetings}
            onChange={(e) => setMinMeetings(e.target.value)}
            aria-invalid={!!byField.minMeetings}
          />
        </Field>
        <Field id={`${prefix}-max-meeting`} label={t('prog.maxMeeting')} error={byField.maxMeetingMinutes}>
          <input
            id={`${prefix}-max-meeting`}
            type="number"
            min={30}
            max={600}
            value={maxMeetingMinutes}
            onChange={(e) => setMaxMeetingMinutes(e.target.value)}
            aria-invalid={!!byField.maxMeetingMinutes}
          />
        </Field>
        <Field id={`${prefix}-prior`} label={t('prog.priorMeetingDays')} error={byField.priorMeetingDays}>
          <input
            id={`${prefix}-prior`}
            type="number"
            min={0}
            max={365}
            value={priorMeetingDays}
            onChange={(e) => setPriorMeetingDays(e.target.value)}
            aria-invalid={!!byField.priorMeetingDays}
          />
        </Field>
        <Field id={`${prefix}-cpd`} label={t('prog.cpd')} error={byField.cpdCategory}>
          <input
            id={`${prefix}-cpd`}
            value={cpdCategory}
            onChange={(e) => setCpdCategory(e.target.value)}
            aria-invalid={!!byField.cpdCategory}
          />
        </Field>
      </div>
      <div className="checks">
        <label>
          <input type="checkbox" checked={hoursOrMeetings} onChange={(e) => setHoursOrMeetings(e.target.checked)} />{' '}
          {t('prog.hoursOrMeetings')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={requireSignedAgreement}
            onChange={(e) => setRequireSignedAgreement(e.target.checked)}
          />{' '}
          {t('prog.requireSigned')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={requireCoachSignature}
            onChange={(e) => setRequireCoachSignature(e.target.checked)}
          />{' '}
          {t('prog.requireCoach')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={requireOrientation}
            onChange={(e) => setRequireOrientation(e.target.checked)}
          />{' '}
          {t('prog.requireOrientation')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={requireOrientation && requireMenteeOrientation}
            disabled={!requireOrientation}
            onChange={(e) => setRequireMenteeOrientation(e.target.checked)}
          />{' '}
          {t('prog.requireMenteeOrientation')}
        </label>
      </div>
      <Field id={`${prefix}-language`} label={t('prog.language')} error={byField.defaultLanguage}>
        <select id={`${prefix}-language`} value={defaultLanguage} onChange={(e) => setDefaultLanguage(e.target.value)}>
          <option value="en">English</option>
          <option value="fr-CA" lang="fr-CA">
            Français (Canada)
          </option>
        </select>
      </Field>
      <Field id={`${prefix}-zone`} label={t('prog.timeZone')} error={byField.timeZone}>
        <select id={`${prefix}-zone`} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
          {ZONES.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="checks nudges" aria-describedby={`${prefix}-nudges-hint`}>
        <legend>{t('orgs.nudges')}</legend>
        <p className="muted" id={`${prefix}-nudges-hint`}>
          {t('prog.nudges.hint')}
        </p>
        <label>
          <input type="checkbox" checked={noMeetingOn} onChange={(e) => setNoMeetingOn(e.target.checked)} />{' '}
          {t('prog.nudges.noMeeting')}
        </label>
        <Field id={`${prefix}-nudge-no-meeting`} label={t('prog.nudges.noMeetingDays')} error={byField.noMeetingDays}>
          <input
            id={`${prefix}-nudge-no-meeting`}
            type="number"
            min={1}
            max={365}
            value={noMeetingDays}
            disabled={!noMeetingOn}
            onChange={(e) => setNoMeetingDays(e.target.value)}
            aria-invalid={!!byField.noMeetingDays}
          />
        </Field>
        <label>
          <input type="checkbox" checked={awaitingOn} onChange={(e) => setAwaitingOn(e.target.checked)} />{' '}
          {t('prog.nudges.awaiting')}
        </label>
        <Field
          id={`${prefix}-nudge-awaiting`}
          label={t('prog.nudges.awaitingDays')}
          error={byField.awaitingConfirmationDays}
        >
          <input
            id={`${prefix}-nudge-awaiting`}
            type="number"
            min={1}
            max={365}
            value={awaitingDays}
            disabled={!awaitingOn}
            onChange={(e) => setAwaitingDays(e.target.value)}
            aria-invalid={!!byField.awaitingConfirmationDays}
          />
        </Field>
        <label>
          <input type="checkbox" checked={checkInDue} onChange={(e) => setCheckInDue(e.target.checked)} />{' '}
          {t('prog.nudges.checkIn')}
        </label>
        <Field
          id={`${prefix}-nudge-check-in`}
          label={t('prog.nudges.checkInEveryDays')}
          hint={t('prog.nudges.checkInEveryDaysHint')}
          error={byField.checkInEveryDays}
        >
          <input
            id={`${prefix}-nudge-check-in`}
            type="number"
            min={1}
            max={365}
            required
            value={checkInEveryDays}
            onChange={(e) => setCheckInEveryDays(e.target.value)}
            aria-invalid={!!byField.checkInEveryDays}
          />
        </Field>
        <label>
          <input type="checkbox" checked={hoursReached} onChange={(e) => setHoursReached(e.target.checked)} />{' '}
          {t('prog.nudges.hours')}
        </label>
        <Field
          id={`${prefix}-nudge-request-expiry`}
          label={t('prog.nudges.requestExpiryReminderDays')}
          hint={t('prog.nudges.requestExpiryReminderDaysHint')}
          error={byField.requestExpiryReminderDays}
        >
          <input
            id={`${prefix}-nudge-request-expiry`}
            type="number"
            min={1}
            max={30}
            required
            value={reminderDays}
            onChange={(e) => setReminderDays(e.target.value)}
            aria-invalid={!!byField.requestExpiryReminderDays}
          />
        </Field>
      </fieldset>
      <fieldset className="checks">
        <legend>{t('prog.partners')}</legend>
        {organizations.map((o) => (
          <label key={o.id}>
            <input
              type="checkbox"
              checked={orgIds.includes(o.id)}
              onChange={(e) => setOrgIds((ids) => (e.target.checked ? [...ids, o.id] : ids.filter((i) => i !== o.id)))}
            />{' '}
            {o.name}
          </label>
        ))}
        {byField.organizationIds && (
          <span className="field-error" role="alert">
            {byField.organizationIds}
          </span>
        )}
      </fieldset>
      <button type="submit" className="primary">
        {program ? t('prog.save') : t('prog.create')}
      </button>
    </form>
  );
}
