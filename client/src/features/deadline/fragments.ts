import { graphql } from '../../gql';

/** What the deadline panel shows of an assessment: the phase's deadline and its extensions. */
export const DeadlinePanelAssessment = graphql(`
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
