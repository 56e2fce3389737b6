import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { explorerSecurityHeaders } from '../../common/security-headers';

/** Where the client's explorer build puts its page (client/vite.graphiql.config.ts). */
export const explorerPage = (clientDir: string) => join(clientDir, 'graphiql', 'index.html');

/**
 * The API explorer: GraphiQL at `GET /graphiql`, built from its packages with the web client
 * (client/src/explorer) into the client's dist/graphiql/; its files under /graphiql/assets/ are
 * served by the client's static files, after this router has given everything under /graphiql
 * the explorer's content security policy. The page holds no credentials: requests carry the web
 * client's sign-in in the same browser, or the Authorization header a token holder types, and
 * are checked by /graphql as any other. Null when the client is not built.
 */
export function explorerRouter(clientDir: string): Router | null {
  const page = explorerPage(clientDir);
  if (!existsSync(page)) return null;
  const router = express.Router();
  router.use(explorerSecurityHeaders());
  // the page names its hashed files: revalidated on every visit, as the app's index.html
  router.get('/', (_req, res) => res.sendFile(page, { headers: { 'Cache-Control': 'no-cache' } }));
  return router;
}
