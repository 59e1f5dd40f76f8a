/**
 * The action plan of a relationship (the programme's template: prioritised goals, each with objectives,
 * learning activities and a target date): read it, and either partner saves a new version while it is active.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useIntl } from 'react-intl';
import { Field, FormErrors, type FieldError, DateInput } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../../i18n/locale';
import { enumKey, outcomeErrors, splitList } from '../../ui';
import { Section } from './section';

const ActionPlanQuery = graphql(`
  query WebActionPlan($id: ID!) {
    relationship(id: $id) {
      id
      status
      actionPlan {
        id
        updatedAt
        updatedBy {
          id
          displayName
        }
        goals {
          priority
          goal
          objectives
          targetDate
          activities {
            type
            description
            resources
            targetDate
            effortAmount
            effortUnit
          }
        }
      }
    }
  }
`);

const SaveActionPlanMutation = graphql(`
  mutation WebSaveActionPlan($relationshipId: ID!, $input: ActionPlanInput!) {
    saveActionPlan(relationshipId: $relationshipId, input: $input) {
      actionPlan {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type Plan = NonNullable<ResultOf<typeof ActionPlanQuery>['relationship']['actionPlan']>;
const ACTIVITY_TYPES = ['LEARNING_BY_DOING', 'LEARNING_FROM_OTHERS', 'STRETCH_ASSIGNMENT'] as const;
type ActivityType = (typeof ACTIVITY_TYPES)[number];
const EFFORT_UNITS = ['HOURS', 'DAYS', 'WEEKS'] as const;
type EffortUnit = (typeof EFFORT_UNITS)[number];
interface DraftGoal {
  goal: string;
  objectives: string;
  activityType: ActivityType;
  activity: string;
  resources: string;
  effortAmount: string;
  effortUnit: EffortUnit;
  targetDate: string;
}
const emptyGoal = (): DraftGoal => ({
  goal: '',
  objectives: '',
  activityType: 'LEARNING_BY_DOING',
  activity: '',
  resources: '',
  effortAmount: '',
  effortUnit: 'HOURS',
  targetDate: '',
});

function draftOf(plan: Plan | null | undefined): DraftGoal[] {
  if (!plan?.goals.length) return [emptyGoal()];
  return plan.goals.map((g) => ({
    goal: g.goal,
    objectives: g.objectives.join('\n'),
    activityType: g.activities[0]?.type ?? 'LEARNING_BY_DOING',
    activity: g.activities[0]?.description ?? '',
    resources: g.activities[0]?.resources ?? '',
    effortAmount: g.activities[0]?.effortAmount != null ? String(g.activities[0].effortAmount) : '',
    effortUnit: g.activities[0]?.effortUnit ?? 'HOURS',
    targetDate: g.targetDate ?? '',
  }));
}

export function ActionPlanSection({ relationshipId }: { relationshipId: string }) {
  const t = useT();
  const intl = useIntl();
  const formatDate = useFormatDate();
  const [result, retry] = useQuery({ query: ActionPlanQuery, variables: { id: relationshipId } });
  const [, save] = useMutation(SaveActionPlanMutation);
  const [editing, setEditing] = useState(false);
  const [goals, setGoals] = useState<DraftGoal[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const r = result.data?.relationship;
  if (!r) return null;
  const plan = r.actionPlan;

  function edit() {
    setGoals(draftOf(plan));
    setErrors([]);
    setEditing(true);
  }
  const change = (i: number, part: Partial<DraftGoal>) =>
    setGoals((gs) => gs.map((g, j) => (j === i ? { ...g, ...part } : g)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await save({
      relationshipId,
      input: {
        goals: goals.map((g) => ({
          goal: g.goal,
          objectives: splitList(g.objectives),
          activities: g.activity.trim()
            ? [
                {
                  type: g.activityType,
                  description: g.activity,
                  resources: g.resources || null,
                  targetDate: null,
                  // the amount is sent as typed (the server refuses 0 or more than 1000) with its unit, or neither
                  effortAmount: g.effortAmount.trim() ? Number(g.effortAmount.replace(',', '.')) : null,
                  effortUnit: g.effortAmount.trim() ? g.effortUnit : null,
                },
              ]
            : [],
          targetDate: g.targetDate || null,
        })),
      },
    });
    const errs = outcomeErrors(res, res.data?.saveActionPlan.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setEditing(false);
      retry({ requestPolicy: 'network-only' });
    }
  }

  return (
    <Section id="action-plan" title={t('plan.title')}>
      {!editing &&
        (plan?.goals.length ? (
          <>
            <ol className="list">
              {plan.goals.map((g) => (
                <li key={g.priority} className="item">
                  <h3>{g.goal}</h3>
                  {g.objectives.length > 0 && (
                    <ul className="plain">
                      {g.objectives.map((o) => (
                        <li key={o}>{o}</li>
                      ))}
                    </ul>
                  )}
                  {g.activities.map((a) => (
                    <p key={a.description}>
                      <strong>{t(enumKey('activity', a.type))}:</strong> {a.description}
                      {a.resources && (
                        <span className="muted"> · {t('plan.resourcesLine', { resources: a.resources })}</span>
                      )}
                      {a.effortAmount != null && a.effortUnit && (
                        <span className="muted">
                          {' '}
                          · {t(enumKey('plan.effortLine', a.effortUnit), { amount: intl.formatNumber(a.effortAmount) })}
                        </span>
                      )}
                    </p>
                  ))}
                  {g.targetDate && <p className="muted">{t('plan.by', { date: formatDate(g.targetDate) })}</p>}
                </li>
              ))}
            </ol>
            <p className="muted">
              {t('plan.updated', { name: plan.updatedBy.displayName ?? '', date: formatDate(plan.updatedAt, true) })}
            </p>
          </>
        ) : (
          <p className="state state-empty">{t('plan.none')}</p>
        ))}
      {editing ? (
        <form onSubmit={submit} noValidate aria-label={t('plan.edit')}>
          <p className="muted">{t('plan.hint')}</p>
          <FormErrors messages={errors.map((e) => e.message)} />
          {goals.map((g, i) => (
            <fieldset key={i} className="plan-goal">
              <legend>{t('plan.goalN', { n: i + 1 })}</legend>
              <Field id={`plan-${i}-goal`} label={t('plan.goal')}>
                <input id={`plan-${i}-goal`} value={g.goal} onChange={(e) => change(i, { goal: e.target.value })} />
              </Field>
              <Field id={`plan-${i}-objectives`} label={t('plan.objectives')}>
                <textarea
                  id={`plan-${i}-objectives`}
                  rows={2}
                  value={g.objectives}
                  onChange={(e) => change(i, { objectives: e.target.value })}
                  aria-describedby={`plan-${i}-objectives-hint`}
                />
                <small className="hint" id={`plan-${i}-objectives-hint`}>
                  {t('plan.listHint')}
                </small>
              </Field>
              <div className="two">
                <Field id={`plan-${i}-type`} label={t('plan.activityType')}>
                  <select
                    id={`plan-${i}-type`}
                    value={g.activityType}
                    onChange={(e) => change(i, { activityType: e.target.value as ActivityType })}
                  >
                    {ACTIVITY_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(enumKey('activity', type))}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id={`plan-${i}-date`} label={t('plan.targetDate')}>
                  <DateInput
                    id={`plan-${i}-date`}
                    value={g.targetDate}
                    onChange={(e) => change(i, { targetDate: e.target.value })}
                  />
                </Field>
              </div>
              <Field id={`plan-${i}-activity`} label={t('plan.activity')}>
                <input
                  id={`plan-${i}-activity`}
                  value={g.activity}
                  onChange={(e) => change(i, { activity: e.target.value })}
                />
              </Field>
              <Field id={`plan-${i}-resources`} label={t('plan.resources')}>
                <input
                  id={`plan-${i}-resources`}
                  value={g.resources}
                  onChange={(e) => change(i, { resources: e.target.value })}
                />
              </Field>
              <div className="two">
                <Field id={`plan-${i}-effort`} label={t('plan.effort')}>
                  <input
                    id={`plan-${i}-effort`}
                    inputMode="decimal"
                    value={g.effortAmount}
                    onChange={(e) => change(i, { effortAmount: e.target.value })}
                  />
                </Field>
                <Field id={`plan-${i}-effort-unit`} label={t('plan.effortUnit')}>
                  <select
                    id={`plan-${i}-effort-unit`}
                    value={g.effortUnit}
                    onChange={(e) => change(i, { effortUnit: e.target.value as EffortUnit })}
                  >
                    {EFFORT_UNITS.map((unit) => (
                      <option key={unit} value={unit}>
                        {t(enumKey('plan.unit', unit))}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
              {goals.length > 1 && (
                <button type="button" onClick={() => setGoals((gs) => gs.filter((_, j) => j !== i))}>
                  {t('plan.removeGoal', { n: i + 1 })}
                </button>
              )}
            </fieldset>
          ))}
          <div className="actions">
            <button type="button" onClick={() => setGoals((gs) => [...gs, emptyGoal()])}>
              {t('plan.addGoal')}
            </button>
            <button type="submit" className="primary">
              {t('plan.save')}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        r.status === 'ACTIVE' && (
          <div className="actions">
            <button type="button" onClick={edit}>
              {t(plan ? 'plan.edit' : 'plan.write')}
            </button>
          </div>
        )
      )}
    </Section>
  );
}
