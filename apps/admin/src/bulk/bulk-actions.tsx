/**
 * Bulk actions on a list: a checkbox per row (named after the row), "select all shown", then an action with its
 * text (a reason, a note, a message), a confirmation that states how many and which (names listed), and the
 * outcome of each item afterwards (done, or refused with the reason). The server runs each item on its own.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Field, FormErrors, type FieldError } from '@tandem/ui';
import { useT } from '../i18n/locale';

export interface Selectable {
  id: string;
  name: string;
}

/** The ids chosen among the rows shown. */
export function useSelection() {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  return {
    chosen,
    has: (id: string) => chosen.has(id),
    toggle: (id: string, on: boolean) =>
      setChosen((c) => {
        const next = new Set(c);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    setAll: (ids: readonly string[], on: boolean) =>
      setChosen((c) => {
        const next = new Set(c);
        for (const id of ids)
          if (on) next.add(id);
          else next.delete(id);
        return next;
      }),
    clear: () => setChosen(new Set()),
  };
}

export type Selection = ReturnType<typeof useSelection>;

/** A row's checkbox, its accessible name "Select <name>". */
export function SelectRow({ selection, item }: { selection: Selection; item: Selectable }) {
  const t = useT();
  return (
    <input
      type="checkbox"
      className="bulk-check"
      aria-label={t('bulk.select', { name: item.name })}
      checked={selection.has(item.id)}
      onChange={(e) => selection.toggle(item.id, e.target.checked)}
    />
  );
}

/** "Select all shown": checks (or unchecks) every row of the page. */
export function SelectAllShown({ selection, items }: { selection: Selection; items: readonly Selectable[] }) {
  const id = useId();
  const t = useT();
  const all = items.length > 0 && items.every((i) => selection.has(i.id));
  return (
    <label htmlFor={id} className="bulk-all">
      <input
        id={id}
        type="checkbox"
        checked={all}
        onChange={(e) =>
          selection.setAll(
            items.map((i) => i.id),
            e.target.checked,
          )
        }
      />{' '}
      {t('bulk.selectAllShown')}
    </label>
  );
}

export interface BulkItemOutcome {
  id: string;
  errors: readonly FieldError[];
}

export interface BulkOutcome {
  items: readonly BulkItemOutcome[];
  errors: readonly FieldError[];
}

export interface BulkAction {
  /** The button: "Approve selected". */
  label: string;
  /** What the text is: "Note to the mentors". */
  textLabel: string;
  /** The confirmation's question for n items: "Approve 3 mentor applications?". */
  confirm: (n: number) => string;
  /** The confirmation's button for n items: "Confirm: approve 3". */
  confirmButton: (n: number) => string;
  /** The past tense for a done item: "approved". */
  done: string;
  danger?: boolean;
  /** Texts to start from (a reminder a coach sends often), in the reader's language; the text stays editable. */
  templates?: ReadonlyArray<{ label: string; text: string }>;
  run: (ids: string[], text: string) => Promise<BulkOutcome>;
}

type Stage = { kind: 'idle' } | { kind: 'compose' | 'confirm' | 'running'; action: BulkAction };

export function BulkActions({
  selection,
  items,
  actions,
  onDone,
}: {
  selection: Selection;
  /** The rows shown (the names of the chosen ones are read from them). */
  items: readonly Selectable[];
  actions: readonly BulkAction[];
  /** After a run: refresh the list. */
  onDone: () => void;
}) {
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [results, setResults] = useState<{
    action: BulkAction;
    rows: Array<Selectable & { errors: readonly FieldError[] }>;
  } | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const textId = useId();
  const t = useT();
  const chosen = items.filter((i) => selection.has(i.id));
  useEffect(() => {
    if (stage.kind === 'confirm') confirmRef.current?.focus();
  }, [stage.kind]);

  async function run(action: BulkAction) {
    setStage({ kind: 'running', action });
    try {
      const out = await action.run(
        chosen.map((c) => c.id),
        text,
      );
      if (out.errors.length) {
        setErrors([...out.errors]);
        setStage({ kind: 'compose', action });
        return;
      }
      const byIndex = out.items.map((item, i) => ({
        ...(chosen[i] ?? { id: item.id, name: item.id }),
        errors: item.errors,
      }));
      setResults({ action, rows: byIndex });
      setStage({ kind: 'idle' });
      setText('');
      selection.clear();
      onDone();
    } catch (e) {
      setErrors([{ field: '', code: 'ERROR', message: e instanceof Error ? e.message : t('bulk.failed') }]);
      setStage({ kind: 'compose', action });
    }
  }

  const failed = results?.rows.filter((r) => r.errors.length) ?? [];
  return (
    <section className="bulk" aria-label={t('bulk.actions')}>
      <div className="bulk-bar">
        <span className="muted">{t('bulk.selected', { count: chosen.length })}</span>
        {actions.map((a) => (
          <button
            key={a.label}
            type="button"
            className={a.danger ? 'danger' : undefined}
            disabled={chosen.length === 0 || stage.kind === 'running'}
            onClick={() => {
              setErrors([]);
              setResults(null);
              setStage({ kind: 'compose', action: a });
            }}
          >
            {a.label}
          </button>
        ))}
      </div>
      {stage.kind !== 'idle' && (
        <div className="card bulk-panel">
          <FormErrors messages={errors.map((e) => e.message)} />
          {stage.action.templates && stage.kind === 'compose' && (
            <Field id={`${textId}-template`} label={t('bulk.template')}>
              <select
                id={`${textId}-template`}
                value=""
                onChange={(e) => {
                  const chosenTemplate = stage.action.templates?.[Number(e.target.value)];
                  if (chosenTemplate) setText(chosenTemplate.text);
                }}
              >
                <option value="">{t('bulk.templateNone')}</option>
                {stage.action.templates.map((tpl, i) => (
                  <option key={tpl.label} value={i}>
                    {tpl.label}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id={textId} label={stage.action.textLabel}>
            <textarea
              id={textId}
              rows={stage.action.templates ? 4 : 2}
              value={text}
              disabled={stage.kind !== 'compose'}
              onChange={(e) => setText(e.target.value)}
            />
          </Field>
          {stage.kind === 'compose' ? (
            <div className="actions">
              <button
                type="button"
                className="primary"
                disabled={chosen.length === 0}
                onClick={() => setStage({ kind: 'confirm', action: stage.action })}
              >
                {t('bulk.continue')}
              </button>
              <button type="button" onClick={() => setStage({ kind: 'idle' })}>
                {t('common.cancel')}
              </button>
            </div>
          ) : (
            <div
              ref={confirmRef}
              tabIndex={-1}
              role="alertdialog"
              aria-labelledby={`${textId}-confirm`}
              className="bulk-confirm"
            >
              <h2 id={`${textId}-confirm`}>{stage.action.confirm(chosen.length)}</h2>
              <ul>
                {chosen.map((c) => (
                  <li key={c.id}>{c.name}</li>
                ))}
              </ul>
              <div className="actions">
                <button
                  type="button"
                  className={stage.action.danger ? 'danger' : 'primary'}
                  disabled={stage.kind === 'running'}
                  onClick={() => void run(stage.action)}
                >
                  {stage.action.confirmButton(chosen.length)}
                </button>
                <button
                  type="button"
                  disabled={stage.kind === 'running'}
                  onClick={() => setStage({ kind: 'compose', action: stage.action })}
                >
                  {t('bulk.goBack')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      {results && (
        <div className={`state ${failed.length ? 'state-error' : 'state-success'}`} role="status">
          <p>
            {t('bulk.outcome', {
              ok: results.rows.length - failed.length,
              total: results.rows.length,
              done: results.action.done,
              failed: failed.length,
            })}
          </p>
          <ul aria-label={t('bulk.outcomeOfEach')}>
            {results.rows.map((r) => (
              <li key={`${r.id}-${r.name}`}>
                {t('bulk.itemOutcome', {
                  name: r.name,
                  outcome: r.errors.length ? r.errors.map((e) => e.message).join(' ') : results.action.done,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
