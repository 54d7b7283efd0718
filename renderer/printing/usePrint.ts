import { useCallback, useState } from 'react';
import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { getHost } from '../host/host.ts';
import { useTranslate } from '../i18n/use-translate.ts';
import { useScannerSettings } from '../scanner/settings.ts';
import { downloadPdf } from './browser-print.ts';
import { buildLabel, type ShippingLabel } from './label.ts';
import { notPrinted, printShipmentDocuments, type PrintReport } from './print.ts';
import { buildPackingSlip, type PackingSlip } from './slip.ts';

type Built = { slip: PackingSlip; label: ShippingLabel; stem: string };

/**
 * Builds and prints a shipment's slip and label in the station's language; never throws. The
 * documents last built can also be saved as PDF (the browser, where printing goes through the
 * print dialog): `download` says why it could not, or null.
 */
export function useShipmentPrinting(): {
  printing: boolean;
  report: PrintReport | null;
  print: (order: Order, site: Site | null, shipment: Shipment) => Promise<void>;
  canDownload: boolean;
  download: (doc: 'slip' | 'label') => string | null;
} {
  const t = useTranslate('packing');
  const [printing, setPrinting] = useState(false);
  const [report, setReport] = useState<PrintReport | null>(null);
  const [built, setBuilt] = useState<Built | null>(null);
  const print = useCallback(
    async (order: Order, site: Site | null, shipment: Shipment) => {
      if (site === null) {
        setReport(notPrinted('site-missing', "the site's address has not synced"));
        return;
      }
      setPrinting(true);
      try {
        const slip = buildPackingSlip(order, site, shipment, { t });
        const label = buildLabel(order, site, shipment, { t });
        setBuilt({ slip, label, stem: order.number });
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
    (doc: 'slip' | 'label'): string | null => {
      if (built === null) return null;
      try {
        downloadPdf(doc === 'slip' ? built.slip.pdf : built.label.pdf, `${built.stem}-${doc}.pdf`);
        return null;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        getHost().log({ level: 'warn', message: `save ${doc} PDF of ${built.stem}: ${message}` });
        return message;
      }
    },
    [built],
  );
  return { printing, report, print, canDownload: built !== null && getHost().kind === 'browser', download };
}
