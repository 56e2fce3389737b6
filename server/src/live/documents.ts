import { parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type ParseOptions, type ValidationRule } from 'graphql';
import { withCode } from '../common/limits';

/** A parsed and validated operation, shared by every socket that sent the same text. */
export interface Operation {
  /** the query text as first received: sockets keep this one copy instead of their own */
  query: string;
  document: DocumentNode;
}

/**
 * Parse and validate once per distinct query text (validation depends on the schema and the rules
 * only, never on variables). Thousands of sockets that subscribe with the web client's selection
 * then hold one document, not one each. Bounded, least recently used first out; only valid
 * operations are kept, so that junk sent to the socket cannot fill it.
 */
export class OperationCache {
  private readonly ops = new Map<string, Operation>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
    private readonly parseOptions: ParseOptions,
    private readonly size = 500,
  ) {}

  get(query: string): Operation | readonly GraphQLError[] {
    const hit = this.ops.get(query);
    if (hit) {
      this.ops.delete(query);
      this.ops.set(query, hit);
      return hit;
    }
    let document: DocumentNode;
    try {
      document = parse(query, this.parseOptions);
    } catch (e) {
      return [withCode(e as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
    }
    const errors = validate(this.schema, document, this.rules);
    if (errors.length) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
    const op: Operation = { query, document };
    if (this.ops.size >= this.size) this.ops.delete(this.ops.keys().next().value!);
    this.ops.set(query, op);
    return op;
  }
}
