import { graphql } from '../../gql';

export const EntryEditorEntry = graphql(`
  fragment EntryEditor_entry on ScoreEntry {
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
    evidenceCount
    ...EvidencePanel_entry
    round1Score
    round1Comment
    round2Score
    explanation
    finalScore
    updatedAt
    updatedBy {
      id
      name
    }
    selfUpdatedBy {
      id
      name
    }
    selfUpdatedAt
    assignee {
      id
      name
    }
  }
`);

export const EntryEditorCriterion = graphql(`
  fragment EntryEditor_criterion on Criterion {
    id
    code
    title
    guidance
    evidenceRequired
    maxScore
    ...ScoreInput_criterion
  }
`);

export const CriteriaNavCriterion = graphql(`
  fragment CriteriaNav_criterion on Criterion {
    id
    code
    title
    parentId
    isLeaf
    depth
    maxScore
    method
  }
`);

export const AssessmentWorkspaceQuery = graphql(`
  query AssessmentWorkspace($id: ID!) {
    assessment(id: $id) {
      id
      ...DeadlinePanel_assessment
      unit {
        id
        name
      }
      period {
        id
        name
        year
        phase
        framework {
          id
          name
          maxScore
          notApplicable
          criteria {
            ...CriteriaNav_criterion
            ...EntryEditor_criterion
            ...ProgressTree_criterion
          }
        }
      }
      seq
      status
      selfTotal
      pendingMaxScore
      submittedAt
      entries {
        ...EntryEditor_entry
      }
      progress {
        ...ProgressTree_progress
      }
    }
  }
`);

export const SaveSelfScoreMutation = graphql(`
  mutation SaveSelfScore($input: SaveSelfScoreInput!) {
    saveSelfScore(input: $input) {
      seq
      entry {
        ...EntryEditor_entry
      }
      progress {
        ...ProgressTree_progress
      }
    }
  }
`);
