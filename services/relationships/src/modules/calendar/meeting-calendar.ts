/**
 * A person's planned meetings as an iCalendar feed (RFC 5545, built with ical-generator): one VEVENT per plan with
 * the plan's one UID (the same as in the email invitations) and its SEQUENCE, times as UTC instants with the zone
 * it was planned in named in the description, where or how it is held, and the agenda.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { meetingPlanUid } from '@tandem/contracts';
import type { FeedPlanRow } from './calendar-feed.repository';

/** The feed's words in each language a person may save (identity's UserLanguageChanged). */
const WORDS = {
  en: {
    calendar: 'Tandem mentoring meetings',
    summary: 'Mentoring meeting',
    mode: { IN_PERSON: 'In person', VIDEO: 'Video call', PHONE: 'Phone call' },
    plannedIn: (mode: string, zone: string) => `${mode}, planned in ${zone}.`,
    video: 'Video link',
    place: 'Place',
    agenda: 'Agenda',
    colon: ':',
  },
  'fr-CA': {
    calendar: 'Rencontres de mentorat Tandem',
    summary: 'Rencontre de mentorat',
    mode: { IN_PERSON: 'En personne', VIDEO: 'Appel vidéo', PHONE: 'Appel téléphonique' },
    plannedIn: (mode: string, zone: string) => `${mode}, planifiée dans le fuseau ${zone}.`,
    video: 'Lien vidéo',
    place: 'Lieu',
    agenda: 'Ordre du jour',
    // French typography: a non-breaking space before the colon
    colon: '\u00a0:',
  },
} as const;

/** A language the feed is written in. */
export type FeedLanguage = keyof typeof WORDS;

/**
 * The feed's text in the owner's saved language (English until known); `link(plan)` is the plan's page in the
 * participant app.
 */
export function feedCalendar(
  plans: FeedPlanRow[],
  link: (plan: FeedPlanRow) => string,
  now: Date,
  language: FeedLanguage = 'en',
): string {
  const w = WORDS[language] ?? WORDS.en;
  const MODE = w.mode;
  const calendar = ical({
    name: w.calendar,
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'Tandem', product: 'meeting-feed', language: language === 'fr-CA' ? 'FR' : 'EN' },
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
      summary: w.summary,
      location: p.place ?? p.videoUrl ?? MODE[p.mode],
      url: link(p),
      description: [
        w.plannedIn(MODE[p.mode], p.timeZone),
        ...(p.videoUrl ? [`${w.video}${w.colon} ${p.videoUrl}`] : []),
        ...(p.place ? [`${w.place}${w.colon} ${p.place}`] : []),
        ...(p.agenda.length ? ['', `${w.agenda}${w.colon}`, ...p.agenda.map((a) => `- ${a}`)] : []),
        '',
        link(p),
      ].join('\n'),
      status: p.status === 'ACCEPTED' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
    });
  }
  return calendar.toString();
}
