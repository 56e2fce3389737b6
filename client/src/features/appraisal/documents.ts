import { graphql } from '../../gql';

export const AppraisalEntryFields = graphql(`
  fragment Appraisal_entry on ScoreEntry {
    id
    criterionId
    version
    state
    selfScore
    notApplicable
    comment
    value {
      ...ScoreValueFields
    }
    round1Score
    round1Comment
    round1Value {
      ...ScoreValueFields
    }
    round2Score
    round2Comment
    round2Value {
      ...ScoreValueFields
    }
    explanation
    finalScore
    ...EvidencePanel_entry
  }
`);

export const AppraisalWorkspaceQuery = graphql(`
  query AppraisalWorkspace($id: ID!) {
    assessment(id: $id) {
      id
      seq
      status
      selfTotal
      appraisedTotal
      pendingMaxScore
      submittedAt
      unit {
        id
        name
      }
      council {
        id
      }
      period {
        id
        name
        phase
        framework {
          id
          maxScore
          criteria {
            ...CriteriaNav_criterion
            ...EntryEditor_criterion
          }
        }
      }
      entries {
        ...Appraisal_entry
      }
      progress {
        ...ProgressTree_progress
      }
    }
  }
`);

export const SaveAppraisalMutation = graphql(`
  mutation SaveAppraisal($input: SaveAppraisalInput!) {
    saveAppraisal(input: $input) {
      seq
      round
      entry {
        ...Appraisal_entry
      }
      progress {
        ...ProgressTree_progress
      }
    }
  }
`);

export const ReturnForExplanationMutation = graphql(`
  mutation ReturnForExplanation($id: ID!) {
    returnForExplanation(assessmentId: $id) {
      id
      status
      seq
    }
  }
`);

export const FinalizeAssessmentMutation = graphql(`
  mutation FinalizeAssessment($id: ID!) {
    finalizeAssessment(assessmentId: $id) {
      id
      status
      seq
      appraisedTotal
      entries {
        id
        finalScore
      }
    }
  }
`);

export const SaveExplanationMutation = graphql(`
  mutation SaveExplanation($input: SaveExplanationInput!) {
    saveExplanation(input: $input) {
      seq
      entry {
        id
        version
        explanation
      }
    }
  }
`);
