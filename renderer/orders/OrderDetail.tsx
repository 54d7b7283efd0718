import { Anchor, Badge, Center, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { Shipment } from '../../shared/schema/shipments.ts';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay, formatMoney } from '../i18n/format.ts';
import { orderTotal, stampTime } from './describe.ts';
import { useOrderShipments } from '../app/use-order-shipments.ts';
import { useLocale, useOrder, useSites, useStaffNames } from './hooks.ts';
import { ExceptionsPanel, LinesPanel, PaymentsPanel, ShipmentsPanel } from './OrderPanels.tsx';
import { STATUS_COLOR } from './OrderRow.tsx';
import { OrderTimeline } from './OrderTimeline.tsx';

/** Until the first query answers, the order page shows no shipments (it waits on the order itself). */
const NO_SHIPMENTS: readonly Shipment[] = [];

/** One order, everything customer service needs on one page, live from the local store. */
export function OrderDetail({ orderId }: { orderId: string }): ReactNode {
  const { t } = useTranslation('orders');
  const locale = useLocale();
  const order = useOrder(orderId);
  const shipments = useOrderShipments(orderId) ?? NO_SHIPMENTS;
  const sites = useSites();
  const staff = useStaffNames();

  const back = <Anchor component={Link} to="/orders" data-testid="order-back">← {t('order.back')}</Anchor>;
  if (order === undefined) return <Center p="xl"><Loader aria-label={t('order.loading')} /></Center>;
  if (order === null) return <Stack p="md">{back}<Text data-testid="order-not-found">{t('order.notFound')}</Text></Stack>;
  const site = sites.get(order.siteId);
  const a = order.shippingAddress;
  return (
    <Stack gap="md" p="md" data-testid="order-screen" data-order-id={order.id}>
      {back}
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="sm">
            <Title order={2} ff="monospace" data-testid="order-number">{order.number}</Title>
            <Badge color={STATUS_COLOR[order.status]} size="xl" data-testid="order-status">{t(`status.${order.status}`)}</Badge>
          </Group>
          <Text size="lg" fw={600}>{order.customerName} · {order.email}</Text>
          <Text c="dimmed">
            {t('order.placed', { when: formatDateTime(stampTime(order.createdAt), locale) })} · {t('order.shipBy', { date: formatDay(order.shipBy, locale) })} · {t('order.site', { site: site?.name ?? order.siteId })}
          </Text>
        </Stack>
        <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
          <Text size="xl" fw={800} data-testid="order-total">{t('order.total', { amount: formatMoney(orderTotal(order), order.currency, locale) })}</Text>
          <Text size="sm" c="dimmed">{t('order.shipTo')}: {a.name}, {a.line1}, {a.postalCode} {a.city}, {a.country}</Text>
        </Stack>
      </Group>
      <ExceptionsPanel order={order} shipments={shipments} sites={sites} locale={locale} />
      <LinesPanel order={order} locale={locale} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <PaymentsPanel order={order} locale={locale} />
        <ShipmentsPanel order={order} site={site ?? null} shipments={shipments} />
      </SimpleGrid>
      <OrderTimeline order={order} shipments={shipments} sites={sites} staff={staff} locale={locale} />
    </Stack>
  );
}
