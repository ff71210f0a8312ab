/// <reference lib="dom" />
/** What the Chromium suites share: where Chromium is, how it is launched, axe-core, screenshots. */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** Debian's Chromium; .ci/run installs it. */
export const CHROMIUM = '/usr/bin/chromium';
/** Flags for a headless Chromium that never talks to the internet. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
/** Where screenshots go. */
export const SHOTS = path.resolve('test-results/screenshots');
/** Whether this machine can run the browser suites (in CI it must). */
export const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);

const AXE = path.resolve('node_modules/axe-core/axe.min.js');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** Serious and critical WCAG 2.x A/AA violations axe-core finds on the page (or only inside `scope`, a CSS selector). */
export async function axeViolations(page: Page, scope?: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (selector) => {
    const axe = (globalThis as unknown as { axe: { run: (context: object, options: object) => Promise<AxeResult> } }).axe;
    return axe.run(selector ? { include: [[selector]] } : { exclude: [] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
  }, scope ?? null);
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
