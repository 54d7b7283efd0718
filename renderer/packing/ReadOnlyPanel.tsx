import { Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { useTranslate } from '../i18n/use-translate.ts';
import { printReportLine } from '../printing/print-failure-text.ts';
import { carrierService } from '../printing/text.ts';
import { useShipmentPrinting } from '../printing/usePrint.ts';
import { blockingStatus, canReprint, hasShipped, readOnlySentence, shipmentsToShow } from './readiness.ts';

type Props = {
  order: Order;
  site: Site | null;
  /** The order's shipments from the local store; null while they load. */
  shipments: readonly Shipment[] | null;
  onNext: () => void;
  onOrderPage: () => void;
};

/**
 * An order that cannot be packed (shipped, cancelled, on hold…), opened by a scan: why, in one
 * sentence, no packing controls, and for a shipped order its tracking numbers with "Print
 * again" (a torn label, a jammed printer). Focus starts on "Next order", so Enter moves on.
 */
export function ReadOnlyPanel({ order, site, shipments, onNext, onOrderPage }: Props): ReactNode {
  const { t, i18n } = useTranslation('packing');
  const { t: to } = useTranslation('orders');
  const tp = useTranslate('packing');
  const printer = useShipmentPrinting();
  // The shipment last sent to the printers: the print report is about that one.
  const [printedId, setPrintedId] = useState<string | null>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  // On arrival, and again when printing ends (the browser's print dialog takes focus with it).
  useEffect(() => {
    if (!printer.printing) nextRef.current?.focus();
  }, [printer.printing]);

  const status = blockingStatus(order);
  const shipped = hasShipped(order) || (shipments?.length ?? 0) > 0;
  const line = printer.report === null ? null : printReportLine(tp, printer.report);
  return (
    <Paper withBorder p="xl" bg="gray.1" c="dark" data-testid="pack-readonly" data-status={status}>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={2} fz={40} data-testid="pack-readonly-status">{t(`status.${status}`)}</Title>
          <Text fz="xl" fw={800} data-testid="pack-not-packable">
            {t('pack.notPackable', { status: t(`status.${status}`).toLocaleLowerCase(i18n.language) })}
          </Text>
          <Text fz="lg" data-testid="pack-readonly-why">{t(readOnlySentence(order, shipments?.length ?? 0))}</Text>
        </Stack>
        {shipped && shipments === null && <Loader aria-label={t('pack.loading')} />}
        {shipped && shipments?.length === 0 && <Text fz="lg" fw={700} data-testid="pack-readonly-no-shipment">{t('pack.shipmentNotHere')}</Text>}
        {shipmentsToShow(shipments ?? []).map((s) => (
          <Paper key={s.id} p="lg" bg={canReprint(s) ? 'teal.9' : 'gray.6'} c="white" data-testid="pack-readonly-shipment" data-status={s.status}>
            <Group justify="space-between" align="center" wrap="wrap" gap="md">
              <Stack gap={0}>
                <Text fz="lg">{t('shipped.tracking')} · {carrierService(tp, s.carrier, s.service)} · {to(`shipmentStatus.${s.status}`)}</Text>
                <Text fz={40} fw={900} ff="monospace" data-testid="pack-tracking">{s.trackingNumber}</Text>
                {printedId === s.id && (printer.printing || line !== null) && (
                  <Text fz="lg" fw={700} c={line !== null && !line.ok ? 'yellow.3' : 'white'} title={line?.detail || undefined} data-testid="pack-print-status">
                    {printer.printing ? t('shipped.printing') : (line?.text ?? '')}
                  </Text>
                )}
              </Stack>
              {canReprint(s) && (
                <Button
                  variant="white"
                  color="dark"
                  size="xl"
                  loading={printer.printing && printedId === s.id}
                  disabled={printer.printing}
                  onClick={() => {
                    setPrintedId(s.id);
                    void printer.print(order, site, s);
                  }}
                  data-testid="pack-reprint"
                >
                  {t('shipped.reprint')}
                </Button>
              )}
            </Group>
          </Paper>
        ))}
        <Group>
          <Button ref={nextRef} color="dark" size="xl" onClick={onNext} data-testid="pack-next">{t('shipped.next')}</Button>
          <Button variant="default" size="xl" onClick={onOrderPage} data-testid="pack-order-page">{t('pack.orderPage')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
