/**
 * Evidence › Credentials: the Open Badges 3.0 credentials the person's organisations issued them (programme, role,
 * period, confirmed hours), each to download as a JSON file (a W3C Verifiable Credential, signed by the
 * organisation) and to share; a revoked one says so, with the reason.
 */
import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../i18n/locale';
import { Badge, Query, enumKey, saveBlob } from '../ui';
import { CredentialRequests } from './credential-requests';

const CredentialsQuery = graphql(`
  query WebCredentials {
    myCredentials {
      id
      role
      programmeName
      organizationName
      periodFrom
      periodTo
      hours
      meetings
      issuedAt
      revokedAt
      revokeReason
      json
    }
  }
`);
type Credential = ResultOf<typeof CredentialsQuery>['myCredentials'][number];

const fileName = (c: Credential) =>
  `open-badge-${c.programmeName.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-${c.id.slice(0, 8)}.json`;

export function CredentialsSection() {
  const t = useT();
  const [result, retry] = useQuery({ query: CredentialsQuery });
  return (
    <section id="credentials" className="card" aria-labelledby="credentials-title" tabIndex={-1}>
      <h2 id="credentials-title">{t('credentials.title')}</h2>
      <p className="muted">{t('credentials.lead')}</p>
      <Query {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
        {({ myCredentials }) =>
          myCredentials.length ? (
            <ul className="list">
              {myCredentials.map((c) => (
                <CredentialItem key={c.id} credential={c} />
              ))}
            </ul>
          ) : (
            <p className="state state-empty">{t('credentials.none')}</p>
          )
        }
      </Query>
      <CredentialRequests onIssuedChange={() => retry({ requestPolicy: 'network-only' })} />
    </section>
  );
}

function CredentialItem({ credential: c }: { credential: Credential }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [done, setDone] = useState<string | null>(null);
  const headId = `credential-${c.id}-title`;
  const file = () => new Blob([c.json], { type: 'application/json' });

  function download() {
    saveBlob(file(), fileName(c));
    setDone(t('credentials.saved', { name: fileName(c) }));
  }

  async function share() {
    const shared = new File([file()], fileName(c), { type: 'application/json' });
    try {
      if (navigator.canShare?.({ files: [shared] })) {
        await navigator.share({
          files: [shared],
          title: t('credentials.name', { role: t(enumKey('credentials.role', c.role)), programme: c.programmeName }),
        });
        setDone(t('credentials.shared'));
      } else {
        await navigator.clipboard.writeText(c.json);
        setDone(t('credentials.copied'));
      }
    } catch {
      setDone(null);
    }
  }

  return (
    <li className="item" id={`credential-${c.id}`} aria-labelledby={headId}>
      <div className="result-head">
        <h3 id={headId}>
          {t('credentials.name', { role: t(enumKey('credentials.role', c.role)), programme: c.programmeName })}
        </h3>
        {c.revokedAt ? (
          <Badge tone="pending">{t('credentials.revoked')}</Badge>
        ) : (
          <Badge tone="active">{t('credentials.valid')}</Badge>
        )}
      </div>
      <dl className="facts">
        <dt>{t('credentials.issuer')}</dt>
        <dd>{c.organizationName}</dd>
        <dt>{t('credentials.period')}</dt>
        <dd>{t('credentials.periodValue', { from: formatDate(c.periodFrom), to: formatDate(c.periodTo) })}</dd>
        <dt>{t('credentials.hours')}</dt>
        <dd>{t('credentials.hoursValue', { hours: c.hours, meetings: c.meetings })}</dd>
        <dt>{t('credentials.issuedOn')}</dt>
        <dd>{formatDate(c.issuedAt)}</dd>
      </dl>
      {c.revokedAt && (
        <p className="quote">
          {t('credentials.revokedWhy', { date: formatDate(c.revokedAt), reason: c.revokeReason ?? '' })}
        </p>
      )}
      {done && (
        <p className="state state-success" role="status">
          {done}
        </p>
      )}
      <p className="row">
        <button type="button" onClick={download}>
          {t('credentials.download')}
        </button>
        <button type="button" onClick={() => void share()} disabled={!!c.revokedAt}>
          {t('credentials.share')}
        </button>
      </p>
    </li>
  );
}
