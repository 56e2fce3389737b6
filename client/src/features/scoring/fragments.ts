import { graphql } from '../../gql';

/** The raw input of a score, as entries and conflicts carry it. */
export const ScoreValueFields = graphql(`
  fragment ScoreValueFields on ScoreValue {
    points
    met
    tier
    numerator
    denominator
    figure
    notApplicable
  }
`);

/** What the scoring input needs to know about a leaf. */
export const ScoreInputCriterion = graphql(`
  fragment ScoreInput_criterion on Criterion {
    id
    method
    maxScore
    step
    allowNotApplicable
    allowAboveFull
    tierOptions {
      label
      share
    }
    thresholdOptions {
      minPercent
      share
      ratio
    }
  }
`);
