/**
 * The agreement's "where" (`meetingPlace`): the pair's own words, and what they mean for the meetings the schedule
 * proposes (pure). What a person who writes it expects, decided here:
 *
 * - **A link is encrypted or refused.** A "where" with an `http://` link anywhere in it is refused when the agreement
 *   is drafted (`HTTPS_REQUIRED` on `input.meetingPlace`): it is not silently rewritten to https, because nobody can
 *   tell that its host answers there, and a wrong link in both partners' calendars is worse than a clear question.
 * - **A bare link is completed.** A "where" that is only a web address without a scheme (`www.zoom.us/j/123`,
 *   `meet.example.org/mia`, `zoom.us/j/1?pwd=x`) is stored as `https://` + it: what a browser opens for it today.
 *   Words with a dot in them (`St.Lawrence Market`, `Mr.Coffee`) are not addresses: an address starts with `www.`,
 *   has a path, or ends in a common top-level domain (COMMON_TLDS).
 * - **A https link makes it an online meeting at that link** (mode VIDEO), whatever words surround it
 *   ("Zoom: https://…").
 * - **Online without a link is still online.** A "where" that says only that the meeting is online, in English or
 *   French, or names a video service ("Video", "Video call", "Zoom", "Teams", "Google Meet", "Online",
 *   "Visioconférence", "En ligne", "Zoom (link sent by email)") is a VIDEO meeting with no link: the pair share it
 *   themselves. One that says only "phone" ("Phone call", "Par téléphone") is a PHONE meeting. Neither is a place.
 * - **Anything else is a place** (IN_PERSON), shown as written, including a "where" that names both a place and a
 *   way online ("Video call or the Northbridge office"): the words say more than a mode could.
 *
 * A "where" stored before these rules (an http link, a bare address) is read the same way when the schedule proposes
 * a meeting; an http link there makes a VIDEO meeting without a link (it is not put in anyone's calendar).
 */
import type { MeetingMode } from '@tandem/contracts';

const MAX_URL = 2000;
const MAX_PLACE = 500;

/** Top-level domains that make a bare "name.tld" an address rather than words with a dot. */
const COMMON_TLDS = new Set([
  'com',
  'org',
  'net',
  'ca',
  'io',
  'us',
  'co',
  'app',
  'me',
  'edu',
  'gov',
  'info',
  'fr',
  'uk',
  'link',
  'team',
  'chat',
  'video',
]);

/** Words that say the meeting is online (video services, and "online" in English and French), accents removed. */
const ONLINE = new Set([
  'video',
  'videos',
  'videocall',
  'videoconference',
  'videoconferencing',
  'videoconferences',
  'visio',
  'visioconference',
  'online',
  'virtual',
  'virtually',
  'virtuel',
  'virtuelle',
  'remote',
  'remotely',
  'distance',
  'ligne',
  'zoom',
  'teams',
  'meet',
  'webex',
  'skype',
  'facetime',
  'jitsi',
  'whereby',
  'hangouts',
  'whatsapp',
]);

/** Words that say it is a phone call. */
const PHONE = new Set(['phone', 'telephone', 'telephonique', 'tel', 'cellphone', 'cell', 'mobile']);

/** Words that say nothing about where ("call", "by", "the", "link sent by email"), in English and French. */
const FILLER = new Set(
  (
    'a an the by via on over or and with through call calls meeting meetings session sessions link links sent send ' +
    'email emails mail invite invitation app microsoft ms google conference conferencing chat us we our you your ' +
    'ou et par en sur au aux de du des la le les l un une d avec appel appels rencontre rencontres reunion reunions ' +
    'lien liens envoye envoyes courriel courriels visioconferences'
  ).split(' '),
);

const HTTP_LINK = /\bhttp:\/\/\S+/i;
const HTTPS_LINK = /\bhttps:\/\/[^\s<>"]+/i;
const BARE_ADDRESS =
  /^(?<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?<tld>[a-z]{2,63}))(?::\d{2,5})?(?<rest>[/?#]\S*)?$/i;

const asHttpsUrl = (v: string): string | null => {
  try {
    return new URL(v).protocol === 'https:' && v.length <= MAX_URL ? v : null;
  } catch {
    return null;
  }
};

/** `where` as a https address when it is only a web address without a scheme; null otherwise. */
function bareAddress(where: string): string | null {
  const m = BARE_ADDRESS.exec(where);
  if (!m?.groups) return null;
  const { host, tld, rest } = m.groups;
  const looksLikeAddress = /^www\./i.test(host!) || !!rest || COMMON_TLDS.has(tld!.toLowerCase());
  return looksLikeAddress ? asHttpsUrl(`https://${where}`) : null;
}

/** The outcome of checking a "where" as drafted: the value to store, or why it is refused. */
export type MeetingPlaceCheck = { ok: true; value: string } | { ok: false; code: 'HTTPS_REQUIRED'; message: string };

/** Checks the agreement's "where" (already trimmed and non-empty): refuses an http link, completes a bare address. */
export function checkMeetingPlace(where: string): MeetingPlaceCheck {
  if (HTTP_LINK.test(where))
    return {
      ok: false,
      code: 'HTTPS_REQUIRED',
      message: 'An http:// link is not encrypted: give the link as https://…, or write where you meet in words.',
    };
  return { ok: true, value: bareAddress(where) ?? where };
}

/** The words of `where`, lower case and without accents. */
const wordsOf = (where: string) =>
  where
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** How and where a meeting held at the agreement's "where" takes place. */
export interface MeetingWhere {
  mode: MeetingMode;
  place: string | null;
  videoUrl: string | null;
}

/** What the agreement's "where" means for a meeting (see the rules above). */
export function meetingWhere(raw: string): MeetingWhere {
  const where = raw.trim();
  const link = bareAddress(where) ?? HTTPS_LINK.exec(where)?.[0].replace(/[.,;:!?)\]}»”'"]+$/, '');
  const videoUrl = link ? asHttpsUrl(link) : null;
  if (videoUrl) return { mode: 'VIDEO', place: null, videoUrl };
  if (HTTP_LINK.test(where)) return { mode: 'VIDEO', place: null, videoUrl: null };
  const words = wordsOf(where);
  const online = words.some((w) => ONLINE.has(w));
  const phone = words.some((w) => PHONE.has(w));
  const other = words.filter((w) => !ONLINE.has(w) && !PHONE.has(w) && !FILLER.has(w));
  if ((online || phone) && other.length === 0) return { mode: online ? 'VIDEO' : 'PHONE', place: null, videoUrl: null };
  return { mode: 'IN_PERSON', place: where.slice(0, MAX_PLACE) || null, videoUrl: null };
}
