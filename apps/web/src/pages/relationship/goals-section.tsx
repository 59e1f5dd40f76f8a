/** SMART goals of the relationship. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { FormErrors, nodesOf, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../../i18n/locale';
import { Badge, enumKey, outcomeErrors } from '../../ui';
import { Section } from './section';
import { goalErrors, NO_GOAL, SmartGoalFields } from './smart-goal-fields';
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
  const [goal, setGoal] = useState(NO_GOAL);
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await create({ relationshipId: r.id, input: { ...goal, dueOn: goal.dueOn || null } });
    const errs = outcomeErrors(res, res.data?.createGoal.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setOpen(false);
      setGoal(NO_GOAL);
      onChange();
    }
  }
  const { byPart, other } = goalErrors(errors);
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
          <FormErrors messages={other} />
          <SmartGoalFields idPrefix="goal" goal={goal} onChange={setGoal} errors={byPart} />
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
