import { graphql } from '../../gql';

export const AssessmentOverviewQuery = graphql(`
  query AssessmentOverview($id: ID!) {
    assessment(id: $id) {
      id
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
          criteria {
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

export const UnitPeopleQuery = graphql(`
  query UnitPeople {
    users {
      id
      name
      role
      active
      unit {
        id
      }
    }
  }
`);

export const AssignCriteriaMutation = graphql(`
  mutation AssignCriteria($input: AssignCriteriaInput!) {
    assignCriteria(input: $input) {
      ...EntryEditor_entry
    }
  }
`);

export const SubmitAssessmentMutation = graphql(`
  mutation SubmitAssessment($id: ID!) {
    submitAssessment(assessmentId: $id) {
      id
      status
      submittedAt
      seq
    }
  }
`);
