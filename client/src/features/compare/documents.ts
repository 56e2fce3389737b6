import { graphql } from '../../gql';

export const CompareQuery = graphql(`
  query Compare($left: ID!, $right: ID!) {
    compareAssessments(leftId: $left, rightId: $right) {
      left {
        ...CompareHead_side
      }
      right {
        ...CompareHead_side
      }
      rows {
        code
        title
        depth
        isLeaf
        left {
          score
          maxScore
        }
        right {
          score
          maxScore
        }
        change
      }
      changed
    }
  }
`);

/** What the right side can be: the periods the person sees, then the units of the chosen one. */
export const ComparePeriodsQuery = graphql(`
  query ComparePeriods {
    periods {
      ...PeriodHeading_period
    }
  }
`);

export const CompareCandidatesQuery = graphql(`
  query CompareCandidates($periodId: ID!) {
    assessments(periodId: $periodId, first: 100) {
      edges {
        node {
          id
          unit {
            ...AdminUnit
          }
        }
      }
    }
  }
`);
