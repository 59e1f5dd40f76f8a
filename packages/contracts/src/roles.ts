/** Roles a person can hold. MENTEE and MENTOR are chosen at registration; the rest are staff roles granted by an admin. */
export const ROLES = ['MENTEE', 'MENTOR', 'COACH', 'PROGRAM_ADMIN', 'ANALYST', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];
export const SELF_SERVICE_ROLES: readonly Role[] = ['MENTEE', 'MENTOR'];
export const STAFF_ROLES: readonly Role[] = ['COACH', 'PROGRAM_ADMIN', 'ANALYST', 'ADMIN'];

export type ParticipantRole = 'MENTOR' | 'MENTEE';
export type MeetingMode = 'IN_PERSON' | 'VIDEO' | 'PHONE';
export const MEETING_MODES: readonly MeetingMode[] = ['IN_PERSON', 'VIDEO', 'PHONE'];
