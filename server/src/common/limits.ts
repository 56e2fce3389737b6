import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, BREAK, type DocumentNode, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import type { Config } from '../config';
import { cachedOperationCost, costError } from './cost';
import type { ListSizeCounter } from './list-sizes';
import type { TokenBudget } from '../modules/integrator/token-budget';
import type { Viewer } from './auth';

/**
 * The operation limits, the same on HTTP and on the socket: depth, aliases and tokens.
 * Introspection is refused to anonymous callers in production, in costLimit's check below (it
 * depends on who asks, and validated documents are cached for everyone). Apollo's plugins do not see socket operations, so both servers
 * take their rules from here. The cost (costLimit below) is not a validation rule: it counts
 * list sizes, which change with the data and depend on variables, while validated documents
 * are cached.
 */
export function validationRules(config: Config): ValidationRule[] {
  // report as ordinary validation errors instead of throwing out of validate()
  const report = { propagateOnRejection: false, onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(err)] };
  const rules: ValidationRule[] = [
    maxDepthRule({ n: config.limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, exposeLimits: true, ...report }) as unknown as ValidationRule,
    maxAliasesRule({ n: config.limits.maxAliases, exposeLimits: true, ...report }) as unknown as ValidationRule,
  ];
  return rules;
}

/**
 * The cost limit (common/cost.ts), checked for every operation with its variables before it
 * runs: on HTTP in an Apollo plugin, on the socket in graphql-ws' onSubscribe. An operation
 * within the limit sent with an API token then draws on the token's budget per minute
 * (requests and cost, modules/integrator/token-budget.ts): RATE_LIMITED (HTTP 429 with
 * Retry-After) once it is spent. People's sessions have no such budget.
 */
export function costLimit(config: Config, schema: GraphQLSchema, sizes: ListSizeCounter, budget?: TokenBudget) {
  const check = async (
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
    viewer?: Viewer | null,
  ): Promise<GraphQLError | null> => {
    if (config.env === 'production' && !viewer && introspects(document)) {
      return new GraphQLError('The schema is described to signed-in people and API tokens: sign in, or send Authorization: Bearer <token> (the explorer at /graphiql does).', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    const cost = cachedOperationCost(schema, document, operationName, variables, await sizes.current());
    const tooCostly = costError(cost, config.limits.maxCost);
    if (tooCostly) return tooCostly;
    const tokenId = viewer?.integrator?.tokenId;
    if (budget && tokenId) {
      try {
        await budget.take(tokenId, cost ?? 1);
      } catch (e) {
        if (e instanceof GraphQLError) return e;
        throw e;
      }
    }
    return null;
  };
  const plugin: ApolloServerPlugin<{ viewer: Viewer | null }> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request, contextValue }) {
          const e = await check(document, operationName, request.variables, contextValue.viewer);
          if (e) throw new GraphQLError(e.message, { extensions: { http: { status: 400 }, ...e.extensions } });
        },
      };
    },
  };
  return { check, plugin };
}

/** Whether a document asks for the schema (__schema or __type anywhere, fragments included). */
function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export const parseOptions = (config: Config) => ({ maxTokens: config.limits.maxTokens });

/** In production, "Did you mean …?" would reveal the schema: cut it from messages. */
export function hideSuggestions(message: string, config: Pick<Config, 'env'>): string {
  return config.env === 'production' ? message.replace(/\s*Did you mean .*\?$/, '') : message;
}

export const withCode = (e: GraphQLError, code: string): GraphQLError =>
  new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, extensions: { ...e.extensions, code } });
