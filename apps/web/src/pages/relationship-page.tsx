/**
 * One relationship's workspace for a partner: the partner's contact details, progress against the
 * programme's terms, help for the stage it is at (learning resources), the agreement (draft, read, sign each version),
 * SMART goals, meetings planned ahead (propose, answer, reschedule, cancel, add to calendar), the meeting log (log,
 * confirm or dispute what the other logged; what counts and why not), messages between the two, the action plan,
 * the coach's pulse check-in (answered at the top of the page),
 * and how it ends (completion by both, withdrawal, continuing, feedback).
 */
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { useLiveRefresh } from '@tandem/ui';
import { useT } from '../i18n/locale';
import { Badge, Page, Query, enumKey } from '../ui';
import { ActionPlanSection } from './relationship/action-plan-section';
import { AgreementSection } from './relationship/agreement-section';
import { ClosingSection } from './relationship/closing-section';
import { Contact } from './relationship/contact-section';
import { Goals } from './relationship/goals-section';
import { LearningSection } from './relationship/learning-section';
import { Meetings } from './relationship/meetings-section';
import { PlannedMeetings } from './relationship/planned-meetings-section';
import { CoachThread, Messages } from './relationship/messages-section';
import { Progress } from './relationship/progress-section';
import { PulseCard } from './relationship/pulse-section';
import { RelationshipQuery } from './relationship/relationship-query';

export function RelationshipPage() {
  const { id = '' } = useParams();
  const t = useT();
  const [result, retry] = useQuery({ query: RelationshipQuery, variables: { id } });
  const refresh = () => retry({ requestPolicy: 'network-only' });
  // messages (and what the pair's events change) appear without a reload; polled while live updates are unavailable
  useLiveRefresh((s) => s.kind !== 'NOTIFICATION' && s.id === id, refresh);
  return (
    <Query {...result} retry={refresh}>
      {({ relationship: r, me }) => {
        const partner = r.viewerRole === 'MENTOR' ? r.mentee : r.mentor;
        return (
          <Page
            title={t(r.viewerRole === 'MENTOR' ? 'home.withMentee' : 'home.withMentor', {
              name: partner.displayName ?? '',
            })}
            lead={
              <>
                {r.programmeName} · <Badge tone={r.status}>{t(enumKey('relationship', r.status))}</Badge>
              </>
            }
          >
            <nav className="jump" aria-label={t('rel.sections')}>
              <a href="#contact">{t('rel.contact')}</a>
              <a href="#progress">{t('rel.progress')}</a>
              <a href="#learning">{t('learning.title')}</a>
              <a href="#agreement">{t('rel.agreement')}</a>
              <a href="#action-plan">{t('plan.title')}</a>
              <a href="#goals">{t('rel.goals')}</a>
              <a href="#planned-meetings">{t('planned.jump')}</a>
              <a href="#meetings">{t('rel.meetings')}</a>
              <a href="#messages">{t('rel.messages')}</a>
              {r.coachThread ? <a href="#coach-thread">{t('rel.coachThread')}</a> : null}
              <a href="#closing">{t('closing.jump')}</a>
            </nav>
            <PulseCard r={r} me={me.id} onChange={refresh} />
            <Contact r={r} />
            <Progress r={r} />
            <LearningSection relationshipId={r.id} />
            <AgreementSection r={r} onChange={refresh} />
            <ActionPlanSection relationshipId={r.id} />
            <Goals r={r} onChange={refresh} />
            <PlannedMeetings relationshipId={r.id} />
            <Meetings r={r} me={me.id} onChange={refresh} />
            <Messages r={r} me={me.id} onChange={refresh} />
            <CoachThread r={r} me={me.id} onChange={refresh} />
            <ClosingSection relationshipId={r.id} onChange={refresh} />
          </Page>
        );
      }}
    </Query>
  );
}
