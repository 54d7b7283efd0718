import { Paper, Table, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../shared/schema/orders.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { SERVER_DEVICE } from '../../shared/sync/protocol.ts';
import { formatDateTime, formatMoney } from '../i18n/format.ts';
import { useSessionStore, type Locale } from '../session/store.ts';
import { describeEvent, stampTime, type DescribeContext } from './describe.ts';
import { useStationDirectory } from './stations.ts';

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
  const directory = useStationDirectory();
  const { t: tp } = useTranslation('packing');
  const tracking = new Map(shipments.map((s) => [s.id, s.trackingNumber]));
  const boxes = new Map(shipments.flatMap((s) => s.packages.map((p) => [p.packageId, p.box] as const)));
  const ctx: DescribeContext = {
    lines: order.lines,
    trackingOf: (id) => tracking.get(id),
    boxOf: (id) => {
      const box = boxes.get(id);
      return box === undefined ? undefined : tp(`boxes.${box}`, { defaultValue: box });
    },
    siteName: (id) => sites.get(id)?.name ?? id,
    money: (n) => formatMoney(n, order.currency, locale),
    term: (kind, value) => t(`${kind}.${value}`),
  };
  const stationName = (e: { deviceId: string; staffId?: string | undefined }): string => {
    const { deviceId } = e;
    if (deviceId === 'storefront') return t('timeline.storefront');
    if (deviceId === SERVER_DEVICE) return t('timeline.intake');
    if (station !== null && deviceId === station.deviceId) return t('timeline.thisStation', { name: station.stationName });
    const known = directory.get(deviceId);
    if (known !== undefined) {
      return known.siteId === order.siteId ? known.name : t('timeline.stationAt', { name: known.name, site: sites.get(known.siteId)?.code ?? known.siteId });
    }
    // A person signed in from a web browser writes under their own id.
    if (e.staffId !== undefined && deviceId === e.staffId) return t('timeline.browser');
    return t('timeline.otherStation', { id: deviceId.slice(0, 8) });
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
                <Table.Td data-testid="timeline-station" title={e.deviceId}>{stationName(e)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
