// Build of the browser UI (simulator today, staff panel later): `npm run build:web` writes
// web/dist, which the main app serves. In `vite dev`, API calls go to the app on MOSTRADOR_API
// (default http://127.0.0.1:3000) so the page can keep using same-origin paths.
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.MOSTRADOR_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), tailwindcss()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/_emulator': apiTarget,
    },
  },
});
