import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './common/auth';
import { AssessmentResolver } from './modules/assessment/assessment.resolver';
import { ProgressResolver, ScoreEntryResolver, ScoreRevisionResolver } from './modules/assessment/score-entry.resolver';
import { CriterionResolver, FrameworkResolver } from './modules/framework/framework.resolver';
import { PeriodResolver } from './modules/period/period.resolver';
import { UnitResolver } from './modules/unit/unit.resolver';
import { UserResolver } from './modules/user/user.resolver';

export const resolvers = [
  UserResolver,
  UnitResolver,
  FrameworkResolver,
  CriterionResolver,
  PeriodResolver,
  AssessmentResolver,
  ScoreEntryResolver,
  ScoreRevisionResolver,
  ProgressResolver,
] as const;

export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [...resolvers], authChecker, validate: false });
}

/** The SDL checked in at schema/schema.graphql: sorted, so that it diffs cleanly. */
export const printSortedSchema = (schema: GraphQLSchema): string => printSchema(lexicographicSortSchema(schema)) + '\n';
