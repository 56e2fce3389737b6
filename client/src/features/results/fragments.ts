import { graphql } from '../../gql';

/** A unit's row in the ranking table, with its groups for the chart. */
export const RankingTableRow = graphql(`
  fragment RankingTable_row on RankingRow {
    assessmentId
    submitted
    rank
    previousRank
    rankChange
    total
    totalChange
    previousTotal
    index
    band
    basis
    selfTotal
    round1Total
    finalTotal
    maxScore
    computedAt
    unit {
      id
      name
    }
    groups {
      ...GroupChart_group
    }
  }
`);

/** A criteria group's result, as the group chart draws it. */
export const GroupChartGroup = graphql(`
  fragment GroupChart_group on GroupResultRow {
    criterionId
    code
    title
    total
    maxScore
    rank
  }
`);
