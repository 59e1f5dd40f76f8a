/**
 * A planned meeting's calendar invitation, attached to the partners' emails (issue 20): iCalendar (RFC 5545/5546,
 * built with ical-generator) with METHOD:REQUEST for an accepted or moved meeting and METHOD:CANCEL for one called
 * off, the plan's one UID throughout and its SEQUENCE (which grows with every change), so calendar apps update or
 * remove the event they hold. Times are UTC instants; the zone the meeting was planned in is named
 * (X-WR-TIMEZONE, and in the description). Tandem is the organiser (its sending address), the partners attendees
 * who need not reply: answers are given in Tandem.
 */
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { meetingPlanUid, type MeetingMode } from '@tandem/contracts';
import type { Language } from '../language/language';
import { message } from './notification.messages';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

/** What an invitation says: the plan as the event told it, and who takes part. */
export interface MeetingInvitation {
  method: CalendarMethod;
  /** Moved and awaiting the other partner's answer: the calendar holds it as tentative until then. */
  tentative?: boolean;
  planId: string;
  sequence: number;
  startsAt: string;
  durationMinutes: number;
  timeZone: string;
  mode: MeetingMode | null;
  place: string | null;
  videoUrl: string | null;
  agenda: string[];
  /** The other partner's name, for the summary (null: unknown here). */
  partnerName: string | null;
  attendees: Array<{ name: string; email: string }>;
  organizer: { name: string; email: string };
  /** The plan's page in the participant app. */
  link: string;
}

/** The invitation's iCalendar text, its words in `language`. */
export function invitationCalendar(language: Language, inv: MeetingInvitation, now: Date): string {
  const start = new Date(inv.startsAt);
  const calendar = ical({
    method: inv.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    prodId: { company: 'Tandem', product: 'meeting-invitations', language: language === 'fr-CA' ? 'FR' : 'EN' },
  });
  // the zone the meeting was planned in, named for calendar apps (the times themselves are UTC)
  calendar.x([['X-WR-TIMEZONE', inv.timeZone]]);
  const partner = inv.partnerName ?? message(language, 'someone');
  calendar.createEvent({
    id: meetingPlanUid(inv.planId),
    sequence: inv.sequence,
    stamp: now,
    start,
    end: new Date(start.getTime() + inv.durationMinutes * 60_000),
    summary: message(language, 'calendar.summary', { partner }),
    location: inv.place ?? inv.videoUrl ?? undefined,
    url: inv.link,
    description: [
      message(
        language,
        'calendar.planned',
        { mode: inv.mode ?? 'other', start, zone: inv.timeZone, minutes: inv.durationMinutes },
        inv.timeZone,
      ),
      ...(inv.videoUrl ? [message(language, 'calendar.video', { url: inv.videoUrl })] : []),
      ...(inv.place ? [message(language, 'calendar.place', { place: inv.place })] : []),
      ...(inv.agenda.length ? ['', message(language, 'calendar.agenda'), ...inv.agenda.map((a) => `- ${a}`)] : []),
      '',
      inv.link,
    ].join('\n'),
    organizer: inv.organizer,
    attendees: inv.attendees.map((a) => ({
      ...a,
      role: ICalAttendeeRole.REQ,
      status: inv.method === 'CANCEL' ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
      rsvp: false,
    })),
    status:
      inv.method === 'CANCEL'
        ? ICalEventStatus.CANCELLED
        : inv.tentative
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
