import { useCallback, useState } from 'react';
import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { getHost } from '../host/host.ts';
import { stationLocaleTag } from '../i18n/format.ts';
import { useTranslate } from '../i18n/use-translate.ts';
import { useScannerSettings } from '../scanner/settings.ts';
import { downloadPdf } from './browser-print.ts';
import { buildLabel } from './label.ts';
import { notPrinted, printShipmentDocuments, type PrintReport } from './print.ts';
import { buildPackingSlip } from './slip.ts';
import type { Translate } from './text.ts';

/** The shipment whose documents were last printed, in the language they were printed in. */
type Printed = { order: Order; site: Site; shipment: Shipment; t: Translate; locale: string };

/** Its slip or label as PDF: jsPDF and the fonts are loaded only when a PDF is asked for. */
async function makePdf(doc: 'slip' | 'label', { order, site, shipment, t, locale }: Printed): Promise<Uint8Array> {
  const [{ labelPdf, packingSlipPdf }, { loadPdfFonts }] = await Promise.all([import('./pdf.ts'), import('./pdf-fonts.ts')]);
  const fonts = await loadPdfFonts();
  return doc === 'slip' ? packingSlipPdf(order, site, shipment, fonts, { t }) : labelPdf(order, site, shipment, fonts, { t, locale });
}

/**
 * Builds and prints a shipment's slip and label in the station's language; never throws. The
 * documents last printed can also be saved as PDF (the browser, where printing goes through
 * the print dialog): `download` makes the PDF then, and says why it could not, or null.
 */
export function useShipmentPrinting(): {
  printing: boolean;
  report: PrintReport | null;
  print: (order: Order, site: Site | null, shipment: Shipment) => Promise<void>;
  canDownload: boolean;
  download: (doc: 'slip' | 'label') => Promise<string | null>;
} {
  const t = useTranslate('packing');
  const [printing, setPrinting] = useState(false);
  const [report, setReport] = useState<PrintReport | null>(null);
  const [printed, setPrinted] = useState<Printed | null>(null);
  const print = useCallback(
    async (order: Order, site: Site | null, shipment: Shipment) => {
      if (site === null) {
        setReport(notPrinted('site-missing', "the site's address has not synced"));
        return;
      }
      setPrinting(true);
      try {
        const slip = buildPackingSlip(order, site, shipment, { t });
        const locale = stationLocaleTag();
        const label = buildLabel(order, site, shipment, { t, locale });
        setPrinted({ order, site, shipment, t, locale });
        const done = await printShipmentDocuments(getHost(), useScannerSettings.getState(), slip, label, order.number);
        for (const d of [done.slip, done.label]) {
          if (!d.ok) getHost().log({ level: 'warn', message: `print ${d.doc ?? 'documents'} of ${order.number}: ${d.message}`, context: { code: d.code, printer: d.printer } });
        }
        setReport(done);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        getHost().log({ level: 'error', message: `print ${order.number}: the documents could not be made: ${message}` });
        setReport(notPrinted('build-failed', message));
      } finally {
        setPrinting(false);
      }
    },
    [t],
  );
  const download = useCallback(
    async (doc: 'slip' | 'label'): Promise<string | null> => {
      if (printed === null) return null;
      const stem = printed.order.number;
      try {
        downloadPdf(await makePdf(doc, printed), `${stem}-${doc}.pdf`);
        return null;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        getHost().log({ level: 'warn', message: `save ${doc} PDF of ${stem}: ${message}` });
        return message;
      }
    },
    [printed],
  );
  return { printing, report, print, canDownload: printed !== null && getHost().kind === 'browser', download };
}
