import { graphql } from '../../gql';

export const PeriodsQuery = graphql(`
  query Periods {
    periods {
      ...PeriodRow_period
    }
  }
`);

export const PeriodFormOptionsQuery = graphql(`
  query PeriodFormOptions {
    frameworks {
      ...FrameworkRow
    }
    units {
      ...AdminUnit
    }
  }
`);

export const CreatePeriodMutation = graphql(`
  mutation CreatePeriod($input: CreatePeriodInput!) {
    createPeriod(input: $input) {
      ...PeriodRow_period
    }
  }
`);

export const SetPeriodPhaseMutation = graphql(`
  mutation SetPeriodPhase($id: ID!, $phase: Phase!, $acknowledgeIncomplete: Boolean) {
    setPeriodPhase(id: $id, phase: $phase, acknowledgeIncomplete: $acknowledgeIncomplete) {
      id
      phase
      updatedAt
    }
  }
`);

export const PeriodMonitorQuery = graphql(`
  query PeriodMonitor($id: ID!) {
    period(id: $id) {
      ...PeriodHeading_period
      selfAssessmentDeadline
      appraisalDeadline
      explanationDeadline
      framework {
        id
        criteria {
          id
          parentId
        }
      }
      assessments {
        ...UnitCompletion_assessment
      }
    }
  }
`);

export const PeriodProgressSubscription = graphql(`
  subscription PeriodProgress($id: ID!) {
    periodProgress(periodId: $id) {
      periodId
      phase
      units {
        assessmentId
        unitId
        unitName
        leaves
        leavesDone
        selfTotal
        pendingMaxScore
        maxScore
        applicableMaxScore
        status
        seq
      }
    }
  }
`);

export const UpdatePeriodMutation = graphql(`
  mutation UpdatePeriod($id: ID!, $input: UpdatePeriodInput!) {
    updatePeriod(id: $id, input: $input) {
      ...PeriodRow_period
      appraisalDeadline
      explanationDeadline
    }
  }
`);
