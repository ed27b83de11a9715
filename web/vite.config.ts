import react from '@vitejs/plugin-react';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

/** Writes .gz and .br next to each text asset, so the server sends them without compressing per request. */
function precompress(outDir: string): Plugin {
  return {
    name: 'assay-precompress',
    apply: 'build',
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        files.map(async (name) => {
          const bytes = await readFile(join(outDir, name));
          await writeFile(join(outDir, `${name}.gz`), await promisify(gzip)(bytes, { level: 9 }));
          await writeFile(join(outDir, `${name}.br`), await promisify(brotliCompress)(bytes));
        }),
      );
    },
  };
}

const outDir = new URL('../dist/web', import.meta.url).pathname;

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react(), precompress(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    // The CSP allows scripts from files only: no inline polyfill, no inlined assets.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
