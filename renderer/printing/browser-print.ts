/**
 * Printing where there is no desktop host: the browser's own print dialog, one document at a
 * time (a slip and a label usually go to different printers, chosen in each dialog), and the
 * PDFs for download.
 */

/** How long a dialog's frame is kept when the browser never says the dialog closed. */
const FRAME_LIFETIME_MS = 5 * 60_000;

/**
 * Opens the print dialog for one HTML document. The document is shown in a hidden frame with
 * scripts off (sandboxed, same origin so the page can start its print); the page's own
 * Content-Security-Policy applies to it too. Resolves once the dialog is open (Chromium: once it
 * has closed, as print() waits for it); throws when the browser will not print.
 */
export async function printInDialog(html: string, title: string): Promise<void> {
  const frame = document.createElement('iframe');
  frame.title = title;
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
  frame.setAttribute('aria-hidden', 'true');
  frame.setAttribute('data-print-frame', title);
  Object.assign(frame.style, { position: 'fixed', right: '0', bottom: '0', width: '0', height: '0', border: '0', visibility: 'hidden' });
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  frame.srcdoc = html;
  document.body.append(frame);
  try {
    await loaded;
    const win = frame.contentWindow;
    if (win === null) throw new Error('the print frame did not open');
    const remove = (): void => frame.remove();
    win.addEventListener('afterprint', remove, { once: true });
    setTimeout(remove, FRAME_LIFETIME_MS);
    win.focus();
    win.print();
  } catch (err) {
    frame.remove();
    throw err;
  }
}

/** Saves a PDF through the browser's download (one file per click). */
export function downloadPdf(pdf: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
