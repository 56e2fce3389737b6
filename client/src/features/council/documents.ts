import { graphql } from '../../gql';

export const PeriodCouncilQuery = graphql(`
  query PeriodCouncil($id: ID!) {
    period(id: $id) {
      ...PeriodHeading_period
      framework {
        id
        criteria {
          id
          code
          title
          depth
        }
      }
      assessments {
        id
        unit {
          ...CouncilUnit_unit
        }
      }
      council {
        ...CouncilSeat_member
      }
    }
    users {
      ...AdminUser
    }
  }
`);

export const AssignAppraisersMutation = graphql(`
  mutation AssignAppraisers($input: AssignAppraisersInput!) {
    assignAppraisers(input: $input) {
      ...CouncilSeat_member
    }
  }
`);

export const MyCouncilUnitsQuery = graphql(`
  query MyCouncilUnits {
    myCouncilUnits {
      assessmentId
      status
      chair
      leaves
      leavesAppraised
      signed
      unit {
        ...CouncilUnit_unit
      }
      period {
        ...PeriodHeading_period
      }
      groups {
        id
        code
      }
    }
  }
`);

export const FinalizationQuery = graphql(`
  query Finalization($id: ID!) {
    assessment(id: $id) {
      id
      status
      council {
        ...CouncilSeat_member
      }
      signature {
        ...FinalizationPanel_signature
      }
      signatures {
        id
        signedAt
        voidedAt
        voidReason
        signedBy {
          id
          name
        }
      }
    }
  }
`);

export const SignFinalizationMutation = graphql(`
  mutation SignFinalization($id: ID!) {
    signFinalization(assessmentId: $id) {
      ...AssessmentLive_assessment
      appraisedTotal
      entries {
        id
        finalScore
      }
      signature {
        ...FinalizationPanel_signature
      }
    }
  }
`);

export const ReopenAssessmentMutation = graphql(`
  mutation ReopenAssessment($id: ID!, $reason: String!) {
    reopenAssessment(assessmentId: $id, reason: $reason) {
      ...AssessmentLive_assessment
      entries {
        id
        finalScore
      }
      signature {
        id
      }
    }
  }
`);
