import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One front-end stack for every web face: a React app under web/, built to dist/web and
// served by the same Fastify process.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  // The password page lazy-loads zxcvbn-ts with its dictionaries (about 2.5 MB, 1.2 MB gzipped):
  // loaded only on that page, and a known, accepted size rather than a warning on every build.
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2600 },
});
