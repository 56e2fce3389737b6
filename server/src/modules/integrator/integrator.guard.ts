import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import { assertIntegratorMay } from '../../common/auth';
import type { Context } from '../../common/context';
import { AppError } from '../../common/errors';

/**
 * Refuses a mutation sent with an integrator token before any of it runs (HTTP 403), unless each
 * of its fields is one the token's scope allows. The authChecker checks every mutation field
 * again, on HTTP and on the socket; this also covers fields without @Authorized (login).
 */
export const integratorGuard: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        const viewer = contextValue.viewer;
        if (!viewer?.integrator || operation?.operation !== 'mutation') return;
        for (const s of operation.selectionSet.selections) {
          const name = s.kind === Kind.FIELD ? s.name.value : '(a fragment)';
          if (name === '__typename') continue;
          try {
            assertIntegratorMay(viewer, 'mutation', name);
          } catch (e) {
            throw new AppError('FORBIDDEN', (e as Error).message, { http: { status: 403 } });
          }
        }
      },
    };
  },
};
