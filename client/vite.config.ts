import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The client is served by the server on the same port (/ and /graphql); `vite dev` proxies to it.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true }, '/evidence': 'http://127.0.0.1:4000', '/export': 'http://127.0.0.1:4000' },
  },
});
