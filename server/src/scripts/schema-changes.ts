import { buildSchema, findBreakingChanges, type BreakingChange } from 'graphql';

/**
 * The breaking changes between the last released schema (schema/baseline.graphql) and the
 * current one (schema/schema.graphql) that schema/CHANGELOG.md does not list (graphql-js'
 * findBreakingChanges: a type or field removed, an argument added as required, a type changed…).
 * A breaking change is listed when the changelog holds its description verbatim, e.g.
 * "Mutation.pushStatistic was removed.": integrators read there what broke and why.
 */
export function unlistedBreakingChanges(baselineSdl: string, currentSdl: string, changelog: string): BreakingChange[] {
  const changes = findBreakingChanges(buildSchema(baselineSdl), buildSchema(currentSdl));
  return changes.filter((c) => !changelog.includes(c.description));
}
