/**
 * Learning: a programme's resources (guides, checklists, video links, templates) by the stage of a relationship
 * they help with, in English and French. Staff and the coaches of the programme's partner organisations add,
 * change, reorder and delete them; every programme starts with a default set it may edit. The pairs see the
 * resources of their stage in the participant app.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Empty, Field, FormErrors, QueryState, fieldErrors, nodesOf, type FieldError } from '@tandem/ui';
import { useT, type MessageId } from '../i18n/locale';
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

const STAGES: ReadonlyArray<[Stage, MessageId]> = [
  ['PREPARING_FIRST_MEETING', 'learn.stage.PREPARING_FIRST_MEETING'],
  ['WRITING_AGREEMENT', 'learn.stage.WRITING_AGREEMENT'],
  ['ACTION_PLAN', 'learn.stage.ACTION_PLAN'],
  ['MID_WAY', 'learn.stage.MID_WAY'],
  ['COMPLETING', 'learn.stage.COMPLETING'],
];
const KINDS: ReadonlyArray<[Kind, MessageId]> = [
  ['GUIDE', 'learn.kind.GUIDE'],
  ['CHECKLIST', 'learn.kind.CHECKLIST'],
  ['VIDEO', 'learn.kind.VIDEO'],
  ['TEMPLATE', 'learn.kind.TEMPLATE'],
];
const LANGUAGES: ReadonlyArray<[string, MessageId]> = [
  ['en', 'learn.language.en'],
  ['fr-CA', 'learn.language.fr-CA'],
];
const labelOf = <T extends string>(
  t: (id: MessageId) => string,
  list: ReadonlyArray<[T, MessageId]>,
  value: string,
) => {
  const id = list.find(([v]) => v === value)?.[1];
  return id ? t(id) : value;
};

/** A GraphQL error (FORBIDDEN, NOT_FOUND) as a form error. */
function failure(message: string | undefined, fallback: string): FieldError[] {
  return [{ field: '', code: 'ERROR', message: message ?? fallback }];
}

export function LearningPage() {
  const [result] = useQuery({ query: LearningProgrammesQuery });
  const [programmeId, setProgrammeId] = useState('');
  const t = useT();
  return (
    <section>
      <h1>{t('nav.learning')}</h1>
      <p className="muted">{t('learn.lead')}</p>
      <QueryState {...result}>
        {(data) => (
          <>
            <Field id="learning-programme" label={t('common.programme')}>
              <select id="learning-programme" value={programmeId} onChange={(e) => setProgrammeId(e.target.value)}>
                <option value="">{t('orient.choose')}</option>
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
  const t = useT();
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
                label={t(label)}
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
  const t = useT();
  const [editing, setEditing] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [, remove] = useMutation(DeleteMutation);
  const [, reorder] = useMutation(ReorderMutation);

  async function move(index: number, by: -1 | 1) {
    const ids = resources.map((r) => r.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    const res = await reorder({ programmeId, stage, ids });
    const out = res.data?.reorderLearningResources;
    setErrors(out ? [...out.errors] : failure(res.error?.graphQLErrors[0]?.message, t('learn.notSaved')));
    onChange();
  }

  async function drop(r: Resource) {
    if (!window.confirm(t('learn.confirmDelete', { title: r.title }))) return;
    const res = await remove({ id: r.id });
    const out = res.data?.deleteLearningResource;
    setErrors(out ? [...out.errors] : failure(res.error?.graphQLErrors[0]?.message, t('learn.notSaved')));
    onChange();
  }

  return (
    <section aria-labelledby={`stage-${stage}`}>
      <h2 id={`stage-${stage}`}>{label}</h2>
      <FormErrors messages={errors.map((e) => e.message)} />
      {resources.length === 0 ? (
        <Empty>{t('learn.none')}</Empty>
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
                {labelOf(t, KINDS, r.kind)} · {labelOf(t, LANGUAGES, r.language)}
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
                  {t('common.edit')}
                </button>
                <button
                  type="button"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={t('learn.moveUpLabel', { title: r.title })}
                >
                  {t('learn.moveUp')}
                </button>
                <button
                  type="button"
                  disabled={i === resources.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('learn.moveDownLabel', { title: r.title })}
                >
                  {t('learn.moveDown')}
                </button>
                <button type="button" className="danger" onClick={() => drop(r)}>
                  {t('common.delete')}
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
  const t = useT();
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
    if (!out) return setErrors(failure(res.error?.graphQLErrors[0]?.message, t('learn.notSaved')));
    setErrors([...out.errors]);
    if (out.errors.length > 0) return;
    if (!resource) {
      setDone(t('learn.added', { title: title.trim() }));
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
      aria-label={resource ? t('prog.edit', { name: resource.title }) : t('learn.newLabel')}
    >
      <h2 style={{ marginTop: 0 }}>{resource ? t('learn.edit') : t('learn.new')}</h2>
      <FormErrors messages={other} />
      {done && (
        <p className="state state-success" role="status">
          {done}
        </p>
      )}
      <div className="filters">
        <Field id={`${prefix}-title`} label={t('learn.title')} error={byField.title}>
          <input
            id={`${prefix}-title`}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={!!byField.title}
          />
        </Field>
        <Field id={`${prefix}-stage`} label={t('learn.stage')} error={byField.stage}>
          <select id={`${prefix}-stage`} value={stage} onChange={(e) => setStage(e.target.value as Stage)}>
            {STAGES.map(([v, l]) => (
              <option key={v} value={v}>
                {t(l)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${prefix}-kind`} label={t('learn.kind')} error={byField.kind}>
          <select id={`${prefix}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map(([v, l]) => (
              <option key={v} value={v}>
                {t(l)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${prefix}-language`} label={t('learn.language')} error={byField.language}>
          <select id={`${prefix}-language`} value={language} onChange={(e) => setLanguage(e.target.value)}>
            {LANGUAGES.map(([v, l]) => (
              <option key={v} value={v}>
                {t(l)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id={`${prefix}-body`} label={t('learn.text')} error={byField.body} hint={t('learn.textHint')}>
        <textarea
          id={`${prefix}-body`}
          rows={8}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={!!byField.body}
        />
      </Field>
      <Field id={`${prefix}-url`} label={t('learn.link')} error={byField.url} hint={t('learn.linkHint')}>
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
          {resource ? t('learn.save') : t('learn.add')}
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
