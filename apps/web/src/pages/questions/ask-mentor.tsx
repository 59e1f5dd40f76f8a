/** A mentee's question to a mentor before (or instead of) a request: the mentor answers it under Requests. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useT } from '../../i18n/locale';
import { outcomeErrors } from '../../ui';

const AskMutation = graphql(`
  mutation WebAskMentor($mentorId: ID!, $question: String!) {
    askMentor(mentorId: $mentorId, question: $question) {
      question {
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

export function AskMentor({ mentorId, name }: { mentorId: string; name: string }) {
  const t = useT();
  const [, ask] = useMutation(AskMutation);
  const [question, setQuestion] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [asked, setAsked] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await ask({ mentorId, question });
    const errs = outcomeErrors(res, res.data?.askMentor.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setQuestion('');
      setAsked(true);
    }
  }
  const { byField, other } = fieldErrors(errors, ['question']);
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="ask-title">
      <h2 id="ask-title">{t('question.ask', { name })}</h2>
      <p className="muted">{t('question.askHint')}</p>
      {asked && (
        <p className="state state-success" role="status">
          {t('question.sent')} <Link to="/requests#questions">{t('question.seeAll')}</Link>
        </p>
      )}
      <FormErrors messages={other} />
      <Field id="question" label={t('question.yours')} error={byField.question}>
        <textarea
          id="question"
          rows={3}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          aria-invalid={!!byField.question}
          aria-describedby={byField.question ? 'question-error' : undefined}
        />
      </Field>
      <div className="actions">
        <button type="submit" disabled={!question.trim()}>
          {t('question.send')}
        </button>
      </div>
    </form>
  );
}
