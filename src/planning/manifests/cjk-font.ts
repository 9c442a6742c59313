import { existsSync, readFileSync } from 'node:fs';

/**
 * The Chinese font the PDFs embed (pdfkit subsets it: only the glyphs used are written). WenQuanYi
 * Zen Hei is a TrueType collection from the Debian package fonts-wqy-zenhei, which
 * scripts/ensure-system-packages.sh installs; Noto Sans CJK (fonts-noto-cjk) is taken when that is
 * what the machine has. `MANIFEST_FONT_PATH` (a .ttf/.otf, or a .ttc with `MANIFEST_FONT_NAME`) overrides.
 */
export interface CjkFont {
  path: string;
  /** The PostScript name of the member to use when `path` is a collection (.ttc). */
  family?: string;
}

const CANDIDATES: CjkFont[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/arphic/uming.ttc', family: 'AR-PL-UMing-CN' },
];

let found: CjkFont | undefined;
const bytesByPath = new Map<string, Buffer>();

/** The font file's bytes, read once per process: every PDF would otherwise read the 16 MB collection again. */
export function cjkFontBytes(font: CjkFont): Buffer {
  let bytes = bytesByPath.get(font.path);
  if (!bytes) {
    bytes = readFileSync(font.path);
    bytesByPath.set(font.path, bytes);
  }
  return bytes;
}

export function findCjkFont(env: NodeJS.ProcessEnv = process.env): CjkFont {
  if (env.MANIFEST_FONT_PATH) {
    if (!existsSync(env.MANIFEST_FONT_PATH)) throw new Error(`MANIFEST_FONT_PATH ${env.MANIFEST_FONT_PATH} does not exist`);
    return { path: env.MANIFEST_FONT_PATH, family: env.MANIFEST_FONT_NAME };
  }
  found ??= CANDIDATES.find((candidate) => existsSync(candidate.path));
  if (!found) {
    throw new Error(
      `no Chinese font for PDF manifests: looked for ${CANDIDATES.map((candidate) => candidate.path).join(', ')}; ` +
        'run `bash scripts/ensure-system-packages.sh` (installs fonts-wqy-zenhei) or set MANIFEST_FONT_PATH',
    );
  }
  return found;
}
