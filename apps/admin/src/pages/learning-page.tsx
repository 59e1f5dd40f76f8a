/**
 * Learning: a programme's resources (guides, checklists, video links, templates) by the stage of a relationship
 * they help with, in English and French. Staff and the coaches of the programme's partner organisations add,
 * change, reorder and delete them; every programme starts with a default set it may edit. The pairs see the
 * resources of their stage in the participant app.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Empty, Field, FormErrors, QueryState, fieldErrors, nodesOf, type FieldError } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';

const LearningProgrammesQuery = graphql(`
  query LearningProgrammes {
    programmes(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const ProgrammeLearningQuery = graphql(`
  query ProgrammeLearning($id: ID!) {
    programme(id: $id) {
      id
      learningResources {
        id
        title
        kind
        body
        url
        language
        stage
        position
      }
    }
  }
`);

const CreateMutation = graphql(`
  mutation CreateLearningResource($programmeId: ID!, $input: LearningResourceInput!) {
    createLearningResource(programmeId: $programmeId, input: $input) {
      errors {
        field
        code
        message
      }
      resource {
        id
      }
    }
  }
`);

const UpdateMutation = graphql(`
  mutation UpdateLearningResource($id: ID!, $input: LearningResourceInput!) {
    updateLearningResource(id: $id, input: $input) {
      errors {
        field
        code
        message
      }
      resource {
        id
      }
    }
  }
`);

const DeleteMutation = graphql(`
  mutation DeleteLearningResource($id: ID!) {
    deleteLearningResource(id: $id) {
      errors {
        field
        code
        message
      }
      resource {
        id
      }
    }
  }
`);

const ReorderMutation = graphql(`
  mutation ReorderLearningResources($programmeId: ID!, $stage: LearningStage!, $ids: [ID!]!) {
    reorderLearningResources(programmeId: $programmeId, stage: $stage, ids: $ids) {
      errors {
        field
        code
        message
      }
      resources {
        id
        position
      }
    }
  }
`);

type Resource = NonNullable<ResultOf<typeof ProgrammeLearningQuery>['programme']['learningResources']>[number];
type Stage = Resource['stage'];
type Kind = Resource['kind'];

const STAGES: ReadonlyArray<[Stage, string]> = [
  ['PREPARING_FIRST_MEETING', 'Preparing the first meeting'],
  ['WRITING_AGREEMENT', 'Writing the agreement'],
  ['ACTION_PLAN', 'The action plan'],
  ['MID_WAY', 'Mid-way'],
  ['COMPLETING', 'Completing'],
];
const KINDS: ReadonlyArray<[Kind, string]> = [
  ['GUIDE', 'Guide'],
  ['CHECKLIST', 'Checklist'],
  ['VIDEO', 'Video link'],
  ['TEMPLATE', 'Template'],
];
const LANGUAGES: ReadonlyArray<[string, string]> = [
  ['en', 'English'],
  ['fr-CA', 'French (Canada)'],
];
const labelOf = <T extends string>(list: ReadonlyArray<[T, string]>, value: string) =>
  list.find(([v]) => v === value)?.[1] ?? value;

/** A GraphQL error (FORBIDDEN, NOT_FOUND) as a form error. */
function failure(message: string | undefined): FieldError[] {
  return [{ field: '', code: 'ERROR', message: message ?? 'Not saved. Try again.' }];
}

export function LearningPage() {
  const [result] = useQuery({ query: LearningProgrammesQuery });
  const [programmeId, setProgrammeId] = useState('');
  return (
    <section>
      <h1>Learning</h1>
      <p className="muted">
        The guides, checklists, videos and templates a programme offers its pairs, by the stage of a relationship they
        help with. The pairs see the resources of their stage in their language (English when there is none in theirs).
        Every programme starts with a default set that you may change or delete.
      </p>
      <QueryState {...result}>
        {(data) => (
          <>
            <Field id="learning-programme" label="Programme">
              <select id="learning-programme" value={programmeId} onChange={(e) => setProgrammeId(e.target.value)}>
                <option value="">Choose a programme</option>
                {nodesOf(data.programmes).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </Field>
            {programmeId && <ProgrammeLibrary key={programmeId} programmeId={programmeId} />}
          </>
        )}
      </QueryState>
    </section>
  );
}

function ProgrammeLibrary({ programmeId }: { programmeId: string }) {
  const [result, reexecute] = useQuery({ query: ProgrammeLearningQuery, variables: { id: programmeId } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  return (
    <QueryState {...result} retry={refresh}>
      {(data) => {
        const resources = data.programme.learningResources ?? [];
        return (
          <>
            <ResourceForm programmeId={programmeId} onSaved={refresh} />
            {STAGES.map(([stage, label]) => (
              <StageList
                key={stage}
                programmeId={programmeId}
                stage={stage}
                label={label}
                resources={resources.filter((r) => r.stage === stage)}
                onChange={refresh}
              />
            ))}
          </>
        );
      }}
    </QueryState>
  );
}

function StageList(props: {
  programmeId: string;
  stage: Stage;
  label: string;
  resources: Resource[];
  onChange: () => void;
}) {
  const { programmeId, stage, label, resources, onChange } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [, remove] = useMutation(DeleteMutation);
  const [, reorder] = useMutation(ReorderMutation);

  async function move(index: number, by: -1 | 1) {
    const ids = resources.map((r) => r.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    const res = await reorder({ programmeId, stage, ids });
    const out = res.data?.reorderLearningResources;
    setErrors(out ? [...out.errors] : failure(res.error?.graphQLErrors[0]?.message));
    onChange();
  }

  async function drop(r: Resource) {
    if (!window.confirm(`Delete “${r.title}”? The pairs will no longer see it.`)) return;
    const res = await remove({ id: r.id });
    const out = res.data?.deleteLearningResource;
    setErrors(out ? [...out.errors] : failure(res.error?.graphQLErrors[0]?.message));
    onChange();
  }

  return (
    <section aria-labelledby={`stage-${stage}`}>
      <h2 id={`stage-${stage}`}>{label}</h2>
      <FormErrors messages={errors.map((e) => e.message)} />
      {resources.length === 0 ? (
        <Empty>No resources for this stage.</Empty>
      ) : (
        resources.map((r, i) =>
          editing === r.id ? (
            <ResourceForm
              key={r.id}
              programmeId={programmeId}
              resource={r}
              onSaved={() => {
                setEditing(null);
                onChange();
              }}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <article key={r.id} className="card" aria-label={r.title}>
              <h3 style={{ marginTop: 0 }}>{r.title}</h3>
              <p className="muted">
                {labelOf(KINDS, r.kind)} · {labelOf(LANGUAGES, r.language)}
                {r.url && (
                  <>
                    {' · '}
                    <a href={r.url} target="_blank" rel="noopener noreferrer">
                      {r.url}
                    </a>
                  </>
                )}
              </p>
              {r.body && (
                <p style={{ whiteSpace: 'pre-line' }}>{r.body.length > 280 ? `${r.body.slice(0, 280)}…` : r.body}</p>
              )}
              <div className="actions">
                <button type="button" onClick={() => setEditing(r.id)}>
                  Edit
                </button>
                <button type="button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move up: ${r.title}`}>
                  Move up
                </button>
                <button
                  type="button"
                  disabled={i === resources.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`Move down: ${r.title}`}
                >
                  Move down
                </button>
                <button type="button" className="danger" onClick={() => drop(r)}>
                  Delete
                </button>
              </div>
            </article>
          ),
        )
      )}
    </section>
  );
}

function ResourceForm(props: { programmeId: string; resource?: Resource; onSaved: () => void; onCancel?: () => void }) {
  const { programmeId, resource, onSaved, onCancel } = props;
  const [title, setTitle] = useState(resource?.title ?? '');
  const [kind, setKind] = useState<Kind>(resource?.kind ?? 'GUIDE');
  const [language, setLanguage] = useState(resource?.language ?? 'en');
  const [stage, setStage] = useState<Stage>(resource?.stage ?? 'PREPARING_FIRST_MEETING');
  const [body, setBody] = useState(resource?.body ?? '');
  const [url, setUrl] = useState(resource?.url ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState('');
  const [createState, create] = useMutation(CreateMutation);
  const [updateState, update] = useMutation(UpdateMutation);
  const prefix = resource ? `edit-${resource.id}` : 'new-resource';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone('');
    const input = { title, kind, language, stage, body: body || null, url: url || null };
    const res = resource ? await update({ id: resource.id, input }) : await create({ programmeId, input });
    const out = res.data
      ? 'updateLearningResource' in res.data
        ? res.data.updateLearningResource
        : res.data.createLearningResource
      : null;
    if (!out) return setErrors(failure(res.error?.graphQLErrors[0]?.message));
    setErrors([...out.errors]);
    if (out.errors.length > 0) return;
    if (!resource) {
      setDone(`“${title.trim()}” added.`);
      setTitle('');
      setBody('');
      setUrl('');
    }
    onSaved();
  }

  const { byField, other } = fieldErrors(errors, ['title', 'kind', 'language', 'stage', 'body', 'url']);
  return (
    <form
      className="card"
      onSubmit={submit}
      noValidate
      aria-label={resource ? `Edit ${resource.title}` : 'New learning resource'}
    >
      <h2 style={{ marginTop: 0 }}>{resource ? 'Edit resource' : 'New resource'}</h2>
      <FormErrors messages={other} />
      {done && (
        <p className="state state-success" role="status">
          {done}
        </p>
      )}
      <div className="filters">
        <Field id={`${prefix}-title`} label="Title" error={byField.title}>
          <input
            id={`${prefix}-title`}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={!!byField.title}
          />
        </Field>
        <Field id={`${prefix}-stage`} label="Stage" error={byField.stage}>
          <select id={`${prefix}-stage`} value={stage} onChange={(e) => setStage(e.target.value as Stage)}>
            {STAGES.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${prefix}-kind`} label="Kind" error={byField.kind}>
          <select id={`${prefix}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${prefix}-language`} label="Language" error={byField.language}>
          <select id={`${prefix}-language`} value={language} onChange={(e) => setLanguage(e.target.value)}>
            {LANGUAGES.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field
        id={`${prefix}-body`}
        label="Text"
        error={byField.body}
        hint='Plain text: a blank line between paragraphs, "- " before each item of a list.'
      >
        <textarea
          id={`${prefix}-body`}
          rows={8}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={!!byField.body}
        />
      </Field>
      <Field id={`${prefix}-url`} label="Link" error={byField.url} hint="A full https:// link (required for a video).">
        <input
          id={`${prefix}-url`}
          type="url"
          value={url}
          placeholder="https://"
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={!!byField.url}
        />
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={createState.fetching || updateState.fetching}>
          {resource ? 'Save changes' : 'Add resource'}
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
