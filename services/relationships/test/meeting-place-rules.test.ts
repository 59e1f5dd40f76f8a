/** The agreement's "where" as the pair write it, and what it means for the meetings the schedule proposes. */
import { describe, expect, it } from 'vitest';
import { checkMeetingPlace, meetingWhere } from '../src/modules/agreements/meeting-place.rules';
import { scheduledDetails } from '../src/modules/meetings/meeting-schedule.rules';

const video = (videoUrl: string | null) => ({ mode: 'VIDEO', place: null, videoUrl });
const inPerson = (place: string) => ({ mode: 'IN_PERSON', place, videoUrl: null });

describe('checkMeetingPlace', () => {
  it('should refuse an http link anywhere in the "where", whatever its case', () => {
    for (const where of ['http://zoom.us/j/123', 'Zoom: http://zoom.us/j/123', 'HTTP://meet.example.org/a'])
      expect(checkMeetingPlace(where)).toEqual({
        ok: false,
        code: 'HTTPS_REQUIRED',
        message: 'An http:// link is not encrypted: give the link as https://…, or write where you meet in words.',
      });
  });

  it('should complete a bare web address with https://, and leave words with a dot alone', () => {
    expect(checkMeetingPlace('www.zoom.us/j/123')).toEqual({ ok: true, value: 'https://www.zoom.us/j/123' });
    expect(checkMeetingPlace('zoom.us/j/1?pwd=x')).toEqual({ ok: true, value: 'https://zoom.us/j/1?pwd=x' });
    expect(checkMeetingPlace('meet.example.org')).toEqual({ ok: true, value: 'https://meet.example.org' });
    expect(checkMeetingPlace('www.whereby.team')).toEqual({ ok: true, value: 'https://www.whereby.team' });
    for (const words of ['St.Lawrence', 'Mr.Coffee', 'Room 2.14', 'Café Olimpico', 'https://meet.example.org/ab'])
      expect(checkMeetingPlace(words)).toEqual({ ok: true, value: words });
  });
});

describe('meetingWhere', () => {
  it('should hold a https link as an online meeting at it, alone, in words or completed', () => {
    expect(meetingWhere(' https://meet.example.org/ab ')).toEqual(video('https://meet.example.org/ab'));
    expect(meetingWhere('Zoom: https://zoom.us/j/123.')).toEqual(video('https://zoom.us/j/123'));
    expect(meetingWhere('Teams (https://teams.example.org/l/meetup?x=1)')).toEqual(
      video('https://teams.example.org/l/meetup?x=1'),
    );
    // a bare address stored before the rule
    expect(meetingWhere('www.zoom.us/j/123')).toEqual(video('https://www.zoom.us/j/123'));
  });

  it('should hold "Video call", "Zoom", "Teams" and their French as online without a link, not as a place', () => {
    for (const where of [
      'Video',
      'Video call',
      'Zoom',
      'Teams',
      'Microsoft Teams',
      'Google Meet',
      'Online',
      'Virtual',
      'Zoom or Teams',
      'Zoom (link sent by email)',
      'Visioconférence',
      'Appel vidéo',
      'En ligne',
      'À distance',
    ])
      expect(meetingWhere(where), where).toEqual(video(null));
    // an http link stored before the rule: online, but not put in anyone's calendar
    expect(meetingWhere('http://zoom.us/j/1')).toEqual(video(null));
  });

  it('should hold "Phone" as a phone call, and a phone or video one as video', () => {
    for (const where of ['Phone', 'Phone call', 'By phone', 'Par téléphone', 'Appel téléphonique'])
      expect(meetingWhere(where), where).toEqual({ mode: 'PHONE', place: null, videoUrl: null });
    expect(meetingWhere('Phone or Zoom')).toEqual(video(null));
  });

  it('should hold anything else, and a mix of a place and a way online, as a place shown as written', () => {
    for (const where of [
      'Café Olimpico',
      'In person',
      'Video call or the Northbridge office',
      'Meet at the library',
      'Video game café',
      'Walking distance from the office',
      'Hôtel de ville',
      'St.Lawrence Market',
    ])
      expect(meetingWhere(where), where).toEqual(inPerson(where));
    expect(meetingWhere('x'.repeat(600)).place).toHaveLength(500);
  });

  it('should be what a proposal from the schedule is held as, within a plan length', () => {
    expect(scheduledDetails('Teams', 60)).toEqual({ ...video(null), durationMinutes: 60 });
    expect(scheduledDetails('Café Olimpico', 5)).toEqual({ ...inPerson('Café Olimpico'), durationMinutes: 15 });
  });
});
