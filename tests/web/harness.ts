/**
 * Browser-test harness for the participant app: builds apps/web with Vite, serves it like the admin app
 * (the admin harness's static server with /graphql proxied to the stack's gateway, Debian's Chromium), and
 * checks each page the way a reviewer would: a full-page screenshot under .data/screenshots/web/, axe-core
 * injected into the page (no serious or critical violation), and no page wider than its viewport.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { viteBuild } from '../admin/harness';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const WEB_SCREENSHOT_DIR = resolve(REPO_ROOT, '.data/screenshots/web');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The staff workspace's address the built app sends staff to (`VITE_STAFF_APP_URL`). */
export const STAFF_APP_URL = 'https://admin.tandem.test';

/** `vite build` of apps/web into a fresh temp directory. */
export function buildWebApp(): string {
  return viteBuild('web', { VITE_STAFF_APP_URL: STAFF_APP_URL });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  // a string, not a function: this file is type-checked without the DOM's types
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** How much wider than the viewport the page is (0 when nothing scrolls sideways). */
export async function overflowPx(page: Page): Promise<number> {
  return (await page.evaluate('Math.max(0, document.documentElement.scrollWidth - window.innerWidth)')) as number;
}

/** A full-page screenshot as .data/screenshots/web/<name>.png. */
export async function webScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(WEB_SCREENSHOT_DIR, { recursive: true });
  const path = join(WEB_SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The checks of a page as it is now: a screenshot, no serious/critical axe violation, nothing wider than the viewport. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await webScreenshot(page, name);
  expect(await axeViolations(page), `${name}: axe`).toEqual([]);
  expect(await overflowPx(page), `${name}: wider than the viewport`).toBe(0);
}
