import { reactRouter } from '@react-router/dev/vite'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'
import path from 'node:path'

// The process entry (server/index.ts) is the SSR build's input, so `node build/server/index.js` is the whole
// server: React Router, Hocuspocus on /collab and the exports share one module graph and one database.
export default defineConfig({
  resolve: { alias: { '~': path.resolve(import.meta.dirname, 'app') } },
  environments: {
    ssr: {
      build: {
        rollupOptions: { input: './server/index.ts' },
      },
    },
  },
  plugins: [tailwindcss(), reactRouter()],
})
