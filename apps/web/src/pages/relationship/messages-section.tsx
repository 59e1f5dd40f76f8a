/** A relationship's threads: the partners' private messages, and the thread the pair shares with their coach. */
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Field, FormErrors, LiveIndicator, nodesOf, type FieldError } from '@tandem/ui';
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

const SendCoachThreadMessageMutation = graphql(`
  mutation WebSendCoachThreadMessage($relationshipId: ID!, $body: String!) {
    sendCoachThreadMessage(relationshipId: $relationshipId, body: $body) {
      message {
        id
      }
      ${E}
    }
  }
`);

/** The thread with the coach: the partners and the coaches of the relationship's organisation. */
export function CoachThread({ r, me, onChange }: { r: Relationship; me: string; onChange: () => void }) {
  const t = useT();
  const [, send] = useMutation(SendCoachThreadMessageMutation);
  return (
    <Thread
      id="coach-thread"
      title={t('rel.coachThread')}
      intro={t('coachThread.intro')}
      messages={nodesOf(r.coachThread)}
      me={me}
      onChange={onChange}
      send={async (body) => {
        const res = await send({ relationshipId: r.id, body });
        return outcomeErrors(res, res.data?.sendCoachThreadMessage.errors, t('state.unreachable'));
      }}
    />
  );
}

export function Messages({ r, me, onChange }: { r: Relationship; me: string; onChange: () => void }) {
  const t = useT();
  const [, send] = useMutation(SendMessageMutation);
  return (
    <Thread
      id="messages"
      title={t('rel.messages')}
      showLive
      messages={nodesOf(r.messages)}
      me={me}
      onChange={onChange}
      send={async (body) => {
        const res = await send({ relationshipId: r.id, body });
        return outcomeErrors(res, res.data?.sendMessage.errors, t('state.unreachable'));
      }}
    />
  );
}

interface ThreadMessage {
  id: string;
  body: string;
  sentAt: string;
  author: { id: string; displayName: string | null };
}

function Thread(props: {
  id: string;
  title: string;
  intro?: string;
  /** Whether this thread shows the live-updates status (once per page). */
  showLive?: boolean;
  messages: ThreadMessage[];
  me: string;
  onChange: () => void;
  send: (body: string) => Promise<FieldError[]>;
}) {
  const { id, title, intro, me, onChange } = props;
  const t = useT();
  const formatDate = useFormatDate();
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  // newest first from the API; a conversation reads oldest first
  const messages = [...props.messages].reverse();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) return;
    const errs = await props.send(body);
    setErrors(errs);
    if (!errs.length) {
      setBody('');
      onChange();
    }
  }
  return (
    <Section id={id} title={title}>
      {intro ? <p className="muted">{intro}</p> : null}
      {props.showLive ? (
        <p>
          <LiveIndicator
            labels={{ live: t('live.live'), connecting: t('live.connecting'), polling: t('live.polling') }}
          />
        </p>
      ) : null}
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
        <Field id={`${id}-body`} label={t('message.write')}>
          <textarea id={`${id}-body`} rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={!body.trim()}>
          {t('message.send')}
        </button>
      </form>
    </Section>
  );
}
