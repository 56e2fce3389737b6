import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext, type ValidationRule } from 'graphql';
import type { Config } from '../config';

/**
 * The operation limits, the same on HTTP and on the socket: depth, aliases, cost, tokens,
 * and no introspection in production. Apollo's plugins do not see socket operations, so both
 * servers take their rules from here.
 */
export function validationRules(config: Config): ValidationRule[] {
  // report as ordinary validation errors instead of throwing out of validate()
  const report = { propagateOnRejection: false, onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(err)] };
  const rules: ValidationRule[] = [
    maxDepthRule({ n: config.limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, exposeLimits: true, ...report }) as unknown as ValidationRule,
    maxAliasesRule({ n: config.limits.maxAliases, exposeLimits: true, ...report }) as unknown as ValidationRule,
    costLimitRule({ maxCost: config.limits.maxCost, exposeLimits: true, ...report }) as unknown as ValidationRule,
  ];
  if (config.env === 'production') rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

export const parseOptions = (config: Config) => ({ maxTokens: config.limits.maxTokens });

/** In production, "Did you mean …?" would reveal the schema: cut it from messages. */
export function hideSuggestions(message: string, config: Pick<Config, 'env'>): string {
  return config.env === 'production' ? message.replace(/\s*Did you mean .*\?$/, '') : message;
}

export const withCode = (e: GraphQLError, code: string): GraphQLError =>
  new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, extensions: { ...e.extensions, code } });
