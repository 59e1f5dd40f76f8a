/** The relationship workspace's one query: every section reads from it. */
import { graphql, type ResultOf } from '@tandem/ui/graphql';

export const RelationshipQuery = graphql(`
  query WebRelationship($id: ID!) {
    me {
      id
    }
    relationship(id: $id) {
      id
      status
      startedOn
      plannedEndOn
      programmeName
      viewerRole
      terms {
        targetHours
        durationWeeks
        minMeetings
        hoursOrMeetings
        requireSignedAgreement
        maxMeetingMinutes
      }
      progress {
        confirmedHours
        confirmedMeetings
        notCountingMeetings
        awaitingConfirmation
        termsMet
        achievedShare
        expectedHours
        daysLeft
        pace
      }
      mentor {
        id
        displayName
        contact {
          email
          phone
        }
      }
      mentee {
        id
        displayName
        contact {
          email
          phone
        }
      }
      coaches {
        id
        displayName
        contact {
          email
          phone
        }
      }
      agreement {
        id
        fullySigned
        current {
          version
          topGoals
          meetingPlace
          meetingTime
          meetingLengthMinutes
          meetingFrequency
          schedule {
            weekday
            startTime
            everyWeeks
            timeZone
          }
          initiator
          confidentiality
          durationWeeks
          menteeSignedAt
          mentorSignedAt
          coachSignatureRequired
          coachSignedAt
          coachSigner {
            id
            displayName
          }
        }
      }
      goalsConnection(first: 50) {
        edges {
          node {
            id
            title
            specific
            measure
            target
            dueOn
            status
          }
        }
      }
      meetingsConnection(first: 50) {
        edges {
          node {
            id
            occurredOn
            startTime
            durationMinutes
            mode
            topics
            homework
            status
            loggedBy {
              id
            }
            counts
            notCountingReason
            auditLocked
          }
        }
      }
      pulses {
        id
        question
        open
        askedAt
        askedBy {
          id
          displayName
        }
        menteeAnswered
        mentorAnswered
        answers {
          score
          note
          answeredAt
          respondent {
            id
          }
        }
      }
      coachThread(first: 20) {
        edges {
          node {
            id
            body
            sentAt
            author {
              id
              displayName
            }
          }
        }
      }
      messages(first: 20) {
        edges {
          node {
            id
            body
            sentAt
            author {
              id
              displayName
            }
          }
        }
      }
    }
  }
`);

export type Relationship = ResultOf<typeof RelationshipQuery>['relationship'];
