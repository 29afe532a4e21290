import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/** The migrator reads the numbered SQL files at run time: ship them beside the main bundle. */
const copyMigrations = {
  name: 'clawster-copy-migrations',
  closeBundle() {
    cpSync(resolve('main/store/migrations'), resolve('out/main/migrations'), { recursive: true });
  },
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('main/shell/index.ts') } },
    },
    plugins: [copyMigrations],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve('preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
    plugins: [react()],
  },
});
