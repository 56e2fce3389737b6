import { graphql } from '../../gql';

export const AppraisalWorkspaceQuery = graphql(`
  query AppraisalWorkspace($id: ID!) {
    assessment(id: $id) {
      ...AssessmentLive_assessment
      appraisedTotal
      unit {
        id
        name
      }
      council {
        id
      }
      period {
        ...PeriodHeading_period
        framework {
          id
          criteria {
            ...ProgressTree_criterion
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
      ...AssessmentLive_assessment
    }
  }
`);

export const FinalizeAssessmentMutation = graphql(`
  mutation FinalizeAssessment($id: ID!) {
    finalizeAssessment(assessmentId: $id) {
      ...AssessmentLive_assessment
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
