/**
 * Audit log (ADMIN): the staff audit log, newest first, filtered by kind, period and person; a list of lines,
 * not a table, so it reads on a phone. A name in a line filters the log by that person.
 */
import { useState } from 'react';
import { useQuery } from 'urql';
import { Empty, Field, Pager, QueryState, usePager, DateInput } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { formatDate, formatDateTime, useT, type MessageId } from '../i18n/locale';
import { en } from '../i18n/en';

const AuditLogQuery = graphql(`
  query SecurityAuditLog($filter: SecurityAuditFilter, $after: String) {
    securityAuditLog(filter: $filter, first: 25, after: $after) {
      edges {
        node {
          id
          kind
          occurredAt
          details
          actor {
            id
            displayName
          }
          subject {
            id
            displayName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type Line = ResultOf<typeof AuditLogQuery>['securityAuditLog']['edges'][number]['node'];
type Kind = Line['kind'];
type Person = { id: string; name: string };

const KINDS: ReadonlyArray<[Kind, MessageId]> = [
  ['STAFF_SIGNED_IN', 'log.kind.STAFF_SIGNED_IN'],
  ['ROLES_CHANGED', 'log.kind.ROLES_CHANGED'],
  ['ACCOUNT_ERASED', 'log.kind.ACCOUNT_ERASED'],
  ['SUSPENSION_CHANGED', 'log.kind.SUSPENSION_CHANGED'],
  ['SECOND_FACTOR_CHANGED', 'log.kind.SECOND_FACTOR_CHANGED'],
  ['CPD_EXPORT_CREATED', 'log.kind.CPD_EXPORT_CREATED'],
  ['PERSONAL_DATA_EXPORTED', 'log.kind.PERSONAL_DATA_EXPORTED'],
  ['API_KEY_CREATED', 'log.kind.API_KEY_CREATED'],
  ['API_KEY_REVOKED', 'log.kind.API_KEY_REVOKED'],
];
type T = (id: MessageId, values?: Record<string, string | number>) => string;
const kindLabel = (t: T, k: Kind) => {
  const id = KINDS.find(([v]) => v === k)?.[1];
  return id ? t(id) : k;
};
const words = (v: unknown) =>
  String(v ?? '')
    .replace(/_/g, ' ')
    .toLowerCase();
/** A code of the details in words: its catalogue entry (`prefix` + code) when the app knows it, else lower-case words. */
const wordsOf = (t: T, prefix: string, v: unknown) => {
  const id = `${prefix}${String(v ?? '')}`;
  return id in en ? t(id as MessageId) : words(v);
};
const list = (t: T, v: unknown) => (Array.isArray(v) ? v.map((r) => wordsOf(t, 'role.', r)).join(', ') : '');

/** What happened, in one sentence from the line's details, in the language in use. */
export function describeLine(t: T, kind: Kind, d: Record<string, unknown>): string {
  switch (kind) {
    case 'STAFF_SIGNED_IN':
      return d.secondFactor
        ? t('log.signedInWith', {
            roles: list(t, d.roles) || t('log.staff'),
            factor: wordsOf(t, 'log.factor.', d.secondFactor),
          })
        : t('log.signedIn', { roles: list(t, d.roles) || t('log.staff') });
    case 'ROLES_CHANGED':
      return t(d.via === 'SSO' ? 'log.rolesViaSso' : 'log.roles', { roles: list(t, d.roles) || t('common.none') });
    case 'ACCOUNT_ERASED':
      return t('log.erased');
    case 'SUSPENSION_CHANGED':
      return d.suspended ? t('log.suspended') : t('log.reinstated');
    case 'SECOND_FACTOR_CHANGED':
      return t('log.factorChanged', { change: wordsOf(t, 'log.change.', d.change) });
    case 'CPD_EXPORT_CREATED':
      return t('log.export', {
        format: wordsOf(t, 'audit.format.', d.format),
        from: formatDate(String(d.from ?? '')),
        to: formatDate(String(d.to ?? '')),
      });
    case 'PERSONAL_DATA_EXPORTED':
      return t('log.personalData');
    case 'API_KEY_CREATED':
    case 'API_KEY_REVOKED':
      return t(kind === 'API_KEY_CREATED' ? 'log.apiKeyCreated' : 'log.apiKeyRevoked', {
        name: String(d.name ?? ''),
        prefix: String(d.prefix ?? ''),
        organisation: String(d.organizationName ?? ''),
        requestsPerMinute: Number(d.requestsPerMinute ?? 0),
      });
    default:
      return '';
  }
}

const when = (iso: string) => `${formatDateTime(iso, { timeZone: 'UTC' })} UTC`;

export function AuditLogPage() {
  const pager = usePager();
  const t = useT();
  const [kind, setKind] = useState<Kind | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [actor, setActor] = useState<Person | null>(null);
  const [subject, setSubject] = useState<Person | null>(null);
  const [result, reexecute] = useQuery({
    query: AuditLogQuery,
    variables: {
      filter: {
        kind: kind || null,
        from: from ? `${from}T00:00:00.000Z` : null,
        to: to ? `${to}T23:59:59.999Z` : null,
        actorId: actor?.id ?? null,
        subjectId: subject?.id ?? null,
      },
      after: pager.after,
    },
  });
  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      pager.reset();
    };
  return (
    <section>
      <h1>{t('nav.auditLog')}</h1>
      <p className="muted">{t('log.lead')}</p>
      <div className="filters">
        <Field id="log-kind" label={t('log.what')}>
          <select id="log-kind" value={kind} onChange={(e) => change(setKind)(e.target.value as Kind | '')}>
            <option value="">{t('log.everything')}</option>
            {KINDS.map(([v, l]) => (
              <option key={v} value={v}>
                {t(l)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="log-from" label={t('audit.from')}>
          <DateInput id="log-from" value={from} onChange={(e) => change(setFrom)(e.target.value)} />
        </Field>
        <Field id="log-to" label={t('audit.to')}>
          <DateInput id="log-to" value={to} onChange={(e) => change(setTo)(e.target.value)} />
        </Field>
      </div>
      {(actor || subject) && (
        <p className="audit-log-people">
          {actor && (
            <button type="button" className="link" onClick={() => change(setActor)(null)}>
              {t('log.doneBy', { name: actor.name })}
            </button>
          )}
          {subject && (
            <button type="button" className="link" onClick={() => change(setSubject)(null)}>
              {t('log.about', { name: subject.name })}
            </button>
          )}
        </p>
      )}
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) =>
          data.securityAuditLog.edges.length === 0 ? (
            <Empty>{t('log.none')}</Empty>
          ) : (
            <>
              <ul className="audit-log">
                {data.securityAuditLog.edges.map(({ node }) => (
                  <AuditLine key={node.id} line={node} onActor={change(setActor)} onSubject={change(setSubject)} />
                ))}
              </ul>
              <Pager
                pager={pager}
                hasNextPage={data.securityAuditLog.pageInfo.hasNextPage}
                endCursor={data.securityAuditLog.pageInfo.endCursor}
              />
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function AuditLine({
  line,
  onActor,
  onSubject,
}: {
  line: Line;
  onActor: (p: Person) => void;
  onSubject: (p: Person) => void;
}) {
  const t = useT();
  const actor = line.actor ? { id: line.actor.id, name: line.actor.displayName ?? t('thread.someone') } : null;
  const subject = line.subject ? { id: line.subject.id, name: line.subject.displayName ?? t('thread.someone') } : null;
  const details = (line.details ?? {}) as Record<string, unknown>;
  return (
    <li className="card">
      <div className="audit-log-head">
        <strong>{kindLabel(t, line.kind)}</strong>
        <time dateTime={line.occurredAt as string}>{when(line.occurredAt as string)}</time>
      </div>
      <p>{describeLine(t, line.kind, details)}</p>
      <p className="muted">
        {t('log.by')}{' '}
        {actor ? (
          <button type="button" className="link" onClick={() => onActor(actor)}>
            {actor.name}
          </button>
        ) : (
          t('log.unrecorded')
        )}
        {subject && subject.id !== actor?.id && (
          <>
            {t('log.aboutSep')}{' '}
            <button type="button" className="link" onClick={() => onSubject(subject)}>
              {subject.name}
            </button>
          </>
        )}
      </p>
    </li>
  );
}
