import { graphql } from '../../gql';

/**
 * How a period is named wherever it heads a page, a row or a crumb: its name, year and phase, and
 * its framework's name, unit kind and maximum (what totals are shown against).
 */
export const PeriodHeadingPeriod = graphql(`
  fragment PeriodHeading_period on Period {
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
`);

/** A period's row in the periods list: its heading, deadline and units with their status. */
export const PeriodRowPeriod = graphql(`
  fragment PeriodRow_period on Period {
    ...PeriodHeading_period
    selfAssessmentDeadline
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

/** A unit's completion on the period's monitor. */
export const UnitCompletionAssessment = graphql(`
  fragment UnitCompletion_assessment on Assessment {
    ...AssessmentLive_assessment
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
