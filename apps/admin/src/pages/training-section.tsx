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

const GATES = { BEFORE_VISIBLE: 'before the mentor is shown in search', BEFORE_START: 'before a relationship starts' };
const AUDIENCES = { MENTOR: 'Mentors', MENTEE: 'Mentees', BOTH: 'Mentors and mentees' };

export function TrainingModules({ programmeId }: { programmeId: string }) {
  const { session } = useAuth();
  const staff = hasAnyRole(session, ['ADMIN', 'PROGRAMME_ADMIN']);
  const [result, reexecute] = useQuery({ query: TrainingQuery, variables: { id: programmeId } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  return (
    <section aria-labelledby="training-title">
      <h2 id="training-title">Training modules</h2>
      <QueryState {...result} retry={refresh}>
        {({ programme }) => {
          const people = new Map<string, Person>();
          for (const e of nodesOf(programme.enrollmentsConnection)) {
            const p = people.get(e.user.id) ?? {
              id: e.user.id,
              name: e.user.displayName ?? 'Participant',
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
                <Empty>No training modules yet.</Empty>
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
      setErrors([{ field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? 'Not saved.' }]);
      return;
    }
    setErrors([...out.errors]);
    if (out.errors.length === 0) {
      setDone(module ? 'Module saved.' : 'Module added.');
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
      aria-label={module ? `Edit ${module.title}` : 'New training module'}
    >
      {!module && <h3 style={{ marginTop: 0 }}>New training module</h3>}
      <FormErrors messages={other} />
      {done && (
        <p className="state state-success" role="status">
          {done}
        </p>
      )}
      <Field id={`${prefix}-title`} label="Title" error={byField.title}>
        <input id={`${prefix}-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field id={`${prefix}-summary`} label="Summary" error={byField.summary}>
        <input id={`${prefix}-summary`} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </Field>
      <Field id={`${prefix}-content`} label="Content (text to read)" error={byField.content}>
        <textarea id={`${prefix}-content`} rows={4} value={content} onChange={(e) => setContent(e.target.value)} />
      </Field>
      <div className="filters">
        <Field id={`${prefix}-link`} label="Link (https)" error={byField.link}>
          <input
            id={`${prefix}-link`}
            type="url"
            placeholder="https://"
            value={link}
            onChange={(e) => setLink(e.target.value)}
          />
        </Field>
        <Field id={`${prefix}-minutes`} label="Minutes" error={byField.estimatedMinutes}>
          <input
            id={`${prefix}-minutes`}
            type="number"
            min={1}
            max={600}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </Field>
        <Field id={`${prefix}-audience`} label="For">
          <select id={`${prefix}-audience`} value={audience} onChange={(e) => setAudience(e.target.value)}>
            {Object.entries(AUDIENCES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${prefix}-gate`} label="Required" error={byField.gate}>
          <select id={`${prefix}-gate`} value={gate} onChange={(e) => setGate(e.target.value)}>
            <option value="">Optional</option>
            <option value="BEFORE_VISIBLE">Required {GATES.BEFORE_VISIBLE}</option>
            <option value="BEFORE_START">Required {GATES.BEFORE_START}</option>
          </select>
        </Field>
      </div>
      <button type="submit" className="primary" disabled={created.fetching || updated.fetching}>
        {module ? 'Save module' : 'Add module'}
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
      : [res.error?.message ?? 'Not saved.'];
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
          {module.retiredAt ? 'Retired' : module.gate ? `Required ${GATES[module.gate]}` : 'Optional'}
        </span>{' '}
        <span className="muted">
          {AUDIENCES[module.audience]}
          {module.estimatedMinutes ? ` · about ${module.estimatedMinutes} min` : ''}
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
            {editing ? 'Close' : 'Edit'}
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
            Retire<span className="visually-hidden"> {module.title}</span>
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
      <h4>Completion</h4>
      {audience.length === 0 ? (
        <p className="muted">Nobody enrolled in the programme is asked to complete it.</p>
      ) : (
        <ul className="list">
          {audience.map((p) => {
            const at = p.completions.get(module.id);
            return (
              <li key={p.id}>
                <strong>{p.name}</strong>{' '}
                {p.needs && <span className="muted">(would like training in: {p.needs})</span>}{' '}
                {at ? (
                  <span className="badge badge-active">Completed {new Date(at).toLocaleDateString('en-CA')}</span>
                ) : (
                  <>
                    <span className="muted">Not yet</span>{' '}
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
                        Record completion<span className="visually-hidden">: {p.name}</span>
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
