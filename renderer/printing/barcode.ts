// The browser build: the renderer is a page, and its pure-JS encoder runs in Node tests too.
import bwipjs, { toSVG } from 'bwip-js/browser';
import type { jsPDF } from 'jspdf';

/** Code 128 as an SVG string, for HTML documents (slips) and the screen. */
export function code128Svg(text: string, heightMm = 12): string {
  return toSVG({ bcid: 'code128', text, scale: 2, height: heightMm, includetext: false, paddingwidth: 4 });
}

/**
 * Code 128 as bar runs from bwip-js's encoder: `[start, width]` in modules. Drawn as vector
 * rectangles in the PDF, so the bars stay sharp at any printer resolution and no canvas is
 * needed to make the PDF (it is built in Node tests and in the renderer alike).
 */
export function code128Bars(text: string): { modules: number; bars: [number, number][] } {
  // The encoder's `raw` lives only on the default export: the named `raw` is the "raw" symbology.
  // oxlint-disable-next-line import/no-named-as-default-member
  const raw = bwipjs.raw('code128', text, { includetext: false });
  const first = raw[0];
  if (first === undefined || !('sbs' in first)) throw new Error('bwip-js returned no Code 128 bars');
  const bars: [number, number][] = [];
  let x = 0;
  first.sbs.forEach((w, i) => {
    if (i % 2 === 0) bars.push([x, w]);
    x += w;
  });
  return { modules: x, bars };
}

/** Draws a Code 128 into a jsPDF page, scaled to `width` (page units), quiet zones included. */
export function drawCode128(pdf: jsPDF, text: string, x: number, y: number, width: number, height: number): void {
  const { modules, bars } = code128Bars(text);
  const quiet = 10;
  const unit = width / (modules + 2 * quiet);
  pdf.setFillColor(0, 0, 0);
  for (const [start, w] of bars) pdf.rect(x + (quiet + start) * unit, y, w * unit, height, 'F');
}
