import { graphql } from '../../gql';

/**
 * Where an assessment stands, as live events keep it (applyEvent writes seq, status and totals):
 * every view of an assessment spreads it, so the state refetched after a gap in seq is what they
 * show, and a field added for one of them is added for all.
 */
export const AssessmentLiveAssessment = graphql(`
  fragment AssessmentLive_assessment on Assessment {
    id
    seq
    status
    selfTotal
    pendingMaxScore
    submittedAt
  }
`);

/**
 * An entry's scores in every round, with their raw input, state and comments: what a live event
 * carries of an entry and applyEvent writes, spread by every view of entries so that each one
 * stays current and a field added to the events is added to them all at once.
 */
export const AssessmentLiveEntry = graphql(`
  fragment AssessmentLive_entry on ScoreEntry {
    id
    criterionId
    version
    value {
      ...ScoreValueFields
    }
    selfScore
    state
    comment
    notApplicable
    round1Score
    round1Comment
    round2Score
    round2Comment
    explanation
    finalScore
    updatedAt
  }
`);

/** The period an assessment belongs to, read from the cache (a PHASE_CHANGED event moves it). */
export const PeriodOfAssessment = graphql(`
  fragment PeriodOf_assessment on Assessment {
    id
    period {
      id
    }
  }
`);

/** Which progress row (by id) belongs to which criterion, read from the cache. */
export const ProgressIndexAssessment = graphql(`
  fragment ProgressIndex_assessment on Assessment {
    id
    progress {
      id
      criterionId
    }
  }
`);
