import { getNamedType, getNullableType, isLeafType, GraphQLError, isListType, Kind, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { PAGE_MAX } from './page-sizes';

/**
 * What an operation costs before it runs: every object field costs 1 and every scalar field 0.1
 * (a row read against a value serialized), and a list field multiplies the cost of one item
 * (itself + its selection) by the number of items it is expected to return. A
 * whole period read fifteen times over is then as expensive as it is, where a static per-field
 * weight (graphql-armor's) priced it like fifteen small objects.
 *
 * How many items a list holds is estimated before execution from what the database holds now
 * (ListSizes): `first` when a field takes one; a period's assessments, the units, the ranking:
 * the number of units; an assessment's entries and progress, a framework's criteria: the
 * criteria of the largest framework; a save's progress: the ancestors of a leaf (at most 8
 * levels); every other list: a configured default.
 */
export interface ListSizes {
  units: number;
  /** criteria of the largest framework */
  criteria: number;
  users: number;
  periods: number;
  frameworks: number;
  apiTokens: number;
}

type SizeOf = keyof ListSizes | number;

/** Ancestors of a leaf: a save's progress rows (frameworks have at most 8 levels). */
const DEPTH = 8;

/** The expected size of each list field that is not the default, by "Type.field". */
export const LIST_SIZES: Record<string, SizeOf> = {
  'Period.assessments': 'units',
  'PeriodProgressEvent.units': 'units',
  'Query.units': 'units',
  'Query.ranking': 'units',
  'PublicRanking.rows': 'units',
  'PublicUnitResult.history': 'periods',
  'Query.publicPeriods': 'periods',
  'Mutation.computeResults': 'units',
  'Assessment.entries': 'criteria',
  'Assessment.progress': 'criteria',
  'Assessment.evidence': 'criteria',
  'Framework.criteria': 'criteria',
  'Query.myAssignments': 'criteria',
  'Query.improvementList': 'criteria',
  'Mutation.assignCriteria': 'criteria',
  'AssessmentEvent.entries': 'criteria',
  'AssessmentEvent.progress': 'criteria',
  'AssessmentEvent.criterionIds': 'criteria',
  'SelfScorePayload.progress': DEPTH,
  'AppraisalPayload.progress': DEPTH,
  'PushStatisticPayload.progress': DEPTH,
  // at most MAX_FIGURES (integrator/statistics.input.ts); `first` does not apply
  'PushStatisticsPayload.figures': 10_000,
  'Query.users': 'users',
  'PresenceEvent.members': 'users',
  'Query.periods': 'periods',
  'Query.frameworks': 'frameworks',
  'Query.apiTokens': 'apiTokens',
  // a handful of endpoints; each lists at most MAX_DELIVERIES (webhook.service.ts) by `first`
  'Query.webhooks': 20,
  'Webhook.deliveries': 100,
  // an entry's evidence: one or two files as a rule, a handful at most
  'ScoreEntry.evidence': 3,
  'ScoreEntry.history': 20,
  // a connection's edges: its largest page (common/paging.ts), scaled down by `first` below
  ...Object.fromEntries(Object.entries(PAGE_MAX).map(([connection, max]) => [`${connection}.edges`, max])),
};

/** A scalar field beside an object: serializing a value costs far less than reading a row. */
export const SCALAR = 0.1;

/** Any other list (bands, tiers, thresholds, a result's groups). */
export const DEFAULT_LIST_SIZE = 5;

export function listSizeOf(typeName: string, fieldName: string, args: Record<string, unknown>, sizes: ListSizes): number {
  const known = LIST_SIZES[`${typeName}.${fieldName}`];
  const bound = known === undefined ? DEFAULT_LIST_SIZE : typeof known === 'number' ? known : Math.max(1, sizes[known]);
  const first = args.first;
  return typeof first === 'number' && Number.isFinite(first) && first >= 0 ? Math.min(first, bound) : bound;
}

function estimator(sizes: ListSizes): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const returns = getNullableType(field.type);
    const named = getNamedType(returns).name;
    // a page (common/paging.ts): its edges were counted at the largest page; `first` asks for fewer
    if (named in PAGE_MAX && typeof args.first === 'number' && Number.isFinite(args.first)) {
      const max = PAGE_MAX[named as keyof typeof PAGE_MAX];
      return 1 + (childComplexity * Math.min(Math.max(args.first, 0), max)) / max;
    }
    const one = (isLeafType(getNamedType(returns)) ? SCALAR : 1) + childComplexity;
    if (!isListType(returns)) return one;
    // (a list of scalars costs its items too)
    return listSizeOf(type.name, field.name, args, sizes) * one;
  };
}

/** The operation's cost, or null when its variables do not fit (execution refuses them itself). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  sizes: ListSizes,
): number | null {
  try {
    return Math.ceil(getComplexity({ schema, query: document, operationName: operationName ?? undefined, variables: variables ?? {}, estimators: [estimator(sizes)] }));
  } catch {
    return null;
  }
}

/** The variables an operation's cost depends on: those given to `first` and to @include/@skip's `if`. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    [Kind.ARGUMENT](node) {
      if (node.name.value !== 'first' && node.name.value !== 'if') return;
      visit(node.value, { [Kind.VARIABLE]: (v) => void names.add(v.name.value) });
    },
  });
  return [...names].sort();
}

interface DocumentCosts {
  variables: string[];
  /** by operation name and the values of `variables`, for the sizes they were counted with */
  costs: Map<string, { sizes: ListSizes; cost: number | null }>;
}

/** Distinct operations and variable values kept per document: a client sends a handful. */
const PER_DOCUMENT = 64;
const costsByDocument = new WeakMap<DocumentNode, DocumentCosts>();

/**
 * operationCost, remembered per parsed document (Apollo and the socket reuse the parsed
 * document of a query text they have seen), operation and the values of the variables the cost
 * depends on, until the list sizes are counted again: the same query with another score or note
 * costs the same, and an operation's cost is then looked up rather than walked on every request.
 */
export function cachedOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  sizes: ListSizes,
): number | null {
  let entry = costsByDocument.get(document);
  if (!entry) costsByDocument.set(document, (entry = { variables: costVariables(document), costs: new Map() }));
  let key: string;
  try {
    key = JSON.stringify([operationName ?? null, ...entry.variables.map((v) => variables?.[v] ?? null)]);
  } catch {
    return operationCost(schema, document, operationName, variables, sizes);
  }
  const known = entry.costs.get(key);
  if (known && known.sizes === sizes) return known.cost;
  const cost = operationCost(schema, document, operationName, variables, sizes);
  // null: the variables do not fit (execution refuses them), which is not kept for the next caller
  if (cost !== null) {
    if (entry.costs.size >= PER_DOCUMENT && !known) entry.costs.delete(entry.costs.keys().next().value!);
    entry.costs.set(key, { sizes, cost });
  }
  return cost;
}

/** BAD_USER_INPUT with the cost and the budget, when an operation costs more than it may. */
export function costError(cost: number | null, maxCost: number): GraphQLError | null {
  if (cost === null || cost <= maxCost) return null;
  return new GraphQLError(
    `This operation would cost ${cost.toLocaleString('en-US')}, over the budget of ${maxCost.toLocaleString('en-US')}: every list counts its expected size (see docs/security.md). Ask for fewer fields, fewer aliases or a page (first).`,
    { extensions: { code: 'BAD_USER_INPUT', cost, maxCost, problems: [{ path: 'query', message: `costs ${cost}, the budget is ${maxCost}` }] } },
  );
}
