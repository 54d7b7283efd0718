import { Paper, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { formatDateTime, formatMoney } from '../i18n/format.ts';
import { useSessionStore, type Locale } from '../session/store.ts';
import { describeEvent, stampTime, type DescribeContext } from './describe.ts';

type Props = {
  order: Order;
  shipments: readonly Shipment[];
  sites: ReadonlyMap<string, Site>;
  staff: ReadonlyMap<string, string>;
  locale: Locale;
};

/** Newest first: customer service asks "what happened last?" far more often than "how did it start?". */
export function OrderTimeline({ order, shipments, sites, staff, locale }: Props): ReactNode {
  const { t } = useTranslation('orders');
  const station = useSessionStore((s) => s.station);
  const tracking = new Map(shipments.map((s) => [s.id, s.trackingNumber]));
  const ctx: DescribeContext = {
    lines: order.lines,
    trackingOf: (id) => tracking.get(id),
    siteName: (id) => sites.get(id)?.name ?? id,
    money: (n) => formatMoney(n, order.currency, locale),
    term: (kind, value) => t(`${kind}.${value}`),
  };
  const stationName = (deviceId: string): string => {
    if (deviceId === 'storefront') return t('timeline.storefront');
    if (station !== null && deviceId === station.deviceId) return t('timeline.thisStation', { name: station.stationName });
    return deviceId;
  };
  const events = [...order.events].reverse();
  return (
    <Paper withBorder p="md" data-testid="order-timeline">
      <Title order={3} mb="sm">{t('timeline.title')}</Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('timeline.when')}</Table.Th>
            <Table.Th>{t('timeline.what')}</Table.Th>
            <Table.Th>{t('timeline.who')}</Table.Th>
            <Table.Th>{t('timeline.station')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => {
            const phrase = describeEvent(e, ctx);
            const who = e.staffId === undefined ? t('timeline.system') : (staff.get(e.staffId) ?? e.staffId.slice(0, 8));
            return (
              <Table.Tr key={e.id} data-testid="timeline-event" data-type={e.type}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(stampTime(e.at), locale)}</Table.Td>
                <Table.Td>{t(phrase.key, phrase.values)}</Table.Td>
                <Table.Td>{who}</Table.Td>
                <Table.Td><Text size="sm" ff="monospace">{stationName(e.deviceId)}</Text></Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
