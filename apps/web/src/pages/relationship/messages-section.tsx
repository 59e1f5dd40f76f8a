/** Messages between the two partners. */
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Field, FormErrors, nodesOf, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../../i18n/locale';
import { outcomeErrors } from '../../ui';
import { Section } from './section';
import type { Relationship } from './relationship-query';

const E = `errors { field code message }`;

const SendMessageMutation = graphql(`
  mutation WebSendMessage($relationshipId: ID!, $body: String!) {
    sendMessage(relationshipId: $relationshipId, body: $body) {
      message {
        id
      }
      ${E}
    }
  }
`);

export function Messages({ r, me, onChange }: { r: Relationship; me: string; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, send] = useMutation(SendMessageMutation);
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  // newest first from the API; a conversation reads oldest first
  const messages = nodesOf(r.messages).reverse();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) return;
    const res = await send({ relationshipId: r.id, body });
    const errs = outcomeErrors(res, res.data?.sendMessage.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setBody('');
      onChange();
    }
  }
  return (
    <Section id="messages" title={t('rel.messages')}>
      {messages.length ? (
        <ol className="thread">
          {messages.map((m) => (
            <li key={m.id} className={m.author.id === me ? 'mine' : undefined}>
              <strong>{m.author.displayName}</strong> <span className="muted">{formatDate(m.sentAt, true)}</span>
              <p>{m.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="state state-empty">{t('message.none')}</p>
      )}
      <form onSubmit={submit} className="inline-form">
        <FormErrors messages={errors.map((e) => e.message)} />
        <Field id="msg-body" label={t('message.write')}>
          <textarea id="msg-body" rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={!body.trim()}>
          {t('message.send')}
        </button>
      </form>
    </Section>
  );
}
