/** Roles a person can hold. MENTEE and MENTOR are chosen at registration; the rest are staff roles granted by an admin. */
export const ROLES = ['MENTEE', 'MENTOR', 'COACH', 'PROGRAMME_ADMIN', 'ANALYST', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];
export const SELF_SERVICE_ROLES: readonly Role[] = ['MENTEE', 'MENTOR'];
export const STAFF_ROLES: readonly Role[] = ['COACH', 'PROGRAMME_ADMIN', 'ANALYST', 'ADMIN'];

export type ParticipantRole = 'MENTOR' | 'MENTEE';
export type MeetingMode = 'IN_PERSON' | 'VIDEO' | 'PHONE';
export const MEETING_MODES: readonly MeetingMode[] = ['IN_PERSON', 'VIDEO', 'PHONE'];

/** Names a role had before (tokens issued then, clients not yet moved): read as today's name. */
const FORMER_ROLE_NAMES: Readonly<Record<string, Role>> = { PROGRAM_ADMIN: 'PROGRAMME_ADMIN' };

/** The role a name stands for today (a former name included), or null for no role. */
export function roleNamed(name: unknown): Role | null {
  if (typeof name !== 'string') return null;
  if ((ROLES as readonly string[]).includes(name)) return name as Role;
  return FORMER_ROLE_NAMES[name] ?? null;
}
