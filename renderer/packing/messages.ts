import type { PlanError } from './plan.ts';
import type { ScanDecision } from './scan.ts';
import type { Translate as T } from '../printing/text.ts';


/** The sentence a packer reads after a scan: what happened, in words, with the code. */
export function decisionMessage(t: T, d: ScanDecision): string {
  if (d.ok) return '';
  switch (d.reason) {
    case 'bad_check_digit':
      return t('errors.bad_check_digit', { code: d.code, digit: d.expected ?? '' });
    case 'line_complete':
      return t('errors.line_complete', { packed: d.line?.packed ?? 0, ordered: d.line?.ordered ?? 0 });
    case 'not_in_order':
      return d.product ? t('errors.not_in_order_named', { code: d.code, name: d.product.name }) : t('errors.not_in_order', { code: d.code });
    case 'order_not_packable':
      return t('errors.order_not_packable');
    default:
      return t('errors.unknown_barcode', { code: d.code });
  }
}

export function completeErrorMessage(t: T, reason: PlanError | 'order_not_found' | 'unknown_box'): string {
  return t(`errors.${reason}`);
}
