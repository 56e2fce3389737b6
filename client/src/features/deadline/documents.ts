import { graphql } from '../../gql';

export const GrantExtensionMutation = graphql(`
  mutation GrantExtension($assessmentId: ID!, $phase: Phase!, $until: DateTimeISO!, $reason: String!) {
    grantExtension(assessmentId: $assessmentId, phase: $phase, until: $until, reason: $reason) {
      id
    }
  }
`);
