/**
 * A burst that lands in a text field has already typed its characters there (nobody knows it
 * is a scan until the terminator). Taking exactly those characters back out keeps what the
 * person typed and leaves the scan to the scan handler.
 */
export type FieldState = { value: string; caret: number };

/** The field without the burst just before the caret; null if the field does not end in it there. */
export function removeBurst(field: FieldState, raw: string): FieldState | null {
  const start = field.caret - raw.length;
  if (start < 0 || field.value.slice(start, field.caret) !== raw) return null;
  return { value: field.value.slice(0, start) + field.value.slice(field.caret), caret: start };
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

function isTextField(el: EventTarget | null): el is TextField {
  if (typeof HTMLInputElement === 'undefined') return false;
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.selectionStart !== null);
}

/**
 * Removes the burst from the focused field, through the native value setter and an `input`
 * event so React's controlled inputs see the change as if the person had deleted it.
 */
export function removeBurstFromTarget(target: EventTarget | null, raw: string): void {
  if (!isTextField(target)) return;
  const next = removeBurst({ value: target.value, caret: target.selectionStart ?? target.value.length }, raw);
  if (next === null) return;
  const proto = target instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(target, next.value);
  target.setSelectionRange(next.caret, next.caret);
  target.dispatchEvent(new Event('input', { bubbles: true }));
}
