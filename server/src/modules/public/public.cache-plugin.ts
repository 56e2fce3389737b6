import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { Context } from '../../common/context';
import { PUBLIC_CACHE_CONTROL } from './public.routes';

/**
 * GraphQL GETs of the public queries alone, by an anonymous caller, answered without error, may be
 * kept like the JSON routes (Cache-Control only: their ETags and 304s are the JSON routes' own).
 * Anything else stays uncached: a signed-in caller's answer, a mutation, any other field.
 */
export const publicQueryCache: ApolloServerPlugin<Context> = {
  async requestDidStart({ request }) {
    if (request.http?.method !== 'GET') return {};
    return {
      async willSendResponse({ response, contextValue, operation }) {
        if (contextValue.viewer || operation?.operation !== 'query' || response.body.kind !== 'single' || response.body.singleResult.errors?.length) return;
        const fields = operation.selectionSet.selections;
        const onlyPublic = fields.every((s) => s.kind === Kind.FIELD && (s.name.value.startsWith('public') || s.name.value === '__typename'));
        if (onlyPublic) response.http.headers.set('cache-control', PUBLIC_CACHE_CONTROL);
      },
    };
  },
};
