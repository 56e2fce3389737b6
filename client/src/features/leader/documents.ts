import { graphql } from '../../gql';

export const AssessmentOverviewQuery = graphql(`
  query AssessmentOverview($id: ID!) {
    assessment(id: $id) {
      ...AssessmentLive_assessment
      unit {
        id
        name
      }
      period {
        ...PeriodHeading_period
        framework {
          id
          criteria {
            ...ProgressTree_criterion
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
      ...AssessmentLive_assessment
    }
  }
`);
