import { existsSync } from 'fs';
import { Browser, chromium, Page } from 'playwright-core';

/**
 * Debian's chromium (scripts/ensure-system-packages.sh installs it; CHROMIUM_PATH overrides), headless,
 * driven by playwright-core: nothing is downloaded. --no-sandbox because CI runs as root.
 */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
  if (!executablePath) throw new Error('no chromium: run scripts/ensure-system-packages.sh (apt-get install chromium) or set CHROMIUM_PATH');
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
}

/** The page's document as the functions below use it (this code is compiled without the DOM's types). */
type PageDocument = { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
const pageDocument = 'document';

/**
 * Waits until each selector matches exactly its count of elements. A function, not a string: the
 * console's security policy forbids evaluating strings, for tests as for anyone.
 */
export async function waitForCounts(page: Page, counts: Record<string, number>, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    ({ wanted, documentName }) => {
      const document = (globalThis as unknown as Record<string, PageDocument>)[documentName]!;
      return Object.entries(wanted).every(([selector, count]) => document.querySelectorAll(selector).length === count);
    },
    { wanted: counts, documentName: pageDocument },
    { timeout: timeoutMs, polling: 'raf' },
  );
}

/** Waits until the first element of `selector` reads `text`. */
export async function waitForText(page: Page, selector: string, text: string, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    ({ target, wanted, documentName }) => (globalThis as unknown as Record<string, PageDocument>)[documentName]!.querySelectorAll(target)[0]?.textContent === wanted,
    { target: selector, wanted: text, documentName: pageDocument },
    { timeout: timeoutMs },
  );
}
