/**
 * What a selected member sent for their audit, on the auditor's selection card: their answer and their supporting
 * documents, each downloaded through the gateway with the auditor's session (an attachment; the platform checks
 * its SHA-256 before serving it).
 */
import { useState } from 'react';
import { saveSessionFile, useAuth } from '@tandem/ui';
import { formatDate, useT } from '../i18n/locale';

export interface MemberEvidence {
  memberAnswer: string | null;
  answeredAt: unknown;
  documents: ReadonlyArray<{
    id: string;
    filename: string;
    sizeBytes: number;
    uploadedAt: unknown;
    downloadPath: string;
  }> | null;
}

export function AuditMemberEvidence({ name, evidence }: { name: string; evidence: MemberEvidence }) {
  const t = useT();
  const { store } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const docs = evidence.documents ?? [];

  async function download(d: { filename: string; downloadPath: string }) {
    setError(null);
    const failed = await saveSessionFile(d.downloadPath, await store.accessToken(), d.filename);
    if (failed) setError(failed === 'CHECKSUM_MISMATCH' ? t('auditEvidence.tampered') : t('auditEvidence.failed'));
  }

  if (evidence.documents === null && !evidence.memberAnswer) return null;
  return (
    <section aria-label={t('auditEvidence.title', { name })}>
      <h3>{t('auditEvidence.title', { name })}</h3>
      {evidence.memberAnswer ? (
        <p>
          <span className="muted">
            {t('auditEvidence.answer', { date: formatDate(String(evidence.answeredAt).slice(0, 10)) })}
          </span>{' '}
          {evidence.memberAnswer}
        </p>
      ) : (
        <p className="muted">{t('auditEvidence.noAnswer')}</p>
      )}
      {docs.length === 0 ? (
        <p className="muted">{t('auditEvidence.none')}</p>
      ) : (
        <ul>
          {docs.map((d) => (
            <li key={d.id}>
              <button
                type="button"
                className="link"
                onClick={() => void download(d)}
                aria-label={t('auditEvidence.download', { filename: d.filename })}
              >
                {t('auditEvidence.document', {
                  filename: d.filename,
                  kb: Math.max(1, Math.round(d.sizeBytes / 1024)),
                  date: formatDate(String(d.uploadedAt).slice(0, 10)),
                })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
