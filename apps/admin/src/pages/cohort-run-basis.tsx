/**
 * What a cohort matching run used: when it read the cohort, how many mentees and mentors, and a warning when
 * approvals, enrolments or profile changes were still on their way to matching (a just-approved mentor may be
 * missing from it: run it again shortly).
 */
export interface CohortRunBasisData {
  readAt: string;
  mentees: number;
  mentors: number;
  updatesArriving: number | null;
  oldestUpdateAt: string | null;
}

const when = (iso: string) => new Date(iso).toLocaleString('en-CA', { dateStyle: 'medium', timeStyle: 'short' });
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function CohortRunBasis({ basis }: { basis: CohortRunBasisData | null }) {
  if (!basis) return <p className="muted">This run was made before runs recorded the data they used.</p>;
  return (
    <>
      <p className="muted">
        Data as of {when(basis.readAt)}: {plural(basis.mentees, 'mentee', 'mentees')} and{' '}
        {plural(basis.mentors, 'approved mentor', 'approved mentors')} of the programme.
      </p>
      {basis.updatesArriving === null ? (
        <p className="state state-info" role="status">
          Whether approvals or enrolments were still arriving could not be checked: if someone was just approved or
          enrolled, run it again in a minute.
        </p>
      ) : basis.updatesArriving > 0 ? (
        <p className="state state-error" role="status">
          {plural(basis.updatesArriving, 'update', 'updates')} (approvals, enrolments, profile or relationship changes
          {basis.oldestUpdateAt ? `, the oldest from ${when(basis.oldestUpdateAt)}` : ''}) had not reached matching when
          it ran: a just-approved mentor or just-enrolled mentee may be missing. Run it again in a moment.
        </p>
      ) : null}
    </>
  );
}
