import { graphql } from '../../gql';

/** What the appraisal page shows of an entry: its scores, each round's raw input, and evidence. */
export const AppraisalEntry = graphql(`
  fragment Appraisal_entry on ScoreEntry {
    ...AssessmentLive_entry
    round1Value {
      ...ScoreValueFields
    }
    round2Value {
      ...ScoreValueFields
    }
    ...EvidencePanel_entry
  }
`);
