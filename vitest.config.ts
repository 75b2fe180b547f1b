import { defineConfig } from 'vitest/config'
import path from 'node:path'

export default defineConfig({
  resolve: { alias: { '~': path.resolve(import.meta.dirname, 'app') } },
  test: {
    include: ['{app,server,db,tests}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules', 'build', 'build-*', '.node', 'tests/bench/**', 'tests/.tmp/**'],
    testTimeout: 30_000,
    // Live updates cross processes and sockets; on a busy 2-core CI machine they can take seconds, not the
    // 1 s expect.poll waits by default (locators wait 10 s too).
    expect: { poll: { timeout: 10_000, interval: 50 } },
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
})
