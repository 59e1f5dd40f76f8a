/** A programme's nudges: the days before each is sent (null: never), and the switches of the others. */
export interface ProgrammeNudges {
  /** Days without a logged meeting before both partners are nudged (then again every as many days); null: off. */
  noMeetingDays: number | null;
  /** Days a logged meeting waits for the other partner before they are reminded (then again); null: off. */
  awaitingConfirmationDays: number | null;
  /** The coaches of the organisation are told when a pair's check-in falls due (the caseload's rule). */
  checkInDue: boolean;
  /** The pair and the coaches are told when the programme's hours are reached. */
  hoursReached: boolean;
}

/** The nudges of a programme that says nothing (older events, new programmes by default). */
export const DEFAULT_PROGRAMME_NUDGES: ProgrammeNudges = {
  noMeetingDays: 21,
  awaitingConfirmationDays: 3,
  checkInDue: true,
  hoursReached: true,
};
