/** The operations the benchmarks send: as documented in docs/api.md and as the web client asks. */

/** saveSelfScore with the selection of docs/api.md ("Saving a self score"). */
export const SAVE = `mutation Save($i: SaveSelfScoreInput!) {
  saveSelfScore(input: $i) { seq entry { id version selfScore state } progress { criterionId selfTotal maxScore } }
}`;

/** The no-op: the cheapest authenticated operation, `me` (token check + the person, kept by the process after the first request + GraphQL). */
export const NOOP = `query Me { me { id } }`;

/** The web client's subscription (client/src: AssessmentEvents), fields in the same order. */
export const EVENTS = `subscription AssessmentEvents($id: ID!) {
  assessmentEvents(assessmentId: $id) {
    assessmentId fromSeq seq kinds status selfTotal appraisedTotal at
    actor { id name }
    entries {
      id criterionId version
      value { points met tier numerator denominator figure notApplicable }
      selfScore state comment notApplicable assigneeId updatedAt updatedById
      round1Score round1Comment round2Score round2Comment explanation finalScore
    }
    progress { criterionId selfTotal maxScore leaves leavesScored leavesWithEvidence leavesAppraised appraisedTotal }
  }
}`;

/** The full progress tree as the web client's leader view asks for it (ProgressTree_progress). */
export const PROGRESS = `query Progress($id: ID!) {
  assessment(id: $id) { id progress { id criterionId selfTotal maxScore leaves leavesScored leavesWithEvidence leavesAppraised appraisedTotal } }
}`;

export const COMPUTE_RESULTS = `mutation Compute($id: ID!) { computeResults(periodId: $id) { assessmentId rank total index band } }`;

/** A STAFF's "my criteria" page (client/src/features/assignments: MyAssignments, its own fields). */
export const MY_ASSIGNMENTS = `query MyAssignments {
  myAssignments { id state selfScore notApplicable updatedAt criterion { id code title maxScore } assessment { id status unit { id name } } }
}`;

/** The web client's presence refresh (every 5 s while an assessment is open: usePresence). */
export const PRESENCE = `mutation UpdatePresence($id: ID!, $sessionId: String!, $criterionId: ID) {
  updatePresence(assessmentId: $id, sessionId: $sessionId, criterionId: $criterionId)
}`;

export const LOGIN = `mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;
