/** Factories that play upstream events the way identity, matching and relationships publish them. */
import { randomUUID } from 'node:crypto';
import type { EventPayloads } from '@tandem/contracts';
import type { principal, Stack } from '@tandem/testkit';

export const CPD_CATEGORY = 'Peer and professional interaction';

/**
 * Waits until reporting's inbox is drained. The testkit's settle() waits for every service's inbox, and in
 * a full-suite run other services' inboxes hold the events this file publishes with nobody consuming them.
 */
export async function settleReporting(stack: Stack, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'reporting_inbox' AND state IN ('created', 'retry', 'active') AND start_after <= now() + interval '1 second'`,
    );
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`reporting events still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export class World {
  constructor(readonly stack: Stack) {}

  settle(): Promise<void> {
    return settleReporting(this.stack);
  }

  async organization(name = 'Acme Agency') {
    const id = randomUUID();
    await this.stack.publish('OrganizationChanged', {
      organizationId: id,
      name,
      city: 'Toronto',
      country: 'CA',
      changedAt: '2026-01-01T00:00:00Z',
    });
    return id;
  }

  async programme(
    opts: {
      organizationId?: string | null;
      name?: string;
      targetHours?: number;
      minMeetings?: number;
      hoursOrMeetings?: boolean;
      cohorts?: number;
    } = {},
  ) {
    const id = randomUUID();
    const cohorts = Array.from({ length: opts.cohorts ?? 1 }, (_, i) => ({
      cohortId: randomUUID(),
      name: `Cohort ${i + 1}`,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    }));
    await this.stack.publish('ProgrammeChanged', {
      programmeId: id,
      name: opts.name ?? 'OACETT Mentoring',
      organizationIds: opts.organizationId ? [opts.organizationId] : [],
      terms: {
        targetHours: opts.targetHours ?? 3,
        durationWeeks: 26,
        minMeetings: opts.minMeetings ?? 3,
        hoursOrMeetings: opts.hoursOrMeetings ?? true,
      },
      cpdCategory: CPD_CATEGORY,
      requireSignedAgreement: false,
      requireOrientation: false,
      maxOpenRequestsPerMentee: 3,
      requestExpiryDays: 14,
      matchingWeights: {},
      cohorts,
      changedAt: '2026-01-01T00:00:00Z',
    });
    return { id, cohortIds: cohorts.map((c) => c.cohortId) };
  }

  async person(
    displayName: string,
    opts: {
      roles?: Array<'MENTOR' | 'MENTEE'>;
      organizationId?: string | null;
      industry?: string | null;
      email?: string;
      phone?: string | null;
    } = {},
  ) {
    const id = randomUUID();
    await this.stack.publish('UserRegistered', {
      userId: id,
      displayName,
      roles: opts.roles ?? ['MENTEE'],
      organizationId: opts.organizationId ?? null,
      registeredAt: '2026-01-02T10:00:00Z',
    });
    await this.stack.publish('UserContactChanged', {
      userId: id,
      displayName,
      email: opts.email ?? `${displayName.toLowerCase().replace(/\W+/g, '.')}@example.org`,
      phone: opts.phone ?? '+1 416 555 0100',
      changedAt: '2026-01-02T10:00:00Z',
    });
    if (opts.industry) {
      await this.stack.publish('MenteeProfileChanged', {
        userId: id,
        displayName,
        industry: { code: opts.industry, label: `Industry ${opts.industry}` },
        occupation: null,
        skills: [],
        languages: [],
        city: null,
        country: null,
        timeZone: null,
        meetingPreferences: [],
        livedExperience: [],
        needs: [],
        goals: [],
        employer: null,
        organizationId: opts.organizationId ?? null,
        changedAt: '2026-01-02T10:00:00Z',
      });
    }
    return id;
  }

  async relationship(opts: {
    programmeId: string;
    mentorId: string;
    menteeId: string;
    organizationId?: string | null;
    cohortId?: string | null;
    startedOn?: string;
  }) {
    const relationshipId = randomUUID();
    await this.stack.publish('RelationshipStarted', {
      relationshipId,
      menteeId: opts.menteeId,
      mentorId: opts.mentorId,
      programmeId: opts.programmeId,
      organizationId: opts.organizationId ?? null,
      matchId: randomUUID(),
      cohortId: opts.cohortId ?? null,
      startedOn: opts.startedOn ?? '2026-05-01',
      plannedEndOn: '2026-11-01',
    });
    // two test files share the inbox, so events may be applied out of order across workers: let the setup land first
    await this.settle();
    return {
      relationshipId,
      menteeId: opts.menteeId,
      mentorId: opts.mentorId,
      programmeId: opts.programmeId,
      organizationId: opts.organizationId ?? null,
    };
  }

  meeting(
    rel: {
      relationshipId: string;
      menteeId: string;
      mentorId: string;
      programmeId: string;
      organizationId: string | null;
    },
    occurredOn: string,
    durationMinutes = 60,
    more: Partial<EventPayloads['MeetingConfirmed']> = {},
  ): EventPayloads['MeetingConfirmed'] {
    return {
      ...rel,
      meetingId: randomUUID(),
      amendsMeetingId: null,
      revision: 1,
      occurredOn,
      startTime: '18:00',
      durationMinutes,
      mode: 'VIDEO',
      topics: ['Moving from a technical role to a managerial role', 'Self-evaluation of leadership skills'],
      homework: 'Self-evaluation of leadership skills',
      confirmedByMentorAt: `${occurredOn}T20:00:00.000Z`,
      confirmedByMenteeAt: `${occurredOn}T21:00:00.000Z`,
      ...more,
    };
  }

  async confirm(payload: EventPayloads['MeetingConfirmed']) {
    await this.stack.publish('MeetingConfirmed', payload);
    return payload;
  }

  /**
   * A mentor (a new one unless given) with `mentees` new mentees, `meetings` confirmed meetings each in the given
   * month of 2031 (the audits' fixture).
   */
  async cohort(
    month: string,
    mentees: number,
    meetings: number,
    opts: { programmeId?: string; minutes?: number; mentorId?: ReturnType<typeof randomUUID> } = {},
  ) {
    const programmeId = opts.programmeId ?? (await this.programme()).id;
    const mentorId = opts.mentorId ?? (await this.person('Mentor', { roles: ['MENTOR'] }));
    const pairs = [];
    for (let i = 0; i < mentees; i++) {
      const menteeId = await this.person(`Mentee ${i}`);
      const rel = await this.relationship({ programmeId, mentorId, menteeId, startedOn: `2031-${month}-01` });
      const ms = [];
      for (let d = 0; d < meetings; d++)
        ms.push(
          await this.confirm(
            this.meeting(rel, `2031-${month}-${String(2 + d + i * 7).padStart(2, '0')}`, opts.minutes ?? 60),
          ),
        );
      pairs.push({ menteeId, rel, meetings: ms });
    }
    await this.settle();
    return { programmeId, mentorId, pairs };
  }

  /** Asks the gateway for an export link as `as` and downloads the file it names. */
  async exportFile(
    userId: string,
    format: string,
    as: ReturnType<typeof principal>,
    from = '2026-01-01',
    to = '2026-12-31',
  ): Promise<Buffer> {
    const res = await this.stack.gql<{ createCpdExport: { link: { url: string } | null } }>(
      `mutation ($i: CreateCpdExportInput!) { createCpdExport(input: $i) { link { url } errors { field code } } }`,
      { i: { userId, format, from, to } },
      { as },
    );
    const url = res.data?.createCpdExport.link?.url;
    if (!url) throw new Error(`no export link: ${JSON.stringify(res)}`);
    const file = await fetch(new URL(new URL(url).pathname, this.stack.gateway.url));
    if (file.status !== 200) throw new Error(`export download answered ${file.status}`);
    return Buffer.from(await file.arrayBuffer());
  }
}
