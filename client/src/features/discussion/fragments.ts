import { graphql } from '../../gql';

/** Someone the discussion panel offers to @mention: the name shown, the e-mail inserted. */
export const DiscussionPanelUser = graphql(`
  fragment DiscussionPanel_user on User {
    id
    name
    email
  }
`);
