/** A programme's nudges: the days before each is sent (null: never), and the switches of the others. */
export interface ProgrammeNudges {
  /** Days without a logged meeting before both partners are nudged (then again every as many days); null: off. */
  noMeetingDays: number | null;
  /** Days a logged meeting waits for the other partner before they are reminded (then again); null: off. */
  awaitingConfirmationDays: number | null;
  /** The coaches of the organisation are told when a pair's check-in falls due (the caseload's rule). */
  checkInDue: boolean;
  /**
   * Days after the start or the latest check-in at which a coach's check-in with the pair falls due. Absent from
   * events and read models written before it existed: read them through `withNudgeDefaults`.
   */
  checkInEveryDays: number;
  /** The pair and the coaches are told when the programme's hours are reached. */
  hoursReached: boolean;
  /**
   * Days before a pending mentoring request expires at which its mentor is reminded of it (matching's expiry job).
   * Absent from events and read models written before it existed: read them through `withNudgeDefaults`.
   */
  requestExpiryReminderDays: number;
}

/** The nudges of a programme that says nothing (older events, new programmes by default). */
export const DEFAULT_PROGRAMME_NUDGES: ProgrammeNudges = {
  noMeetingDays: 21,
  awaitingConfirmationDays: 3,
  checkInDue: true,
  checkInEveryDays: 30,
  hoursReached: true,
  requestExpiryReminderDays: 2,
};

/** A programme's nudges as stored or carried by an older event, with the defaults for what it did not know yet. */
export function withNudgeDefaults(nudges: Partial<ProgrammeNudges> | null | undefined): ProgrammeNudges {
  return { ...DEFAULT_PROGRAMME_NUDGES, ...nudges };
}
