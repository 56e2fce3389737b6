import { graphql } from '../../gql';

/** What the entry editor shows of an entry: its scores, evidence, authors and assignee. */
export const EntryEditorEntry = graphql(`
  fragment EntryEditor_entry on ScoreEntry {
    ...AssessmentLive_entry
    ...EvidencePanel_entry
    updatedBy {
      id
      name
    }
    selfUpdatedBy {
      id
      name
    }
    selfUpdatedAt
    assignee {
      id
      name
    }
  }
`);

/** What the entry editor shows of a leaf: its heading, guidance and how it is scored. */
export const EntryEditorCriterion = graphql(`
  fragment EntryEditor_criterion on Criterion {
    id
    code
    title
    guidance
    evidenceRequired
    maxScore
    ...ScoreInput_criterion
  }
`);
