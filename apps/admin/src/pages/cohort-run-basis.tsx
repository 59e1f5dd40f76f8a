/**
 * What a cohort matching run used: when it read the cohort, how many mentees and mentors, and a warning when
 * approvals, enrolments or profile changes were still on their way to matching (a just-approved mentor may be
 * missing from it: run it again shortly).
 */
import { formatDateTime, useT } from '../i18n/locale';

export interface CohortRunBasisData {
  readAt: string;
  mentees: number;
  mentors: number;
  updatesArriving: number | null;
  oldestUpdateAt: string | null;
}

export function CohortRunBasis({ basis }: { basis: CohortRunBasisData | null }) {
  const t = useT();
  if (!basis) return <p className="muted">{t('basis.none')}</p>;
  return (
    <>
      <p className="muted">
        {t('basis.dataAsOf', { date: formatDateTime(basis.readAt), mentees: basis.mentees, mentors: basis.mentors })}
      </p>
      {basis.updatesArriving === null ? (
        <p className="state state-info" role="status">
          {t('basis.unknown')}
        </p>
      ) : basis.updatesArriving > 0 ? (
        <p className="state state-error" role="status">
          {basis.oldestUpdateAt
            ? t('basis.arrivingSince', {
                count: basis.updatesArriving,
                date: formatDateTime(basis.oldestUpdateAt),
              })
            : t('basis.arriving', { count: basis.updatesArriving })}
        </p>
      ) : null}
    </>
  );
}
