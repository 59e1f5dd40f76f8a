/** Questions the person asked (with the answers) or was asked (to answer), newest first. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, fieldErrors, nodesOf, type FieldError } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../../i18n/locale';
import { outcomeErrors } from '../../ui';

const QuestionsQuery = graphql(`
  query WebQuestions {
    me {
      id
    }
    mentorQuestions(first: 20) {
      edges {
        node {
          id
          question
          answer
          askedAt
          answeredAt
          mentee {
            id
            displayName
          }
          mentor {
            id
            displayName
          }
        }
      }
    }
  }
`);

const AnswerMutation = graphql(`
  mutation WebAnswerQuestion($questionId: ID!, $answer: String!) {
    answerMentorQuestion(questionId: $questionId, answer: $answer) {
      question {
        id
        answer
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type Question = ResultOf<typeof QuestionsQuery>['mentorQuestions']['edges'][number]['node'];

export function QuestionsSection() {
  const t = useT();
  const [result, retry] = useQuery({ query: QuestionsQuery });
  const data = result.data;
  if (!data) return null;
  const questions = nodesOf(data.mentorQuestions);
  return (
    <section className="card" id="questions" aria-labelledby="questions-title" tabIndex={-1}>
      <h2 id="questions-title">{t('question.title')}</h2>
      {questions.length ? (
        <ul className="list">
          {questions.map((q) => (
            <QuestionItem key={q.id} q={q} me={data.me.id} onChange={() => retry({ requestPolicy: 'network-only' })} />
          ))}
        </ul>
      ) : (
        <p className="state state-empty">{t('question.none')}</p>
      )}
    </section>
  );
}

function QuestionItem({ q, me, onChange }: { q: Question; me: string; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, answerIt] = useMutation(AnswerMutation);
  const [answer, setAnswer] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const askedMe = q.mentor.id === me;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await answerIt({ questionId: q.id, answer });
    const errs = outcomeErrors(res, res.data?.answerMentorQuestion.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onChange();
  }
  const { byField, other } = fieldErrors(errors, ['answer']);
  const id = `answer-${q.id}`;
  return (
    <li className="item" id={`question-${q.id}`}>
      <p className="muted">
        {askedMe
          ? t('question.from', { name: q.mentee.displayName ?? '', date: formatDate(q.askedAt, true) })
          : t('question.to', { name: q.mentor.displayName ?? '', date: formatDate(q.askedAt, true) })}
      </p>
      <p>{q.question}</p>
      {q.answer ? (
        <p className="answer">
          <strong>{t('question.answer')}</strong> {q.answer}
        </p>
      ) : askedMe ? (
        <form onSubmit={submit} noValidate aria-label={t('question.answerTo', { name: q.mentee.displayName ?? '' })}>
          <FormErrors messages={other} />
          <Field id={id} label={t('question.yourAnswer')} error={byField.answer}>
            <textarea id={id} rows={3} value={answer} onChange={(e) => setAnswer(e.target.value)} />
          </Field>
          <button type="submit" className="primary" disabled={!answer.trim()}>
            {t('question.sendAnswer')}
          </button>
        </form>
      ) : (
        <p className="muted">
          {t('question.waiting')} <Link to={`/mentors/${q.mentor.id}`}>{t('question.mentorProfile')}</Link>
        </p>
      )}
    </li>
  );
}
