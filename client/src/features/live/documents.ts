import { graphql } from '../../gql';

export const AssessmentEventsSubscription = graphql(`
  subscription AssessmentEvents($id: ID!) {
    assessmentEvents(assessmentId: $id) {
      assessmentId
      fromSeq
      seq
      kinds
      phase
      status
      selfTotal
      appraisedTotal
      pendingMaxScore
      at
      actor {
        id
        name
      }
      entries {
        id
        criterionId
        version
        value {
          ...ScoreValueFields
        }
        selfScore
        state
        comment
        notApplicable
        assigneeId
        updatedAt
        updatedById
        round1Score
        round1Comment
        round2Score
        round2Comment
        explanation
        finalScore
      }
      progress {
        criterionId
        selfTotal
        maxScore
        leaves
        leavesScored
        leavesWithEvidence
        leavesAppraised
        appraisedTotal
        pendingMaxScore
      }
    }
  }
`);

/** Everything live views show of an assessment: refetched on a gap in seq or a reconnect. */
export const AssessmentLiveStateQuery = graphql(`
  query AssessmentLiveState($id: ID!) {
    assessment(id: $id) {
      ...AssessmentLive_assessment
      period {
        id
        phase
      }
      entries {
        ...EntryEditor_entry
      }
      progress {
        ...ProgressTree_progress
      }
    }
  }
`);

export const PresenceSubscription = graphql(`
  subscription Presence($id: ID!, $sessionId: String) {
    presence(assessmentId: $id, sessionId: $sessionId) {
      assessmentId
      members {
        userId
        name
        criterionId
        expiresAt
      }
    }
  }
`);

export const UpdatePresenceMutation = graphql(`
  mutation UpdatePresence($id: ID!, $sessionId: String!, $criterionId: ID) {
    updatePresence(assessmentId: $id, sessionId: $sessionId, criterionId: $criterionId)
  }
`);

export const LeavePresenceMutation = graphql(`
  mutation LeavePresence($id: ID!, $sessionId: String!) {
    leavePresence(assessmentId: $id, sessionId: $sessionId)
  }
`);
