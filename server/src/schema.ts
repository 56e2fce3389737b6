import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './common/auth';
import { guardUnitData } from './common/unit-data';
import { AppraisalResolver, ProgressAppraisalResolver } from './modules/appraisal/appraisal.resolver';
import { AssessmentResolver } from './modules/assessment/assessment.resolver';
import { ApiTokenResolver } from './modules/integrator/api-token.resolver';
import { EntrySourceFigureResolver } from './modules/integrator/source-figure.resolver';
import { SheetsResolver } from './modules/sheets/sheets.resolver';
import { AssessmentSubscriptionResolver } from './modules/assessment/assessment.subscription';
import { AssignmentResolver } from './modules/assignment/assignment.resolver';
import { PeriodSubscriptionResolver } from './modules/period/period.subscription';
import { PresenceResolver } from './modules/presence/presence.resolver';
import { ProgressResolver, ScoreEntryResolver, ScoreRevisionResolver } from './modules/assessment/score-entry.resolver';
import { CriterionResolver, FrameworkResolver } from './modules/framework/framework.resolver';
import { AssessmentEvidenceResolver, EntryEvidenceResolver, EvidenceResolver } from './modules/evidence/evidence.resolver';
import { PeriodResolver } from './modules/period/period.resolver';
import { ResultsResolver } from './modules/results/results.resolver';
import { CompareResolver } from './modules/compare/compare.resolver';
import { UnitResolver } from './modules/unit/unit.resolver';
import { PasswordResolver } from './modules/user/password.resolver';
import { UserResolver } from './modules/user/user.resolver';
import { AuditResolver } from './modules/audit/audit.resolver';
import { AssessmentCouncilResolver, CouncilResolver, PeriodCouncilResolver } from './modules/council/council.resolver';
import { AssessmentSignatureResolver, SignatureResolver } from './modules/council/signature.resolver';
import { CommentResolver, DiscussionResolver, EntryDiscussionResolver } from './modules/discussion/discussion.resolver';
import { AssessmentInspectionResolver, EntryInspectionResolver, InspectionFileResolver, InspectionResolver } from './modules/inspection/inspection.resolver';
import { AssessmentDeadlineResolver, DeadlineResolver } from './modules/deadline/deadline.resolver';
import { NotificationResolver } from './modules/notification/notification.resolver';
import { PeopleResolver } from './modules/people/people.resolver';
import { AssessmentPagesResolver } from './modules/assessment/assessment.pages';
import { EvidencePagesResolver } from './modules/evidence/evidence.pages';
import { RankingPagesResolver } from './modules/results/ranking.pages';
import { WebhookResolver } from './modules/webhook/webhook.resolver';
import { PublicResultsResolver } from './modules/public/public.resolver';

export const resolvers = [
  AssessmentPagesResolver,
  EvidencePagesResolver,
  RankingPagesResolver,
  UserResolver,
  PasswordResolver,
  AuditResolver,
  UnitResolver,
  PeopleResolver,
  FrameworkResolver,
  CriterionResolver,
  PeriodResolver,
  AssessmentResolver,
  ScoreEntryResolver,
  EntrySourceFigureResolver,
  ScoreRevisionResolver,
  ProgressResolver,
  AssignmentResolver,
  AssessmentSubscriptionResolver,
  PeriodSubscriptionResolver,
  PresenceResolver,
  SheetsResolver,
  ApiTokenResolver,
  WebhookResolver,
  AppraisalResolver,
  ProgressAppraisalResolver,
  ResultsResolver,
  CompareResolver,
  PublicResultsResolver,
  EvidenceResolver,
  EntryEvidenceResolver,
  AssessmentEvidenceResolver,
  CouncilResolver,
  PeriodCouncilResolver,
  AssessmentCouncilResolver,
  SignatureResolver,
  AssessmentSignatureResolver,
  DiscussionResolver,
  CommentResolver,
  EntryDiscussionResolver,
  InspectionResolver,
  InspectionFileResolver,
  AssessmentInspectionResolver,
  EntryInspectionResolver,
  DeadlineResolver,
  AssessmentDeadlineResolver,
  NotificationResolver,
] as const;

/**
 * Subscriptions use their own `subscribe` functions over the live hub (live/), never
 * type-graphql's topics; this stands in for the pubSub that buildSchema insists on.
 */
const noTopics = {
  publish: () => {
    throw new Error('Publish through the live hub, not type-graphql topics.');
  },
  subscribe: () => {
    throw new Error('Subscribe through the live hub, not type-graphql topics.');
  },
};

/** The schema, with every field that reaches a unit's data checking the caller (common/unit-data.ts). */
export async function createSchema(): Promise<GraphQLSchema> {
  return guardUnitData(await buildSchema({ resolvers: [...resolvers], authChecker, validate: false, pubSub: noTopics as never }));
}

/** The SDL checked in at schema/schema.graphql: sorted, so that it diffs cleanly. */
export const printSortedSchema = (schema: GraphQLSchema): string => printSchema(lexicographicSortSchema(schema)) + '\n';
