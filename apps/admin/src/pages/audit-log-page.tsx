/**
 * Audit log (ADMIN): the staff audit log, newest first, filtered by kind, period and person; a list of lines,
 * not a table, so it reads on a phone. A name in a line filters the log by that person.
 */
import { useState } from 'react';
import { useQuery } from 'urql';
import { Empty, Field, Pager, QueryState, usePager } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';

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

const KINDS: ReadonlyArray<[Kind, string]> = [
  ['STAFF_SIGNED_IN', 'Staff sign-in'],
  ['ROLES_CHANGED', 'Roles changed'],
  ['ACCOUNT_ERASED', 'Account erased'],
  ['SUSPENSION_CHANGED', 'Suspension'],
  ['SECOND_FACTOR_CHANGED', 'Second factor'],
  ['CPD_EXPORT_CREATED', 'CPD export'],
  ['PERSONAL_DATA_EXPORTED', 'Personal data export'],
];
const kindLabel = (k: Kind) => KINDS.find(([v]) => v === k)?.[1] ?? k;
const words = (v: unknown) =>
  String(v ?? '')
    .replace(/_/g, ' ')
    .toLowerCase();
const list = (v: unknown) => (Array.isArray(v) ? v.map(words).join(', ') : '');

/** What happened, in one sentence from the line's details. */
export function describeLine(kind: Kind, d: Record<string, unknown>): string {
  switch (kind) {
    case 'STAFF_SIGNED_IN':
      return `Signed in as ${list(d.roles) || 'staff'}${d.secondFactor ? ` with ${words(d.secondFactor)}` : ''}.`;
    case 'ROLES_CHANGED':
      return `Roles are now: ${list(d.roles) || 'none'}.`;
    case 'ACCOUNT_ERASED':
      return 'Account erased.';
    case 'SUSPENSION_CHANGED':
      return d.suspended ? 'Account suspended.' : 'Account reinstated.';
    case 'SECOND_FACTOR_CHANGED':
      return `Second factor ${words(d.change)}.`;
    case 'CPD_EXPORT_CREATED':
      return `${words(d.format)} for ${String(d.from ?? '')} – ${String(d.to ?? '')}.`;
    case 'PERSONAL_DATA_EXPORTED':
      return 'Personal data exported.';
    default:
      return '';
  }
}

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

export function AuditLogPage() {
  const pager = usePager();
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
      <h1>Audit log</h1>
      <p className="muted">
        Staff sign-ins, role changes, erasures, suspensions, second-factor changes and exports made by staff. Lines are
        never changed or removed. Select a name to see only that person’s lines.
      </p>
      <div className="filters">
        <Field id="log-kind" label="What">
          <select id="log-kind" value={kind} onChange={(e) => change(setKind)(e.target.value as Kind | '')}>
            <option value="">Everything</option>
            {KINDS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </Field>
        <Field id="log-from" label="From">
          <input id="log-from" type="date" value={from} onChange={(e) => change(setFrom)(e.target.value)} />
        </Field>
        <Field id="log-to" label="To">
          <input id="log-to" type="date" value={to} onChange={(e) => change(setTo)(e.target.value)} />
        </Field>
      </div>
      {(actor || subject) && (
        <p className="audit-log-people">
          {actor && (
            <button type="button" className="link" onClick={() => change(setActor)(null)}>
              Done by {actor.name} ✕
            </button>
          )}
          {subject && (
            <button type="button" className="link" onClick={() => change(setSubject)(null)}>
              About {subject.name} ✕
            </button>
          )}
        </p>
      )}
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) =>
          data.securityAuditLog.edges.length === 0 ? (
            <Empty>No lines match.</Empty>
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
  const actor = line.actor ? { id: line.actor.id, name: line.actor.displayName ?? 'Someone' } : null;
  const subject = line.subject ? { id: line.subject.id, name: line.subject.displayName ?? 'Someone' } : null;
  const details = (line.details ?? {}) as Record<string, unknown>;
  return (
    <li className="card">
      <div className="audit-log-head">
        <strong>{kindLabel(line.kind)}</strong>
        <time dateTime={line.occurredAt as string}>{when(line.occurredAt as string)}</time>
      </div>
      <p>{describeLine(line.kind, details)}</p>
      <p className="muted">
        {'By '}
        {actor ? (
          <button type="button" className="link" onClick={() => onActor(actor)}>
            {actor.name}
          </button>
        ) : (
          'an unrecorded actor'
        )}
        {subject && subject.id !== actor?.id && (
          <>
            {', about '}
            <button type="button" className="link" onClick={() => onSubject(subject)}>
              {subject.name}
            </button>
          </>
        )}
      </p>
    </li>
  );
}
