/**
 * Training: a programme's training modules (on the orientation page, under the programme chosen there). ADMIN and
 * PROGRAMME_ADMIN add, edit and retire modules; a required module holds back a mentor's visibility or the start of
 * a relationship until done. Each module lists the programme's people it is for with their completion, and staff
 * (or a coach, for their organisation's people) record a completion for someone.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  Empty,
  Field,
  LOCALES,
  FormErrors,
  QueryState,
  fieldErrors,
  hasAnyRole,
  nodesOf,
  useAuth,
  type FieldError,
} from '@tandem/ui';
import { formatDate, useLocale, useT } from '../i18n/locale';
import { graphql, type ResultOf, type VariablesOf } from '@tandem/ui/graphql';

const TrainingQuery = graphql(`
  query ProgrammeTraining($id: ID!) {
    programme(id: $id) {
      id
      trainingModules(includeRetired: true) {
        id
        programmeId
        title
        summary
        content
        link
        estimatedMinutes
        required
        gate
        audience
        writtenIn
        retiredAt
        versions {
          language
          written
          title
          summary
          content
          link
        }
      }
      enrollmentsConnection(first: 100) {
        edges {
          node {
            id
            role
            user {
              id
              displayName
              trainingCompletions {
                moduleId
                completedAt
                recordedById
              }
              mentorProfile {
                trainingNeeds {
                  needs
                  tags
                }
              }
            }
          }
        }
      }
    }
  }
`);

const CreateMutation = graphql(`
  mutation CreateTrainingModule($input: CreateTrainingModuleInput!) {
    createTrainingModule(input: $input) {
      errors {
        field
        code
        message
      }
      module {
        id
      }
    }
  }
`);
const UpdateMutation = graphql(`
  mutation UpdateTrainingModule($moduleId: ID!, $input: TrainingModuleInput!) {
    updateTrainingModule(moduleId: $moduleId, input: $input) {
      errors {
        field
        code
        message
      }
      module {
        id
      }
    }
  }
`);
const RetireMutation = graphql(`
  mutation RetireTrainingModule($moduleId: ID!) {
    retireTrainingModule(moduleId: $moduleId) {
      errors {
        field
        code
        message
      }
      module {
        id
        retiredAt
      }
    }
  }
`);
const SetVersionMutation = graphql(`
  mutation SetTrainingModuleVersion($moduleId: ID!, $input: TrainingModuleVersionInput!) {
    setTrainingModuleVersion(moduleId: $moduleId, input: $input) {
      errors {
        field
        code
        message
      }
      module {
        id
      }
    }
  }
`);
const RemoveVersionMutation = graphql(`
  mutation RemoveTrainingModuleVersion($moduleId: ID!, $language: String!) {
    removeTrainingModuleVersion(moduleId: $moduleId, language: $language) {
      errors {
        field
        code
        message
      }
      module {
        id
      }
    }
  }
`);
const RecordMutation = graphql(`
  mutation RecordTrainingCompletion($moduleId: ID!, $userId: ID!) {
    recordTrainingCompletion(moduleId: $moduleId, userId: $userId) {
      errors {
        field
        code
        message
      }
      completion {
        moduleId
      }
    }
  }
`);

type Programme = ResultOf<typeof TrainingQuery>['programme'];
type Module = Programme['trainingModules'][number];
type Version = NonNullable<Module['versions']>[number];
type ModuleInput = VariablesOf<typeof UpdateMutation>['input'];
type Person = {
  id: string;
  name: string;
  roles: string[];
  completions: Map<string, string>;
  /** What a mentor would like training in, in their words and tags (empty when none or not visible). */
  needs: string;
};

const GATES = { BEFORE_VISIBLE: 'training.gate.BEFORE_VISIBLE', BEFORE_START: 'training.gate.BEFORE_START' } as const;
const AUDIENCES = {
  MENTOR: 'training.audience.MENTOR',
  MENTEE: 'training.audience.MENTEE',
  BOTH: 'training.audience.BOTH',
} as const;

/** A language's name in the app's language ("French", "anglais"). */
function useLanguageName(): (language: string) => string {
  const { locale } = useLocale();
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  return (language) => names.of(language.split('-')[0]) ?? language;
}

export function TrainingModules({ programmeId }: { programmeId: string }) {
  const { session } = useAuth();
  const staff = hasAnyRole(session, ['ADMIN', 'PROGRAMME_ADMIN']);
  const t = useT();
  const [result, reexecute] = useQuery({ query: TrainingQuery, variables: { id: programmeId } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  return (
    <section aria-labelledby="training-title">
      <h2 id="training-title">{t('training.title')}</h2>
      <QueryState {...result} retry={refresh}>
        {({ programme }) => {
          const people = new Map<string, Person>();
          for (const e of nodesOf(programme.enrollmentsConnection)) {
            const p = people.get(e.user.id) ?? {
              id: e.user.id,
              name: e.user.displayName ?? t('common.participant'),
              roles: [],
              completions: new Map((e.user.trainingCompletions ?? []).map((c) => [c.moduleId, c.completedAt])),
              needs: [e.user.mentorProfile?.trainingNeeds?.needs, e.user.mentorProfile?.trainingNeeds?.tags.join(', ')]
                .filter(Boolean)
                .join(' · '),
            };
            p.roles.push(e.role);
            people.set(p.id, p);
          }
          const everyone = [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
          return (
            <>
              {staff && <ModuleForm programmeId={programmeId} onSaved={refresh} />}
              {programme.trainingModules.length === 0 ? (
                <Empty>{t('training.none')}</Empty>
              ) : (
                programme.trainingModules.map((m) => (
                  <ModuleCard key={m.id} module={m} people={everyone} staff={staff} onChange={refresh} />
                ))
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function ModuleForm({ programmeId, module, onSaved }: { programmeId: string; module?: Module; onSaved: () => void }) {
  const t = useT();
  const [title, setTitle] = useState(module?.title ?? '');
  const [summary, setSummary] = useState(module?.summary ?? '');
  const [content, setContent] = useState(module?.content ?? '');
  const [link, setLink] = useState(module?.link ?? '');
  const [minutes, setMinutes] = useState(module?.estimatedMinutes ? String(module.estimatedMinutes) : '');
  const [gate, setGate] = useState<string>(module?.gate ?? '');
  const [audience, setAudience] = useState<string>(module?.audience ?? 'MENTOR');
  const { locale } = useLocale();
  const [language, setLanguage] = useState<string>(module?.writtenIn ?? locale);
  const languageName = useLanguageName();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState('');
  const [created, create] = useMutation(CreateMutation);
  const [updated, update] = useMutation(UpdateMutation);
  const prefix = module ? `training-${module.id}` : 'training-new';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone('');
    const input: ModuleInput = {
      title,
      summary,
      content: content || null,
      link: link || null,
      estimatedMinutes: minutes ? Number(minutes) : null,
      required: !!gate,
      gate: (gate || null) as ModuleInput['gate'],
      audience: audience as ModuleInput['audience'],
      language,
    };
    const res = module
      ? await update({ moduleId: module.id, input })
      : await create({ input: { ...input, programmeId } });
    const out =
      res.data && ('updateTrainingModule' in res.data ? res.data.updateTrainingModule : res.data.createTrainingModule);
    if (!out) {
      setErrors([{ field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? t('orient.notSaved') }]);
      return;
    }
    setErrors([...out.errors]);
    if (out.errors.length === 0) {
      setDone(module ? t('training.saved') : t('training.added'));
      if (!module) {
        setTitle('');
        setSummary('');
        setContent('');
        setLink('');
        setMinutes('');
        setGate('');
      }
      onSaved();
    }
  }

  const { byField, other } = fieldErrors(
    errors.map((e) => ({ ...e, field: e.field.replace(/^input\./, '') })),
    ['title', 'summary', 'content', 'link', 'estimatedMinutes', 'gate', 'language'],
  );
  return (
    <form
      className="card"
      onSubmit={submit}
      noValidate
      aria-label={module ? t('prog.edit', { name: module.title }) : t('training.new')}
    >
      {!module && <h3 style={{ marginTop: 0 }}>{t('training.new')}</h3>}
      <FormErrors messages={other} />
      {done && (
        <p className="state state-success" role="status">
          {done}
        </p>
      )}
      <Field id={`${prefix}-language`} label={t('training.writtenIn')} error={byField.language}>
        <select id={`${prefix}-language`} value={language} onChange={(e) => setLanguage(e.target.value)}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {languageName(l)}
            </option>
          ))}
        </select>
      </Field>
      <TextFields
        prefix={prefix}
        errors={byField}
        title={[title, setTitle]}
        summary={[summary, setSummary]}
        content={[content, setContent]}
      />
      <div className="filters">
        <Field id={`${prefix}-link`} label={t('training.link')} error={byField.link}>
          <input
            id={`${prefix}-link`}
            type="url"
            placeholder="https://"
            value={link}
            onChange={(e) => setLink(e.target.value)}
          />
        </Field>
        <Field id={`${prefix}-minutes`} label={t('training.minutes')} error={byField.estimatedMinutes}>
          <input
            id={`${prefix}-minutes`}
            type="number"
            min={1}
            max={600}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </Field>
        <Field id={`${prefix}-audience`} label={t('training.for')}>
          <select id={`${prefix}-audience`} value={audience} onChange={(e) => setAudience(e.target.value)}>
            {Object.entries(AUDIENCES).map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${prefix}-gate`} label={t('training.required')} error={byField.gate}>
          <select id={`${prefix}-gate`} value={gate} onChange={(e) => setGate(e.target.value)}>
            <option value="">{t('training.optional')}</option>
            <option value="BEFORE_VISIBLE">{t('training.requiredWhen', { when: t(GATES.BEFORE_VISIBLE) })}</option>
            <option value="BEFORE_START">{t('training.requiredWhen', { when: t(GATES.BEFORE_START) })}</option>
          </select>
        </Field>
      </div>
      <button type="submit" className="primary" disabled={created.fetching || updated.fetching}>
        {module ? t('training.save') : t('training.add')}
      </button>
    </form>
  );
}

function ModuleCard({
  module,
  people,
  staff,
  onChange,
}: {
  module: Module;
  people: Person[];
  staff: boolean;
  onChange: () => void;
}) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [, retire] = useMutation(RetireMutation);
  const [, record] = useMutation(RecordMutation);
  const audience = people.filter((p) => module.audience === 'BOTH' || p.roles.includes(module.audience));

  async function act(
    run: () => Promise<{ data?: unknown; error?: { message: string } }>,
    pick: (d: never) => { errors: readonly FieldError[] },
  ) {
    const res = await run();
    const problems = res.data
      ? pick(res.data as never).errors.map((e) => e.message)
      : [res.error?.message ?? t('orient.notSaved')];
    setErrors(problems);
    if (!problems.length) onChange();
  }

  return (
    <section className="card" aria-label={module.title}>
      <h3 style={{ marginTop: 0 }} lang={module.writtenIn}>
        {module.title}
      </h3>
      <p>
        <span
          className={`badge ${module.retiredAt ? 'badge-withdrawn' : module.required ? 'badge-pending' : 'badge-active'}`}
        >
          {module.retiredAt
            ? t('training.retired')
            : module.gate
              ? t('training.requiredWhen', { when: t(GATES[module.gate]) })
              : t('training.optional')}
        </span>{' '}
        <span className="muted">
          {t(AUDIENCES[module.audience])}
          {module.estimatedMinutes ? ` · ${t('training.about', { minutes: module.estimatedMinutes })}` : ''}
        </span>
      </p>
      <p lang={module.writtenIn}>{module.summary}</p>
      {module.link && (
        <p>
          <a href={module.link} target="_blank" rel="noreferrer">
            {module.link}
          </a>
        </p>
      )}
      <FormErrors messages={errors} />
      {staff && !module.retiredAt && (
        <div className="actions">
          <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? t('common.close') : t('common.edit')}
            <span className="visually-hidden"> {module.title}</span>
          </button>
          <button
            type="button"
            onClick={() =>
              void act(
                () => retire({ moduleId: module.id }),
                (d: ResultOf<typeof RetireMutation>) => d.retireTrainingModule,
              )
            }
          >
            {t('training.retire')}
            <span className="visually-hidden"> {module.title}</span>
          </button>
        </div>
      )}
      {editing && (
        <ModuleForm
          programmeId={module.programmeId}
          module={module}
          onSaved={() => {
            setEditing(false);
            onChange();
          }}
        />
      )}
      {staff && <ModuleVersions module={module} onChange={onChange} />}
      <h4>{t('training.completion')}</h4>
      {audience.length === 0 ? (
        <p className="muted">{t('training.nobody')}</p>
      ) : (
        <ul className="list">
          {audience.map((p) => {
            const at = p.completions.get(module.id);
            return (
              <li key={p.id}>
                <strong>{p.name}</strong>{' '}
                {p.needs && <span className="muted">{t('training.needs', { needs: p.needs })}</span>}{' '}
                {at ? (
                  <span className="badge badge-active">{t('training.completed', { date: formatDate(at) })}</span>
                ) : (
                  <>
                    <span className="muted">{t('training.notYet')}</span>{' '}
                    {!module.retiredAt && (
                      <button
                        type="button"
                        onClick={() =>
                          void act(
                            () => record({ moduleId: module.id, userId: p.id }),
                            (d: ResultOf<typeof RecordMutation>) => d.recordTrainingCompletion,
                          )
                        }
                      >
                        {t('training.record')}
                        <span className="visually-hidden">: {p.name}</span>
                      </button>
                    )}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/**
 * The module in the platform's other languages: each language it is not written in, with its version (edit,
 * remove) or the way to add one. Readers in a language with no version get the text as written.
 */
function ModuleVersions({ module, onChange }: { module: Module; onChange: () => void }) {
  const t = useT();
  const languageName = useLanguageName();
  const others = LOCALES.filter((l) => l !== module.writtenIn);
  return (
    <>
      <h4>{t('training.versions', { language: languageName(module.writtenIn) })}</h4>
      <ul className="list">
        {others.map((language) => (
          <VersionItem
            key={language}
            module={module}
            language={language}
            version={module.versions?.find((v) => v.language === language) ?? null}
            onChange={onChange}
          />
        ))}
      </ul>
    </>
  );
}

function VersionItem({
  module,
  language,
  version,
  onChange,
}: {
  module: Module;
  language: string;
  version: Version | null;
  onChange: () => void;
}) {
  const t = useT();
  const name = useLanguageName()(language);
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [removing, remove] = useMutation(RemoveVersionMutation);

  async function removeVersion() {
    const res = await remove({ moduleId: module.id, language });
    const out = res.data?.removeTrainingModuleVersion;
    const problems = out ? out.errors.map((e) => e.message) : [res.error?.message ?? t('orient.notSaved')];
    setErrors(problems);
    if (!problems.length) onChange();
  }

  return (
    <li>
      {version ? (
        <>
          <strong>{name}</strong> · <span lang={language}>{version.title}</span>
        </>
      ) : (
        <span className="muted">{t('training.noVersion', { language: name })}</span>
      )}
      <FormErrors messages={errors} />
      {!module.retiredAt && (
        <div className="actions">
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t('common.close') : t(version ? 'training.editVersion' : 'training.addVersion', { language: name })}
            <span className="visually-hidden"> — {module.title}</span>
          </button>
          {version && (
            <button type="button" disabled={removing.fetching} onClick={() => void removeVersion()}>
              {t('training.removeVersion', { language: name })}
              <span className="visually-hidden"> — {module.title}</span>
            </button>
          )}
        </div>
      )}
      {open && (
        <VersionForm
          module={module}
          language={language}
          version={version}
          onSaved={() => {
            setOpen(false);
            onChange();
          }}
        />
      )}
    </li>
  );
}

function VersionForm({
  module,
  language,
  version,
  onSaved,
}: {
  module: Module;
  language: string;
  version: Version | null;
  onSaved: () => void;
}) {
  const t = useT();
  const name = useLanguageName()(language);
  const [title, setTitle] = useState(version?.title ?? '');
  const [summary, setSummary] = useState(version?.summary ?? '');
  const [content, setContent] = useState(version?.content ?? '');
  const [link, setLink] = useState(version?.link ?? module.link ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saving, save] = useMutation(SetVersionMutation);
  const prefix = `training-${module.id}-${language}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await save({
      moduleId: module.id,
      input: { language, title, summary, content: content || null, link: link || null },
    });
    const out = res.data?.setTrainingModuleVersion;
    if (!out) {
      setErrors([{ field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? t('orient.notSaved') }]);
      return;
    }
    setErrors([...out.errors]);
    if (out.errors.length === 0) onSaved();
  }

  const { byField, other } = fieldErrors(
    errors.map((e) => ({ ...e, field: e.field.replace(/^input\./, '') })),
    ['title', 'summary', 'content', 'link'],
  );
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('training.versionOf', { language: name })}>
      <FormErrors messages={other} />
      <TextFields
        prefix={prefix}
        lang={language}
        errors={byField}
        title={[title, setTitle]}
        summary={[summary, setSummary]}
        content={[content, setContent]}
      />
      <Field id={`${prefix}-link`} label={t('training.link')} error={byField.link}>
        <input
          id={`${prefix}-link`}
          type="url"
          placeholder="https://"
          value={link}
          onChange={(e) => setLink(e.target.value)}
        />
      </Field>
      <button type="submit" className="primary" disabled={saving.fetching}>
        {t('training.saveVersion', { language: name })}
      </button>
    </form>
  );
}

type TextState = [string, (value: string) => void];

/** A module's title, summary and content fields (of the module, or of a version in `lang`). */
function TextFields(props: {
  prefix: string;
  lang?: string;
  errors: Record<string, string>;
  title: TextState;
  summary: TextState;
  content: TextState;
}) {
  const t = useT();
  const { prefix, lang, errors } = props;
  return (
    <>
      <Field id={`${prefix}-title`} label={t('learn.title')} error={errors.title}>
        <input
          id={`${prefix}-title`}
          lang={lang}
          value={props.title[0]}
          onChange={(e) => props.title[1](e.target.value)}
        />
      </Field>
      <Field id={`${prefix}-summary`} label={t('training.summary')} error={errors.summary}>
        <input
          id={`${prefix}-summary`}
          lang={lang}
          value={props.summary[0]}
          onChange={(e) => props.summary[1](e.target.value)}
        />
      </Field>
      <Field id={`${prefix}-content`} label={t('training.content')} error={errors.content}>
        <textarea
          id={`${prefix}-content`}
          lang={lang}
          rows={4}
          value={props.content[0]}
          onChange={(e) => props.content[1](e.target.value)}
        />
      </Field>
    </>
  );
}
