/**
 * The person's profile: as mentee (what they look for) and/or as mentor (what they offer, capacity), with
 * industry and occupation chosen in words from searchable lists. A mentor sees their application's status
 * and the reviewer's comment.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { CodePicker, type CodedEntry } from '../code-picker';
import { useT } from '../i18n/locale';
import { MentorAvailability } from './mentor-availability';
import { Page, Query, enumKey, outcomeErrors, splitList } from '../ui';

const ProfileQuery = graphql(`
  query WebProfile {
    me {
      id
      displayName
      roles
      contact {
        email
        phone
      }
      menteeProfile {
        headline
        industry {
          code
        }
        occupation {
          code
        }
        yearsExperience
        skills
        languages
        city
        meetingPreferences
        goals
      }
      mentorProfile {
        status
        reviewComment
        headline
        bio
        industry {
          code
        }
        occupation {
          code
        }
        yearsExperience
        skills
        languages
        city
        meetingPreferences
        capacity
      }
    }
    industries {
      code
      label
      familyLabel
      isFamily
    }
    occupations {
      code
      label
      familyLabel
      isFamily
    }
  }
`);

const MenteeMutation = graphql(`
  mutation WebUpdateMentee($input: MenteeProfileInput!) {
    updateMenteeProfile(input: $input) {
      errors {
        field
        code
        message
      }
      user {
        id
      }
    }
  }
`);

const MentorMutation = graphql(`
  mutation WebUpdateMentor($input: MentorProfileInput!) {
    updateMentorProfile(input: $input) {
      errors {
        field
        code
        message
      }
      user {
        id
        mentorProfile {
          status
        }
      }
    }
  }
`);

type Me = ResultOf<typeof ProfileQuery>['me'];
const MODES = ['IN_PERSON', 'VIDEO', 'PHONE'] as const;
type Mode = (typeof MODES)[number];

export function ProfilePage() {
  const t = useT();
  const [result, retry] = useQuery({ query: ProfileQuery });
  return (
    <Page title={t('profile.title')} lead={t('profile.lead')}>
      <Query {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
        {({ me, industries, occupations }) => (
          <>
            {me.roles?.includes('MENTEE') && (
              <ProfileForm side="MENTEE" me={me} industries={industries} occupations={occupations} />
            )}
            {me.roles?.includes('MENTOR') && (
              <>
                <ProfileForm side="MENTOR" me={me} industries={industries} occupations={occupations} />
                <MentorAvailability />
              </>
            )}
          </>
        )}
      </Query>
    </Page>
  );
}

function ProfileForm({
  side,
  me,
  industries,
  occupations,
}: {
  side: 'MENTEE' | 'MENTOR';
  me: Me;
  industries: readonly CodedEntry[];
  occupations: readonly CodedEntry[];
}) {
  const t = useT();
  const p = side === 'MENTEE' ? me.menteeProfile : me.mentorProfile;
  const mentor = side === 'MENTOR' ? me.mentorProfile : null;
  const id = (name: string) => `${side.toLowerCase()}-${name}`;
  const [headline, setHeadline] = useState(p?.headline ?? '');
  const [bio, setBio] = useState(mentor?.bio ?? '');
  const [industry, setIndustry] = useState<string | null>(p?.industry?.code ?? null);
  const [occupation, setOccupation] = useState<string | null>(p?.occupation?.code ?? null);
  const [pickersValid, setPickersValid] = useState({ industry: true, occupation: true });
  const [years, setYears] = useState(p?.yearsExperience?.toString() ?? '');
  const [skills, setSkills] = useState((p?.skills ?? []).join(', '));
  const [languages, setLanguages] = useState((p?.languages ?? []).join(', '));
  const [city, setCity] = useState(p?.city ?? '');
  const [modes, setModes] = useState<Mode[]>([...(p?.meetingPreferences ?? [])]);
  const [goals, setGoals] = useState((me.menteeProfile?.goals ?? []).join('\n'));
  const [capacity, setCapacity] = useState(mentor?.capacity?.toString() ?? '2');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [, saveMentee] = useMutation(MenteeMutation);
  const [, saveMentor] = useMutation(MentorMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!pickersValid.industry || !pickersValid.occupation) return;
    setBusy(true);
    const common = {
      headline: headline || null,
      industryCode: industry,
      occupationCode: occupation,
      yearsExperience: years ? Number(years) : null,
      skills: splitList(skills),
      languages: splitList(languages),
      city: city || null,
      meetingPreferences: modes,
    };
    const res =
      side === 'MENTEE'
        ? await saveMentee({ input: { ...common, goals: splitList(goals) } })
        : await saveMentor({ input: { ...common, bio: bio || null, capacity: capacity ? Number(capacity) : null } });
    const payload =
      res.data && ('updateMenteeProfile' in res.data ? res.data.updateMenteeProfile : res.data.updateMentorProfile);
    const errs = outcomeErrors(res, payload?.errors, t('state.unreachable'));
    setErrors(errs);
    setSaved(!errs.length);
    setBusy(false);
  }

  const { byField, other } = fieldErrors(errors, [
    'headline',
    'bio',
    'industryCode',
    'occupationCode',
    'yearsExperience',
    'skills',
    'languages',
    'city',
    'meetingPreferences',
    'goals',
    'capacity',
  ]);
  const text = (name: string, label: string, value: string, set: (v: string) => void, hint?: string) => (
    <Field id={id(name)} label={label} error={byField[name]}>
      <input
        id={id(name)}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={!!byField[name]}
        aria-describedby={
          [hint ? `${id(name)}-hint` : null, byField[name] ? `${id(name)}-error` : null].filter(Boolean).join(' ') ||
          undefined
        }
      />
      {hint && (
        <small className="hint" id={`${id(name)}-hint`}>
          {hint}
        </small>
      )}
    </Field>
  );
  const titleId = id('title');
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h2 id={titleId}>{t(side === 'MENTEE' ? 'profile.asMentee' : 'profile.asMentor')}</h2>
      {mentor && (
        <p
          id="mentor-application"
          tabIndex={-1}
          className={`state ${mentor.status === 'REJECTED' ? 'state-error' : 'state-info'}`}
        >
          {t(enumKey('application', mentor.status))}
          {mentor.reviewComment && <> {t('application.comment', { comment: mentor.reviewComment })}</>}
        </p>
      )}
      {side === 'MENTOR' && !mentor && <p className="state state-info">{t('profile.mentorFirst')}</p>}
      <FormErrors messages={other} />
      {text(
        'headline',
        t('profile.headline'),
        headline,
        setHeadline,
        t(side === 'MENTEE' ? 'profile.headline.menteeHint' : 'profile.headline.mentorHint'),
      )}
      {side === 'MENTOR' && (
        <Field id={id('bio')} label={t('profile.bio')} error={byField.bio}>
          <textarea id={id('bio')} rows={4} value={bio} onChange={(e) => setBio(e.target.value)} />
        </Field>
      )}
      <CodePicker
        id={id('industry')}
        label={t('profile.industry')}
        entries={industries}
        value={industry}
        error={byField.industryCode}
        onChange={(code, valid) => {
          setIndustry(code);
          setPickersValid((v) => ({ ...v, industry: valid }));
        }}
      />
      <CodePicker
        id={id('occupation')}
        label={t('profile.occupation')}
        entries={occupations}
        value={occupation}
        error={byField.occupationCode}
        onChange={(code, valid) => {
          setOccupation(code);
          setPickersValid((v) => ({ ...v, occupation: valid }));
        }}
      />
      <Field id={id('years')} label={t('profile.years')} error={byField.yearsExperience}>
        <input
          id={id('years')}
          type="number"
          inputMode="numeric"
          min={0}
          max={70}
          value={years}
          onChange={(e) => setYears(e.target.value)}
          aria-invalid={!!byField.yearsExperience}
        />
      </Field>
      {text('skills', t('profile.skills'), skills, setSkills, t('profile.listHint'))}
      {text('languages', t('profile.languages'), languages, setLanguages, t('profile.listHint'))}
      {text('city', t('profile.city'), city, setCity)}
      <fieldset className="checks">
        <legend>{t('profile.modes')}</legend>
        {MODES.map((m) => (
          <label key={m}>
            <input
              type="checkbox"
              checked={modes.includes(m)}
              onChange={(e) => setModes((all) => (e.target.checked ? [...all, m] : all.filter((x) => x !== m)))}
            />
            {t(enumKey('mode', m))}
          </label>
        ))}
      </fieldset>
      {side === 'MENTEE' && (
        <Field id={id('goals')} label={t('profile.goals')} error={byField.goals}>
          <textarea
            id={id('goals')}
            rows={3}
            value={goals}
            onChange={(e) => setGoals(e.target.value)}
            aria-describedby={`${id('goals')}-hint`}
          />
          <small className="hint" id={`${id('goals')}-hint`}>
            {t('profile.goalsHint')}
          </small>
        </Field>
      )}
      {side === 'MENTOR' && (
        <Field id={id('capacity')} label={t('profile.capacity')} error={byField.capacity}>
          <input
            id={id('capacity')}
            type="number"
            inputMode="numeric"
            min={1}
            max={10}
            value={capacity}
            onChange={(e) => setCapacity(e.target.value)}
            aria-invalid={!!byField.capacity}
          />
        </Field>
      )}
      {saved && (
        <p className="state state-success" role="status">
          {t('profile.saved')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t(side === 'MENTEE' ? 'profile.saveMentee' : 'profile.saveMentor')}
        </button>
      </div>
    </form>
  );
}
