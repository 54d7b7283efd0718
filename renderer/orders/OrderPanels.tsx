import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { formatMoney, formatNumber } from '../i18n/format.ts';
import { useTranslate } from '../i18n/use-translate.ts';
import { printReportLine } from '../printing/print-failure-text.ts';
import { carrierService } from '../printing/text.ts';
import { useShipmentPrinting } from '../printing/usePrint.ts';
import type { Locale } from '../session/store.ts';
import { explainExceptions } from '../../shared/orders/fold.ts';
import { describeException, type ExceptionContext } from './exception-text.ts';

type OrderProps = { order: Order; locale: Locale };

const num = { style: { fontVariantNumeric: 'tabular-nums' as const }, ta: 'right' as const };

export function LinesPanel({ order, locale }: OrderProps): ReactNode {
  const { t } = useTranslation('orders');
  const state = new Map(order.lineState.map((s) => [s.lineId, s]));
  const cols = ['ordered', 'picked', 'packed', 'shipped', 'returned'] as const;
  return (
    <Paper withBorder p="md" data-testid="order-lines">
      <Title order={3} mb="sm">{t('lines.title')}</Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('lines.sku')}</Table.Th>
            <Table.Th>{t('lines.name')}</Table.Th>
            <Table.Th {...num}>{t('lines.unitPrice')}</Table.Th>
            {cols.map((c) => <Table.Th key={c} {...num}>{t(`lines.${c}`)}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.lines.map((l) => {
            const s = state.get(l.lineId);
            const done = s !== undefined && s.shipped >= s.ordered;
            return (
              <Table.Tr key={l.lineId} data-testid="order-line" data-sku={l.sku}>
                <Table.Td ff="monospace">{l.sku}</Table.Td>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td {...num}>{formatMoney(l.unitPrice, order.currency, locale)}</Table.Td>
                {cols.map((c) => (
                  <Table.Td key={c} {...num} fw={c === 'shipped' && done ? 700 : undefined} data-col={c}>
                    {formatNumber(c === 'ordered' ? l.quantity : (s?.[c] ?? 0), locale)}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function PaymentsPanel({ order, locale }: OrderProps): ReactNode {
  const { t } = useTranslation('orders');
  const money = (n: number): string => formatMoney(n, order.currency, locale);
  return (
    <Paper withBorder p="md" data-testid="order-payments">
      <Title order={3} mb="sm">
        {t('payments.title')} <Badge variant="light" size="lg">{t(`paymentStatus.${order.paymentStatus}`)}</Badge>
      </Title>
      {order.payments.length === 0 ? (
        <Text c="dimmed">{t('payments.none')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('payments.method')}</Table.Th>
              <Table.Th {...num}>{t('payments.authorized')}</Table.Th>
              <Table.Th {...num}>{t('payments.captured')}</Table.Th>
              <Table.Th {...num}>{t('payments.refunded')}</Table.Th>
              <Table.Th>{t('payments.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.payments.map((p) => (
              <Table.Tr key={p.paymentId} data-testid="order-payment">
                <Table.Td>{t(`method.${p.method}`)}</Table.Td>
                <Table.Td {...num}>{money(p.authorized)}</Table.Td>
                <Table.Td {...num}>{money(p.captured)}</Table.Td>
                <Table.Td {...num}>{money(p.refunded)}</Table.Td>
                <Table.Td>{t(`paymentStatus.${p.status}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** A button whose words wrap onto a second line rather than widen its table past its panel. */
const WRAPPING_BUTTON = {
  root: { height: 'auto', minHeight: 'var(--button-height)', paddingBlock: 4 },
  label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.2, overflow: 'visible' },
} as const;

/**
 * Prints a shipment's slip and label again (a jammed printer, a torn label), to the station's
 * printers as at the pack screen, and says how it went.
 */
function Reprint({ order, site, shipment }: { order: Order; site: Site | null; shipment: Shipment }): ReactNode {
  const { t } = useTranslation('orders');
  const tp = useTranslate('packing');
  const printer = useShipmentPrinting();
  const line = printer.report === null ? null : printReportLine(tp, printer.report);
  return (
    <Group gap="xs">
      <Button size="xs" variant="default" styles={WRAPPING_BUTTON} loading={printer.printing} onClick={() => void printer.print(order, site, shipment)} data-testid="shipment-reprint">
        {t('shipments.reprint')}
      </Button>
      {line !== null && (
        <Text size="sm" c={line.ok ? 'teal.8' : 'red.8'} title={line.detail || undefined} data-testid="shipment-print-status">
          {line.text}
        </Text>
      )}
    </Group>
  );
}

export function ShipmentsPanel({ order, site, shipments }: { order: Order; site: Site | null; shipments: readonly Shipment[] }): ReactNode {
  const { t } = useTranslation('orders');
  const tp = useTranslate('packing');
  return (
    <Paper withBorder p="md" data-testid="order-shipments">
      <Title order={3} mb="sm">{t('shipments.title')}</Title>
      {shipments.length === 0 ? (
        <Text c="dimmed">{t('shipments.none')}</Text>
      ) : (
        // Beside the payments at 1280 px the panel is narrow: cells wrap (the print button's words
        // and what the print did included), and whatever still does not fit (a long tracking
        // number) scrolls inside the panel instead of running past the page's edge.
        <Table.ScrollContainer minWidth={0} type="native">
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('shipments.carrier')}</Table.Th>
                <Table.Th>{t('shipments.tracking')}</Table.Th>
                <Table.Th>{t('shipments.status')}</Table.Th>
                <Table.Th>{t('shipments.documents')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shipments.map((s) => (
                <Table.Tr key={s.id} data-testid="order-shipment">
                  <Table.Td>{carrierService(tp, s.carrier, s.service)} · {t('shipments.packages', { count: s.packages.length })}</Table.Td>
                  <Table.Td ff="monospace" data-testid="tracking-number">{s.trackingNumber}</Table.Td>
                  <Table.Td>{t(`shipmentStatus.${s.status}`)}</Table.Td>
                  <Table.Td><Reprint order={order} site={site} shipment={s} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/**
 * Clashes the merge could not settle: open ones in red, at the top of the page, each said in the
 * station's language with the shipment, line or site named as people know them.
 */
export function ExceptionsPanel({ order, shipments, sites, locale }: { order: Order; shipments: readonly Shipment[]; sites: ReadonlyMap<string, Site>; locale: Locale }): ReactNode {
  const { t } = useTranslation('orders');
  const exceptions = useMemo(() => explainExceptions(order), [order]);
  if (exceptions.length === 0) return null;
  const tracking = new Map(shipments.map((s) => [s.id, s.trackingNumber]));
  const ctx: ExceptionContext = {
    lines: order.lines,
    trackingOf: (id) => tracking.get(id),
    siteCode: (id) => sites.get(id)?.code,
    number: (n) => formatNumber(n, locale),
    money: (n) => formatMoney(n, order.currency, locale),
    term: (kind, value) => t(`${kind}.${value}`),
    unknownSite: t('exceptionText.unknownSite'),
  };
  return (
    <Stack gap="xs" data-testid="order-exceptions">
      {exceptions.map((x) => {
        const phrase = describeException(x, ctx);
        return (
          <Alert
            key={x.id}
            data-testid="order-exception"
            data-code={x.code}
            data-resolved={x.resolved}
            color={x.resolved ? 'gray' : 'red'}
            variant={x.resolved ? 'light' : 'filled'}
            title={`${t(`exceptions.${x.code}`)} — ${x.resolved ? t('exceptions.resolved') : t('exceptions.open')}`}
          >
            {phrase === null ? null : <span data-testid="order-exception-text">{t(phrase.key, phrase.values)}</span>}
          </Alert>
        );
      })}
    </Stack>
  );
}
