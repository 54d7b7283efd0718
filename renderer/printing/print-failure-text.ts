import type { PrintFailure, PrintReport } from './print.ts';
import type { Translate } from './text.ts';

/** Codes with a sentence of their own; the rest say "printing failed" with the technical detail. */
const SAID = new Set<PrintFailure['code']>(['printer-not-found', 'printer-unreachable', 'printer-timeout', 'not-allowed', 'print-failed', 'unavailable', 'dialog-failed']);

/**
 * A print failure in the station's language (the packing namespace), saying which printer and
 * what to check: the host's own sentences are English. The printer is the subject of every
 * sentence, so no language has to agree an adjective with the document's name.
 */
export function printFailureText(t: Translate, f: PrintFailure): string {
  if (f.code === 'site-missing') return t('errors.site_missing');
  const which = t(`printErrors.which.${f.doc ?? 'slip'}`);
  const key = SAID.has(f.code) ? f.code : 'other';
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
