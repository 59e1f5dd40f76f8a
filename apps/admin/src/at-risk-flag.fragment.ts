/** What the admin pages ask of an at-risk flag: its code, the API's English reason, its day, and the figures to word it. */
import { graphql } from '@tandem/ui/graphql';

export const AtRiskFlagFields = graphql(`
  fragment AtRiskFlagFields on RelationshipAtRiskFlag @_unmask {
    code
    reason
    since
    params {
      days
      lastConfirmedOn
      startedOn
      meetings
      pace
      confirmedHours
      targetHours
      expectedHours
      confirmedMeetings
      minMeetings
      expectedMeetings
      daysElapsed
      durationDays
      askedOn
      waitingFor
      answers {
        role
        score
        answeredOn
        note
      }
    }
  }
`);
