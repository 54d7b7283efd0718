/**
 * ZPL helpers. Text from people (names, addresses) goes into ^FD fields; a ^ or ~ in it would
 * start a new command on the printer, so every field is hex-escaped with ^FH: `_` becomes the
 * escape character and ^, ~, _ and control characters are sent as `_XX` hex bytes.
 */
export function zplText(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '^' || ch === '~' || ch === '_' || code < 0x20 || code === 0x7f) {
      out += code < 0x20 || code === 0x7f ? ' ' : `_${code.toString(16).toUpperCase().padStart(2, '0')}`;
    } else out += ch;
  }
  return out;
}

/** A text field at (x, y) dots, font 0 at `h` dots high, clipped to `width` dots on up to `lines` lines. */
export function zplField(x: number, y: number, h: number, text: string, width = 730, lines = 1): string {
  const block = lines > 1 ? `^FB${width},${lines},0,L,0` : `^FB${width},1,0,L,0`;
  return `^FO${x},${y}^A0N,${h},${h}${block}^FH_^FD${zplText(text)}^FS`;
}
