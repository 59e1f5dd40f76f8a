/** Progress against the programme's terms: confirmed hours and meetings, pace, what does not count. */
import { useFormatDate, useT } from '../../i18n/locale';
import { Badge, enumKey } from '../../ui';
import { Section } from './section';
import type { Relationship } from './relationship-query';

export function Progress({ r }: { r: Relationship }) {
  const t = useT();
  const formatDate = useFormatDate();
  const p = r.progress;
  const percent = Math.round(p.achievedShare * 100);
  return (
    <Section id="progress" title={t('rel.progress')}>
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={t('rel.progressLabel')}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <p>
        {t('rel.progressLine', {
          hours: p.confirmedHours,
          target: r.terms.targetHours,
          meetings: p.confirmedMeetings,
          minMeetings: r.terms.minMeetings,
        })}
      </p>
      <p className="muted">
        {t(r.terms.hoursOrMeetings ? 'programmes.termsOr' : 'programmes.termsAnd', {
          hours: r.terms.targetHours,
          meetings: r.terms.minMeetings,
          weeks: r.terms.durationWeeks,
        })}{' '}
        {r.plannedEndOn && t('rel.endsOn', { date: formatDate(r.plannedEndOn) })}
      </p>
      {p.pace && <Badge tone={p.pace}>{t(enumKey('pace', p.pace))}</Badge>}
      {p.termsMet && <p className="state state-success">{t('rel.termsMet')}</p>}
      {p.awaitingConfirmation > 0 && <p>{t('home.awaiting', { count: p.awaitingConfirmation })}</p>}
      {p.notCountingMeetings > 0 && (
        <p className="state state-info">{t('rel.notCounting', { count: p.notCountingMeetings })}</p>
      )}
    </Section>
  );
}
