import type { Config } from '@react-router/dev/config'

export default {
  ssr: true,
  appDirectory: 'app',
  // Separate build folders let parallel builds (benchmarks, a second checkout) not step on each other.
  buildDirectory: process.env.ZIELWERK_BUILD_DIR ?? 'build',
} satisfies Config
