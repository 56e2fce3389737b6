import { graphql } from '../../gql';

/** What the council questioned (Assessment.explanationItems): the unit answers each one. */
export const ExplanationItemsQuery = graphql(`
  query ExplanationItems($id: ID!) {
    assessment(id: $id) {
      id
      explanationItems {
        entryId
        criterionId
        code
        title
        selfScore
        appraisedScore
        pointsAtStake
        councilComment
      }
    }
  }
`);
