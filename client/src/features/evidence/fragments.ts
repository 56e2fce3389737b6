import { graphql } from '../../gql';

/** One piece of evidence as the evidence panel lists it. */
export const EvidencePanelEvidence = graphql(`
  fragment EvidencePanel_evidence on Evidence {
    id
    kind
    name
    url
    size
    mimeType
    downloadUrl
    createdAt
    uploadedBy {
      id
      name
    }
  }
`);

/** What the evidence panel shows of an entry. */
export const EvidencePanelEntry = graphql(`
  fragment EvidencePanel_entry on ScoreEntry {
    id
    version
    evidenceCount
    evidence {
      ...EvidencePanel_evidence
    }
  }
`);
