import { graphql } from '../../gql';

export const ProgressTreeCriterion = graphql(`
  fragment ProgressTree_criterion on Criterion {
    id
    code
    title
    parentId
    isLeaf
    depth
    maxScore
    method
  }
`);

export const ProgressTreeProgress = graphql(`
  fragment ProgressTree_progress on Progress {
    id
    criterionId
    selfTotal
    maxScore
    leaves
    leavesScored
    leavesWithEvidence
    leavesAppraised
    appraisedTotal
    pendingMaxScore
  }
`);
