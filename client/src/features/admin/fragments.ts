import { graphql } from '../../gql';

/** A unit as the people page lists it (and forms pick it). */
export const AdminUnit = graphql(`
  fragment AdminUnit on Unit {
    id
    code
    name
    kind
    parent {
      id
      name
    }
  }
`);

/** A person as the people page lists it (and the council page picks appraisers from it). */
export const AdminUser = graphql(`
  fragment AdminUser on User {
    id
    name
    email
    role
    active
    unit {
      id
      name
    }
  }
`);

/** A framework's row in the frameworks list (and the period form's choice of framework). */
export const FrameworkRow = graphql(`
  fragment FrameworkRow on Framework {
    id
    code
    name
    year
    version
    status
    unitKind
    maxScore
    publishedAt
  }
`);

/** A criterion of the framework page: its place in the tree, guidance, and how it is scored. */
export const FrameworkTreeCriterion = graphql(`
  fragment FrameworkTree_criterion on Criterion {
    ...ProgressTree_criterion
    guidance
    evidenceRequired
    ...ScoreInput_criterion
  }
`);
