import { existsSync } from 'fs';
import { Browser, chromium } from 'playwright-core';

/**
 * Debian's chromium (scripts/ensure-system-packages.sh installs it; CHROMIUM_PATH overrides), headless,
 * driven by playwright-core: nothing is downloaded. --no-sandbox because CI runs as root.
 */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
  if (!executablePath) throw new Error('no chromium: run scripts/ensure-system-packages.sh (apt-get install chromium) or set CHROMIUM_PATH');
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
}
