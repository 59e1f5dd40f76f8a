/**
 * A person's planned meetings as an iCalendar feed (RFC 5545, built with ical-generator): one VEVENT per plan with
 * the plan's one UID (the same as in the email invitations) and its SEQUENCE, times as UTC instants with the zone
 * it was planned in named in the description, where or how it is held, and the agenda.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { meetingPlanUid } from '@tandem/contracts';
import type { FeedPlanRow } from './calendar-feed.repository';

const MODE: Record<FeedPlanRow['mode'], string> = { IN_PERSON: 'In person', VIDEO: 'Video call', PHONE: 'Phone call' };

/** The feed's text; `link(plan)` is the plan's page in the participant app. */
export function feedCalendar(plans: FeedPlanRow[], link: (plan: FeedPlanRow) => string, now: Date): string {
  const calendar = ical({
    name: 'Tandem mentoring meetings',
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'Tandem', product: 'meeting-feed', language: 'EN' },
    // calendar apps poll a subscribed feed at their own pace; this asks for about every hour
    ttl: 3600,
  });
  for (const p of plans) {
    calendar.createEvent({
      id: meetingPlanUid(p.id),
      sequence: p.sequence,
      stamp: now,
      lastModified: p.updatedAt,
      start: p.startsAt,
      end: p.endsAt,
      summary: 'Mentoring meeting',
      location: p.place ?? p.videoUrl ?? MODE[p.mode],
      url: link(p),
      description: [
        `${MODE[p.mode]}, planned in ${p.timeZone}.`,
        ...(p.videoUrl ? [`Video link: ${p.videoUrl}`] : []),
        ...(p.place ? [`Place: ${p.place}`] : []),
        ...(p.agenda.length ? ['', 'Agenda:', ...p.agenda.map((a) => `- ${a}`)] : []),
        '',
        link(p),
      ].join('\n'),
      status: p.status === 'ACCEPTED' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
    });
  }
  return calendar.toString();
}
