/** Requests in every state, coach proposals, then the relationships they start. */
import { DEMO_STAFF } from './cast';
import { ok, type Seeding } from './client';
import { DEMO_MENTEES } from './mentees';
import { DEMO_MENTORS } from './mentors';
import type { DemoPeople } from './people';

export interface DemoRelationship {
  id: string;
  mentee: string;
  mentor: string;
}

/** A demo person by key, and their access token. */
export function cast({ signIn }: DemoPeople) {
  const person = (key: string) => [...DEMO_STAFF, ...DEMO_MENTORS, ...DEMO_MENTEES].find((p) => p.key === key)!;
  return { person, as: (key: string) => signIn(person(key)) };
}

export async function startRelationships(
  { gql, note, has }: Seeding,
  people: DemoPeople,
  programId: string,
): Promise<DemoRelationship[]> {
  const { userIds, created } = people;
  const { person, as } = cast(people);
  const fresh = (key: string) => created.has(key);
  async function waitForRelationship(menteeKey: string, mentorKey: string): Promise<string | null> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const r = await gql(`{ me { relationships { id mentor { id } } } }`, {}, await as(menteeKey));
      const rel = (r.me.relationships ?? []).find(
        (x: { mentor: { id: string } }) => x.mentor.id === userIds[mentorKey],
      );
      if (rel) return rel.id;
      await new Promise((res) => setTimeout(res, 250));
    }
    note(`the relationship of ${person(menteeKey).name} and ${person(mentorKey).name} did not appear within 30 s`);
    return null;
  }

  const relationships: DemoRelationship[] = [];
  if (has('sendMentoringRequest', 'acceptMentoringRequest', 'declineMentoringRequest', 'withdrawMentoringRequest')) {
    const send = async (mentee: string, mentor: string, message: string) => {
      const r = await gql(
        `mutation ($m: ID!, $p: ID!, $t: String!) { sendMentoringRequest(mentorId: $m, programmeId: $p, message: $t) { request { id } errors { field code message } } }`,
        { m: userIds[mentor], p: programId, t: message },
        await as(mentee),
      );
      return ok(`request ${mentee}→${mentor}`, r.sendMentoringRequest).request.id as string;
    };
    if (fresh('ana')) {
      const id = await send(
        'ana',
        'amara',
        'I am a developer from São Paulo preparing for Canadian interviews; your path sounds close to mine.',
      );
      ok(
        'accept',
        (
          await gql(
            `mutation ($r: ID!) { acceptMentoringRequest(requestId: $r) { request { id } errors { field code message } } }`,
            { r: id },
            await as('amara'),
          )
        ).acceptMentoringRequest,
      );
      const rel = await waitForRelationship('ana', 'amara');
      if (rel) relationships.push({ id: rel, mentee: 'ana', mentor: 'amara' });
    }
    if (fresh('fatima')) {
      const id = await send(
        'fatima',
        'mei',
        'I am an ACCA accountant starting CPA bridging; I would value your advice on analyst roles.',
      );
      ok(
        'accept',
        (
          await gql(
            `mutation ($r: ID!) { acceptMentoringRequest(requestId: $r) { request { id } errors { field code message } } }`,
            { r: id },
            await as('mei'),
          )
        ).acceptMentoringRequest,
      );
      const rel = await waitForRelationship('fatima', 'mei');
      if (rel) relationships.push({ id: rel, mentee: 'fatima', mentor: 'mei' });
    }
    if (fresh('kofi')) {
      await send('kofi', 'amara', 'Could you review my data portfolio and help me prepare for interviews?'); // stays PENDING
      const declined = await send('kofi', 'david', 'I am moving into data science and would like a mentor.');
      ok(
        'decline',
        (
          await gql(
            `mutation ($r: ID!, $t: String!) { declineMentoringRequest(requestId: $r, reason: $t) { request { id } errors { field code message } } }`,
            { r: declined, t: 'My experience is in nursing; a mentor in tech would serve you better.' },
            await as('david'),
          )
        ).declineMentoringRequest,
      );
    }
    if (fresh('elena')) {
      const withdrawn = await send('elena', 'mei', 'I am returning to HR work after a break.');
      ok(
        'withdraw',
        (
          await gql(
            `mutation ($r: ID!) { withdrawMentoringRequest(requestId: $r) { request { id } errors { field code message } } }`,
            { r: withdrawn },
            await as('elena'),
          )
        ).withdrawMentoringRequest,
      );
    }
    note(
      'EXPIRED requests appear only after the expiry job runs (14 days after sending); the demo cannot create one through the API',
    );
  } else note('mentoring requests are not deployed yet: requests skipped');

  if (has('proposeMatch', 'confirmMatchProposal')) {
    if (fresh('rahul')) {
      const r = await gql(
        `mutation ($me: ID!, $mo: ID!, $p: ID!, $n: String!) { proposeMatch(menteeId: $me, mentorId: $mo, programmeId: $p, note: $n) { proposal { id } errors { field code message } } }`,
        {
          me: userIds.rahul,
          mo: userIds.luis,
          p: programId,
          n: 'Rahul is working toward his P.Eng.; your licensing experience is exactly what he needs.',
        },
        await as('coachNorth'),
      );
      const proposal = ok('proposeMatch', r.proposeMatch).proposal.id;
      ok(
        'confirm',
        (
          await gql(
            `mutation ($p: ID!) { confirmMatchProposal(proposalId: $p) { proposal { id } errors { field code message } } }`,
            { p: proposal },
            await as('luis'),
          )
        ).confirmMatchProposal,
      );
      const rel = await waitForRelationship('rahul', 'luis');
      if (rel) relationships.push({ id: rel, mentee: 'rahul', mentor: 'luis' });
    }
    if (fresh('chen')) {
      const r = await gql(
        `mutation ($me: ID!, $mo: ID!, $p: ID!, $n: String!) { proposeMatch(menteeId: $me, mentorId: $mo, programmeId: $p, note: $n) { proposal { id } errors { field code message } } }`,
        {
          me: userIds.chen,
          mo: userIds.david,
          p: programId,
          n: 'Wei is preparing for the NCLEX; your nursing leadership would help.',
        },
        await as('coachLake'),
      );
      const proposal = ok('proposeMatch', r.proposeMatch).proposal.id;
      ok(
        'confirm',
        (
          await gql(
            `mutation ($p: ID!) { confirmMatchProposal(proposalId: $p) { proposal { id } errors { field code message } } }`,
            { p: proposal },
            await as('david'),
          )
        ).confirmMatchProposal,
      );
      const rel = await waitForRelationship('chen', 'david');
      if (rel) relationships.push({ id: rel, mentee: 'chen', mentor: 'david' });
    }
    if (fresh('jose')) {
      const r = await gql(
        `mutation ($me: ID!, $mo: ID!, $p: ID!, $n: String!) { proposeMatch(menteeId: $me, mentorId: $mo, programmeId: $p, note: $n) { proposal { id } errors { field code message } } }`,
        {
          me: userIds.jose,
          mo: userIds.luis,
          p: programId,
          n: 'José is a mechanical engineer starting the licensing process.',
        },
        await as('coachNorth'),
      );
      ok('proposeMatch', r.proposeMatch); // stays PROPOSED
    }
  } else note('coach proposals are not deployed yet: proposals skipped');
  return relationships;
}
