import type { PrintFailure, PrintReport } from './print.ts';
import type { Translate } from './text.ts';

/**
 * The failure codes with a sentence of their own under `printErrors.` in the packing namespace.
 * (site-missing's is `errors.site_missing`). A Record, so a code added to the bridge
 * (shared/bridge/result.ts) does not compile until it has its sentence.
 */
const SAID: Readonly<Record<PrintFailure['code'], true>> = {
  'invalid-args': true,
  'forbidden-sender': true,
  unavailable: true,
  'encryption-unavailable': true,
  'printer-not-found': true,
  'print-failed': true,
  'printer-unreachable': true,
  'printer-timeout': true,
  'not-allowed': true,
  internal: true,
  'dialog-failed': true,
  'build-failed': true,
  'site-missing': true,
};

/**
 * A print failure in the station's language (the packing namespace), saying which printer and
 * what to check. The host's own sentences are English: they stay in `message`, for the tooltip
 * and the station log, never inside the sentence. A code this version does not know (a newer
 * desktop host) gets a general sentence. The printer is the subject of every sentence, so no
 * language has to agree an adjective with the document's name.
 */
export function printFailureText(t: Translate, f: PrintFailure): string {
  if (f.code === 'site-missing') return t('errors.site_missing');
  const which = t(`printErrors.which.${f.doc ?? 'slip'}`);
  const key = Object.hasOwn(SAID, f.code) ? f.code : 'other';
  return t(`printErrors.${key}`, { which, printer: f.printer ?? '', detail: f.message });
}

/** The pack screen's line after printing: every distinct failure, or how the documents went. */
export function printReportLine(t: Translate, r: PrintReport): { text: string; ok: boolean; detail: string } {
  const failures = [r.slip, r.label].flatMap((s) => (s.ok ? [] : [s]));
  if (failures.length > 0) {
    const texts = [...new Set(failures.map((f) => printFailureText(t, f)))];
    return { text: texts.join(' '), ok: false, detail: [...new Set(failures.map((f) => f.message))].join(' | ') };
  }
  const how = r.slip.ok ? r.slip.how : 'printed';
  return { text: t(how === 'dialog' ? 'shipped.dialog' : how === 'saved-pdf' ? 'shipped.savedPdf' : 'shipped.printed'), ok: true, detail: '' };
}
