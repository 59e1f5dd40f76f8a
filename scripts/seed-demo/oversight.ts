/** What staff do: a coach checks in on an active relationship; the admin opens an audit cycle. */
import { addDays, iso, ok, type Seeding } from './client';
import type { DemoPeople } from './people';
import { cast, type DemoRelationship } from './relationships';

export async function runOversight(
  { gql, log, note, has, optional, admin, today }: Seeding,
  people: DemoPeople,
  relationships: DemoRelationship[],
): Promise<void> {
  const { as } = cast(people);
  // a coach check-in on an active relationship
  const checked = relationships.find((r) => r.mentee === 'ana');
  if (checked && has('recordCheckIn'))
    await optional('the coach check-in', async () => {
      const c = await gql(
        `mutation ($r: ID!, $i: CheckInInput!) { recordCheckIn(relationshipId: $r, input: $i) { errors { field code message } } }`,
        {
          r: checked.id,
          i: {
            heldOn: iso(today),
            notes: 'Both partners engaged; agreement signed and three meetings confirmed.',
            followUp: 'Check progress on the resume',
            followUpOn: iso(addDays(today, 21)),
          },
        },
        await as('coachNorth'),
      );
      ok('recordCheckIn', c.recordCheckIn);
    });
  else if (checked) note('coach check-ins are not deployed yet');

  // an open audit cycle (opened by the admin, so the programme admin can review it: nobody decides their own audit)
  if (has('openAuditCycle'))
    await optional('the audit cycle', async () => {
      // the cycle samples people with CPD hours: wait (bounded) until the confirmed meetings reach the ledger, which
      // reporting fills from events, so the sample is never drawn from an empty population
      if (checked) await ledgerHasHours(gql, await as('amara'));
      const a = await gql(
        `mutation ($i: OpenAuditCycleInput!) { openAuditCycle(input: $i) { audit { id selections { id } } errors { field code message } } }`,
        {
          i: {
            from: iso(addDays(today, -365)),
            to: iso(today),
            sampleRate: 0.5,
            seed: 'demo-2026',
            strategy: 'UNIFORM',
            dueInDays: 30,
          },
        },
        admin,
      );
      const audit = ok('openAuditCycle', a.openAuditCycle).audit;
      log(`audit cycle with ${audit.selections.length} selection(s)`);
    });
  else note('audits are not deployed yet: no audit cycle');
}

/** Polls the mentor's CPD hours until the ledger holds some (events arrive asynchronously), for at most a minute. */
async function ledgerHasHours(gql: Seeding['gql'], token: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const d = await gql(`{ me { cpdHours } }`, {}, token);
    if ((d.me?.cpdHours ?? 0) > 0 || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}
