/**
 * The largest page of each connection (common/paging.ts), by its GraphQL type: `first` above it
 * is refused, and the cost of an operation (cost.ts) counts a page of `first` items. A file of its
 * own, without dependencies, because the cost is also computed where no GraphQL type is loaded
 * (the client's tests price the web client's operations).
 */
export const PAGE_MAX = {
  AssessmentConnection: 100,
  ScoreEntryConnection: 500,
  RankingConnection: 100,
  EvidenceConnection: 100,
  ScoreRevisionConnection: 100,
  AuditLogConnection: 100,
  NotificationConnection: 100,
} as const;
