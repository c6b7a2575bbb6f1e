import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// Two projects: everything Node-side runs against real loopback sockets; the renderer runs
// in happy-dom. Benchmarks and Playwright suites are separate commands, never picked up here.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'test/unit/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'test/simulator/**/*.test.ts',
            'test/electron/**/*.test.ts',
          ],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts'],
        },
      },
    ],
  },
});
