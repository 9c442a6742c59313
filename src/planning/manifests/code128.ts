import { raw } from 'bwip-js';

/**
 * The bar and space widths (in modules, bar first) of `text` as Code 128, quiet zones excluded.
 * bwip-js does the encoding (character sets, check digit); the PDF draws the bars as vector
 * rectangles, so a barcode costs a few hundred bytes and prints sharp at any scale.
 */
export function code128Widths(text: string): number[] {
  const [symbol] = raw('code128', text);
  if (!symbol || !('sbs' in symbol)) throw new Error(`bwip-js gave no Code 128 bars for ${JSON.stringify(text)}`);
  return symbol.sbs;
}
