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
  FormErrors,
  QueryState,
  fieldErrors,
  hasAnyRole,
  nodesOf,
  useAuth,
  type FieldError,
} from '@tandem/ui';
import { formatDate, useT } from '../i18n/locale';
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
        retiredAt
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
    ['title', 'summary', 'content', 'link', 'estimatedMinutes', 'gate'],
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
      <Field id={`${prefix}-title`} label={t('learn.title')} error={byField.title}>
        <input id={`${prefix}-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field id={`${prefix}-summary`} label={t('training.summary')} error={byField.summary}>
        <input id={`${prefix}-summary`} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </Field>
      <Field id={`${prefix}-content`} label={t('training.content')} error={byField.content}>
        <textarea id={`${prefix}-content`} rows={4} value={content} onChange={(e) => setContent(e.target.value)} />
      </Field>
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
      <h3 style={{ marginTop: 0 }}>{module.title}</h3>
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
      <p>{module.summary}</p>
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
