import { graphql } from '../../gql';

export const AssessmentWorkspaceQuery = graphql(`
  query AssessmentWorkspace($id: ID!) {
    assessment(id: $id) {
      ...AssessmentLive_assessment
      ...DeadlinePanel_assessment
      unit {
        id
        name
      }
      period {
        ...PeriodHeading_period
        framework {
          id
          notApplicable
          criteria {
            ...ProgressTree_criterion
            ...EntryEditor_criterion
          }
        }
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
