/** The mentoring agreement: draft, read and sign each version. */
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useFormatDate, useLocale, useT } from '../../i18n/locale';
import { Badge, enumKey, outcomeErrors, splitList } from '../../ui';
import { Section } from './section';
import type { Relationship } from './relationship-query';

const E = `errors { field code message }`;

const DraftAgreementMutation = graphql(`
  mutation WebDraftAgreement($relationshipId: ID!, $input: AgreementInput!) {
    draftAgreement(relationshipId: $relationshipId, input: $input) {
      agreement {
        id
      }
      ${E}
    }
  }
`);
const SignAgreementMutation = graphql(`
  mutation WebSignAgreement($relationshipId: ID!, $version: Int!) {
    signAgreement(relationshipId: $relationshipId, version: $version) {
      agreement {
        id
        fullySigned
      }
      ${E}
    }
  }
`);

/** The name of an ISO weekday (1 = Monday) in the reader's language. */
function weekdayName(locale: string, weekday: number): string {
  // 2024-01-01 was a Monday
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

export function AgreementSection({ r, onChange }: { r: Relationship; onChange: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const formatDate = useFormatDate();
  const [, sign] = useMutation(SignAgreementMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [editing, setEditing] = useState(false);
  const current = r.agreement?.current;
  const mySignature = current && (r.viewerRole === 'MENTOR' ? current.mentorSignedAt : current.menteeSignedAt);
  async function signIt() {
    if (!current) return;
    const res = await sign({ relationshipId: r.id, version: current.version });
    const errs = outcomeErrors(res, res.data?.signAgreement.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onChange();
  }
  return (
    <Section id="agreement" title={t('rel.agreement')}>
      {current && !editing ? (
        <>
          <p>
            <Badge tone={r.agreement?.fullySigned ? 'active' : 'pending'}>
              {t(r.agreement?.fullySigned ? 'agreement.signed' : 'agreement.awaiting')}
            </Badge>{' '}
            <span className="muted">{t('agreement.version', { version: current.version })}</span>
          </p>
          <dl className="facts">
            <dt>{t('agreement.topGoals')}</dt>
            <dd>
              <ul className="plain">
                {current.topGoals.map((g) => (
                  <li key={g}>{g}</li>
                ))}
              </ul>
            </dd>
            <dt>{t('agreement.where')}</dt>
            <dd>{current.meetingPlace}</dd>
            <dt>{t('agreement.when')}</dt>
            <dd>
              {t('agreement.schedule', {
                time: current.meetingTime,
                minutes: current.meetingLengthMinutes,
                frequency: current.meetingFrequency,
              })}
            </dd>
            {current.schedule && (
              <>
                <dt>{t('agreement.planned')}</dt>
                <dd>
                  {t('agreement.planLine', {
                    count: current.schedule.everyWeeks,
                    weekday: weekdayName(locale, current.schedule.weekday),
                    time: current.schedule.startTime,
                    zone: current.schedule.timeZone,
                  })}
                </dd>
              </>
            )}
            <dt>{t('agreement.initiator')}</dt>
            <dd>{t(enumKey('initiator', current.initiator))}</dd>
            <dt>{t('agreement.confidentiality')}</dt>
            <dd>{t(enumKey('confidentiality', current.confidentiality))}</dd>
            <dt>{t('agreement.duration')}</dt>
            <dd>{t('agreement.weeks', { count: current.durationWeeks })}</dd>
            <dt>{t('agreement.menteeSigned')}</dt>
            <dd>{current.menteeSignedAt ? formatDate(current.menteeSignedAt) : t('agreement.notYet')}</dd>
            <dt>{t('agreement.mentorSigned')}</dt>
            <dd>{current.mentorSignedAt ? formatDate(current.mentorSignedAt) : t('agreement.notYet')}</dd>
            {current.coachSignatureRequired && (
              <>
                <dt>{t('agreement.coachSigned')}</dt>
                <dd>
                  {current.coachSignedAt
                    ? t('agreement.coachSignedBy', {
                        date: formatDate(current.coachSignedAt),
                        name: current.coachSigner?.displayName ?? '',
                      })
                    : t('agreement.coachNotYet')}
                </dd>
              </>
            )}
          </dl>
          <FormErrors messages={errors.map((e) => e.message)} />
          <div className="actions">
            {!mySignature && (
              <button type="button" className="primary" onClick={() => void signIt()}>
                {t('agreement.sign', { version: current.version })}
              </button>
            )}
            <button type="button" onClick={() => setEditing(true)}>
              {t('agreement.newVersion')}
            </button>
          </div>
        </>
      ) : (
        <AgreementForm
          r={r}
          onDone={() => {
            setEditing(false);
            onChange();
          }}
          onCancel={current ? () => setEditing(false) : undefined}
        />
      )}
    </Section>
  );
}

function AgreementForm({ r, onDone, onCancel }: { r: Relationship; onDone: () => void; onCancel?: () => void }) {
  const t = useT();
  const c = r.agreement?.current;
  const [, draft] = useMutation(DraftAgreementMutation);
  const [topGoals, setTopGoals] = useState((c?.topGoals ?? []).join('\n'));
  const [place, setPlace] = useState(c?.meetingPlace ?? '');
  const [time, setTime] = useState(c?.meetingTime ?? '');
  const [length, setLength] = useState(String(c?.meetingLengthMinutes ?? 60));
  const [frequency, setFrequency] = useState(c?.meetingFrequency ?? '');
  const [initiator, setInitiator] = useState<'MENTEE' | 'MENTOR' | 'EITHER'>(c?.initiator ?? 'EITHER');
  const [confidentiality, setConfidentiality] = useState<'STAYS_BETWEEN_US' | 'STAYS_BETWEEN_US_UNLESS_PERMISSION'>(
    c?.confidentiality ?? 'STAYS_BETWEEN_US',
  );
  const [weeks, setWeeks] = useState(String(c?.durationWeeks ?? r.terms.durationWeeks));
  const [planned, setPlanned] = useState(Boolean(c?.schedule));
  const [weekday, setWeekday] = useState(String(c?.schedule?.weekday ?? 4));
  const [startTime, setStartTime] = useState(c?.schedule?.startTime ?? '17:00');
  const [every, setEvery] = useState(String(c?.schedule?.everyWeeks ?? 2));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const { locale } = useLocale();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await draft({
      relationshipId: r.id,
      input: {
        topGoals: splitList(topGoals),
        meetingPlace: place,
        meetingTime: time,
        meetingLengthMinutes: Number(length) || 0,
        meetingFrequency: frequency,
        initiator,
        confidentiality,
        durationWeeks: Number(weeks) || 0,
        // the zone of a kept schedule stays; a new one is read in the drafter's zone
        schedule: planned
          ? {
              weekday: Number(weekday),
              startTime,
              everyWeeks: Number(every) || 0,
              timeZone: c?.schedule?.timeZone ?? null,
            }
          : null,
      },
    });
    const errs = outcomeErrors(res, res.data?.draftAgreement.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onDone();
  }
  const { byField, other } = fieldErrors(errors, [
    'topGoals',
    'meetingPlace',
    'meetingTime',
    'meetingLengthMinutes',
    'meetingFrequency',
    'durationWeeks',
    'schedule.weekday',
    'schedule.startTime',
    'schedule.everyWeeks',
    'schedule.timeZone',
  ]);
  return (
    <form onSubmit={submit} noValidate aria-label={t('agreement.draft')}>
      <p className="muted">{t('agreement.draftHint')}</p>
      <FormErrors messages={other} />
      <Field id="ag-goals" label={t('agreement.topGoals')} error={byField.topGoals}>
        <textarea
          id="ag-goals"
          rows={3}
          value={topGoals}
          onChange={(e) => setTopGoals(e.target.value)}
          aria-describedby="ag-goals-hint"
        />
        <small className="hint" id="ag-goals-hint">
          {t('profile.goalsHint')}
        </small>
      </Field>
      <Field id="ag-place" label={t('agreement.where')} error={byField.meetingPlace}>
        <input
          id="ag-place"
          value={place}
          onChange={(e) => setPlace(e.target.value)}
          aria-describedby="ag-place-hint"
        />
        <small className="hint" id="ag-place-hint">
          {t('agreement.whereHint')}
        </small>
      </Field>
      <Field id="ag-time" label={t('agreement.time')} error={byField.meetingTime}>
        <input id="ag-time" value={time} onChange={(e) => setTime(e.target.value)} />
      </Field>
      <div className="two">
        <Field id="ag-length" label={t('agreement.length')} error={byField.meetingLengthMinutes}>
          <input
            id="ag-length"
            type="number"
            inputMode="numeric"
            value={length}
            onChange={(e) => setLength(e.target.value)}
          />
        </Field>
        <Field id="ag-weeks" label={t('agreement.duration')} error={byField.durationWeeks}>
          <input
            id="ag-weeks"
            type="number"
            inputMode="numeric"
            value={weeks}
            onChange={(e) => setWeeks(e.target.value)}
          />
        </Field>
      </div>
      <Field id="ag-frequency" label={t('agreement.frequency')} error={byField.meetingFrequency}>
        <input id="ag-frequency" value={frequency} onChange={(e) => setFrequency(e.target.value)} />
      </Field>
      <label className="check">
        <input type="checkbox" checked={planned} onChange={(e) => setPlanned(e.target.checked)} /> {t('agreement.plan')}
      </label>
      {planned && (
        <>
          <p className="muted">{t('agreement.planHint')}</p>
          <div className="two">
            <Field id="ag-plan-day" label={t('agreement.planWeekday')} error={byField['schedule.weekday']}>
              <select id="ag-plan-day" value={weekday} onChange={(e) => setWeekday(e.target.value)}>
                {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                  <option key={d} value={d}>
                    {weekdayName(locale, d)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="ag-plan-time" label={t('agreement.planTime')} error={byField['schedule.startTime']}>
              <input id="ag-plan-time" type="time" value={startTime} onChange={(e) => setStartTime(e.target.value)} />
            </Field>
          </div>
          <Field
            id="ag-plan-every"
            label={t('agreement.planEvery')}
            error={byField['schedule.everyWeeks'] ?? byField['schedule.timeZone']}
          >
            <input
              id="ag-plan-every"
              type="number"
              inputMode="numeric"
              min={1}
              max={8}
              value={every}
              onChange={(e) => setEvery(e.target.value)}
            />
          </Field>
        </>
      )}
      <Field id="ag-initiator" label={t('agreement.initiator')}>
        <select id="ag-initiator" value={initiator} onChange={(e) => setInitiator(e.target.value as typeof initiator)}>
          {(['EITHER', 'MENTEE', 'MENTOR'] as const).map((v) => (
            <option key={v} value={v}>
              {t(enumKey('initiator', v))}
            </option>
          ))}
        </select>
      </Field>
      <Field id="ag-conf" label={t('agreement.confidentiality')}>
        <select
          id="ag-conf"
          value={confidentiality}
          onChange={(e) => setConfidentiality(e.target.value as typeof confidentiality)}
        >
          {(['STAYS_BETWEEN_US', 'STAYS_BETWEEN_US_UNLESS_PERMISSION'] as const).map((v) => (
            <option key={v} value={v}>
              {t(enumKey('confidentiality', v))}
            </option>
          ))}
        </select>
      </Field>
      <div className="actions">
        <button type="submit" className="primary">
          {t('agreement.save')}
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
