// The Electron main process entry (electron-vite bundles it to out/main/index.js).
import { startShell } from './app.ts';

startShell({ bundleUrl: import.meta.url });
