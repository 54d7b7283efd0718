import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../shared/schema/orders.ts';
import { useDb } from '../app/db-context.tsx';
import { useObservable } from '../app/use-observable.ts';
import { useSessionStore } from '../session/store.ts';
import { formatDate } from './format.ts';
import { useOrderScanNavigation } from './hooks.ts';
import { usePackSession } from './session.ts';

const QUEUE_STATUSES: Order['status'][] = ['ready', 'picking', 'packed'];
/** A packer works the top of the queue; rendering hundreds of rows would only slow the scan path. */
const SHOWN = 60;

/** Earliest ship-by first; on the same day the higher priority first, then by number for a stable list. */
export function compareQueue(a: Pick<Order, 'shipBy' | 'priority' | 'number'>, b: Pick<Order, 'shipBy' | 'priority' | 'number'>): number {
  if (a.shipBy !== b.shipBy) return a.shipBy < b.shipBy ? -1 : 1;
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

/** This site's orders waiting to be packed, live from the store (index siteId + status + shipBy). */
export function PackQueue(): ReactNode {
  const { t } = useTranslation('packing');
  const db = useDb();
  const navigate = useNavigate();
  const missed = useOrderScanNavigation();
  const siteId = useSessionStore((s) => s.station?.siteId ?? null);
  const sessions = usePackSession((s) => s.sessions);
  // Only the rows shown are read: a site can have thousands waiting, and the scan path shares the thread.
  const docs = useObservable(
    () =>
      siteId === null
        ? null
        : db.orders.find({ selector: { siteId, status: { $in: QUEUE_STATUSES } }, sort: [{ shipBy: 'asc' }, { priority: 'desc' }, { number: 'asc' }], limit: SHOWN }).$,
    [],
    [db, siteId],
  );
  const orders = useMemo(() => docs.map((d) => d.toMutableJSON()).sort(compareQueue), [docs]);
  const total = useQueueCount(siteId);
  const open = (orderId: string) => void navigate({ to: '/pack/$orderId', params: { orderId } });

  return (
    <Stack p="lg" gap="md" data-testid="pack-queue">
      <Group justify="space-between">
        <Title order={1}>{t('queue.title')}</Title>
        <Badge size="xl" variant="light" data-testid="pack-queue-count">{total}</Badge>
      </Group>
      <Text fz="xl" fw={700}>{t('queue.scanHint')}</Text>
      {missed !== null && <Text fz="xl" fw={800} c="red.9" data-testid="pack-queue-missed">{t('queue.orderNotFound', { code: missed })}</Text>}
      {orders.length === 0 ? (
        <Text fz="lg" c="dimmed" data-testid="pack-queue-empty">{t('queue.empty')}</Text>
      ) : (
        <Table striped highlightOnHover fz="lg" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('queue.number')}</Table.Th>
              <Table.Th>{t('queue.customer')}</Table.Th>
              <Table.Th>{t('queue.units')}</Table.Th>
              <Table.Th>{t('queue.shipBy')}</Table.Th>
              <Table.Th>{t('queue.priority')}</Table.Th>
              <Table.Th>{t('queue.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orders.map((o) => {
              const scanned = sessions[o.id]?.actions.length ?? 0;
              return (
                <Table.Tr key={o.id} data-testid="pack-queue-row" data-number={o.number} style={{ cursor: 'pointer' }} onClick={() => open(o.id)}>
                  <Table.Td ff="monospace" fw={800}>{o.number}</Table.Td>
                  <Table.Td>{o.customerName}</Table.Td>
                  <Table.Td>{o.lines.reduce((s, l) => s + l.quantity, 0)}</Table.Td>
                  <Table.Td>{formatDate(o.shipBy)}</Table.Td>
                  <Table.Td>{o.priority > 0 ? <Badge color="orange" size="lg">{o.priority}</Badge> : '—'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Badge size="lg" variant="outline">{t(`status.${o.status}`)}</Badge>
                      {scanned > 0 && <Badge size="lg" color="blue">{t('queue.inProgress', { count: scanned })}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Button size="md" onClick={(e) => { e.stopPropagation(); open(o.id); }} data-testid="pack-queue-open">{t('queue.open')}</Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {total > orders.length && <Text c="dimmed" data-testid="pack-queue-more">{t('queue.more', { count: total - orders.length })}</Text>}
    </Stack>
  );
}

/** Orders waiting, by one count per status: each selector is an exact prefix of the queue index. */
function useQueueCount(siteId: string | null): number {
  const db = useDb();
  const ready = useObservable(() => (siteId === null ? null : db.orders.count({ selector: { siteId, status: 'ready' } }).$), 0, [db, siteId]);
  const picking = useObservable(() => (siteId === null ? null : db.orders.count({ selector: { siteId, status: 'picking' } }).$), 0, [db, siteId]);
  const packed = useObservable(() => (siteId === null ? null : db.orders.count({ selector: { siteId, status: 'packed' } }).$), 0, [db, siteId]);
  return ready + picking + packed;
}
