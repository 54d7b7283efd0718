import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Shipment } from '../../shared/schema/shipments.ts';
import { useTranslate } from '../i18n/use-translate.ts';
import type { PrintReport } from '../printing/print.ts';
import { printReportLine } from '../printing/print-failure-text.ts';

type Props = {
  shipment: Shipment;
  printing: boolean;
  report: PrintReport | null;
  onReprint: () => void;
  onNext: () => void;
  /** Saves the slip or label as PDF (the browser); resolves to why it could not, or null. Absent: no PDF buttons. */
  onDownload?: (doc: 'slip' | 'label') => Promise<string | null>;
};

/** After "Complete and ship": the tracking number, big, and how the paperwork went. */
export function ShippedPanel({ shipment, printing, report, onReprint, onNext, onDownload }: Props): ReactNode {
  const t = useTranslate('packing');
  const line = report === null ? null : printReportLine(t, report);
  const [pdfProblem, setPdfProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState<'slip' | 'label' | null>(null);
  // Keyboard flow: Enter goes to the next order. Focus goes to "Next order" when the panel
  // appears and again whenever printing starts or ends: the browser's print dialog takes focus
  // into its frame, and a disabled "Print again" drops it on the page.
  const nextRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    nextRef.current?.focus();
  }, [printing]);
  const save = async (doc: 'slip' | 'label'): Promise<void> => {
    if (onDownload === undefined) return;
    setSaving(doc);
    setPdfProblem(null);
    try {
      setPdfProblem(await onDownload(doc));
    } finally {
      setSaving(null);
    }
  };
  return (
    <Paper withBorder p="xl" bg="teal.9" c="white" data-testid="pack-shipped">
      <Stack gap="md" align="center">
        <Title order={1} fz={48}>{t('shipped.title')}</Title>
        <Text fz="xl">{t('shipped.tracking')}</Text>
        <Text fz={44} fw={900} ff="monospace" data-testid="pack-tracking">{shipment.trackingNumber}</Text>
        <Text fz="lg" fw={700} c={line !== null && !line.ok ? 'yellow.3' : 'white'} data-testid="pack-print-status" title={line?.detail || undefined}>
          {printing ? t('shipped.printing') : (line?.text ?? '')}
        </Text>
        {pdfProblem !== null && (
          <Text fz="lg" fw={700} c="yellow.3" role="alert" data-testid="pack-pdf-error">{t('shipped.pdfFailed', { detail: pdfProblem })}</Text>
        )}
        <Group>
          <Button variant="white" color="dark" size="xl" onClick={onReprint} disabled={printing} data-testid="pack-reprint">{t('shipped.reprint')}</Button>
          {onDownload !== undefined && (
            <>
              <Button variant="outline" color="white" size="xl" onClick={() => void save('slip')} disabled={printing || saving !== null} loading={saving === 'slip'} data-testid="pack-slip-pdf">{t('shipped.slipPdf')}</Button>
              <Button variant="outline" color="white" size="xl" onClick={() => void save('label')} disabled={printing || saving !== null} loading={saving === 'label'} data-testid="pack-label-pdf">{t('shipped.labelPdf')}</Button>
            </>
          )}
          <Button variant="white" color="teal.9" size="xl" onClick={onNext} ref={nextRef} data-testid="pack-next">{t('shipped.next')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
