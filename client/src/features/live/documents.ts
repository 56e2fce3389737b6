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

/**
 * Everything live views show of an assessment: refetched on a gap in seq or a reconnect. The
 * pages' own queries list the same fields (not as a fragment spread: the server's depth limit
 * counts each spread as a level).
 */
export const AssessmentLiveStateQuery = graphql(`
  query AssessmentLiveState($id: ID!) {
    assessment(id: $id) {
      id
      seq
      status
      selfTotal
      pendingMaxScore
      submittedAt
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

/** The period an assessment belongs to, read from the cache (a PHASE_CHANGED event moves it). */
export const PeriodOfAssessment = graphql(`
  fragment PeriodOf_assessment on Assessment {
    id
    period {
      id
    }
  }
`);

/** Which progress row (by id) belongs to which criterion, read from the cache. */
export const ProgressIndexAssessment = graphql(`
  fragment ProgressIndex_assessment on Assessment {
    id
    progress {
      id
      criterionId
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
