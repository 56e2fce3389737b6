import { graphql } from '../../gql';

export const AssessmentBlockersQuery = graphql(`
  query AssessmentBlockers($id: ID!) {
    assessment(id: $id) {
      id
      status
      blockers {
        criterionId
        code
        title
        reason
      }
    }
  }
`);
