/** What partners do together: agreements, goals and meetings confirmed by both; one relationship completes with feedback. */
import { addDays, iso, ok, type Seeding } from './client';
import type { MenteeSpec } from './mentees';
import type { DemoPeople } from './people';
import { cast, type DemoRelationship } from './relationships';

export async function runPartnerships(
  { gql, note, has, optional, today }: Seeding,
  people: DemoPeople,
  relationships: DemoRelationship[],
): Promise<void> {
  const { person, as } = cast(people);
  // agreements, goals and meetings confirmed by both
  for (const [i, rel] of relationships.entries()) {
    const mentee = await as(rel.mentee);
    const mentor = await as(rel.mentor);
    if (has('draftAgreement', 'signAgreement')) {
      const d = await gql(
        `mutation ($r: ID!, $i: AgreementInput!) { draftAgreement(relationshipId: $r, input: $i) { agreement { current { version } } errors { field code message } } }`,
        {
          r: rel.id,
          i: {
            topGoals: (person(rel.mentee) as MenteeSpec).profile.goals as string[],
            meetingPlace: 'Video call or the Northbridge office',
            meetingTime: 'Every other Wednesday, 6 pm',
            meetingLengthMinutes: 90,
            meetingFrequency: 'Every two weeks',
            initiator: 'MENTEE',
            confidentiality: 'STAYS_BETWEEN_US_UNLESS_PERMISSION',
            durationWeeks: 17,
          },
        },
        mentee,
      );
      const version = ok('draftAgreement', d.draftAgreement).agreement.current.version;
      // the last relationship's mentor has not signed yet: its agreement is awaiting a signature
      const signers = i === relationships.length - 1 ? [mentee] : [mentee, mentor];
      for (const t of signers)
        ok(
          'signAgreement',
          (
            await gql(
              `mutation ($r: ID!, $v: Int!) { signAgreement(relationshipId: $r, version: $v) { errors { field code message } } }`,
              { r: rel.id, v: version },
              t,
            )
          ).signAgreement,
        );
    } else note('agreements are not deployed yet');
    if (has('createGoal')) {
      const goals = ((person(rel.mentee) as MenteeSpec).profile.goals as string[]).slice(0, 2);
      for (const g of goals) {
        ok(
          'createGoal',
          (
            await gql(
              `mutation ($r: ID!, $i: SmartGoalInput!) { createGoal(relationshipId: $r, input: $i) { goal { id } errors { field code message } } }`,
              {
                r: rel.id,
                i: {
                  title: g,
                  specific: `${g} in the Greater Toronto Area`,
                  measure: 'steps completed',
                  target: '5',
                  attainable: 'Builds on existing experience with weekly effort',
                  relevant: 'Directly serves the career goal set at intake',
                  dueOn: iso(addDays(today, 90)),
                },
              },
              mentee,
            )
          ).createGoal,
        );
      }
    }
    if (has('logMeeting', 'confirmMeeting')) {
      const meetings = i === 0 ? 3 : 2;
      const timeZone = lateZoneForToday(new Date());
      for (let m = 0; m < meetings; m++) {
        const l = await gql(
          `mutation ($r: ID!, $i: MeetingInput!) { logMeeting(relationshipId: $r, input: $i) { meeting { id } errors { field code message } } }`,
          {
            r: rel.id,
            i: {
              occurredOn: iso(today),
              // 08:00-09:00, 10:00-11:30, 12:00-14:00: over by 14:00 local, whatever the hour the demo loads
              startTime: `${String(8 + m * 2).padStart(2, '0')}:00`,
              durationMinutes: 60 + m * 30,
              timeZone,
              mode: m % 2 ? 'IN_PERSON' : 'VIDEO',
              topics: [['Introductions and goals', 'Resume review'][m % 2], 'Next steps'],
              homework: 'Update the resume and send two networking messages',
            },
          },
          mentor,
        );
        const meetingId = ok('logMeeting', l.logMeeting).meeting.id;
        // the last meeting of the second relationship awaits the mentee's confirmation
        if (!(i === 1 && m === meetings - 1))
          ok(
            'confirmMeeting',
            (
              await gql(
                `mutation ($m: ID!) { confirmMeeting(meetingId: $m) { errors { field code message } } }`,
                { m: meetingId },
                mentee,
              )
            ).confirmMeeting,
          );
      }
    }
  }

  // one completed relationship with feedback from both
  const done = relationships.find((r) => r.mentee === 'fatima');
  if (done && has('completeRelationship')) {
    for (const key of [done.mentor, done.mentee])
      ok(
        'completeRelationship',
        (
          await gql(
            `mutation ($r: ID!) { completeRelationship(id: $r) { errors { field code message } } }`,
            { r: done.id },
            await as(key),
          )
        ).completeRelationship,
      );
    if (has('submitFeedback'))
      await optional('feedback', async () => {
        const q = await gql(`{ __type(name: "FeedbackQuestion") { enumValues { name } } }`);
        const questions: string[] = q.__type?.enumValues.map((v: { name: string }) => v.name) ?? [];
        for (const [key, comment] of [
          [done.mentor, 'Fatima worked hard; rewarding experience.'],
          [done.mentee, 'Mei opened doors I did not know existed. Thank you!'],
        ] as const) {
          const f = await gql(
            `mutation ($r: ID!, $i: FeedbackInput!) { submitFeedback(relationshipId: $r, input: $i) { errors { field code message } } }`,
            {
              r: done.id,
              i: { ratings: questions.map((question, n) => ({ question, rating: 5 - (n % 2) })), comments: comment },
            },
            await as(key),
          );
          ok('submitFeedback', f.submitFeedback);
        }
      });
    else note('feedback is not deployed yet: the completed relationship has no feedback');
  }
}

/**
 * A fixed-offset zone in which today's UTC date is also the local date and the local time is as late as it can be
 * (at least 14:00): meetings are logged only once they have ended in their zone, and the demo's relationships all
 * start today, at the moment the demo loads (its programme allows meetings held before the start: priorMeetingDays).
 */
function lateZoneForToday(now: Date): string {
  const ahead = Math.min(14, 23 - now.getUTCHours());
  return ahead === 0 ? 'UTC' : `Etc/GMT-${ahead}`;
}
