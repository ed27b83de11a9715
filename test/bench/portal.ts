/**
 * Portal benchmarks in headless Chromium: the JavaScript a first visit downloads (gzip, target
 * under 250 KB) and a 150-question assessment rendered and usable (target under 1 s).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { assessmentOn } from './answers.js';
import { bootBenchApp, median } from './harness.js';

const PORTAL = 'dist/web';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Scripts index.html loads or preloads, gzip-compressed as the server sends them. */
export async function firstVisitScriptKb(): Promise<number> {
  const index = await readFile(join(PORTAL, 'index.html'), 'utf8');
  const scripts = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const sizes = await Promise.all(scripts.map(async (path) => gzipSync(await readFile(join(PORTAL, path)), { level: 9 }).length));
  return sizes.reduce((sum, size) => sum + size, 0) / 1024;
}

export async function portalSpeed(): Promise<string> {
  const scriptKb = await firstVisitScriptKb();
  const app = await bootBenchApp();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const { assessmentId, vendorToken } = await assessmentOn(app.base, 'bench-portal-150', 150);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The session cookie carries the same opaque token a sign-in in the portal would set.
    await context.addCookies([{ name: 'assay_session', value: vendorToken, url: app.base, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    const times: number[] = [];
    for (let run = 0; run < 6; run++) {
      const start = performance.now();
      await page.goto(`${app.base}/assessments/${assessmentId}`);
      await page.getByRole('button', { name: 'Submit assessment' }).waitFor();
      await page.getByRole('group', { name: 'Bench question 149' }).getByRole('radio', { name: 'Yes' }).check();
      if (run > 0) times.push(performance.now() - start);
    }
    const renderMs = median(times);
    return [
      `first-visit JavaScript ${scriptKb < 250 ? 'PASS' : 'FAIL'} (target < 250 KB gzip): ${scriptKb.toFixed(1)} KB`,
      `150-question assessment rendered and answered ${renderMs < 1000 ? 'PASS' : 'FAIL'} (target < 1 s): median ${renderMs.toFixed(0)} ms over 5 loads`,
    ].join('; ');
  } finally {
    await browser.close();
    await app.stop();
  }
}
