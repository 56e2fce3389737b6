import { graphql } from '../../gql';

export const AttachEvidenceLinkMutation = graphql(`
  mutation AttachEvidenceLink($input: AttachEvidenceLinkInput!) {
    attachEvidenceLink(input: $input) {
      id
      entry {
        ...EvidencePanel_entry
      }
    }
  }
`);

export const RemoveEvidenceMutation = graphql(`
  mutation RemoveEvidence($id: ID!) {
    removeEvidence(id: $id) {
      ...EvidencePanel_entry
    }
  }
`);

/** One entry's evidence, fetched after an upload (the upload itself is plain HTTP). */
export const EntryEvidenceQuery = graphql(`
  query EntryEvidence($assessmentId: ID!, $criterionId: ID!) {
    assessment(id: $assessmentId) {
      id
      evidence(criterionId: $criterionId) {
        ...EvidencePanel_evidence
      }
    }
  }
`);
