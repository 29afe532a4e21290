import { fileURLToPath } from 'node:url';

/**
 * Where the shell finds its parts, from the main bundle's URL (out/main/index.js): the preload
 * and renderer that electron-vite builds beside it, and the icons shipped in resources/icons.
 */
export function shellPaths(bundleUrl: string) {
  return {
    preload: fileURLToPath(new URL('../preload/index.cjs', bundleUrl)),
    rendererDir: fileURLToPath(new URL('../renderer/', bundleUrl)),
    iconsDir: fileURLToPath(new URL('../../resources/icons/', bundleUrl)),
  };
}
