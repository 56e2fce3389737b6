import { graphql } from '../../gql';

export const ResultsQuery = graphql(`
  query Results($periodId: ID!, $unitKind: UnitKind!) {
    period(id: $periodId) {
      ...PeriodHeading_period
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
