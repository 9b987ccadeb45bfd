/**
 * axe-core in the e2e suite: injects `axe.min.js` into the page and runs it over the whole document.
 * The renderer's Content-Security-Policy (script-src 'self') refuses an inline <script>, so the file is
 * first offered with page.addScriptTag and, when the policy refuses it, evaluated through the
 * DevTools protocol (not subject to the page's policy) — the policy itself stays on, as users have it.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

/** One node axe found at fault. */
export interface AxeNode {
  /** CSS selector path of the node. */
  readonly target: readonly unknown[];
  /** The node's HTML, cut short. */
  readonly html: string;
  /** axe's account of what is wrong. */
  readonly failureSummary?: string;
}

/** One rule axe found broken. */
export interface AxeViolation {
  /** Rule id, e.g. `heading-order`. */
  readonly id: string;
  /** minor, moderate, serious or critical. */
  readonly impact: string | null;
  /** The rule's one-line help. */
  readonly help: string;
  /** Where. */
  readonly nodes: readonly AxeNode[];
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Puts axe into the page once. */
async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  const source = await axeSource;
  await page.addScriptTag({ content: source }).catch(() => undefined);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  if (!(await page.evaluate(() => 'axe' in window))) throw new Error('axe-core could not be put into the page');
}

/** Runs every axe rule (WCAG A/AA and best practices) over the page and returns the violations. */
export async function axeViolations(page: Page): Promise<readonly AxeViolation[]> {
  await injectAxe(page);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary })),
    }));
  });
}

/** A readable account of violations, for a failing assertion's message. */
export function describeViolations(where: string, violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${where}: ${v.id} (${v.impact ?? 'n/a'}) ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.html}\n      ${n.failureSummary ?? ''}`).join('\n')}`)
    .join('\n');
}
