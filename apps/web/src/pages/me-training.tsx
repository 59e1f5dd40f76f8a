/**
 * Me › Training: the training modules the person's programmes ask of them, each with its status; opening one shows
 * its text and link and "I have completed it". A mentor with a module outstanding that gates visibility is told
 * why mentees cannot find them yet. Mentors also write their training needs here (seen by their coach and staff).
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useFormatDate, useLocale, useT } from '../i18n/locale';
import { Badge, Query, outcomeErrors, splitList } from '../ui';

const TrainingQuery = graphql(`
  query WebMyTraining($language: String) {
    me {
      id
      roles
      training(language: $language) {
        completed
        completion {
          completedAt
        }
        module {
          id
          title
          summary
          content
          link
          language
          estimatedMinutes
          required
          gate
        }
      }
      mentorProfile {
        trainingNeeds {
          needs
          tags
        }
      }
    }
  }
`);

const CompleteMutation = graphql(`
  mutation WebCompleteTraining($moduleId: ID!, $confirmation: String) {
    completeTrainingModule(moduleId: $moduleId, confirmation: $confirmation) {
      errors {
        field
        code
        message
      }
      completion {
        moduleId
        completedAt
      }
    }
  }
`);

const NeedsMutation = graphql(`
  mutation WebTrainingNeeds($input: TrainingNeedsInput!) {
    updateTrainingNeeds(input: $input) {
      errors {
        field
        code
        message
      }
      trainingNeeds {
        needs
        tags
      }
    }
  }
`);

type Me = ResultOf<typeof TrainingQuery>['me'];
type Status = NonNullable<Me['training']>[number];

export function MyTraining() {
  const t = useT();
  const { locale } = useLocale();
  // each module in the reader's language where the programme wrote a version in it, else as written
  const [result, retry] = useQuery({ query: TrainingQuery, variables: { language: locale } });
  const refresh = () => retry({ requestPolicy: 'network-only' });
  return (
    <Query {...result} retry={refresh}>
      {({ me }) => {
        const training = me.training ?? [];
        const hiding = training.filter((s) => !s.completed && s.module.gate === 'BEFORE_VISIBLE');
        const isMentor = me.roles?.includes('MENTOR') ?? false;
        return (
          <>
            {isMentor && hiding.length > 0 && (
              <p className="state state-info" role="status">
                {t('training.hidden', { titles: hiding.map((s) => `“${s.module.title}”`).join(', ') })}
              </p>
            )}
            {training.length === 0 ? (
              <p className="state state-empty">{t('training.none')}</p>
            ) : (
              <ul className="list">
                {training.map((s) => (
                  <TrainingItem key={s.module.id} status={s} onDone={refresh} />
                ))}
              </ul>
            )}
            {isMentor && me.mentorProfile && (
              <TrainingNeedsForm
                needs={me.mentorProfile.trainingNeeds?.needs ?? ''}
                tags={me.mentorProfile.trainingNeeds?.tags ?? []}
              />
            )}
          </>
        );
      }}
    </Query>
  );
}

function TrainingItem({ status, onDone }: { status: Status; onDone: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const { locale } = useLocale();
  const [open, setOpen] = useState(false);
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching }, complete] = useMutation(CompleteMutation);
  const m = status.module;
  const detailsId = `training-${m.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await complete({ moduleId: m.id, confirmation: confirmation.trim() || null });
    const problems = outcomeErrors(res, res.data?.completeTrainingModule.errors, t('state.unreachable'));
    setErrors(problems);
    if (!problems.length) onDone();
  }

  // the programme's text is marked with its language (read aloud in it), and said to be in another one when it is
  const lang = m.language === locale ? undefined : m.language;
  return (
    <li className="training-module">
      <h3 lang={lang}>{m.title}</h3>
      <div className="actions">
        {status.completed ? (
          <Badge tone="active">{t('training.completed')}</Badge>
        ) : (
          <Badge tone="pending">{t('training.outstanding')}</Badge>
        )}
        {m.gate && (
          <span className="muted">
            {t(m.gate === 'BEFORE_VISIBLE' ? 'training.gateVisible' : 'training.gateStart')}
          </span>
        )}
        {m.estimatedMinutes && <span className="muted">{t('training.minutes', { minutes: m.estimatedMinutes })}</span>}
      </div>
      <p lang={lang}>{m.summary}</p>
      {lang && (
        <p className="muted">
          {t('training.otherLanguage', {
            language: new Intl.DisplayNames([locale], { type: 'language' }).of(lang.split('-')[0]) ?? lang,
          })}
        </p>
      )}
      {status.completion && (
        <p className="muted">{t('training.completedOn', { date: formatDate(status.completion.completedAt) })}</p>
      )}
      <button type="button" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
        {t(open ? 'training.close' : 'training.open')}
        <span className="visually-hidden">: {m.title}</span>
      </button>
      {open && (
        <div id={detailsId} className="training-content">
          {(m.content ?? '')
            .split(/\n\s*\n/)
            .filter(Boolean)
            .map((paragraph, i) => (
              <p key={i} lang={lang}>
                {paragraph}
              </p>
            ))}
          {m.link && (
            <p>
              <a href={m.link} target="_blank" rel="noreferrer">
                {t('training.link')}
              </a>
            </p>
          )}
          {!status.completed && (
            <form onSubmit={submit} noValidate>
              <FormErrors messages={errors.map((e) => e.message)} />
              <Field id={`${detailsId}-note`} label={t('training.confirmation')}>
                <textarea
                  id={`${detailsId}-note`}
                  rows={2}
                  maxLength={500}
                  value={confirmation}
                  onChange={(e) => setConfirmation(e.target.value)}
                />
              </Field>
              <button type="submit" className="primary" disabled={fetching}>
                {t('training.markDone')}
              </button>
            </form>
          )}
        </div>
      )}
    </li>
  );
}

function TrainingNeedsForm(props: { needs: string; tags: string[] }) {
  const t = useT();
  const [needs, setNeeds] = useState(props.needs);
  const [tags, setTags] = useState(props.tags.join(', '));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, save] = useMutation(NeedsMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await save({ input: { needs: needs.trim() || null, tags: splitList(tags) } });
    const problems = outcomeErrors(res, res.data?.updateTrainingNeeds.errors, t('state.unreachable'));
    setErrors(problems);
    setSaved(problems.length === 0);
  }

  const { byField, other } = fieldErrors(errors, ['needs', 'tags']);
  return (
    <form onSubmit={submit} noValidate className="training-needs">
      <h3>{t('training.needsTitle')}</h3>
      <p className="muted">{t('training.needsLead')}</p>
      <FormErrors messages={other} />
      <Field id="training-needs" label={t('training.needs')} error={byField.needs}>
        <textarea id="training-needs" rows={3} value={needs} onChange={(e) => setNeeds(e.target.value)} />
      </Field>
      <Field id="training-tags" label={t('training.tags')} error={byField.tags}>
        <input id="training-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      </Field>
      <button type="submit" className="primary" disabled={fetching}>
        {t('training.needsSave')}
      </button>
      {saved && (
        <p className="state state-success" role="status">
          {t('training.needsSaved')}
        </p>
      )}
    </form>
  );
}
