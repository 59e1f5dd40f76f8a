/**
 * Opening an audit cycle: its period, sample, strategy and scope (one programme, one organisation's programmes,
 * or every programme), with a seed the platform draws unless the auditor gives one; and the names of scopes.
 */
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@tandem/ui/graphql';
import { Field, FormErrors, fieldErrors, type FieldError, DateInput } from '@tandem/ui';
import { useT } from '../i18n/locale';

const OpenAuditMutation = graphql(`
  mutation OpenAuditCycle($input: OpenAuditCycleInput!) {
    openAuditCycle(input: $input) {
      audit {
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

const AuditScopesQuery = graphql(`
  query AuditScopes {
    programmes(first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
    organizationsConnection(first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/** The programmes and organisations a cycle can be scoped to, and the words for a cycle's scope. */
export function useAuditScopes() {
  const [result] = useQuery({ query: AuditScopesQuery });
  const programmes = result.data?.programmes.edges.map((e) => e.node) ?? [];
  const organizations = result.data?.organizationsConnection.edges.map((e) => e.node) ?? [];
  const t = useT();
  const describe = (scope: { programmeId?: string | null; organizationId?: string | null }) => {
    if (scope.programmeId)
      return t('audit.scopeProgramme', {
        name: programmes.find((p) => p.id === scope.programmeId)?.name ?? t('audit.oneProgramme'),
      });
    if (scope.organizationId)
      return t('audit.scopeOrganisation', {
        name: organizations.find((o) => o.id === scope.organizationId)?.name ?? t('audit.oneOrganisation'),
      });
    return t('audit.every');
  };
  return { programmes, organizations, describe };
}

export function OpenAuditForm() {
  const navigate = useNavigate();
  const scopes = useAuditScopes();
  const t = useT();
  const year = new Date().getUTCFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(new Date().toISOString().slice(0, 10));
  const [sampleRate, setSampleRate] = useState('10');
  const [seed, setSeed] = useState('');
  const [scope, setScope] = useState('');
  const [strategy, setStrategy] = useState<'UNIFORM' | 'STRATIFIED_BY_PROGRAMME' | 'RISK_WEIGHTED'>(
    'STRATIFIED_BY_PROGRAMME',
  );
  const [dueInDays, setDueInDays] = useState('30');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [state, open] = useMutation(OpenAuditMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const [kind, id] = scope.split(':');
    const res = await open({
      input: {
        from,
        to,
        sampleRate: Number(sampleRate) / 100,
        seed: seed.trim() ? seed : null,
        strategy,
        dueInDays: dueInDays ? Number(dueInDays) : null,
        programmeId: kind === 'programme' ? id : null,
        organizationId: kind === 'organization' ? id : null,
      },
    });
    const out = res.data?.openAuditCycle;
    if (!out)
      return setErrors([
        { field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? t('audit.openFailed') },
      ]);
    setErrors([...out.errors]);
    if (out.audit) void navigate(`/audits/${out.audit.id}`);
  }

  const { byField, other } = fieldErrors(errors, [
    'from',
    'to',
    'sampleRate',
    'seed',
    'strategy',
    'dueInDays',
    'programmeId',
    'organizationId',
  ]);
  const scopeError = byField.programmeId ?? byField.organizationId;
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="open-audit">
      <h2 id="open-audit">{t('audit.open')}</h2>
      <FormErrors messages={other} />
      <div className="filters">
        <Field id="a-scope" label={t('audit.scope')} error={scopeError}>
          <select id="a-scope" value={scope} onChange={(e) => setScope(e.target.value)} aria-invalid={!!scopeError}>
            <option value="">{t('audit.every')}</option>
            <optgroup label={t('rel.organisation')}>
              {scopes.organizations.map((o) => (
                <option key={o.id} value={`organization:${o.id}`}>
                  {o.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('common.programme')}>
              {scopes.programmes.map((p) => (
                <option key={p.id} value={`programme:${p.id}`}>
                  {p.name}
                </option>
              ))}
            </optgroup>
          </select>
        </Field>
        <Field id="a-from" label={t('audit.from')} error={byField.from}>
          <DateInput id="a-from" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={!!byField.from} />
        </Field>
        <Field id="a-to" label={t('audit.to')} error={byField.to}>
          <DateInput id="a-to" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={!!byField.to} />
        </Field>
        <Field id="a-rate" label={t('audit.rate')} error={byField.sampleRate}>
          <input
            id="a-rate"
            type="number"
            min={1}
            max={100}
            value={sampleRate}
            onChange={(e) => setSampleRate(e.target.value)}
            aria-invalid={!!byField.sampleRate}
          />
        </Field>
        <Field id="a-strategy" label={t('audit.sampling')} error={byField.strategy}>
          <select id="a-strategy" value={strategy} onChange={(e) => setStrategy(e.target.value as typeof strategy)}>
            <option value="STRATIFIED_BY_PROGRAMME">{t('audit.strategy.STRATIFIED_BY_PROGRAMME')}</option>
            <option value="UNIFORM">{t('audit.strategy.UNIFORM')}</option>
            <option value="RISK_WEIGHTED">{t('audit.strategy.RISK_WEIGHTED')}</option>
          </select>
        </Field>
        <Field id="a-seed" label={t('audit.seed')} error={byField.seed}>
          <input id="a-seed" value={seed} onChange={(e) => setSeed(e.target.value)} aria-invalid={!!byField.seed} />
        </Field>
        <Field id="a-due" label={t('audit.dueInDays')} error={byField.dueInDays}>
          <input
            id="a-due"
            type="number"
            min={1}
            value={dueInDays}
            onChange={(e) => setDueInDays(e.target.value)}
            aria-invalid={!!byField.dueInDays}
          />
        </Field>
      </div>
      <button type="submit" className="primary" disabled={state.fetching}>
        {t('audit.openSubmit')}
      </button>
    </form>
  );
}
