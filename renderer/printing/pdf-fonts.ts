import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import type { PdfFonts } from './pdf.ts';

let loading: Promise<PdfFonts> | null = null;

async function fetchFont(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`the PDF font ${url} could not be loaded (HTTP ${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * The PDFs' fonts, fetched from the app's own files the first time a PDF is made (1.4 MB
 * that the pack screen never needs otherwise) and kept. In the browser the offline app shell
 * holds them, so a PDF can be saved offline too. A failed load is tried again next time.
 */
export function loadPdfFonts(): Promise<PdfFonts> {
  loading ??= Promise.all([fetchFont(regularUrl), fetchFont(boldUrl)]).then(([regular, bold]) => ({ regular, bold }));
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
