/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ApiTokenRow on ApiToken {\n    id\n    name\n    scope\n    prefix\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n": typeof types.ApiTokenRowFragmentDoc,
    "\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenRow\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation IssueApiToken($name: String!, $scope: TokenScope!) {\n    issueApiToken(name: $name, scope: $scope) {\n      secret\n      token {\n        ...ApiTokenRow\n      }\n    }\n  }\n": typeof types.IssueApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  query AdminPeople {\n    units {\n      ...AdminUnit\n    }\n    users {\n      ...AdminUser\n    }\n  }\n": typeof types.AdminPeopleDocument,
    "\n  mutation CreateUnit($input: CreateUnitInput!) {\n    createUnit(input: $input) {\n      ...AdminUnit\n    }\n  }\n": typeof types.CreateUnitDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...AdminUser\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    setUserActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n": typeof types.SetUserActiveDocument,
    "\n  query Frameworks {\n    frameworks {\n      ...FrameworkRow\n    }\n  }\n": typeof types.FrameworksDocument,
    "\n  mutation ImportFramework($document: JSONObject!) {\n    importFramework(document: $document) {\n      ...FrameworkRow\n    }\n  }\n": typeof types.ImportFrameworkDocument,
    "\n  mutation PublishFramework($id: ID!) {\n    publishFramework(id: $id) {\n      id\n      status\n      publishedAt\n    }\n  }\n": typeof types.PublishFrameworkDocument,
    "\n  query FrameworkDetail($id: ID!) {\n    framework(id: $id) {\n      ...FrameworkRow\n      notApplicable\n      bands {\n        label\n        minPercent\n      }\n      criteria {\n        ...FrameworkTree_criterion\n      }\n    }\n  }\n": typeof types.FrameworkDetailDocument,
    "\n  mutation ImportFrameworkSheet($input: ImportFrameworkSheetInput!) {\n    importFrameworkSheet(input: $input) {\n      ...FrameworkRow\n    }\n  }\n": typeof types.ImportFrameworkSheetDocument,
    "\n  mutation UpdateUnit($id: ID!, $input: UpdateUnitInput!) {\n    updateUnit(id: $id, input: $input) {\n      ...AdminUnit\n    }\n  }\n": typeof types.UpdateUnitDocument,
    "\n  mutation ImportPeopleSheet($input: ImportPeopleSheetInput!) {\n    importPeopleSheet(input: $input) {\n      applied\n      unitsCreated\n      unitsUpdated\n      usersCreated\n      usersUpdated\n      units {\n        row\n        action\n        code\n        name\n        kind\n        parentCode\n        changed\n      }\n      users {\n        row\n        action\n        email\n        name\n        role\n        unitCode\n        changed\n      }\n    }\n  }\n": typeof types.ImportPeopleSheetDocument,
    "\n  fragment AdminUnit on Unit {\n    id\n    code\n    name\n    kind\n    parent {\n      id\n      name\n    }\n  }\n": typeof types.AdminUnitFragmentDoc,
    "\n  fragment AdminUser on User {\n    id\n    name\n    email\n    role\n    active\n    unit {\n      id\n      name\n    }\n  }\n": typeof types.AdminUserFragmentDoc,
    "\n  fragment FrameworkRow on Framework {\n    id\n    code\n    name\n    year\n    version\n    status\n    unitKind\n    maxScore\n    publishedAt\n  }\n": typeof types.FrameworkRowFragmentDoc,
    "\n  fragment FrameworkTree_criterion on Criterion {\n    ...ProgressTree_criterion\n    guidance\n    evidenceRequired\n    ...ScoreInput_criterion\n  }\n": typeof types.FrameworkTree_CriterionFragmentDoc,
    "\n  query AppraisalWorkspace($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      appraisedTotal\n      unit {\n        id\n        name\n      }\n      council {\n        id\n      }\n      period {\n        ...PeriodHeading_period\n        framework {\n          id\n          criteria {\n            ...ProgressTree_criterion\n            ...EntryEditor_criterion\n          }\n        }\n      }\n      entries {\n        ...Appraisal_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n": typeof types.AppraisalWorkspaceDocument,
    "\n  mutation SaveAppraisal($input: SaveAppraisalInput!) {\n    saveAppraisal(input: $input) {\n      seq\n      round\n      entry {\n        ...Appraisal_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n": typeof types.SaveAppraisalDocument,
    "\n  mutation ReturnForExplanation($id: ID!) {\n    returnForExplanation(assessmentId: $id) {\n      ...AssessmentLive_assessment\n    }\n  }\n": typeof types.ReturnForExplanationDocument,
    "\n  mutation FinalizeAssessment($id: ID!) {\n    finalizeAssessment(assessmentId: $id) {\n      ...AssessmentLive_assessment\n      appraisedTotal\n      entries {\n        id\n        finalScore\n      }\n    }\n  }\n": typeof types.FinalizeAssessmentDocument,
    "\n  mutation SaveExplanation($input: SaveExplanationInput!) {\n    saveExplanation(input: $input) {\n      seq\n      entry {\n        id\n        version\n        explanation\n      }\n    }\n  }\n": typeof types.SaveExplanationDocument,
    "\n  fragment Appraisal_entry on ScoreEntry {\n    ...AssessmentLive_entry\n    round1Value {\n      ...ScoreValueFields\n    }\n    round2Value {\n      ...ScoreValueFields\n    }\n    ...EvidencePanel_entry\n  }\n": typeof types.Appraisal_EntryFragmentDoc,
    "\n  fragment MyCriteria_entry on ScoreEntry {\n    id\n    state\n    selfScore\n    notApplicable\n    updatedAt\n    criterion {\n      id\n      code\n      title\n      maxScore\n    }\n    assessment {\n      id\n      status\n      unit {\n        id\n        name\n      }\n      period {\n        ...PeriodHeading_period\n        selfAssessmentDeadline\n      }\n    }\n  }\n": typeof types.MyCriteria_EntryFragmentDoc,
    "\n  query MyAssignments {\n    myAssignments {\n      ...MyCriteria_entry\n    }\n  }\n": typeof types.MyAssignmentsDocument,
    "\n  fragment Session_user on User {\n    id\n    name\n    email\n    role\n    unit {\n      id\n      name\n      kind\n    }\n  }\n": typeof types.Session_UserFragmentDoc,
    "\n  query Me {\n    me {\n      ...Session_user\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        ...Session_user\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query AssessmentBlockers($id: ID!) {\n    assessment(id: $id) {\n      id\n      status\n      blockers {\n        criterionId\n        code\n        title\n        reason\n      }\n    }\n  }\n": typeof types.AssessmentBlockersDocument,
    "\n  query Compare($left: ID!, $right: ID!) {\n    compareAssessments(leftId: $left, rightId: $right) {\n      left {\n        ...CompareHead_side\n      }\n      right {\n        ...CompareHead_side\n      }\n      rows {\n        code\n        title\n        depth\n        isLeaf\n        left {\n          score\n          maxScore\n        }\n        right {\n          score\n          maxScore\n        }\n        change\n      }\n      changed\n    }\n  }\n": typeof types.CompareDocument,
    "\n  query ComparePeriods {\n    periods {\n      ...PeriodHeading_period\n    }\n  }\n": typeof types.ComparePeriodsDocument,
    "\n  query CompareCandidates($periodId: ID!) {\n    assessments(periodId: $periodId, first: 100) {\n      edges {\n        node {\n          id\n          unit {\n            ...AdminUnit\n          }\n        }\n      }\n    }\n  }\n": typeof types.CompareCandidatesDocument,
    "\n  fragment CompareHead_side on CompareSide {\n    assessmentId\n    unitName\n    unitCode\n    periodName\n    year\n    basis\n    total\n    maxScore\n  }\n": typeof types.CompareHead_SideFragmentDoc,
    "\n  query PeriodCouncil($id: ID!) {\n    period(id: $id) {\n      ...PeriodHeading_period\n      framework {\n        id\n        criteria {\n          id\n          code\n          title\n          depth\n        }\n      }\n      assessments {\n        id\n        unit {\n          ...CouncilUnit_unit\n        }\n      }\n      council {\n        ...CouncilSeat_member\n      }\n    }\n    users {\n      ...AdminUser\n    }\n  }\n": typeof types.PeriodCouncilDocument,
    "\n  mutation AssignAppraisers($input: AssignAppraisersInput!) {\n    assignAppraisers(input: $input) {\n      ...CouncilSeat_member\n    }\n  }\n": typeof types.AssignAppraisersDocument,
    "\n  query MyCouncilUnits {\n    myCouncilUnits {\n      assessmentId\n      status\n      chair\n      leaves\n      leavesAppraised\n      signed\n      unit {\n        ...CouncilUnit_unit\n      }\n      period {\n        ...PeriodHeading_period\n      }\n      groups {\n        id\n        code\n      }\n    }\n  }\n": typeof types.MyCouncilUnitsDocument,
    "\n  query Finalization($id: ID!) {\n    assessment(id: $id) {\n      id\n      status\n      council {\n        ...CouncilSeat_member\n      }\n      signature {\n        ...FinalizationPanel_signature\n      }\n      signatures {\n        id\n        signedAt\n        voidedAt\n        voidReason\n        signedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.FinalizationDocument,
    "\n  mutation SignFinalization($id: ID!) {\n    signFinalization(assessmentId: $id) {\n      ...AssessmentLive_assessment\n      appraisedTotal\n      entries {\n        id\n        finalScore\n      }\n      signature {\n        ...FinalizationPanel_signature\n      }\n    }\n  }\n": typeof types.SignFinalizationDocument,
    "\n  mutation ReopenAssessment($id: ID!, $reason: String!) {\n    reopenAssessment(assessmentId: $id, reason: $reason) {\n      ...AssessmentLive_assessment\n      entries {\n        id\n        finalScore\n      }\n      signature {\n        id\n      }\n    }\n  }\n": typeof types.ReopenAssessmentDocument,
    "\n  fragment CouncilSeat_member on CouncilMember {\n    id\n    chair\n    user {\n      id\n      name\n    }\n    unit {\n      id\n    }\n    groups {\n      id\n      code\n    }\n  }\n": typeof types.CouncilSeat_MemberFragmentDoc,
    "\n  fragment CouncilUnit_unit on Unit {\n    id\n    code\n    name\n  }\n": typeof types.CouncilUnit_UnitFragmentDoc,
    "\n  fragment FinalizationPanel_signature on FinalizationSignature {\n    id\n    signedAt\n    figuresHash\n    valid\n    signedBy {\n      id\n      name\n    }\n  }\n": typeof types.FinalizationPanel_SignatureFragmentDoc,
    "\n  mutation GrantExtension($assessmentId: ID!, $phase: Phase!, $until: DateTimeISO!, $reason: String!) {\n    grantExtension(assessmentId: $assessmentId, phase: $phase, until: $until, reason: $reason) {\n      id\n    }\n  }\n": typeof types.GrantExtensionDocument,
    "\n  fragment DeadlinePanel_assessment on Assessment {\n    id\n    deadline {\n      phase\n      deadline\n      extendedUntil\n      closesAt\n      passed\n      timeZone\n    }\n    extensions {\n      id\n      phase\n      until\n      reason\n      grantedAt\n      grantedBy {\n        id\n        name\n      }\n    }\n  }\n": typeof types.DeadlinePanel_AssessmentFragmentDoc,
    "\n  query EntryDiscussion($id: ID!, $criterionId: ID!) {\n    assessment(id: $id) {\n      id\n      unitPeople {\n        ...DiscussionPanel_user\n      }\n      council {\n        id\n        user {\n          ...DiscussionPanel_user\n        }\n      }\n    }\n    discussion(assessmentId: $id, criterionId: $criterionId) {\n      id\n      resolved\n      resolvedAt\n      resolvedBy {\n        id\n        name\n      }\n      comments {\n        id\n        kind\n        body\n        createdAt\n        editedAt\n        author {\n          id\n          name\n        }\n        mentions {\n          id\n          name\n        }\n        edits {\n          body\n          replacedAt\n        }\n      }\n    }\n  }\n": typeof types.EntryDiscussionDocument,
    "\n  mutation PostComment($input: PostCommentInput!) {\n    postComment(input: $input) {\n      id\n    }\n  }\n": typeof types.PostCommentDocument,
    "\n  mutation EditComment($id: ID!, $body: String!) {\n    editComment(commentId: $id, body: $body) {\n      id\n      body\n      editedAt\n    }\n  }\n": typeof types.EditCommentDocument,
    "\n  mutation ResolveThread($assessmentId: ID!, $criterionId: ID!, $resolved: Boolean) {\n    resolveThread(assessmentId: $assessmentId, criterionId: $criterionId, resolved: $resolved) {\n      id\n      resolved\n    }\n  }\n": typeof types.ResolveThreadDocument,
    "\n  fragment DiscussionPanel_user on User {\n    id\n    name\n    email\n  }\n": typeof types.DiscussionPanel_UserFragmentDoc,
    "\n  mutation AttachEvidenceLink($input: AttachEvidenceLinkInput!) {\n    attachEvidenceLink(input: $input) {\n      id\n      entry {\n        ...EvidencePanel_entry\n      }\n    }\n  }\n": typeof types.AttachEvidenceLinkDocument,
    "\n  mutation RemoveEvidence($id: ID!) {\n    removeEvidence(id: $id) {\n      ...EvidencePanel_entry\n    }\n  }\n": typeof types.RemoveEvidenceDocument,
    "\n  query EntryEvidence($assessmentId: ID!, $criterionId: ID!) {\n    assessment(id: $assessmentId) {\n      id\n      evidence(criterionId: $criterionId) {\n        ...EvidencePanel_evidence\n      }\n    }\n  }\n": typeof types.EntryEvidenceDocument,
    "\n  fragment EvidencePanel_evidence on Evidence {\n    id\n    kind\n    name\n    url\n    size\n    mimeType\n    downloadUrl\n    createdAt\n    uploadedBy {\n      id\n      name\n    }\n  }\n": typeof types.EvidencePanel_EvidenceFragmentDoc,
    "\n  fragment EvidencePanel_entry on ScoreEntry {\n    id\n    version\n    evidenceCount\n    evidence {\n      ...EvidencePanel_evidence\n    }\n  }\n": typeof types.EvidencePanel_EntryFragmentDoc,
    "\n  query ExplanationItems($id: ID!) {\n    assessment(id: $id) {\n      id\n      explanationItems {\n        entryId\n        criterionId\n        code\n        title\n        selfScore\n        appraisedScore\n        pointsAtStake\n        councilComment\n      }\n    }\n  }\n": typeof types.ExplanationItemsDocument,
    "\n  query AssessmentInspections($id: ID!) {\n    assessment(id: $id) {\n      id\n      unit {\n        id\n      }\n      council {\n        id\n        user {\n          id\n          name\n        }\n      }\n      unitPeople {\n        id\n        name\n      }\n      inspections {\n        id\n        date\n        place\n        members {\n          id\n          name\n        }\n        findings {\n          code\n          text\n        }\n        files {\n          id\n          name\n          size\n          url\n        }\n        recordedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.AssessmentInspectionsDocument,
    "\n  mutation RecordInspection($input: RecordInspectionInput!) {\n    recordInspection(input: $input) {\n      id\n    }\n  }\n": typeof types.RecordInspectionDocument,
    "\n  query AssessmentOverview($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      unit {\n        id\n        name\n      }\n      period {\n        ...PeriodHeading_period\n        framework {\n          id\n          criteria {\n            ...ProgressTree_criterion\n          }\n        }\n      }\n      entries {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n": typeof types.AssessmentOverviewDocument,
    "\n  query UnitPeople {\n    users {\n      id\n      name\n      role\n      active\n      unit {\n        id\n      }\n    }\n  }\n": typeof types.UnitPeopleDocument,
    "\n  mutation AssignCriteria($input: AssignCriteriaInput!) {\n    assignCriteria(input: $input) {\n      ...EntryEditor_entry\n    }\n  }\n": typeof types.AssignCriteriaDocument,
    "\n  mutation SubmitAssessment($id: ID!) {\n    submitAssessment(assessmentId: $id) {\n      ...AssessmentLive_assessment\n    }\n  }\n": typeof types.SubmitAssessmentDocument,
    "\n  fragment ActorUser on User {\n    id\n    name\n  }\n": typeof types.ActorUserFragmentDoc,
    "\n  subscription AssessmentEvents($id: ID!) {\n    assessmentEvents(assessmentId: $id) {\n      assessmentId\n      fromSeq\n      seq\n      kinds\n      phase\n      status\n      selfTotal\n      appraisedTotal\n      pendingMaxScore\n      at\n      actor {\n        id\n        name\n      }\n      entries {\n        id\n        criterionId\n        version\n        value {\n          ...ScoreValueFields\n        }\n        selfScore\n        state\n        comment\n        notApplicable\n        assigneeId\n        updatedAt\n        updatedById\n        round1Score\n        round1Comment\n        round2Score\n        round2Comment\n        explanation\n        finalScore\n      }\n      progress {\n        criterionId\n        selfTotal\n        maxScore\n        leaves\n        leavesScored\n        leavesWithEvidence\n        leavesAppraised\n        appraisedTotal\n        pendingMaxScore\n      }\n    }\n  }\n": typeof types.AssessmentEventsDocument,
    "\n  query AssessmentLiveState($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      period {\n        id\n        phase\n      }\n      entries {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n": typeof types.AssessmentLiveStateDocument,
    "\n  subscription Presence($id: ID!, $sessionId: String) {\n    presence(assessmentId: $id, sessionId: $sessionId) {\n      assessmentId\n      members {\n        userId\n        name\n        criterionId\n        expiresAt\n      }\n    }\n  }\n": typeof types.PresenceDocument,
    "\n  mutation UpdatePresence($id: ID!, $sessionId: String!, $criterionId: ID) {\n    updatePresence(assessmentId: $id, sessionId: $sessionId, criterionId: $criterionId)\n  }\n": typeof types.UpdatePresenceDocument,
    "\n  mutation LeavePresence($id: ID!, $sessionId: String!) {\n    leavePresence(assessmentId: $id, sessionId: $sessionId)\n  }\n": typeof types.LeavePresenceDocument,
    "\n  fragment AssessmentLive_assessment on Assessment {\n    id\n    seq\n    status\n    selfTotal\n    pendingMaxScore\n    submittedAt\n  }\n": typeof types.AssessmentLive_AssessmentFragmentDoc,
    "\n  fragment AssessmentLive_entry on ScoreEntry {\n    id\n    criterionId\n    version\n    value {\n      ...ScoreValueFields\n    }\n    selfScore\n    state\n    comment\n    notApplicable\n    round1Score\n    round1Comment\n    round2Score\n    round2Comment\n    explanation\n    finalScore\n    updatedAt\n  }\n": typeof types.AssessmentLive_EntryFragmentDoc,
    "\n  fragment PeriodOf_assessment on Assessment {\n    id\n    period {\n      id\n    }\n  }\n": typeof types.PeriodOf_AssessmentFragmentDoc,
    "\n  fragment ProgressIndex_assessment on Assessment {\n    id\n    progress {\n      id\n      criterionId\n    }\n  }\n": typeof types.ProgressIndex_AssessmentFragmentDoc,
    "\n  query Notifications($first: Int, $after: String) {\n    notifications(first: $first, after: $after) {\n      totalCount\n      unreadCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          kind\n          title\n          body\n          link\n          createdAt\n          readAt\n        }\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all) {\n      marked\n      unreadCount\n    }\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      notifications {\n        id\n        kind\n        title\n      }\n    }\n  }\n": typeof types.NotificationAddedDocument,
    "\n  query NotificationPreferences {\n    notificationPreferences {\n      kind\n      email\n    }\n  }\n": typeof types.NotificationPreferencesDocument,
    "\n  mutation SetNotificationPreference($kind: NotificationKind!, $email: EmailDelivery!) {\n    setNotificationPreference(kind: $kind, email: $email) {\n      kind\n      email\n    }\n  }\n": typeof types.SetNotificationPreferenceDocument,
    "\n  query IncompleteUnits($id: ID!, $phase: Phase!) {\n    period(id: $id) {\n      id\n      incompleteUnits(phase: $phase) {\n        assessmentId\n        unitName\n        status\n        reason\n      }\n    }\n  }\n": typeof types.IncompleteUnitsDocument,
    "\n  query Periods {\n    periods {\n      ...PeriodRow_period\n    }\n  }\n": typeof types.PeriodsDocument,
    "\n  query PeriodFormOptions {\n    frameworks {\n      ...FrameworkRow\n    }\n    units {\n      ...AdminUnit\n    }\n  }\n": typeof types.PeriodFormOptionsDocument,
    "\n  mutation CreatePeriod($input: CreatePeriodInput!) {\n    createPeriod(input: $input) {\n      ...PeriodRow_period\n    }\n  }\n": typeof types.CreatePeriodDocument,
    "\n  mutation SetPeriodPhase($id: ID!, $phase: Phase!, $acknowledgeIncomplete: Boolean) {\n    setPeriodPhase(id: $id, phase: $phase, acknowledgeIncomplete: $acknowledgeIncomplete) {\n      id\n      phase\n      updatedAt\n    }\n  }\n": typeof types.SetPeriodPhaseDocument,
    "\n  query PeriodMonitor($id: ID!) {\n    period(id: $id) {\n      ...PeriodHeading_period\n      selfAssessmentDeadline\n      appraisalDeadline\n      explanationDeadline\n      framework {\n        id\n        criteria {\n          id\n          parentId\n        }\n      }\n      assessments {\n        ...UnitCompletion_assessment\n      }\n    }\n  }\n": typeof types.PeriodMonitorDocument,
    "\n  subscription PeriodProgress($id: ID!) {\n    periodProgress(periodId: $id) {\n      periodId\n      phase\n      units {\n        assessmentId\n        unitId\n        unitName\n        leaves\n        leavesDone\n        selfTotal\n        pendingMaxScore\n        maxScore\n        applicableMaxScore\n        status\n        seq\n      }\n    }\n  }\n": typeof types.PeriodProgressDocument,
    "\n  mutation UpdatePeriod($id: ID!, $input: UpdatePeriodInput!) {\n    updatePeriod(id: $id, input: $input) {\n      ...PeriodRow_period\n      appraisalDeadline\n      explanationDeadline\n    }\n  }\n": typeof types.UpdatePeriodDocument,
    "\n  fragment PeriodHeading_period on Period {\n    id\n    name\n    year\n    phase\n    framework {\n      id\n      name\n      unitKind\n      maxScore\n    }\n  }\n": typeof types.PeriodHeading_PeriodFragmentDoc,
    "\n  fragment PeriodRow_period on Period {\n    ...PeriodHeading_period\n    selfAssessmentDeadline\n    assessments {\n      id\n      status\n      unit {\n        id\n        name\n      }\n    }\n  }\n": typeof types.PeriodRow_PeriodFragmentDoc,
    "\n  fragment UnitCompletion_assessment on Assessment {\n    ...AssessmentLive_assessment\n    unit {\n      id\n      name\n    }\n    progress {\n      id\n      criterionId\n      leaves\n      leavesScored\n      maxScore\n      selfTotal\n    }\n  }\n": typeof types.UnitCompletion_AssessmentFragmentDoc,
    "\n  fragment ProgressTree_criterion on Criterion {\n    id\n    code\n    title\n    parentId\n    isLeaf\n    depth\n    maxScore\n    method\n  }\n": typeof types.ProgressTree_CriterionFragmentDoc,
    "\n  fragment ProgressTree_progress on Progress {\n    id\n    criterionId\n    selfTotal\n    maxScore\n    leaves\n    leavesScored\n    leavesWithEvidence\n    leavesAppraised\n    appraisedTotal\n    pendingMaxScore\n  }\n": typeof types.ProgressTree_ProgressFragmentDoc,
    "\n  query Results($periodId: ID!, $unitKind: UnitKind!) {\n    period(id: $periodId) {\n      ...PeriodHeading_period\n    }\n    ranking(periodId: $periodId, unitKind: $unitKind) {\n      ...RankingTable_row\n    }\n  }\n": typeof types.ResultsDocument,
    "\n  query ResultsPeriod($periodId: ID!) {\n    period(id: $periodId) {\n      id\n      framework {\n        id\n        unitKind\n      }\n    }\n  }\n": typeof types.ResultsPeriodDocument,
    "\n  query ImprovementList($assessmentId: ID!) {\n    improvementList(assessmentId: $assessmentId) {\n      criterionId\n      code\n      title\n      score\n      maxScore\n      pointsLost\n      basis\n    }\n  }\n": typeof types.ImprovementListDocument,
    "\n  mutation ComputeResults($periodId: ID!) {\n    computeResults(periodId: $periodId) {\n      assessmentId\n    }\n  }\n": typeof types.ComputeResultsDocument,
    "\n  mutation PublishResults($periodId: ID!, $acknowledgeIncomplete: Boolean) {\n    publishResults(periodId: $periodId, acknowledgeIncomplete: $acknowledgeIncomplete) {\n      id\n      phase\n    }\n  }\n": typeof types.PublishResultsDocument,
    "\n  fragment RankingTable_row on RankingRow {\n    assessmentId\n    submitted\n    rank\n    previousRank\n    rankChange\n    total\n    totalChange\n    previousTotal\n    index\n    band\n    basis\n    selfTotal\n    round1Total\n    finalTotal\n    maxScore\n    computedAt\n    unit {\n      id\n      name\n    }\n    groups {\n      ...GroupChart_group\n    }\n  }\n": typeof types.RankingTable_RowFragmentDoc,
    "\n  fragment GroupChart_group on GroupResultRow {\n    criterionId\n    code\n    title\n    total\n    maxScore\n    rank\n  }\n": typeof types.GroupChart_GroupFragmentDoc,
    "\n  fragment ScoreValueFields on ScoreValue {\n    points\n    met\n    tier\n    numerator\n    denominator\n    figure\n    notApplicable\n  }\n": typeof types.ScoreValueFieldsFragmentDoc,
    "\n  fragment ScoreInput_criterion on Criterion {\n    id\n    method\n    maxScore\n    step\n    allowNotApplicable\n    allowAboveFull\n    tierOptions {\n      label\n      share\n    }\n    thresholdOptions {\n      minPercent\n      share\n      ratio\n    }\n  }\n": typeof types.ScoreInput_CriterionFragmentDoc,
    "\n  query UnitHistory($unitId: ID!) {\n    unitHistory(unitId: $unitId) {\n      periodId\n      periodName\n      year\n      frameworkCode\n      frameworkName\n      total\n      maxScore\n      index\n      rank\n      rankedUnits\n      band\n      averageIndex\n      groups {\n        code\n        title\n        total\n        maxScore\n        periodAverage\n      }\n    }\n  }\n": typeof types.UnitHistoryDocument,
    "\n  query AssessmentWorkspace($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      ...DeadlinePanel_assessment\n      unit {\n        id\n        name\n      }\n      period {\n        ...PeriodHeading_period\n        framework {\n          id\n          notApplicable\n          criteria {\n            ...ProgressTree_criterion\n            ...EntryEditor_criterion\n          }\n        }\n      }\n      entries {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n": typeof types.AssessmentWorkspaceDocument,
    "\n  mutation SaveSelfScore($input: SaveSelfScoreInput!) {\n    saveSelfScore(input: $input) {\n      seq\n      entry {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n": typeof types.SaveSelfScoreDocument,
    "\n  fragment EntryEditor_entry on ScoreEntry {\n    ...AssessmentLive_entry\n    ...EvidencePanel_entry\n    updatedBy {\n      id\n      name\n    }\n    selfUpdatedBy {\n      id\n      name\n    }\n    selfUpdatedAt\n    assignee {\n      id\n      name\n    }\n  }\n": typeof types.EntryEditor_EntryFragmentDoc,
    "\n  fragment EntryEditor_criterion on Criterion {\n    id\n    code\n    title\n    guidance\n    evidenceRequired\n    maxScore\n    ...ScoreInput_criterion\n  }\n": typeof types.EntryEditor_CriterionFragmentDoc,
};
const documents: Documents = {
    "\n  fragment ApiTokenRow on ApiToken {\n    id\n    name\n    scope\n    prefix\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n": types.ApiTokenRowFragmentDoc,
    "\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenRow\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation IssueApiToken($name: String!, $scope: TokenScope!) {\n    issueApiToken(name: $name, scope: $scope) {\n      secret\n      token {\n        ...ApiTokenRow\n      }\n    }\n  }\n": types.IssueApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  query AdminPeople {\n    units {\n      ...AdminUnit\n    }\n    users {\n      ...AdminUser\n    }\n  }\n": types.AdminPeopleDocument,
    "\n  mutation CreateUnit($input: CreateUnitInput!) {\n    createUnit(input: $input) {\n      ...AdminUnit\n    }\n  }\n": types.CreateUnitDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...AdminUser\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    setUserActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n": types.SetUserActiveDocument,
    "\n  query Frameworks {\n    frameworks {\n      ...FrameworkRow\n    }\n  }\n": types.FrameworksDocument,
    "\n  mutation ImportFramework($document: JSONObject!) {\n    importFramework(document: $document) {\n      ...FrameworkRow\n    }\n  }\n": types.ImportFrameworkDocument,
    "\n  mutation PublishFramework($id: ID!) {\n    publishFramework(id: $id) {\n      id\n      status\n      publishedAt\n    }\n  }\n": types.PublishFrameworkDocument,
    "\n  query FrameworkDetail($id: ID!) {\n    framework(id: $id) {\n      ...FrameworkRow\n      notApplicable\n      bands {\n        label\n        minPercent\n      }\n      criteria {\n        ...FrameworkTree_criterion\n      }\n    }\n  }\n": types.FrameworkDetailDocument,
    "\n  mutation ImportFrameworkSheet($input: ImportFrameworkSheetInput!) {\n    importFrameworkSheet(input: $input) {\n      ...FrameworkRow\n    }\n  }\n": types.ImportFrameworkSheetDocument,
    "\n  mutation UpdateUnit($id: ID!, $input: UpdateUnitInput!) {\n    updateUnit(id: $id, input: $input) {\n      ...AdminUnit\n    }\n  }\n": types.UpdateUnitDocument,
    "\n  mutation ImportPeopleSheet($input: ImportPeopleSheetInput!) {\n    importPeopleSheet(input: $input) {\n      applied\n      unitsCreated\n      unitsUpdated\n      usersCreated\n      usersUpdated\n      units {\n        row\n        action\n        code\n        name\n        kind\n        parentCode\n        changed\n      }\n      users {\n        row\n        action\n        email\n        name\n        role\n        unitCode\n        changed\n      }\n    }\n  }\n": types.ImportPeopleSheetDocument,
    "\n  fragment AdminUnit on Unit {\n    id\n    code\n    name\n    kind\n    parent {\n      id\n      name\n    }\n  }\n": types.AdminUnitFragmentDoc,
    "\n  fragment AdminUser on User {\n    id\n    name\n    email\n    role\n    active\n    unit {\n      id\n      name\n    }\n  }\n": types.AdminUserFragmentDoc,
    "\n  fragment FrameworkRow on Framework {\n    id\n    code\n    name\n    year\n    version\n    status\n    unitKind\n    maxScore\n    publishedAt\n  }\n": types.FrameworkRowFragmentDoc,
    "\n  fragment FrameworkTree_criterion on Criterion {\n    ...ProgressTree_criterion\n    guidance\n    evidenceRequired\n    ...ScoreInput_criterion\n  }\n": types.FrameworkTree_CriterionFragmentDoc,
    "\n  query AppraisalWorkspace($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      appraisedTotal\n      unit {\n        id\n        name\n      }\n      council {\n        id\n      }\n      period {\n        ...PeriodHeading_period\n        framework {\n          id\n          criteria {\n            ...ProgressTree_criterion\n            ...EntryEditor_criterion\n          }\n        }\n      }\n      entries {\n        ...Appraisal_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n": types.AppraisalWorkspaceDocument,
    "\n  mutation SaveAppraisal($input: SaveAppraisalInput!) {\n    saveAppraisal(input: $input) {\n      seq\n      round\n      entry {\n        ...Appraisal_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n": types.SaveAppraisalDocument,
    "\n  mutation ReturnForExplanation($id: ID!) {\n    returnForExplanation(assessmentId: $id) {\n      ...AssessmentLive_assessment\n    }\n  }\n": types.ReturnForExplanationDocument,
    "\n  mutation FinalizeAssessment($id: ID!) {\n    finalizeAssessment(assessmentId: $id) {\n      ...AssessmentLive_assessment\n      appraisedTotal\n      entries {\n        id\n        finalScore\n      }\n    }\n  }\n": types.FinalizeAssessmentDocument,
    "\n  mutation SaveExplanation($input: SaveExplanationInput!) {\n    saveExplanation(input: $input) {\n      seq\n      entry {\n        id\n        version\n        explanation\n      }\n    }\n  }\n": types.SaveExplanationDocument,
    "\n  fragment Appraisal_entry on ScoreEntry {\n    ...AssessmentLive_entry\n    round1Value {\n      ...ScoreValueFields\n    }\n    round2Value {\n      ...ScoreValueFields\n    }\n    ...EvidencePanel_entry\n  }\n": types.Appraisal_EntryFragmentDoc,
    "\n  fragment MyCriteria_entry on ScoreEntry {\n    id\n    state\n    selfScore\n    notApplicable\n    updatedAt\n    criterion {\n      id\n      code\n      title\n      maxScore\n    }\n    assessment {\n      id\n      status\n      unit {\n        id\n        name\n      }\n      period {\n        ...PeriodHeading_period\n        selfAssessmentDeadline\n      }\n    }\n  }\n": types.MyCriteria_EntryFragmentDoc,
    "\n  query MyAssignments {\n    myAssignments {\n      ...MyCriteria_entry\n    }\n  }\n": types.MyAssignmentsDocument,
    "\n  fragment Session_user on User {\n    id\n    name\n    email\n    role\n    unit {\n      id\n      name\n      kind\n    }\n  }\n": types.Session_UserFragmentDoc,
    "\n  query Me {\n    me {\n      ...Session_user\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        ...Session_user\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query AssessmentBlockers($id: ID!) {\n    assessment(id: $id) {\n      id\n      status\n      blockers {\n        criterionId\n        code\n        title\n        reason\n      }\n    }\n  }\n": types.AssessmentBlockersDocument,
    "\n  query Compare($left: ID!, $right: ID!) {\n    compareAssessments(leftId: $left, rightId: $right) {\n      left {\n        ...CompareHead_side\n      }\n      right {\n        ...CompareHead_side\n      }\n      rows {\n        code\n        title\n        depth\n        isLeaf\n        left {\n          score\n          maxScore\n        }\n        right {\n          score\n          maxScore\n        }\n        change\n      }\n      changed\n    }\n  }\n": types.CompareDocument,
    "\n  query ComparePeriods {\n    periods {\n      ...PeriodHeading_period\n    }\n  }\n": types.ComparePeriodsDocument,
    "\n  query CompareCandidates($periodId: ID!) {\n    assessments(periodId: $periodId, first: 100) {\n      edges {\n        node {\n          id\n          unit {\n            ...AdminUnit\n          }\n        }\n      }\n    }\n  }\n": types.CompareCandidatesDocument,
    "\n  fragment CompareHead_side on CompareSide {\n    assessmentId\n    unitName\n    unitCode\n    periodName\n    year\n    basis\n    total\n    maxScore\n  }\n": types.CompareHead_SideFragmentDoc,
    "\n  query PeriodCouncil($id: ID!) {\n    period(id: $id) {\n      ...PeriodHeading_period\n      framework {\n        id\n        criteria {\n          id\n          code\n          title\n          depth\n        }\n      }\n      assessments {\n        id\n        unit {\n          ...CouncilUnit_unit\n        }\n      }\n      council {\n        ...CouncilSeat_member\n      }\n    }\n    users {\n      ...AdminUser\n    }\n  }\n": types.PeriodCouncilDocument,
    "\n  mutation AssignAppraisers($input: AssignAppraisersInput!) {\n    assignAppraisers(input: $input) {\n      ...CouncilSeat_member\n    }\n  }\n": types.AssignAppraisersDocument,
    "\n  query MyCouncilUnits {\n    myCouncilUnits {\n      assessmentId\n      status\n      chair\n      leaves\n      leavesAppraised\n      signed\n      unit {\n        ...CouncilUnit_unit\n      }\n      period {\n        ...PeriodHeading_period\n      }\n      groups {\n        id\n        code\n      }\n    }\n  }\n": types.MyCouncilUnitsDocument,
    "\n  query Finalization($id: ID!) {\n    assessment(id: $id) {\n      id\n      status\n      council {\n        ...CouncilSeat_member\n      }\n      signature {\n        ...FinalizationPanel_signature\n      }\n      signatures {\n        id\n        signedAt\n        voidedAt\n        voidReason\n        signedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.FinalizationDocument,
    "\n  mutation SignFinalization($id: ID!) {\n    signFinalization(assessmentId: $id) {\n      ...AssessmentLive_assessment\n      appraisedTotal\n      entries {\n        id\n        finalScore\n      }\n      signature {\n        ...FinalizationPanel_signature\n      }\n    }\n  }\n": types.SignFinalizationDocument,
    "\n  mutation ReopenAssessment($id: ID!, $reason: String!) {\n    reopenAssessment(assessmentId: $id, reason: $reason) {\n      ...AssessmentLive_assessment\n      entries {\n        id\n        finalScore\n      }\n      signature {\n        id\n      }\n    }\n  }\n": types.ReopenAssessmentDocument,
    "\n  fragment CouncilSeat_member on CouncilMember {\n    id\n    chair\n    user {\n      id\n      name\n    }\n    unit {\n      id\n    }\n    groups {\n      id\n      code\n    }\n  }\n": types.CouncilSeat_MemberFragmentDoc,
    "\n  fragment CouncilUnit_unit on Unit {\n    id\n    code\n    name\n  }\n": types.CouncilUnit_UnitFragmentDoc,
    "\n  fragment FinalizationPanel_signature on FinalizationSignature {\n    id\n    signedAt\n    figuresHash\n    valid\n    signedBy {\n      id\n      name\n    }\n  }\n": types.FinalizationPanel_SignatureFragmentDoc,
    "\n  mutation GrantExtension($assessmentId: ID!, $phase: Phase!, $until: DateTimeISO!, $reason: String!) {\n    grantExtension(assessmentId: $assessmentId, phase: $phase, until: $until, reason: $reason) {\n      id\n    }\n  }\n": types.GrantExtensionDocument,
    "\n  fragment DeadlinePanel_assessment on Assessment {\n    id\n    deadline {\n      phase\n      deadline\n      extendedUntil\n      closesAt\n      passed\n      timeZone\n    }\n    extensions {\n      id\n      phase\n      until\n      reason\n      grantedAt\n      grantedBy {\n        id\n        name\n      }\n    }\n  }\n": types.DeadlinePanel_AssessmentFragmentDoc,
    "\n  query EntryDiscussion($id: ID!, $criterionId: ID!) {\n    assessment(id: $id) {\n      id\n      unitPeople {\n        ...DiscussionPanel_user\n      }\n      council {\n        id\n        user {\n          ...DiscussionPanel_user\n        }\n      }\n    }\n    discussion(assessmentId: $id, criterionId: $criterionId) {\n      id\n      resolved\n      resolvedAt\n      resolvedBy {\n        id\n        name\n      }\n      comments {\n        id\n        kind\n        body\n        createdAt\n        editedAt\n        author {\n          id\n          name\n        }\n        mentions {\n          id\n          name\n        }\n        edits {\n          body\n          replacedAt\n        }\n      }\n    }\n  }\n": types.EntryDiscussionDocument,
    "\n  mutation PostComment($input: PostCommentInput!) {\n    postComment(input: $input) {\n      id\n    }\n  }\n": types.PostCommentDocument,
    "\n  mutation EditComment($id: ID!, $body: String!) {\n    editComment(commentId: $id, body: $body) {\n      id\n      body\n      editedAt\n    }\n  }\n": types.EditCommentDocument,
    "\n  mutation ResolveThread($assessmentId: ID!, $criterionId: ID!, $resolved: Boolean) {\n    resolveThread(assessmentId: $assessmentId, criterionId: $criterionId, resolved: $resolved) {\n      id\n      resolved\n    }\n  }\n": types.ResolveThreadDocument,
    "\n  fragment DiscussionPanel_user on User {\n    id\n    name\n    email\n  }\n": types.DiscussionPanel_UserFragmentDoc,
    "\n  mutation AttachEvidenceLink($input: AttachEvidenceLinkInput!) {\n    attachEvidenceLink(input: $input) {\n      id\n      entry {\n        ...EvidencePanel_entry\n      }\n    }\n  }\n": types.AttachEvidenceLinkDocument,
    "\n  mutation RemoveEvidence($id: ID!) {\n    removeEvidence(id: $id) {\n      ...EvidencePanel_entry\n    }\n  }\n": types.RemoveEvidenceDocument,
    "\n  query EntryEvidence($assessmentId: ID!, $criterionId: ID!) {\n    assessment(id: $assessmentId) {\n      id\n      evidence(criterionId: $criterionId) {\n        ...EvidencePanel_evidence\n      }\n    }\n  }\n": types.EntryEvidenceDocument,
    "\n  fragment EvidencePanel_evidence on Evidence {\n    id\n    kind\n    name\n    url\n    size\n    mimeType\n    downloadUrl\n    createdAt\n    uploadedBy {\n      id\n      name\n    }\n  }\n": types.EvidencePanel_EvidenceFragmentDoc,
    "\n  fragment EvidencePanel_entry on ScoreEntry {\n    id\n    version\n    evidenceCount\n    evidence {\n      ...EvidencePanel_evidence\n    }\n  }\n": types.EvidencePanel_EntryFragmentDoc,
    "\n  query ExplanationItems($id: ID!) {\n    assessment(id: $id) {\n      id\n      explanationItems {\n        entryId\n        criterionId\n        code\n        title\n        selfScore\n        appraisedScore\n        pointsAtStake\n        councilComment\n      }\n    }\n  }\n": types.ExplanationItemsDocument,
    "\n  query AssessmentInspections($id: ID!) {\n    assessment(id: $id) {\n      id\n      unit {\n        id\n      }\n      council {\n        id\n        user {\n          id\n          name\n        }\n      }\n      unitPeople {\n        id\n        name\n      }\n      inspections {\n        id\n        date\n        place\n        members {\n          id\n          name\n        }\n        findings {\n          code\n          text\n        }\n        files {\n          id\n          name\n          size\n          url\n        }\n        recordedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.AssessmentInspectionsDocument,
    "\n  mutation RecordInspection($input: RecordInspectionInput!) {\n    recordInspection(input: $input) {\n      id\n    }\n  }\n": types.RecordInspectionDocument,
    "\n  query AssessmentOverview($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      unit {\n        id\n        name\n      }\n      period {\n        ...PeriodHeading_period\n        framework {\n          id\n          criteria {\n            ...ProgressTree_criterion\n          }\n        }\n      }\n      entries {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n": types.AssessmentOverviewDocument,
    "\n  query UnitPeople {\n    users {\n      id\n      name\n      role\n      active\n      unit {\n        id\n      }\n    }\n  }\n": types.UnitPeopleDocument,
    "\n  mutation AssignCriteria($input: AssignCriteriaInput!) {\n    assignCriteria(input: $input) {\n      ...EntryEditor_entry\n    }\n  }\n": types.AssignCriteriaDocument,
    "\n  mutation SubmitAssessment($id: ID!) {\n    submitAssessment(assessmentId: $id) {\n      ...AssessmentLive_assessment\n    }\n  }\n": types.SubmitAssessmentDocument,
    "\n  fragment ActorUser on User {\n    id\n    name\n  }\n": types.ActorUserFragmentDoc,
    "\n  subscription AssessmentEvents($id: ID!) {\n    assessmentEvents(assessmentId: $id) {\n      assessmentId\n      fromSeq\n      seq\n      kinds\n      phase\n      status\n      selfTotal\n      appraisedTotal\n      pendingMaxScore\n      at\n      actor {\n        id\n        name\n      }\n      entries {\n        id\n        criterionId\n        version\n        value {\n          ...ScoreValueFields\n        }\n        selfScore\n        state\n        comment\n        notApplicable\n        assigneeId\n        updatedAt\n        updatedById\n        round1Score\n        round1Comment\n        round2Score\n        round2Comment\n        explanation\n        finalScore\n      }\n      progress {\n        criterionId\n        selfTotal\n        maxScore\n        leaves\n        leavesScored\n        leavesWithEvidence\n        leavesAppraised\n        appraisedTotal\n        pendingMaxScore\n      }\n    }\n  }\n": types.AssessmentEventsDocument,
    "\n  query AssessmentLiveState($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      period {\n        id\n        phase\n      }\n      entries {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n": types.AssessmentLiveStateDocument,
    "\n  subscription Presence($id: ID!, $sessionId: String) {\n    presence(assessmentId: $id, sessionId: $sessionId) {\n      assessmentId\n      members {\n        userId\n        name\n        criterionId\n        expiresAt\n      }\n    }\n  }\n": types.PresenceDocument,
    "\n  mutation UpdatePresence($id: ID!, $sessionId: String!, $criterionId: ID) {\n    updatePresence(assessmentId: $id, sessionId: $sessionId, criterionId: $criterionId)\n  }\n": types.UpdatePresenceDocument,
    "\n  mutation LeavePresence($id: ID!, $sessionId: String!) {\n    leavePresence(assessmentId: $id, sessionId: $sessionId)\n  }\n": types.LeavePresenceDocument,
    "\n  fragment AssessmentLive_assessment on Assessment {\n    id\n    seq\n    status\n    selfTotal\n    pendingMaxScore\n    submittedAt\n  }\n": types.AssessmentLive_AssessmentFragmentDoc,
    "\n  fragment AssessmentLive_entry on ScoreEntry {\n    id\n    criterionId\n    version\n    value {\n      ...ScoreValueFields\n    }\n    selfScore\n    state\n    comment\n    notApplicable\n    round1Score\n    round1Comment\n    round2Score\n    round2Comment\n    explanation\n    finalScore\n    updatedAt\n  }\n": types.AssessmentLive_EntryFragmentDoc,
    "\n  fragment PeriodOf_assessment on Assessment {\n    id\n    period {\n      id\n    }\n  }\n": types.PeriodOf_AssessmentFragmentDoc,
    "\n  fragment ProgressIndex_assessment on Assessment {\n    id\n    progress {\n      id\n      criterionId\n    }\n  }\n": types.ProgressIndex_AssessmentFragmentDoc,
    "\n  query Notifications($first: Int, $after: String) {\n    notifications(first: $first, after: $after) {\n      totalCount\n      unreadCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          kind\n          title\n          body\n          link\n          createdAt\n          readAt\n        }\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all) {\n      marked\n      unreadCount\n    }\n  }\n": types.MarkNotificationsReadDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      notifications {\n        id\n        kind\n        title\n      }\n    }\n  }\n": types.NotificationAddedDocument,
    "\n  query NotificationPreferences {\n    notificationPreferences {\n      kind\n      email\n    }\n  }\n": types.NotificationPreferencesDocument,
    "\n  mutation SetNotificationPreference($kind: NotificationKind!, $email: EmailDelivery!) {\n    setNotificationPreference(kind: $kind, email: $email) {\n      kind\n      email\n    }\n  }\n": types.SetNotificationPreferenceDocument,
    "\n  query IncompleteUnits($id: ID!, $phase: Phase!) {\n    period(id: $id) {\n      id\n      incompleteUnits(phase: $phase) {\n        assessmentId\n        unitName\n        status\n        reason\n      }\n    }\n  }\n": types.IncompleteUnitsDocument,
    "\n  query Periods {\n    periods {\n      ...PeriodRow_period\n    }\n  }\n": types.PeriodsDocument,
    "\n  query PeriodFormOptions {\n    frameworks {\n      ...FrameworkRow\n    }\n    units {\n      ...AdminUnit\n    }\n  }\n": types.PeriodFormOptionsDocument,
    "\n  mutation CreatePeriod($input: CreatePeriodInput!) {\n    createPeriod(input: $input) {\n      ...PeriodRow_period\n    }\n  }\n": types.CreatePeriodDocument,
    "\n  mutation SetPeriodPhase($id: ID!, $phase: Phase!, $acknowledgeIncomplete: Boolean) {\n    setPeriodPhase(id: $id, phase: $phase, acknowledgeIncomplete: $acknowledgeIncomplete) {\n      id\n      phase\n      updatedAt\n    }\n  }\n": types.SetPeriodPhaseDocument,
    "\n  query PeriodMonitor($id: ID!) {\n    period(id: $id) {\n      ...PeriodHeading_period\n      selfAssessmentDeadline\n      appraisalDeadline\n      explanationDeadline\n      framework {\n        id\n        criteria {\n          id\n          parentId\n        }\n      }\n      assessments {\n        ...UnitCompletion_assessment\n      }\n    }\n  }\n": types.PeriodMonitorDocument,
    "\n  subscription PeriodProgress($id: ID!) {\n    periodProgress(periodId: $id) {\n      periodId\n      phase\n      units {\n        assessmentId\n        unitId\n        unitName\n        leaves\n        leavesDone\n        selfTotal\n        pendingMaxScore\n        maxScore\n        applicableMaxScore\n        status\n        seq\n      }\n    }\n  }\n": types.PeriodProgressDocument,
    "\n  mutation UpdatePeriod($id: ID!, $input: UpdatePeriodInput!) {\n    updatePeriod(id: $id, input: $input) {\n      ...PeriodRow_period\n      appraisalDeadline\n      explanationDeadline\n    }\n  }\n": types.UpdatePeriodDocument,
    "\n  fragment PeriodHeading_period on Period {\n    id\n    name\n    year\n    phase\n    framework {\n      id\n      name\n      unitKind\n      maxScore\n    }\n  }\n": types.PeriodHeading_PeriodFragmentDoc,
    "\n  fragment PeriodRow_period on Period {\n    ...PeriodHeading_period\n    selfAssessmentDeadline\n    assessments {\n      id\n      status\n      unit {\n        id\n        name\n      }\n    }\n  }\n": types.PeriodRow_PeriodFragmentDoc,
    "\n  fragment UnitCompletion_assessment on Assessment {\n    ...AssessmentLive_assessment\n    unit {\n      id\n      name\n    }\n    progress {\n      id\n      criterionId\n      leaves\n      leavesScored\n      maxScore\n      selfTotal\n    }\n  }\n": types.UnitCompletion_AssessmentFragmentDoc,
    "\n  fragment ProgressTree_criterion on Criterion {\n    id\n    code\n    title\n    parentId\n    isLeaf\n    depth\n    maxScore\n    method\n  }\n": types.ProgressTree_CriterionFragmentDoc,
    "\n  fragment ProgressTree_progress on Progress {\n    id\n    criterionId\n    selfTotal\n    maxScore\n    leaves\n    leavesScored\n    leavesWithEvidence\n    leavesAppraised\n    appraisedTotal\n    pendingMaxScore\n  }\n": types.ProgressTree_ProgressFragmentDoc,
    "\n  query Results($periodId: ID!, $unitKind: UnitKind!) {\n    period(id: $periodId) {\n      ...PeriodHeading_period\n    }\n    ranking(periodId: $periodId, unitKind: $unitKind) {\n      ...RankingTable_row\n    }\n  }\n": types.ResultsDocument,
    "\n  query ResultsPeriod($periodId: ID!) {\n    period(id: $periodId) {\n      id\n      framework {\n        id\n        unitKind\n      }\n    }\n  }\n": types.ResultsPeriodDocument,
    "\n  query ImprovementList($assessmentId: ID!) {\n    improvementList(assessmentId: $assessmentId) {\n      criterionId\n      code\n      title\n      score\n      maxScore\n      pointsLost\n      basis\n    }\n  }\n": types.ImprovementListDocument,
    "\n  mutation ComputeResults($periodId: ID!) {\n    computeResults(periodId: $periodId) {\n      assessmentId\n    }\n  }\n": types.ComputeResultsDocument,
    "\n  mutation PublishResults($periodId: ID!, $acknowledgeIncomplete: Boolean) {\n    publishResults(periodId: $periodId, acknowledgeIncomplete: $acknowledgeIncomplete) {\n      id\n      phase\n    }\n  }\n": types.PublishResultsDocument,
    "\n  fragment RankingTable_row on RankingRow {\n    assessmentId\n    submitted\n    rank\n    previousRank\n    rankChange\n    total\n    totalChange\n    previousTotal\n    index\n    band\n    basis\n    selfTotal\n    round1Total\n    finalTotal\n    maxScore\n    computedAt\n    unit {\n      id\n      name\n    }\n    groups {\n      ...GroupChart_group\n    }\n  }\n": types.RankingTable_RowFragmentDoc,
    "\n  fragment GroupChart_group on GroupResultRow {\n    criterionId\n    code\n    title\n    total\n    maxScore\n    rank\n  }\n": types.GroupChart_GroupFragmentDoc,
    "\n  fragment ScoreValueFields on ScoreValue {\n    points\n    met\n    tier\n    numerator\n    denominator\n    figure\n    notApplicable\n  }\n": types.ScoreValueFieldsFragmentDoc,
    "\n  fragment ScoreInput_criterion on Criterion {\n    id\n    method\n    maxScore\n    step\n    allowNotApplicable\n    allowAboveFull\n    tierOptions {\n      label\n      share\n    }\n    thresholdOptions {\n      minPercent\n      share\n      ratio\n    }\n  }\n": types.ScoreInput_CriterionFragmentDoc,
    "\n  query UnitHistory($unitId: ID!) {\n    unitHistory(unitId: $unitId) {\n      periodId\n      periodName\n      year\n      frameworkCode\n      frameworkName\n      total\n      maxScore\n      index\n      rank\n      rankedUnits\n      band\n      averageIndex\n      groups {\n        code\n        title\n        total\n        maxScore\n        periodAverage\n      }\n    }\n  }\n": types.UnitHistoryDocument,
    "\n  query AssessmentWorkspace($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      ...DeadlinePanel_assessment\n      unit {\n        id\n        name\n      }\n      period {\n        ...PeriodHeading_period\n        framework {\n          id\n          notApplicable\n          criteria {\n            ...ProgressTree_criterion\n            ...EntryEditor_criterion\n          }\n        }\n      }\n      entries {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n": types.AssessmentWorkspaceDocument,
    "\n  mutation SaveSelfScore($input: SaveSelfScoreInput!) {\n    saveSelfScore(input: $input) {\n      seq\n      entry {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n": types.SaveSelfScoreDocument,
    "\n  fragment EntryEditor_entry on ScoreEntry {\n    ...AssessmentLive_entry\n    ...EvidencePanel_entry\n    updatedBy {\n      id\n      name\n    }\n    selfUpdatedBy {\n      id\n      name\n    }\n    selfUpdatedAt\n    assignee {\n      id\n      name\n    }\n  }\n": types.EntryEditor_EntryFragmentDoc,
    "\n  fragment EntryEditor_criterion on Criterion {\n    id\n    code\n    title\n    guidance\n    evidenceRequired\n    maxScore\n    ...ScoreInput_criterion\n  }\n": types.EntryEditor_CriterionFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiTokenRow on ApiToken {\n    id\n    name\n    scope\n    prefix\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment ApiTokenRow on ApiToken {\n    id\n    name\n    scope\n    prefix\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenRow\n    }\n  }\n"): (typeof documents)["\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssueApiToken($name: String!, $scope: TokenScope!) {\n    issueApiToken(name: $name, scope: $scope) {\n      secret\n      token {\n        ...ApiTokenRow\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IssueApiToken($name: String!, $scope: TokenScope!) {\n    issueApiToken(name: $name, scope: $scope) {\n      secret\n      token {\n        ...ApiTokenRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPeople {\n    units {\n      ...AdminUnit\n    }\n    users {\n      ...AdminUser\n    }\n  }\n"): (typeof documents)["\n  query AdminPeople {\n    units {\n      ...AdminUnit\n    }\n    users {\n      ...AdminUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUnit($input: CreateUnitInput!) {\n    createUnit(input: $input) {\n      ...AdminUnit\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUnit($input: CreateUnitInput!) {\n    createUnit(input: $input) {\n      ...AdminUnit\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...AdminUser\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...AdminUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    setUserActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    setUserActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Frameworks {\n    frameworks {\n      ...FrameworkRow\n    }\n  }\n"): (typeof documents)["\n  query Frameworks {\n    frameworks {\n      ...FrameworkRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportFramework($document: JSONObject!) {\n    importFramework(document: $document) {\n      ...FrameworkRow\n    }\n  }\n"): (typeof documents)["\n  mutation ImportFramework($document: JSONObject!) {\n    importFramework(document: $document) {\n      ...FrameworkRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishFramework($id: ID!) {\n    publishFramework(id: $id) {\n      id\n      status\n      publishedAt\n    }\n  }\n"): (typeof documents)["\n  mutation PublishFramework($id: ID!) {\n    publishFramework(id: $id) {\n      id\n      status\n      publishedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FrameworkDetail($id: ID!) {\n    framework(id: $id) {\n      ...FrameworkRow\n      notApplicable\n      bands {\n        label\n        minPercent\n      }\n      criteria {\n        ...FrameworkTree_criterion\n      }\n    }\n  }\n"): (typeof documents)["\n  query FrameworkDetail($id: ID!) {\n    framework(id: $id) {\n      ...FrameworkRow\n      notApplicable\n      bands {\n        label\n        minPercent\n      }\n      criteria {\n        ...FrameworkTree_criterion\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportFrameworkSheet($input: ImportFrameworkSheetInput!) {\n    importFrameworkSheet(input: $input) {\n      ...FrameworkRow\n    }\n  }\n"): (typeof documents)["\n  mutation ImportFrameworkSheet($input: ImportFrameworkSheetInput!) {\n    importFrameworkSheet(input: $input) {\n      ...FrameworkRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUnit($id: ID!, $input: UpdateUnitInput!) {\n    updateUnit(id: $id, input: $input) {\n      ...AdminUnit\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUnit($id: ID!, $input: UpdateUnitInput!) {\n    updateUnit(id: $id, input: $input) {\n      ...AdminUnit\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportPeopleSheet($input: ImportPeopleSheetInput!) {\n    importPeopleSheet(input: $input) {\n      applied\n      unitsCreated\n      unitsUpdated\n      usersCreated\n      usersUpdated\n      units {\n        row\n        action\n        code\n        name\n        kind\n        parentCode\n        changed\n      }\n      users {\n        row\n        action\n        email\n        name\n        role\n        unitCode\n        changed\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportPeopleSheet($input: ImportPeopleSheetInput!) {\n    importPeopleSheet(input: $input) {\n      applied\n      unitsCreated\n      unitsUpdated\n      usersCreated\n      usersUpdated\n      units {\n        row\n        action\n        code\n        name\n        kind\n        parentCode\n        changed\n      }\n      users {\n        row\n        action\n        email\n        name\n        role\n        unitCode\n        changed\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminUnit on Unit {\n    id\n    code\n    name\n    kind\n    parent {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment AdminUnit on Unit {\n    id\n    code\n    name\n    kind\n    parent {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminUser on User {\n    id\n    name\n    email\n    role\n    active\n    unit {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment AdminUser on User {\n    id\n    name\n    email\n    role\n    active\n    unit {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FrameworkRow on Framework {\n    id\n    code\n    name\n    year\n    version\n    status\n    unitKind\n    maxScore\n    publishedAt\n  }\n"): (typeof documents)["\n  fragment FrameworkRow on Framework {\n    id\n    code\n    name\n    year\n    version\n    status\n    unitKind\n    maxScore\n    publishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FrameworkTree_criterion on Criterion {\n    ...ProgressTree_criterion\n    guidance\n    evidenceRequired\n    ...ScoreInput_criterion\n  }\n"): (typeof documents)["\n  fragment FrameworkTree_criterion on Criterion {\n    ...ProgressTree_criterion\n    guidance\n    evidenceRequired\n    ...ScoreInput_criterion\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppraisalWorkspace($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      appraisedTotal\n      unit {\n        id\n        name\n      }\n      council {\n        id\n      }\n      period {\n        ...PeriodHeading_period\n        framework {\n          id\n          criteria {\n            ...ProgressTree_criterion\n            ...EntryEditor_criterion\n          }\n        }\n      }\n      entries {\n        ...Appraisal_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n"): (typeof documents)["\n  query AppraisalWorkspace($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      appraisedTotal\n      unit {\n        id\n        name\n      }\n      council {\n        id\n      }\n      period {\n        ...PeriodHeading_period\n        framework {\n          id\n          criteria {\n            ...ProgressTree_criterion\n            ...EntryEditor_criterion\n          }\n        }\n      }\n      entries {\n        ...Appraisal_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveAppraisal($input: SaveAppraisalInput!) {\n    saveAppraisal(input: $input) {\n      seq\n      round\n      entry {\n        ...Appraisal_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SaveAppraisal($input: SaveAppraisalInput!) {\n    saveAppraisal(input: $input) {\n      seq\n      round\n      entry {\n        ...Appraisal_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnForExplanation($id: ID!) {\n    returnForExplanation(assessmentId: $id) {\n      ...AssessmentLive_assessment\n    }\n  }\n"): (typeof documents)["\n  mutation ReturnForExplanation($id: ID!) {\n    returnForExplanation(assessmentId: $id) {\n      ...AssessmentLive_assessment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FinalizeAssessment($id: ID!) {\n    finalizeAssessment(assessmentId: $id) {\n      ...AssessmentLive_assessment\n      appraisedTotal\n      entries {\n        id\n        finalScore\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation FinalizeAssessment($id: ID!) {\n    finalizeAssessment(assessmentId: $id) {\n      ...AssessmentLive_assessment\n      appraisedTotal\n      entries {\n        id\n        finalScore\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveExplanation($input: SaveExplanationInput!) {\n    saveExplanation(input: $input) {\n      seq\n      entry {\n        id\n        version\n        explanation\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SaveExplanation($input: SaveExplanationInput!) {\n    saveExplanation(input: $input) {\n      seq\n      entry {\n        id\n        version\n        explanation\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Appraisal_entry on ScoreEntry {\n    ...AssessmentLive_entry\n    round1Value {\n      ...ScoreValueFields\n    }\n    round2Value {\n      ...ScoreValueFields\n    }\n    ...EvidencePanel_entry\n  }\n"): (typeof documents)["\n  fragment Appraisal_entry on ScoreEntry {\n    ...AssessmentLive_entry\n    round1Value {\n      ...ScoreValueFields\n    }\n    round2Value {\n      ...ScoreValueFields\n    }\n    ...EvidencePanel_entry\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MyCriteria_entry on ScoreEntry {\n    id\n    state\n    selfScore\n    notApplicable\n    updatedAt\n    criterion {\n      id\n      code\n      title\n      maxScore\n    }\n    assessment {\n      id\n      status\n      unit {\n        id\n        name\n      }\n      period {\n        ...PeriodHeading_period\n        selfAssessmentDeadline\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MyCriteria_entry on ScoreEntry {\n    id\n    state\n    selfScore\n    notApplicable\n    updatedAt\n    criterion {\n      id\n      code\n      title\n      maxScore\n    }\n    assessment {\n      id\n      status\n      unit {\n        id\n        name\n      }\n      period {\n        ...PeriodHeading_period\n        selfAssessmentDeadline\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAssignments {\n    myAssignments {\n      ...MyCriteria_entry\n    }\n  }\n"): (typeof documents)["\n  query MyAssignments {\n    myAssignments {\n      ...MyCriteria_entry\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Session_user on User {\n    id\n    name\n    email\n    role\n    unit {\n      id\n      name\n      kind\n    }\n  }\n"): (typeof documents)["\n  fragment Session_user on User {\n    id\n    name\n    email\n    role\n    unit {\n      id\n      name\n      kind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...Session_user\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...Session_user\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        ...Session_user\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        ...Session_user\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssessmentBlockers($id: ID!) {\n    assessment(id: $id) {\n      id\n      status\n      blockers {\n        criterionId\n        code\n        title\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  query AssessmentBlockers($id: ID!) {\n    assessment(id: $id) {\n      id\n      status\n      blockers {\n        criterionId\n        code\n        title\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Compare($left: ID!, $right: ID!) {\n    compareAssessments(leftId: $left, rightId: $right) {\n      left {\n        ...CompareHead_side\n      }\n      right {\n        ...CompareHead_side\n      }\n      rows {\n        code\n        title\n        depth\n        isLeaf\n        left {\n          score\n          maxScore\n        }\n        right {\n          score\n          maxScore\n        }\n        change\n      }\n      changed\n    }\n  }\n"): (typeof documents)["\n  query Compare($left: ID!, $right: ID!) {\n    compareAssessments(leftId: $left, rightId: $right) {\n      left {\n        ...CompareHead_side\n      }\n      right {\n        ...CompareHead_side\n      }\n      rows {\n        code\n        title\n        depth\n        isLeaf\n        left {\n          score\n          maxScore\n        }\n        right {\n          score\n          maxScore\n        }\n        change\n      }\n      changed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComparePeriods {\n    periods {\n      ...PeriodHeading_period\n    }\n  }\n"): (typeof documents)["\n  query ComparePeriods {\n    periods {\n      ...PeriodHeading_period\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompareCandidates($periodId: ID!) {\n    assessments(periodId: $periodId, first: 100) {\n      edges {\n        node {\n          id\n          unit {\n            ...AdminUnit\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompareCandidates($periodId: ID!) {\n    assessments(periodId: $periodId, first: 100) {\n      edges {\n        node {\n          id\n          unit {\n            ...AdminUnit\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CompareHead_side on CompareSide {\n    assessmentId\n    unitName\n    unitCode\n    periodName\n    year\n    basis\n    total\n    maxScore\n  }\n"): (typeof documents)["\n  fragment CompareHead_side on CompareSide {\n    assessmentId\n    unitName\n    unitCode\n    periodName\n    year\n    basis\n    total\n    maxScore\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PeriodCouncil($id: ID!) {\n    period(id: $id) {\n      ...PeriodHeading_period\n      framework {\n        id\n        criteria {\n          id\n          code\n          title\n          depth\n        }\n      }\n      assessments {\n        id\n        unit {\n          ...CouncilUnit_unit\n        }\n      }\n      council {\n        ...CouncilSeat_member\n      }\n    }\n    users {\n      ...AdminUser\n    }\n  }\n"): (typeof documents)["\n  query PeriodCouncil($id: ID!) {\n    period(id: $id) {\n      ...PeriodHeading_period\n      framework {\n        id\n        criteria {\n          id\n          code\n          title\n          depth\n        }\n      }\n      assessments {\n        id\n        unit {\n          ...CouncilUnit_unit\n        }\n      }\n      council {\n        ...CouncilSeat_member\n      }\n    }\n    users {\n      ...AdminUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignAppraisers($input: AssignAppraisersInput!) {\n    assignAppraisers(input: $input) {\n      ...CouncilSeat_member\n    }\n  }\n"): (typeof documents)["\n  mutation AssignAppraisers($input: AssignAppraisersInput!) {\n    assignAppraisers(input: $input) {\n      ...CouncilSeat_member\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCouncilUnits {\n    myCouncilUnits {\n      assessmentId\n      status\n      chair\n      leaves\n      leavesAppraised\n      signed\n      unit {\n        ...CouncilUnit_unit\n      }\n      period {\n        ...PeriodHeading_period\n      }\n      groups {\n        id\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyCouncilUnits {\n    myCouncilUnits {\n      assessmentId\n      status\n      chair\n      leaves\n      leavesAppraised\n      signed\n      unit {\n        ...CouncilUnit_unit\n      }\n      period {\n        ...PeriodHeading_period\n      }\n      groups {\n        id\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Finalization($id: ID!) {\n    assessment(id: $id) {\n      id\n      status\n      council {\n        ...CouncilSeat_member\n      }\n      signature {\n        ...FinalizationPanel_signature\n      }\n      signatures {\n        id\n        signedAt\n        voidedAt\n        voidReason\n        signedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Finalization($id: ID!) {\n    assessment(id: $id) {\n      id\n      status\n      council {\n        ...CouncilSeat_member\n      }\n      signature {\n        ...FinalizationPanel_signature\n      }\n      signatures {\n        id\n        signedAt\n        voidedAt\n        voidReason\n        signedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignFinalization($id: ID!) {\n    signFinalization(assessmentId: $id) {\n      ...AssessmentLive_assessment\n      appraisedTotal\n      entries {\n        id\n        finalScore\n      }\n      signature {\n        ...FinalizationPanel_signature\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignFinalization($id: ID!) {\n    signFinalization(assessmentId: $id) {\n      ...AssessmentLive_assessment\n      appraisedTotal\n      entries {\n        id\n        finalScore\n      }\n      signature {\n        ...FinalizationPanel_signature\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReopenAssessment($id: ID!, $reason: String!) {\n    reopenAssessment(assessmentId: $id, reason: $reason) {\n      ...AssessmentLive_assessment\n      entries {\n        id\n        finalScore\n      }\n      signature {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReopenAssessment($id: ID!, $reason: String!) {\n    reopenAssessment(assessmentId: $id, reason: $reason) {\n      ...AssessmentLive_assessment\n      entries {\n        id\n        finalScore\n      }\n      signature {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CouncilSeat_member on CouncilMember {\n    id\n    chair\n    user {\n      id\n      name\n    }\n    unit {\n      id\n    }\n    groups {\n      id\n      code\n    }\n  }\n"): (typeof documents)["\n  fragment CouncilSeat_member on CouncilMember {\n    id\n    chair\n    user {\n      id\n      name\n    }\n    unit {\n      id\n    }\n    groups {\n      id\n      code\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CouncilUnit_unit on Unit {\n    id\n    code\n    name\n  }\n"): (typeof documents)["\n  fragment CouncilUnit_unit on Unit {\n    id\n    code\n    name\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FinalizationPanel_signature on FinalizationSignature {\n    id\n    signedAt\n    figuresHash\n    valid\n    signedBy {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment FinalizationPanel_signature on FinalizationSignature {\n    id\n    signedAt\n    figuresHash\n    valid\n    signedBy {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantExtension($assessmentId: ID!, $phase: Phase!, $until: DateTimeISO!, $reason: String!) {\n    grantExtension(assessmentId: $assessmentId, phase: $phase, until: $until, reason: $reason) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation GrantExtension($assessmentId: ID!, $phase: Phase!, $until: DateTimeISO!, $reason: String!) {\n    grantExtension(assessmentId: $assessmentId, phase: $phase, until: $until, reason: $reason) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeadlinePanel_assessment on Assessment {\n    id\n    deadline {\n      phase\n      deadline\n      extendedUntil\n      closesAt\n      passed\n      timeZone\n    }\n    extensions {\n      id\n      phase\n      until\n      reason\n      grantedAt\n      grantedBy {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment DeadlinePanel_assessment on Assessment {\n    id\n    deadline {\n      phase\n      deadline\n      extendedUntil\n      closesAt\n      passed\n      timeZone\n    }\n    extensions {\n      id\n      phase\n      until\n      reason\n      grantedAt\n      grantedBy {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EntryDiscussion($id: ID!, $criterionId: ID!) {\n    assessment(id: $id) {\n      id\n      unitPeople {\n        ...DiscussionPanel_user\n      }\n      council {\n        id\n        user {\n          ...DiscussionPanel_user\n        }\n      }\n    }\n    discussion(assessmentId: $id, criterionId: $criterionId) {\n      id\n      resolved\n      resolvedAt\n      resolvedBy {\n        id\n        name\n      }\n      comments {\n        id\n        kind\n        body\n        createdAt\n        editedAt\n        author {\n          id\n          name\n        }\n        mentions {\n          id\n          name\n        }\n        edits {\n          body\n          replacedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EntryDiscussion($id: ID!, $criterionId: ID!) {\n    assessment(id: $id) {\n      id\n      unitPeople {\n        ...DiscussionPanel_user\n      }\n      council {\n        id\n        user {\n          ...DiscussionPanel_user\n        }\n      }\n    }\n    discussion(assessmentId: $id, criterionId: $criterionId) {\n      id\n      resolved\n      resolvedAt\n      resolvedBy {\n        id\n        name\n      }\n      comments {\n        id\n        kind\n        body\n        createdAt\n        editedAt\n        author {\n          id\n          name\n        }\n        mentions {\n          id\n          name\n        }\n        edits {\n          body\n          replacedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostComment($input: PostCommentInput!) {\n    postComment(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation PostComment($input: PostCommentInput!) {\n    postComment(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditComment($id: ID!, $body: String!) {\n    editComment(commentId: $id, body: $body) {\n      id\n      body\n      editedAt\n    }\n  }\n"): (typeof documents)["\n  mutation EditComment($id: ID!, $body: String!) {\n    editComment(commentId: $id, body: $body) {\n      id\n      body\n      editedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveThread($assessmentId: ID!, $criterionId: ID!, $resolved: Boolean) {\n    resolveThread(assessmentId: $assessmentId, criterionId: $criterionId, resolved: $resolved) {\n      id\n      resolved\n    }\n  }\n"): (typeof documents)["\n  mutation ResolveThread($assessmentId: ID!, $criterionId: ID!, $resolved: Boolean) {\n    resolveThread(assessmentId: $assessmentId, criterionId: $criterionId, resolved: $resolved) {\n      id\n      resolved\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DiscussionPanel_user on User {\n    id\n    name\n    email\n  }\n"): (typeof documents)["\n  fragment DiscussionPanel_user on User {\n    id\n    name\n    email\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AttachEvidenceLink($input: AttachEvidenceLinkInput!) {\n    attachEvidenceLink(input: $input) {\n      id\n      entry {\n        ...EvidencePanel_entry\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AttachEvidenceLink($input: AttachEvidenceLinkInput!) {\n    attachEvidenceLink(input: $input) {\n      id\n      entry {\n        ...EvidencePanel_entry\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveEvidence($id: ID!) {\n    removeEvidence(id: $id) {\n      ...EvidencePanel_entry\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveEvidence($id: ID!) {\n    removeEvidence(id: $id) {\n      ...EvidencePanel_entry\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EntryEvidence($assessmentId: ID!, $criterionId: ID!) {\n    assessment(id: $assessmentId) {\n      id\n      evidence(criterionId: $criterionId) {\n        ...EvidencePanel_evidence\n      }\n    }\n  }\n"): (typeof documents)["\n  query EntryEvidence($assessmentId: ID!, $criterionId: ID!) {\n    assessment(id: $assessmentId) {\n      id\n      evidence(criterionId: $criterionId) {\n        ...EvidencePanel_evidence\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EvidencePanel_evidence on Evidence {\n    id\n    kind\n    name\n    url\n    size\n    mimeType\n    downloadUrl\n    createdAt\n    uploadedBy {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment EvidencePanel_evidence on Evidence {\n    id\n    kind\n    name\n    url\n    size\n    mimeType\n    downloadUrl\n    createdAt\n    uploadedBy {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EvidencePanel_entry on ScoreEntry {\n    id\n    version\n    evidenceCount\n    evidence {\n      ...EvidencePanel_evidence\n    }\n  }\n"): (typeof documents)["\n  fragment EvidencePanel_entry on ScoreEntry {\n    id\n    version\n    evidenceCount\n    evidence {\n      ...EvidencePanel_evidence\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplanationItems($id: ID!) {\n    assessment(id: $id) {\n      id\n      explanationItems {\n        entryId\n        criterionId\n        code\n        title\n        selfScore\n        appraisedScore\n        pointsAtStake\n        councilComment\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExplanationItems($id: ID!) {\n    assessment(id: $id) {\n      id\n      explanationItems {\n        entryId\n        criterionId\n        code\n        title\n        selfScore\n        appraisedScore\n        pointsAtStake\n        councilComment\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssessmentInspections($id: ID!) {\n    assessment(id: $id) {\n      id\n      unit {\n        id\n      }\n      council {\n        id\n        user {\n          id\n          name\n        }\n      }\n      unitPeople {\n        id\n        name\n      }\n      inspections {\n        id\n        date\n        place\n        members {\n          id\n          name\n        }\n        findings {\n          code\n          text\n        }\n        files {\n          id\n          name\n          size\n          url\n        }\n        recordedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AssessmentInspections($id: ID!) {\n    assessment(id: $id) {\n      id\n      unit {\n        id\n      }\n      council {\n        id\n        user {\n          id\n          name\n        }\n      }\n      unitPeople {\n        id\n        name\n      }\n      inspections {\n        id\n        date\n        place\n        members {\n          id\n          name\n        }\n        findings {\n          code\n          text\n        }\n        files {\n          id\n          name\n          size\n          url\n        }\n        recordedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordInspection($input: RecordInspectionInput!) {\n    recordInspection(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RecordInspection($input: RecordInspectionInput!) {\n    recordInspection(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssessmentOverview($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      unit {\n        id\n        name\n      }\n      period {\n        ...PeriodHeading_period\n        framework {\n          id\n          criteria {\n            ...ProgressTree_criterion\n          }\n        }\n      }\n      entries {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n"): (typeof documents)["\n  query AssessmentOverview($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      unit {\n        id\n        name\n      }\n      period {\n        ...PeriodHeading_period\n        framework {\n          id\n          criteria {\n            ...ProgressTree_criterion\n          }\n        }\n      }\n      entries {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitPeople {\n    users {\n      id\n      name\n      role\n      active\n      unit {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query UnitPeople {\n    users {\n      id\n      name\n      role\n      active\n      unit {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignCriteria($input: AssignCriteriaInput!) {\n    assignCriteria(input: $input) {\n      ...EntryEditor_entry\n    }\n  }\n"): (typeof documents)["\n  mutation AssignCriteria($input: AssignCriteriaInput!) {\n    assignCriteria(input: $input) {\n      ...EntryEditor_entry\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitAssessment($id: ID!) {\n    submitAssessment(assessmentId: $id) {\n      ...AssessmentLive_assessment\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitAssessment($id: ID!) {\n    submitAssessment(assessmentId: $id) {\n      ...AssessmentLive_assessment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActorUser on User {\n    id\n    name\n  }\n"): (typeof documents)["\n  fragment ActorUser on User {\n    id\n    name\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AssessmentEvents($id: ID!) {\n    assessmentEvents(assessmentId: $id) {\n      assessmentId\n      fromSeq\n      seq\n      kinds\n      phase\n      status\n      selfTotal\n      appraisedTotal\n      pendingMaxScore\n      at\n      actor {\n        id\n        name\n      }\n      entries {\n        id\n        criterionId\n        version\n        value {\n          ...ScoreValueFields\n        }\n        selfScore\n        state\n        comment\n        notApplicable\n        assigneeId\n        updatedAt\n        updatedById\n        round1Score\n        round1Comment\n        round2Score\n        round2Comment\n        explanation\n        finalScore\n      }\n      progress {\n        criterionId\n        selfTotal\n        maxScore\n        leaves\n        leavesScored\n        leavesWithEvidence\n        leavesAppraised\n        appraisedTotal\n        pendingMaxScore\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription AssessmentEvents($id: ID!) {\n    assessmentEvents(assessmentId: $id) {\n      assessmentId\n      fromSeq\n      seq\n      kinds\n      phase\n      status\n      selfTotal\n      appraisedTotal\n      pendingMaxScore\n      at\n      actor {\n        id\n        name\n      }\n      entries {\n        id\n        criterionId\n        version\n        value {\n          ...ScoreValueFields\n        }\n        selfScore\n        state\n        comment\n        notApplicable\n        assigneeId\n        updatedAt\n        updatedById\n        round1Score\n        round1Comment\n        round2Score\n        round2Comment\n        explanation\n        finalScore\n      }\n      progress {\n        criterionId\n        selfTotal\n        maxScore\n        leaves\n        leavesScored\n        leavesWithEvidence\n        leavesAppraised\n        appraisedTotal\n        pendingMaxScore\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssessmentLiveState($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      period {\n        id\n        phase\n      }\n      entries {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n"): (typeof documents)["\n  query AssessmentLiveState($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      period {\n        id\n        phase\n      }\n      entries {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Presence($id: ID!, $sessionId: String) {\n    presence(assessmentId: $id, sessionId: $sessionId) {\n      assessmentId\n      members {\n        userId\n        name\n        criterionId\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription Presence($id: ID!, $sessionId: String) {\n    presence(assessmentId: $id, sessionId: $sessionId) {\n      assessmentId\n      members {\n        userId\n        name\n        criterionId\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePresence($id: ID!, $sessionId: String!, $criterionId: ID) {\n    updatePresence(assessmentId: $id, sessionId: $sessionId, criterionId: $criterionId)\n  }\n"): (typeof documents)["\n  mutation UpdatePresence($id: ID!, $sessionId: String!, $criterionId: ID) {\n    updatePresence(assessmentId: $id, sessionId: $sessionId, criterionId: $criterionId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeavePresence($id: ID!, $sessionId: String!) {\n    leavePresence(assessmentId: $id, sessionId: $sessionId)\n  }\n"): (typeof documents)["\n  mutation LeavePresence($id: ID!, $sessionId: String!) {\n    leavePresence(assessmentId: $id, sessionId: $sessionId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AssessmentLive_assessment on Assessment {\n    id\n    seq\n    status\n    selfTotal\n    pendingMaxScore\n    submittedAt\n  }\n"): (typeof documents)["\n  fragment AssessmentLive_assessment on Assessment {\n    id\n    seq\n    status\n    selfTotal\n    pendingMaxScore\n    submittedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AssessmentLive_entry on ScoreEntry {\n    id\n    criterionId\n    version\n    value {\n      ...ScoreValueFields\n    }\n    selfScore\n    state\n    comment\n    notApplicable\n    round1Score\n    round1Comment\n    round2Score\n    round2Comment\n    explanation\n    finalScore\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment AssessmentLive_entry on ScoreEntry {\n    id\n    criterionId\n    version\n    value {\n      ...ScoreValueFields\n    }\n    selfScore\n    state\n    comment\n    notApplicable\n    round1Score\n    round1Comment\n    round2Score\n    round2Comment\n    explanation\n    finalScore\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PeriodOf_assessment on Assessment {\n    id\n    period {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment PeriodOf_assessment on Assessment {\n    id\n    period {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProgressIndex_assessment on Assessment {\n    id\n    progress {\n      id\n      criterionId\n    }\n  }\n"): (typeof documents)["\n  fragment ProgressIndex_assessment on Assessment {\n    id\n    progress {\n      id\n      criterionId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($first: Int, $after: String) {\n    notifications(first: $first, after: $after) {\n      totalCount\n      unreadCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          kind\n          title\n          body\n          link\n          createdAt\n          readAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Notifications($first: Int, $after: String) {\n    notifications(first: $first, after: $after) {\n      totalCount\n      unreadCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          kind\n          title\n          body\n          link\n          createdAt\n          readAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all) {\n      marked\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all) {\n      marked\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationAdded {\n    notificationAdded {\n      notifications {\n        id\n        kind\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationAdded {\n    notificationAdded {\n      notifications {\n        id\n        kind\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationPreferences {\n    notificationPreferences {\n      kind\n      email\n    }\n  }\n"): (typeof documents)["\n  query NotificationPreferences {\n    notificationPreferences {\n      kind\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNotificationPreference($kind: NotificationKind!, $email: EmailDelivery!) {\n    setNotificationPreference(kind: $kind, email: $email) {\n      kind\n      email\n    }\n  }\n"): (typeof documents)["\n  mutation SetNotificationPreference($kind: NotificationKind!, $email: EmailDelivery!) {\n    setNotificationPreference(kind: $kind, email: $email) {\n      kind\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IncompleteUnits($id: ID!, $phase: Phase!) {\n    period(id: $id) {\n      id\n      incompleteUnits(phase: $phase) {\n        assessmentId\n        unitName\n        status\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  query IncompleteUnits($id: ID!, $phase: Phase!) {\n    period(id: $id) {\n      id\n      incompleteUnits(phase: $phase) {\n        assessmentId\n        unitName\n        status\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Periods {\n    periods {\n      ...PeriodRow_period\n    }\n  }\n"): (typeof documents)["\n  query Periods {\n    periods {\n      ...PeriodRow_period\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PeriodFormOptions {\n    frameworks {\n      ...FrameworkRow\n    }\n    units {\n      ...AdminUnit\n    }\n  }\n"): (typeof documents)["\n  query PeriodFormOptions {\n    frameworks {\n      ...FrameworkRow\n    }\n    units {\n      ...AdminUnit\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePeriod($input: CreatePeriodInput!) {\n    createPeriod(input: $input) {\n      ...PeriodRow_period\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePeriod($input: CreatePeriodInput!) {\n    createPeriod(input: $input) {\n      ...PeriodRow_period\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPeriodPhase($id: ID!, $phase: Phase!, $acknowledgeIncomplete: Boolean) {\n    setPeriodPhase(id: $id, phase: $phase, acknowledgeIncomplete: $acknowledgeIncomplete) {\n      id\n      phase\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation SetPeriodPhase($id: ID!, $phase: Phase!, $acknowledgeIncomplete: Boolean) {\n    setPeriodPhase(id: $id, phase: $phase, acknowledgeIncomplete: $acknowledgeIncomplete) {\n      id\n      phase\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PeriodMonitor($id: ID!) {\n    period(id: $id) {\n      ...PeriodHeading_period\n      selfAssessmentDeadline\n      appraisalDeadline\n      explanationDeadline\n      framework {\n        id\n        criteria {\n          id\n          parentId\n        }\n      }\n      assessments {\n        ...UnitCompletion_assessment\n      }\n    }\n  }\n"): (typeof documents)["\n  query PeriodMonitor($id: ID!) {\n    period(id: $id) {\n      ...PeriodHeading_period\n      selfAssessmentDeadline\n      appraisalDeadline\n      explanationDeadline\n      framework {\n        id\n        criteria {\n          id\n          parentId\n        }\n      }\n      assessments {\n        ...UnitCompletion_assessment\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PeriodProgress($id: ID!) {\n    periodProgress(periodId: $id) {\n      periodId\n      phase\n      units {\n        assessmentId\n        unitId\n        unitName\n        leaves\n        leavesDone\n        selfTotal\n        pendingMaxScore\n        maxScore\n        applicableMaxScore\n        status\n        seq\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PeriodProgress($id: ID!) {\n    periodProgress(periodId: $id) {\n      periodId\n      phase\n      units {\n        assessmentId\n        unitId\n        unitName\n        leaves\n        leavesDone\n        selfTotal\n        pendingMaxScore\n        maxScore\n        applicableMaxScore\n        status\n        seq\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePeriod($id: ID!, $input: UpdatePeriodInput!) {\n    updatePeriod(id: $id, input: $input) {\n      ...PeriodRow_period\n      appraisalDeadline\n      explanationDeadline\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePeriod($id: ID!, $input: UpdatePeriodInput!) {\n    updatePeriod(id: $id, input: $input) {\n      ...PeriodRow_period\n      appraisalDeadline\n      explanationDeadline\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PeriodHeading_period on Period {\n    id\n    name\n    year\n    phase\n    framework {\n      id\n      name\n      unitKind\n      maxScore\n    }\n  }\n"): (typeof documents)["\n  fragment PeriodHeading_period on Period {\n    id\n    name\n    year\n    phase\n    framework {\n      id\n      name\n      unitKind\n      maxScore\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PeriodRow_period on Period {\n    ...PeriodHeading_period\n    selfAssessmentDeadline\n    assessments {\n      id\n      status\n      unit {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment PeriodRow_period on Period {\n    ...PeriodHeading_period\n    selfAssessmentDeadline\n    assessments {\n      id\n      status\n      unit {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UnitCompletion_assessment on Assessment {\n    ...AssessmentLive_assessment\n    unit {\n      id\n      name\n    }\n    progress {\n      id\n      criterionId\n      leaves\n      leavesScored\n      maxScore\n      selfTotal\n    }\n  }\n"): (typeof documents)["\n  fragment UnitCompletion_assessment on Assessment {\n    ...AssessmentLive_assessment\n    unit {\n      id\n      name\n    }\n    progress {\n      id\n      criterionId\n      leaves\n      leavesScored\n      maxScore\n      selfTotal\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProgressTree_criterion on Criterion {\n    id\n    code\n    title\n    parentId\n    isLeaf\n    depth\n    maxScore\n    method\n  }\n"): (typeof documents)["\n  fragment ProgressTree_criterion on Criterion {\n    id\n    code\n    title\n    parentId\n    isLeaf\n    depth\n    maxScore\n    method\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProgressTree_progress on Progress {\n    id\n    criterionId\n    selfTotal\n    maxScore\n    leaves\n    leavesScored\n    leavesWithEvidence\n    leavesAppraised\n    appraisedTotal\n    pendingMaxScore\n  }\n"): (typeof documents)["\n  fragment ProgressTree_progress on Progress {\n    id\n    criterionId\n    selfTotal\n    maxScore\n    leaves\n    leavesScored\n    leavesWithEvidence\n    leavesAppraised\n    appraisedTotal\n    pendingMaxScore\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Results($periodId: ID!, $unitKind: UnitKind!) {\n    period(id: $periodId) {\n      ...PeriodHeading_period\n    }\n    ranking(periodId: $periodId, unitKind: $unitKind) {\n      ...RankingTable_row\n    }\n  }\n"): (typeof documents)["\n  query Results($periodId: ID!, $unitKind: UnitKind!) {\n    period(id: $periodId) {\n      ...PeriodHeading_period\n    }\n    ranking(periodId: $periodId, unitKind: $unitKind) {\n      ...RankingTable_row\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ResultsPeriod($periodId: ID!) {\n    period(id: $periodId) {\n      id\n      framework {\n        id\n        unitKind\n      }\n    }\n  }\n"): (typeof documents)["\n  query ResultsPeriod($periodId: ID!) {\n    period(id: $periodId) {\n      id\n      framework {\n        id\n        unitKind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImprovementList($assessmentId: ID!) {\n    improvementList(assessmentId: $assessmentId) {\n      criterionId\n      code\n      title\n      score\n      maxScore\n      pointsLost\n      basis\n    }\n  }\n"): (typeof documents)["\n  query ImprovementList($assessmentId: ID!) {\n    improvementList(assessmentId: $assessmentId) {\n      criterionId\n      code\n      title\n      score\n      maxScore\n      pointsLost\n      basis\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ComputeResults($periodId: ID!) {\n    computeResults(periodId: $periodId) {\n      assessmentId\n    }\n  }\n"): (typeof documents)["\n  mutation ComputeResults($periodId: ID!) {\n    computeResults(periodId: $periodId) {\n      assessmentId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishResults($periodId: ID!, $acknowledgeIncomplete: Boolean) {\n    publishResults(periodId: $periodId, acknowledgeIncomplete: $acknowledgeIncomplete) {\n      id\n      phase\n    }\n  }\n"): (typeof documents)["\n  mutation PublishResults($periodId: ID!, $acknowledgeIncomplete: Boolean) {\n    publishResults(periodId: $periodId, acknowledgeIncomplete: $acknowledgeIncomplete) {\n      id\n      phase\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RankingTable_row on RankingRow {\n    assessmentId\n    submitted\n    rank\n    previousRank\n    rankChange\n    total\n    totalChange\n    previousTotal\n    index\n    band\n    basis\n    selfTotal\n    round1Total\n    finalTotal\n    maxScore\n    computedAt\n    unit {\n      id\n      name\n    }\n    groups {\n      ...GroupChart_group\n    }\n  }\n"): (typeof documents)["\n  fragment RankingTable_row on RankingRow {\n    assessmentId\n    submitted\n    rank\n    previousRank\n    rankChange\n    total\n    totalChange\n    previousTotal\n    index\n    band\n    basis\n    selfTotal\n    round1Total\n    finalTotal\n    maxScore\n    computedAt\n    unit {\n      id\n      name\n    }\n    groups {\n      ...GroupChart_group\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GroupChart_group on GroupResultRow {\n    criterionId\n    code\n    title\n    total\n    maxScore\n    rank\n  }\n"): (typeof documents)["\n  fragment GroupChart_group on GroupResultRow {\n    criterionId\n    code\n    title\n    total\n    maxScore\n    rank\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScoreValueFields on ScoreValue {\n    points\n    met\n    tier\n    numerator\n    denominator\n    figure\n    notApplicable\n  }\n"): (typeof documents)["\n  fragment ScoreValueFields on ScoreValue {\n    points\n    met\n    tier\n    numerator\n    denominator\n    figure\n    notApplicable\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScoreInput_criterion on Criterion {\n    id\n    method\n    maxScore\n    step\n    allowNotApplicable\n    allowAboveFull\n    tierOptions {\n      label\n      share\n    }\n    thresholdOptions {\n      minPercent\n      share\n      ratio\n    }\n  }\n"): (typeof documents)["\n  fragment ScoreInput_criterion on Criterion {\n    id\n    method\n    maxScore\n    step\n    allowNotApplicable\n    allowAboveFull\n    tierOptions {\n      label\n      share\n    }\n    thresholdOptions {\n      minPercent\n      share\n      ratio\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitHistory($unitId: ID!) {\n    unitHistory(unitId: $unitId) {\n      periodId\n      periodName\n      year\n      frameworkCode\n      frameworkName\n      total\n      maxScore\n      index\n      rank\n      rankedUnits\n      band\n      averageIndex\n      groups {\n        code\n        title\n        total\n        maxScore\n        periodAverage\n      }\n    }\n  }\n"): (typeof documents)["\n  query UnitHistory($unitId: ID!) {\n    unitHistory(unitId: $unitId) {\n      periodId\n      periodName\n      year\n      frameworkCode\n      frameworkName\n      total\n      maxScore\n      index\n      rank\n      rankedUnits\n      band\n      averageIndex\n      groups {\n        code\n        title\n        total\n        maxScore\n        periodAverage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssessmentWorkspace($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      ...DeadlinePanel_assessment\n      unit {\n        id\n        name\n      }\n      period {\n        ...PeriodHeading_period\n        framework {\n          id\n          notApplicable\n          criteria {\n            ...ProgressTree_criterion\n            ...EntryEditor_criterion\n          }\n        }\n      }\n      entries {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n"): (typeof documents)["\n  query AssessmentWorkspace($id: ID!) {\n    assessment(id: $id) {\n      ...AssessmentLive_assessment\n      ...DeadlinePanel_assessment\n      unit {\n        id\n        name\n      }\n      period {\n        ...PeriodHeading_period\n        framework {\n          id\n          notApplicable\n          criteria {\n            ...ProgressTree_criterion\n            ...EntryEditor_criterion\n          }\n        }\n      }\n      entries {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveSelfScore($input: SaveSelfScoreInput!) {\n    saveSelfScore(input: $input) {\n      seq\n      entry {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SaveSelfScore($input: SaveSelfScoreInput!) {\n    saveSelfScore(input: $input) {\n      seq\n      entry {\n        ...EntryEditor_entry\n      }\n      progress {\n        ...ProgressTree_progress\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EntryEditor_entry on ScoreEntry {\n    ...AssessmentLive_entry\n    ...EvidencePanel_entry\n    updatedBy {\n      id\n      name\n    }\n    selfUpdatedBy {\n      id\n      name\n    }\n    selfUpdatedAt\n    assignee {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment EntryEditor_entry on ScoreEntry {\n    ...AssessmentLive_entry\n    ...EvidencePanel_entry\n    updatedBy {\n      id\n      name\n    }\n    selfUpdatedBy {\n      id\n      name\n    }\n    selfUpdatedAt\n    assignee {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EntryEditor_criterion on Criterion {\n    id\n    code\n    title\n    guidance\n    evidenceRequired\n    maxScore\n    ...ScoreInput_criterion\n  }\n"): (typeof documents)["\n  fragment EntryEditor_criterion on Criterion {\n    id\n    code\n    title\n    guidance\n    evidenceRequired\n    maxScore\n    ...ScoreInput_criterion\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;