/**
 * The public verification page of a letter the organisation issued (/verify/<reference>, the letter's QR code):
 * what the letter states, who issued it and when, whether it was revoked; anyone can drop the PDF to check that it
 * is unaltered (its SHA-256, computed in the browser, compared with the hash recorded at issue). No sign-in.
 */
import { useState, type ChangeEvent } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../i18n/locale';
import { AccountFrame } from './account-frame';

const VerificationQuery = graphql(`
  query WebLetterVerification($reference: String!) {
    letterVerification(reference: $reference) {
      reference
      status
      personName
      organizationName
      programmeName
      periodFrom
      periodTo
      hours
      meetings
      signatoryName
      signatoryRole
      issuedAt
      sha256
      revokedAt
      revokeReason
    }
  }
`);

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function VerifyLetterPage() {
  const t = useT();
  const formatDate = useFormatDate();
  const { reference = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: VerificationQuery, variables: { reference } });
  const [check, setCheck] = useState<'match' | 'mismatch' | null>(null);
  const letter = data?.letterVerification;

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file || !letter) return setCheck(null);
    setCheck((await sha256Hex(file)) === letter.sha256 ? 'match' : 'mismatch');
  }

  return (
    <AccountFrame titleId="verify-title">
      <section className="card" aria-labelledby="verify-title">
        <h1 id="verify-title">{t('verify.title')}</h1>
        {fetching && <p role="status">{t('state.loading')}</p>}
        {error && (
          <p className="state state-error" role="alert">
            {t('state.unreachable')}
          </p>
        )}
        {!fetching && !error && !letter && (
          <p className="state state-error" role="alert">
            {t('verify.unknown', { reference })}
          </p>
        )}
        {letter && (
          <>
            {letter.status === 'REVOKED' ? (
              <p className="state state-error" role="alert">
                {t('verify.revoked', {
                  date: letter.revokedAt ? formatDate(letter.revokedAt) : '',
                  reason: letter.revokeReason ?? '',
                })}
              </p>
            ) : (
              <p className="state state-success" role="status">
                {t('verify.valid')}
              </p>
            )}
            <dl>
              <dt>{t('verify.reference')}</dt>
              <dd>{letter.reference}</dd>
              <dt>{t('verify.states')}</dt>
              <dd>
                {t('verify.statement', {
                  person: letter.personName,
                  hours: letter.hours,
                  meetings: letter.meetings,
                  programme: letter.programmeName,
                  from: formatDate(letter.periodFrom),
                  to: formatDate(letter.periodTo),
                })}
              </dd>
              <dt>{t('verify.issuedBy')}</dt>
              <dd>
                {t('verify.signatory', {
                  name: letter.signatoryName,
                  role: letter.signatoryRole,
                  organization: letter.organizationName,
                  date: formatDate(letter.issuedAt),
                })}
              </dd>
            </dl>
            <label htmlFor="verify-file">{t('verify.dropLabel')}</label>
            <input id="verify-file" type="file" accept="application/pdf" onChange={(e) => void onFile(e)} />
            <div aria-live="polite">
              {check === 'match' && <p className="state state-success">{t('verify.match')}</p>}
              {check === 'mismatch' && <p className="state state-error">{t('verify.mismatch')}</p>}
            </div>
          </>
        )}
      </section>
    </AccountFrame>
  );
}
