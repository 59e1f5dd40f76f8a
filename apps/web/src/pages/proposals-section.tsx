/**
 * A coach's proposals on the requests screen: the mentor confirms or declines (with a reason the coach and
 * mentee are told), and sees the programme's orientation sessions while the proposal waits (a programme that
 * requires orientation refuses the confirmation until they attended); the mentee sees what was proposed and what
 * the mentor answered. Each proposal is
 * `#proposal-<id>`, where a MATCH_PROPOSED notification's link lands.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, useAuth, type FieldError } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../i18n/locale';
import { Badge, enumKey, outcomeErrors } from '../ui';
import { OrientationSection } from './orientation-section';

const ProposalsQuery = graphql(`
  query WebProposals {
    matchProposals(first: 20) {
      edges {
        node {
          id
          status
          note
          declineReason
          proposedAt
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
          coach {
            id
            displayName
          }
        }
      }
    }
  }
`);
type Proposal = ResultOf<typeof ProposalsQuery>['matchProposals']['edges'][number]['node'];

const ConfirmMutation = graphql(`
  mutation WebConfirmProposal($proposalId: ID!) {
    confirmMatchProposal(proposalId: $proposalId) {
      proposal {
        id
        status
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const DeclineMutation = graphql(`
  mutation WebDeclineProposal($proposalId: ID!, $reason: String!) {
    declineMatchProposal(proposalId: $proposalId, reason: $reason) {
      proposal {
        id
        status
        declineReason
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export function ProposalsSection() {
  const t = useT();
  const [result, retry] = useQuery({ query: ProposalsQuery });
  const refresh = () => retry({ requestPolicy: 'network-only' });
  const proposals = result.data?.matchProposals.edges.map((e) => e.node) ?? [];
  if (!proposals.length) return null;
  return (
    <section aria-labelledby="proposals-title">
      <h2 id="proposals-title">{t('proposals.title')}</h2>
      <ul className="list">
        {proposals.map((p) => (
          <ProposalCard key={p.id} proposal={p} onChange={refresh} />
        ))}
      </ul>
    </section>
  );
}

function ProposalCard({ proposal: p, onChange }: { proposal: Proposal; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const { session } = useAuth();
  const [, confirm] = useMutation(ConfirmMutation);
  const [, decline] = useMutation(DeclineMutation);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const asMentor = p.mentor.id === session?.user.id;
  const headId = `proposal-${p.id}`;

  async function confirmIt() {
    setBusy(true);
    const res = await confirm({ proposalId: p.id });
    const errs = outcomeErrors(res, res.data?.confirmMatchProposal.errors, t('state.unreachable'));
    setErrors(errs);
    setBusy(false);
    if (!errs.length) onChange();
  }

  async function submitDecline(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setErrors([{ field: 'reason', code: 'REQUIRED', message: t('requests.reasonRequired') }]);
      return;
    }
    setBusy(true);
    const res = await decline({ proposalId: p.id, reason: reason.trim() });
    const errs = outcomeErrors(res, res.data?.declineMatchProposal.errors, t('state.unreachable'));
    setErrors(errs);
    setBusy(false);
    if (!errs.length) {
      setDeclining(false);
      onChange();
    }
  }

  const reasonError = errors.find((e) => e.field === 'reason' || e.field.endsWith('.reason'))?.message;
  return (
    <li className="card" aria-labelledby={headId}>
      <div className="result-head">
        <h3 id={headId}>
          {asMentor
            ? t('proposals.forMentor', { name: p.mentee.displayName ?? '—' })
            : t('proposals.forMentee', { name: p.mentor.displayName ?? '—' })}
        </h3>
        <Badge tone={p.status}>{t(enumKey('proposals.status', p.status))}</Badge>
      </div>
      <p className="muted">
        {p.programme.name} · {t('proposals.by', { coach: p.coach.displayName ?? '—', date: formatDate(p.proposedAt) })}
      </p>
      {p.note && <blockquote className="quote">{p.note}</blockquote>}
      {p.declineReason && <p>{t('requests.declinedBecause', { reason: p.declineReason })}</p>}
      <FormErrors
        messages={errors.filter((e) => e !== undefined && !e.field.endsWith('reason')).map((e) => e.message)}
      />
      {asMentor && p.status === 'PROPOSED' && !declining && (
        <p className="row">
          <button type="button" className="primary" disabled={busy} onClick={() => void confirmIt()}>
            {t('proposals.confirm')}
          </button>
          <button type="button" disabled={busy} onClick={() => setDeclining(true)}>
            {t('proposals.decline')}
          </button>
        </p>
      )}
      {/* a programme that requires orientation refuses the confirmation until the mentor attended: its sessions */}
      {asMentor && p.status === 'PROPOSED' && <OrientationSection programmeId={p.programme.id} role="MENTOR" />}
      {asMentor && p.status === 'PROPOSED' && declining && (
        <form onSubmit={submitDecline} noValidate>
          <Field id={`${headId}-reason`} label={t('requests.reason')} error={reasonError}>
            <textarea
              id={`${headId}-reason`}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={!!reasonError}
              aria-describedby={reasonError ? `${headId}-reason-error` : undefined}
            />
          </Field>
          <p className="row">
            <button type="submit" className="danger" disabled={busy}>
              {t('proposals.declineSubmit')}
            </button>
            <button type="button" onClick={() => setDeclining(false)}>
              {t('common.cancel')}
            </button>
          </p>
        </form>
      )}
    </li>
  );
}
