import { graphql } from '../../gql';

export const PeriodsQuery = graphql(`
  query Periods {
    periods {
      ...PeriodRow_period
    }
  }
`);

export const PeriodRowPeriod = graphql(`
  fragment PeriodRow_period on Period {
    id
    name
    year
    phase
    selfAssessmentDeadline
    framework {
      id
      name
      unitKind
    }
    assessments {
      id
      status
      unit {
        id
        name
      }
    }
  }
`);

export const PeriodFormOptionsQuery = graphql(`
  query PeriodFormOptions {
    frameworks {
      id
      code
      name
      year
      version
      status
      unitKind
      maxScore
    }
    units {
      id
      code
      name
      kind
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
      id
      name
      year
      phase
      selfAssessmentDeadline
      appraisalDeadline
      explanationDeadline
      framework {
        id
        name
        maxScore
        unitKind
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

export const UnitCompletionAssessment = graphql(`
  fragment UnitCompletion_assessment on Assessment {
    id
    status
    selfTotal
    pendingMaxScore
    seq
    submittedAt
    unit {
      id
      name
    }
    progress {
      id
      criterionId
      leaves
      leavesScored
      maxScore
      selfTotal
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
