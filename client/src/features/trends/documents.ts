import { graphql } from '../../gql';

export const UnitHistoryQuery = graphql(`
  query UnitHistory($unitId: ID!) {
    unitHistory(unitId: $unitId) {
      periodId
      periodName
      year
      frameworkCode
      frameworkName
      total
      maxScore
      index
      rank
      rankedUnits
      band
      averageIndex
      groups {
        code
        title
        total
        maxScore
        periodAverage
      }
    }
  }
`);
