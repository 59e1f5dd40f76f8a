/** SMART goals of the relationship. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { Field, FormErrors, fieldErrors, nodesOf, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../../i18n/locale';
import { Badge, enumKey, outcomeErrors } from '../../ui';
import { Section } from './section';
import type { Relationship } from './relationship-query';

const E = `errors { field code message }`;

const CreateGoalMutation = graphql(`
  mutation WebCreateGoal($relationshipId: ID!, $input: SmartGoalInput!) {
    createGoal(relationshipId: $relationshipId, input: $input) {
      goal {
        id
      }
      ${E}
    }
  }
`);

export function Goals({ r, onChange }: { r: Relationship; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, create] = useMutation(CreateGoalMutation);
  const [open, setOpen] = useState(false);
  const [goal, setGoal] = useState({
    title: '',
    specific: '',
    measure: '',
    target: '',
    attainable: '',
    relevant: '',
    dueOn: '',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await create({ relationshipId: r.id, input: { ...goal, dueOn: goal.dueOn || null } });
    const errs = outcomeErrors(res, res.data?.createGoal.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setOpen(false);
      setGoal({ title: '', specific: '', measure: '', target: '', attainable: '', relevant: '', dueOn: '' });
      onChange();
    }
  }
  const parts = ['title', 'specific', 'measure', 'target', 'attainable', 'relevant'] as const;
  const { byField, other } = fieldErrors(errors, [...parts, 'dueOn']);
  return (
    <Section id="goals" title={t('rel.goals')}>
      {r.goalsConnection.edges.length ? (
        <ul className="list">
          {nodesOf(r.goalsConnection).map((g) => (
            <li key={g.id} className="item">
              <div className="result-head">
                <h3>
                  <Link to={`/relationships/${r.id}/goals/${g.id}`}>{g.title}</Link>
                </h3>
                <Badge tone={g.status === 'OPEN' ? 'pending' : g.status}>{t(enumKey('goal', g.status))}</Badge>
              </div>
              <p>{g.specific}</p>
              <p className="muted">
                {t('goal.measureLine', { measure: g.measure, target: g.target, date: formatDate(g.dueOn) })}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="state state-empty">{t('goal.none')}</p>
      )}
      {open ? (
        <form onSubmit={submit} noValidate aria-label={t('goal.new')}>
          <p className="muted">{t('goal.smartHint')}</p>
          <FormErrors messages={other} />
          {parts.map((part) => (
            <Field key={part} id={`goal-${part}`} label={t(enumKey('goal.field', part))} error={byField[part]}>
              <input
                id={`goal-${part}`}
                value={goal[part]}
                onChange={(e) => setGoal((g) => ({ ...g, [part]: e.target.value }))}
                aria-invalid={!!byField[part]}
                aria-describedby={byField[part] ? `goal-${part}-error` : undefined}
              />
            </Field>
          ))}
          <Field id="goal-dueOn" label={t('goal.field.dueOn')} error={byField.dueOn}>
            <input
              id="goal-dueOn"
              type="date"
              value={goal.dueOn}
              onChange={(e) => setGoal((g) => ({ ...g, dueOn: e.target.value }))}
            />
          </Field>
          <div className="actions">
            <button type="submit" className="primary">
              {t('goal.save')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        r.status === 'ACTIVE' && (
          <div className="actions">
            <button type="button" onClick={() => setOpen(true)}>
              {t('goal.new')}
            </button>
          </div>
        )
      )}
    </Section>
  );
}
