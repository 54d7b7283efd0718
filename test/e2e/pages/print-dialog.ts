import type { Page } from '@playwright/test';

/**
 * Headless Chromium has no print dialog to look at, so the print a page starts in a frame is
 * recorded instead: the app opens the dialog with `frame.contentWindow.print()` (renderer/
 * printing/browser-print.ts), and this wraps the page's contentWindow getter so that call
 * records the frame's title and document in `window.packlinePrinted`. Nothing of the app changes.
 */
export async function recordPrintDialogs(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const printed: { title: string; html: string }[] = [];
    Object.defineProperty(window, 'packlinePrinted', { value: printed });
    const platform = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow');
    if (platform === undefined) return;
    // The platform's getter, kept on an object of its own and called with the frame as receiver.
    const getter: object = Object.create(null, { contentWindow: platform });
    Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
      configurable: true,
      get(this: HTMLIFrameElement) {
        const win: unknown = Reflect.get(getter, 'contentWindow', this);
        if (win === null || typeof win !== 'object' || !this.hasAttribute('data-print-frame')) return win;
        // The frame has its document by the time the app prints from it.
        const doc = { title: this.title, html: this.srcdoc };
        return new Proxy(win, {
          get(target, key) {
            if (key === 'print') return () => printed.push(doc);
            const value: unknown = Reflect.get(target, key, target);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
      },
    });
  });
}

/** The documents the page has sent to the print dialog so far. */
export function printedDocuments(page: Page): Promise<{ title: string; html: string }[]> {
  return page.evaluate(() => {
    const printed: unknown = Reflect.get(window, 'packlinePrinted');
    if (!Array.isArray(printed)) return [];
    return printed.flatMap((d: unknown) =>
      typeof d === 'object' && d !== null && 'title' in d && 'html' in d && typeof d.title === 'string' && typeof d.html === 'string' ? [{ title: d.title, html: d.html }] : [],
    );
  });
}
