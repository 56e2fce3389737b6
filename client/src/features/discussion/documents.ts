import { graphql } from '../../gql';

export const DiscussionQuery = graphql(`
  query EntryDiscussion($id: ID!, $criterionId: ID!) {
    assessment(id: $id) {
      id
      unitPeople {
        ...DiscussionPanel_user
      }
      council {
        id
        user {
          ...DiscussionPanel_user
        }
      }
    }
    discussion(assessmentId: $id, criterionId: $criterionId) {
      id
      resolved
      resolvedAt
      resolvedBy {
        id
        name
      }
      comments {
        id
        kind
        body
        createdAt
        editedAt
        author {
          id
          name
        }
        mentions {
          id
          name
        }
        edits {
          body
          replacedAt
        }
      }
    }
  }
`);

export const PostCommentMutation = graphql(`
  mutation PostComment($input: PostCommentInput!) {
    postComment(input: $input) {
      id
    }
  }
`);

export const EditCommentMutation = graphql(`
  mutation EditComment($id: ID!, $body: String!) {
    editComment(commentId: $id, body: $body) {
      id
      body
      editedAt
    }
  }
`);

export const ResolveThreadMutation = graphql(`
  mutation ResolveThread($assessmentId: ID!, $criterionId: ID!, $resolved: Boolean) {
    resolveThread(assessmentId: $assessmentId, criterionId: $criterionId, resolved: $resolved) {
      id
      resolved
    }
  }
`);
