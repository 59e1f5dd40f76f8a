/**
 * Requests: a mentee's sent requests (add to the message while pending, withdraw) and a mentor's received
 * ones (accept, or decline with a reason the mentee is told). Each pending request has its message thread.
 */
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, nodesOf, type FieldError } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../i18n/locale';
import { Badge, Page, Query, enumKey, outcomeErrors } from '../ui';
import { ProposalsSection } from './proposals-section';
import { QuestionsSection } from './questions/questions-section';
import { RequestWording } from './request-wording';

const RequestsQuery = graphql(`
  query WebRequests {
    me {
      id
      relationshipsConnection(first: 20) {
        edges {
          node {
            id
            mentor {
              id
            }
            mentee {
              id
            }
            status
          }
        }
      }
    }
    mentoringRequests(first: 15) {
      edges {
        node {
          id
          status
          message
          edits {
            previousMessage
            editedAt
          }
          declineReason
          sentAt
          expiresAt
          programme {
            id
            name
          }
          mentor {
            id
            displayName
          }
          mentee {
            id
            displayName
          }
          messagesConnection(first: 10) {
            edges {
              node {
                id
                body
                postedAt
                author {
                  id
                  displayName
                }
              }
            }
          }
        }
      }
    }
  }
`);

const Errors = `errors { field code message }`;
const AcceptMutation = graphql(`
  mutation WebAccept($requestId: ID!) {
    acceptMentoringRequest(requestId: $requestId) {
      request {
        id
        status
      }
      ${Errors}
    }
  }
`);
const DeclineMutation = graphql(`
  mutation WebDecline($requestId: ID!, $reason: String!) {
    declineMentoringRequest(requestId: $requestId, reason: $reason) {
      request {
        id
        status
        declineReason
      }
      ${Errors}
    }
  }
`);
const WithdrawMutation = graphql(`
  mutation WebWithdraw($requestId: ID!) {
    withdrawMentoringRequest(requestId: $requestId) {
      request {
        id
        status
      }
      ${Errors}
    }
  }
`);
const PostMutation = graphql(`
  mutation WebPostRequestMessage($requestId: ID!, $body: String!) {
    postMentoringRequestMessage(requestId: $requestId, body: $body) {
      message {
        id
      }
      ${Errors}
    }
  }
`);

type Request = ResultOf<typeof RequestsQuery>['mentoringRequests']['edges'][number]['node'];

export function RequestsPage() {
  const t = useT();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const [result, retry] = useQuery({ query: RequestsQuery });
  const refresh = () => retry({ requestPolicy: 'network-only' });
  return (
    <Page title={t('requests.title')}>
      {notice === 'sent' && (
        <p className="state state-success" role="status">
          {t('requests.sent')}
        </p>
      )}
      <ProposalsSection />
      <Query {...result} retry={refresh}>
        {({ me, mentoringRequests }) => {
          const all = mentoringRequests.edges.map((e) => e.node);
          const received = all.filter((r) => r.mentor.id === me.id);
          const sent = all.filter((r) => r.mentee.id === me.id);
          const relationshipOf = (r: Request) =>
            nodesOf(me.relationshipsConnection).find((x) => x.mentor.id === r.mentor.id && x.mentee.id === r.mentee.id);
          return (
            <>
              {received.length > 0 && (
                <section aria-labelledby="received-title">
                  <h2 id="received-title">{t('requests.received')}</h2>
                  <ul className="list">
                    {received.map((r) => (
                      <RequestCard
                        key={r.id}
                        request={r}
                        side="MENTOR"
                        me={me.id}
                        onChange={refresh}
                        relationshipId={relationshipOf(r)?.id}
                      />
                    ))}
                  </ul>
                </section>
              )}
              {sent.length > 0 && (
                <section aria-labelledby="sent-title">
                  <h2 id="sent-title">{t('requests.sentTitle')}</h2>
                  <ul className="list">
                    {sent.map((r) => (
                      <RequestCard
                        key={r.id}
                        request={r}
                        side="MENTEE"
                        me={me.id}
                        onChange={refresh}
                        relationshipId={relationshipOf(r)?.id}
                      />
                    ))}
                  </ul>
                </section>
              )}
              {!all.length && <p className="state state-empty">{t('requests.none')}</p>}
            </>
          );
        }}
      </Query>
      <QuestionsSection />
    </Page>
  );
}

function RequestCard({
  request: r,
  side,
  me,
  onChange,
  relationshipId,
}: {
  request: Request;
  side: 'MENTOR' | 'MENTEE';
  me: string;
  onChange: () => void;
  relationshipId?: string;
}) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, accept] = useMutation(AcceptMutation);
  const [, decline] = useMutation(DeclineMutation);
  const [, withdraw] = useMutation(WithdrawMutation);
  const [, post] = useMutation(PostMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const partner = side === 'MENTOR' ? r.mentee : r.mentor;
  const pending = r.status === 'PENDING';
  const headId = `request-${r.id}`;

  async function run(action: () => Promise<{ error?: never } | object>, errorsOf: (res: never) => FieldError[]) {
    setBusy(true);
    const res = await action();
    const errs = errorsOf(res as never);
    setErrors(errs);
    setBusy(false);
    if (!errs.length) onChange();
    return errs;
  }

  async function submitDecline(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setErrors([{ field: 'reason', code: 'REQUIRED', message: t('requests.reasonRequired') }]);
      return;
    }
    const res = await decline({ requestId: r.id, reason });
    const errs = outcomeErrors(res, res.data?.declineMentoringRequest.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setDeclining(false);
      onChange();
    }
  }

  async function submitMessage(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) return;
    const errs = await run(
      () => post({ requestId: r.id, body }),
      (res: Awaited<ReturnType<typeof post>>) =>
        outcomeErrors(res, res.data?.postMentoringRequestMessage.errors, t('state.unreachable')),
    );
    if (!errs.length) setBody('');
  }

  return (
    <li className="card" aria-labelledby={headId}>
      <div className="result-head">
        <h3 id={headId}>{t(side === 'MENTOR' ? 'requests.from' : 'requests.to', { name: partner.displayName })}</h3>
        <Badge tone={r.status}>{t(enumKey('request', r.status))}</Badge>
      </div>
      <p className="muted">
        {r.programme.name} · {t('requests.sentOn', { date: formatDate(r.sentAt) })}
        {pending && ` · ${t('requests.expires', { date: formatDate(r.expiresAt) })}`}
      </p>
      <RequestWording request={r} side={side} onChange={onChange} />
      {r.declineReason && <p>{t('requests.declinedBecause', { reason: r.declineReason })}</p>}
      {r.status === 'DECLINED' && side === 'MENTEE' && (
        <p>
          <Link to="/mentors">{t('requests.chooseAnother')}</Link>
        </p>
      )}
      {r.status === 'ACCEPTED' && relationshipId && (
        <>
          {side === 'MENTEE' && <p>{t('requests.arrangeFirst')}</p>}
          <p className="actions">
            {side === 'MENTEE' && (
              <Link className="button primary" to={`/relationships/${relationshipId}?plan=new#planned-meetings`}>
                {t('requests.proposeFirst')}
              </Link>
            )}
            <Link to={`/relationships/${relationshipId}`}>{t('requests.open')}</Link>
          </p>
        </>
      )}
      {nodesOf(r.messagesConnection).length > 0 && (
        <ol className="thread" aria-label={t('requests.thread')}>
          {nodesOf(r.messagesConnection).map((m) => (
            <li key={m.id} className={m.author.id === me ? 'mine' : undefined}>
              <strong>{m.author.displayName}</strong> <span className="muted">{formatDate(m.postedAt, true)}</span>
              <p>{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <FormErrors messages={errors.filter((e) => e.field !== 'reason').map((e) => e.message)} />
      {pending && (
        <form onSubmit={submitMessage} className="inline-form">
          <Field id={`${headId}-body`} label={t(side === 'MENTEE' ? 'requests.addToMessage' : 'requests.reply')}>
            <textarea id={`${headId}-body`} rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
          </Field>
          <button type="submit" disabled={busy || !body.trim()}>
            {t('requests.post')}
          </button>
        </form>
      )}
      {pending && side === 'MENTOR' && !declining && (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              void run(
                () => accept({ requestId: r.id }),
                (res: Awaited<ReturnType<typeof accept>>) =>
                  outcomeErrors(res, res.data?.acceptMentoringRequest.errors, t('state.unreachable')),
              )
            }
          >
            {t('requests.accept')}
          </button>
          <button type="button" className="danger" onClick={() => setDeclining(true)}>
            {t('requests.decline')}
          </button>
        </div>
      )}
      {pending && side === 'MENTOR' && declining && (
        <form onSubmit={submitDecline} noValidate>
          <Field
            id={`${headId}-reason`}
            label={t('requests.reason')}
            error={errors.find((e) => e.field === 'reason' || e.field.endsWith('.reason'))?.message}
          >
            <textarea
              id={`${headId}-reason`}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-describedby={`${headId}-reason-hint`}
            />
            <small className="hint" id={`${headId}-reason-hint`}>
              {t('requests.reasonHint')}
            </small>
          </Field>
          <div className="actions">
            <button type="submit" className="danger">
              {t('requests.confirmDecline')}
            </button>
            <button type="button" onClick={() => setDeclining(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {pending && side === 'MENTEE' && (
        <div className="actions">
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() =>
              void run(
                () => withdraw({ requestId: r.id }),
                (res: Awaited<ReturnType<typeof withdraw>>) =>
                  outcomeErrors(res, res.data?.withdrawMentoringRequest.errors, t('state.unreachable')),
              )
            }
          >
            {t('requests.withdraw')}
          </button>
        </div>
      )}
    </li>
  );
}
