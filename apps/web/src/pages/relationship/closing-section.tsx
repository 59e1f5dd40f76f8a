/**
 * How a relationship ends, for a partner: both confirm it is complete (each sees who has), or one withdraws with
 * a reason; once it has ended, each gives their feedback on the programme's four questions; a completed one can
 * go on with a new SMART goal.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../../i18n/locale';
import { enumKey, outcomeErrors } from '../../ui';
import { Section } from './section';
import { goalErrors, NO_GOAL, SmartGoalFields } from './smart-goal-fields';

const ClosingQuery = graphql(`
  query WebClosing($id: ID!) {
    relationship(id: $id) {
      id
      status
      viewerRole
      endedOn
      withdrawalReason
      continuedCount
      feedbackRequested
      completion {
        mentorConfirmedAt
        menteeConfirmedAt
      }
    }
  }
`);

const E = `errors { field code message }`;
const CompleteMutation = graphql(`
  mutation WebComplete($id: ID!) {
    completeRelationship(id: $id) {
      relationship {
        id
        status
      }
      ${E}
    }
  }
`);
const WithdrawMutation = graphql(`
  mutation WebWithdraw($id: ID!, $reason: String!) {
    withdrawFromRelationship(id: $id, reason: $reason) {
      relationship {
        id
        status
      }
      ${E}
    }
  }
`);
const ContinueMutation = graphql(`
  mutation WebContinue($id: ID!, $goals: [SmartGoalInput!]!) {
    continueRelationship(id: $id, goals: $goals) {
      relationship {
        id
        status
      }
      ${E}
    }
  }
`);
const FeedbackMutation = graphql(`
  mutation WebFeedback($relationshipId: ID!, $input: FeedbackInput!) {
    submitFeedback(relationshipId: $relationshipId, input: $input) {
      submitted
      ${E}
    }
  }
`);

type Closing = ResultOf<typeof ClosingQuery>['relationship'];
const QUESTIONS = ['GOALS_PROGRESS', 'RELATIONSHIP_QUALITY', 'PROGRAMME_SUPPORT', 'WOULD_RECOMMEND'] as const;

export function ClosingSection({ relationshipId, onChange }: { relationshipId: string; onChange: () => void }) {
  const t = useT();
  const [result, retry] = useQuery({ query: ClosingQuery, variables: { id: relationshipId } });
  const r = result.data?.relationship;
  if (!r) return null;
  const changed = () => {
    retry({ requestPolicy: 'network-only' });
    onChange();
  };
  const open = r.status === 'ACTIVE' || r.status === 'PAUSED';
  return (
    <Section id="closing" title={t(open ? 'closing.title' : 'closing.endedTitle')}>
      {open && <Completion r={r} onChange={changed} />}
      {open && <Withdraw r={r} onChange={changed} />}
      {r.status === 'WITHDRAWN' && (
        <p className="state state-info">{t('closing.withdrawn', { reason: r.withdrawalReason ?? '' })}</p>
      )}
      {r.status === 'COMPLETED' && <p className="state state-success">{t('closing.completed')}</p>}
      {r.feedbackRequested ? (
        <FeedbackForm relationshipId={r.id} onChange={changed} />
      ) : (
        !open && <p className="muted">{t('feedback.thanks')}</p>
      )}
      {r.status === 'COMPLETED' && <Continue r={r} onChange={changed} />}
    </Section>
  );
}

function Completion({ r, onChange }: { r: Closing; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, complete] = useMutation(CompleteMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const mine = r.viewerRole === 'MENTOR' ? r.completion.mentorConfirmedAt : r.completion.menteeConfirmedAt;
  const theirs = r.viewerRole === 'MENTOR' ? r.completion.menteeConfirmedAt : r.completion.mentorConfirmedAt;
  async function confirm() {
    const res = await complete({ id: r.id });
    const errs = outcomeErrors(res, res.data?.completeRelationship.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onChange();
  }
  return (
    <div>
      <p>{t('closing.lead')}</p>
      {theirs && <p className="state state-info">{t('closing.partnerConfirmed', { date: formatDate(theirs) })}</p>}
      <FormErrors messages={errors.map((e) => e.message)} />
      {mine ? (
        <p className="muted">{t('closing.youConfirmed', { date: formatDate(mine) })}</p>
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => void confirm()}>
            {t('closing.confirm')}
          </button>
        </div>
      )}
    </div>
  );
}

function Withdraw({ r, onChange }: { r: Closing; onChange: () => void }) {
  const t = useT();
  const [, withdraw] = useMutation(WithdrawMutation);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await withdraw({ id: r.id, reason });
    const errs = outcomeErrors(res, res.data?.withdrawFromRelationship.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onChange();
  }
  const { byField, other } = fieldErrors(errors, ['reason']);
  if (!open)
    return (
      <div className="actions">
        <button type="button" onClick={() => setOpen(true)}>
          {t('closing.withdraw')}
        </button>
      </div>
    );
  return (
    <form onSubmit={submit} noValidate aria-label={t('closing.withdraw')}>
      <p className="state state-error">{t('closing.withdrawWarning')}</p>
      <FormErrors messages={other} />
      <Field id="withdraw-reason" label={t('closing.reason')} error={byField.reason}>
        <textarea
          id="withdraw-reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={!!byField.reason}
          aria-describedby={byField.reason ? 'withdraw-reason-error' : undefined}
        />
      </Field>
      <div className="actions">
        <button type="submit" className="danger">
          {t('closing.withdrawConfirm')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function FeedbackForm({ relationshipId, onChange }: { relationshipId: string; onChange: () => void }) {
  const t = useT();
  const [, submitFeedback] = useMutation(FeedbackMutation);
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [comments, setComments] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await submitFeedback({
      relationshipId,
      input: {
        ratings: QUESTIONS.filter((q) => ratings[q]).map((question) => ({ question, rating: ratings[question]! })),
        comments: comments.trim() || null,
      },
    });
    const errs = outcomeErrors(res, res.data?.submitFeedback.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onChange();
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="feedback-title">
      <h3 id="feedback-title">{t('feedback.title')}</h3>
      <p className="muted">{t('feedback.lead')}</p>
      <FormErrors messages={errors.map((e) => e.message)} />
      {QUESTIONS.map((q) => (
        <fieldset key={q} className="rating">
          <legend>{t(enumKey('feedback.q', q))}</legend>
          <div className="rating-options">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}>
                <input
                  type="radio"
                  name={`rating-${q}`}
                  value={n}
                  checked={ratings[q] === n}
                  onChange={() => setRatings((x) => ({ ...x, [q]: n }))}
                />
                <span>{n}</span>
                <span className="visually-hidden">{t('feedback.outOf')}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <p className="muted">{t('feedback.scale')}</p>
      <Field id="feedback-comments" label={t('feedback.comments')}>
        <textarea id="feedback-comments" rows={3} value={comments} onChange={(e) => setComments(e.target.value)} />
      </Field>
      <div className="actions">
        <button type="submit" className="primary">
          {t('feedback.send')}
        </button>
      </div>
    </form>
  );
}

function Continue({ r, onChange }: { r: Closing; onChange: () => void }) {
  const t = useT();
  const [, go] = useMutation(ContinueMutation);
  const [open, setOpen] = useState(false);
  const [goal, setGoal] = useState(NO_GOAL);
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await go({ id: r.id, goals: [{ ...goal, dueOn: goal.dueOn || null }] });
    const errs = outcomeErrors(res, res.data?.continueRelationship.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setOpen(false);
      setGoal(NO_GOAL);
      onChange();
    }
  }
  // the API names each part of the first goal `goals.0.<part>`: those go next to their input, the rest above
  const { byPart, other } = goalErrors(errors);
  if (!open)
    return (
      <div className="actions">
        <p>{t('closing.continueLead')}</p>
        <button type="button" onClick={() => setOpen(true)}>
          {t('closing.continue')}
        </button>
      </div>
    );
  return (
    <form onSubmit={submit} noValidate aria-label={t('closing.continue')}>
      <FormErrors messages={other} />
      <SmartGoalFields idPrefix="next" goal={goal} onChange={setGoal} errors={byPart} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('closing.continueSave')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
