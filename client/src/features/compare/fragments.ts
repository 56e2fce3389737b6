import { graphql } from '../../gql';

/** One side of a comparison, as its column heading names it. */
export const CompareHeadSide = graphql(`
  fragment CompareHead_side on CompareSide {
    assessmentId
    unitName
    unitCode
    periodName
    year
    basis
    total
    maxScore
  }
`);
