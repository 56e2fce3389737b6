import { graphql } from '../../gql';

export const DeadlineFields = graphql(`
  fragment DeadlinePanel_assessment on Assessment {
    id
    deadline {
      phase
      deadline
      extendedUntil
      closesAt
      passed
      timeZone
    }
    extensions {
      id
      phase
      until
      reason
      grantedAt
      grantedBy {
        id
        name
      }
    }
  }
`);

export const GrantExtensionMutation = graphql(`
  mutation GrantExtension($assessmentId: ID!, $phase: Phase!, $until: DateTimeISO!, $reason: String!) {
    grantExtension(assessmentId: $assessmentId, phase: $phase, until: $until, reason: $reason) {
      id
    }
  }
`);
