import { graphql } from '../../gql';

export const CouncilSeatFields = graphql(`
  fragment CouncilSeat_member on CouncilMember {
    id
    chair
    user {
      id
      name
      email
    }
    unit {
      id
    }
    groups {
      id
      code
    }
  }
`);

export const PeriodCouncilQuery = graphql(`
  query PeriodCouncil($id: ID!) {
    period(id: $id) {
      id
      name
      phase
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
          id
          code
          name
        }
      }
      council {
        ...CouncilSeat_member
      }
    }
    users {
      id
      name
      email
      role
      active
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
        id
        code
        name
      }
      period {
        id
        name
        phase
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
        id
        signedAt
        figuresHash
        valid
        signedBy {
          id
          name
        }
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
      id
      status
      seq
      appraisedTotal
      entries {
        id
        finalScore
      }
      signature {
        id
        signedAt
        figuresHash
        valid
        signedBy {
          id
          name
        }
      }
    }
  }
`);

export const ReopenAssessmentMutation = graphql(`
  mutation ReopenAssessment($id: ID!, $reason: String!) {
    reopenAssessment(assessmentId: $id, reason: $reason) {
      id
      status
      seq
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
