import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The API explorer (GraphiQL, served at /graphiql) as a build of its own, after the app's
 * (vite.config.ts, which empties dist/): its page and files go to dist/graphiql/, so that the
 * app's bundle neither shares a chunk with it nor changes by a byte, and the server can give
 * everything under /graphiql the explorer's own content security policy
 * (server/src/common/security-headers.ts). Nothing is loaded from another host: GraphiQL, Monaco
 * and their workers are bundled here.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    assetsDir: 'graphiql/assets',
    sourcemap: false,
    // Monaco and GraphiQL are large; they load on this page only
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      input: { graphiql: 'graphiql/index.html' },
      // GraphiQL's files start with React Compiler's "use no memo", which a bundle cannot keep
      // and need not: it only tells the compiler, which does not run here
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
