import { graphql } from '../../gql';

export const RankingRowFields = graphql(`
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

export const ResultsQuery = graphql(`
  query Results($periodId: ID!, $unitKind: UnitKind!) {
    period(id: $periodId) {
      id
      name
      year
      phase
      framework {
        id
        name
        unitKind
        maxScore
      }
    }
    ranking(periodId: $periodId, unitKind: $unitKind) {
      ...RankingTable_row
    }
  }
`);

export const ResultsPeriodQuery = graphql(`
  query ResultsPeriod($periodId: ID!) {
    period(id: $periodId) {
      id
      framework {
        id
        unitKind
      }
    }
  }
`);

export const ImprovementListQuery = graphql(`
  query ImprovementList($assessmentId: ID!) {
    improvementList(assessmentId: $assessmentId) {
      criterionId
      code
      title
      score
      maxScore
      pointsLost
      basis
    }
  }
`);

export const ComputeResultsMutation = graphql(`
  mutation ComputeResults($periodId: ID!) {
    computeResults(periodId: $periodId) {
      assessmentId
    }
  }
`);

export const PublishResultsMutation = graphql(`
  mutation PublishResults($periodId: ID!, $acknowledgeIncomplete: Boolean) {
    publishResults(periodId: $periodId, acknowledgeIncomplete: $acknowledgeIncomplete) {
      id
      phase
    }
  }
`);
