import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One front-end stack for every web face: a React app under web/, built to dist/web and
// served by the same Fastify process.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true },
});
