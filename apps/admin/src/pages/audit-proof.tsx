/**
 * The proof of a cycle's selection, for the body or a member to check: the commitment, the revealed seed, the
 * population the draw read and the people selected, as a JSON file (recipe: reporting's README, "Checking a
 * selection").
 */
import { useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '@tandem/ui/graphql';
import { useT } from '../i18n/locale';

const AuditProofQuery = graphql(`
  query AuditProof($id: ID!) {
    audit(id: $id) {
      id
      from
      to
      programmeId
      organizationId
      strategy
      sampleRate
      seedCommitment
      seed
      population
      populationMembers {
        personId
        programmeId
        riskScore
        selected
      }
    }
  }
`);

export function SelectionProof({ auditId }: { auditId: string }) {
  const client = useClient();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  async function download() {
    setBusy(true);
    setMessage(null);
    const res = await client.query(AuditProofQuery, { id: auditId }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    const audit = res.data?.audit;
    if (!audit) return setMessage(res.error?.graphQLErrors[0]?.message ?? t('audit.proofFailed'));
    if (!audit.populationMembers) return setMessage(t('audit.proofOld'));
    const proof = {
      ...audit,
      selected: audit.populationMembers.filter((m) => m.selected).map((m) => m.personId),
      recipe: 'Tandem reporting README, "Checking a selection (commit-reveal)"',
    };
    const url = URL.createObjectURL(new Blob([JSON.stringify(proof, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `audit-${audit.id}-selection-proof.json`;
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <div className="actions">
      <button type="button" disabled={busy} onClick={() => void download()}>
        {t('audit.proof')}
      </button>
      {message && (
        <span className="field-error" role="alert">
          {message}
        </span>
      )}
    </div>
  );
}
