import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type ReactNode } from 'react';
import type { RxStorageChangeEvent } from 'rxdb';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../shared/schema/orders.ts';
import { useDb } from '../app/db-context.tsx';
import { useHoldSyncUntil } from '../app/sync-gate.ts';
import { formatDay, formatNumber } from '../i18n/format.ts';
import { useSessionStore } from '../session/store.ts';
import { useOrderScanNavigation } from './hooks.ts';
import { localDay, queueCount, queueReaders, queueTop, storeQueueSource, touchesQueue, type QueueRow } from './queue.ts';
import { usePackSession } from './session.ts';

/** A packer works the top of the queue; rendering hundreds of rows would only slow the scan path. */
const SHOWN = 60;
/** While changes keep coming (a sync), the queue is read again at most this often. */
const REREAD_GAP_MS = 1000;

/** This site's orders waiting to be packed, live from the store. */
export function PackQueue(): ReactNode {
  const { t } = useTranslation('packing');
  const navigate = useNavigate();
  const missed = useOrderScanNavigation();
  const siteId = useSessionStore((s) => s.station?.siteId ?? null);
  const sessions = usePackSession((s) => s.sessions);
  const queue = useQueue(siteId, SHOWN);
  const orders = queue.rows ?? [];
  const loaded = queue.rows !== null;
  useHoldSyncUntil(loaded);
  const total = queue.total;
  // Ship-by dates are calendar days: one before today's (here) is late.
  const today = localDay(new Date());
  const open = (orderId: string) => void navigate({ to: '/pack/$orderId', params: { orderId } });

  return (
    <Stack p="lg" gap="md" data-testid="pack-queue">
      <Group justify="space-between">
        <Title order={1}>{t('queue.title')}</Title>
        <Badge size="xl" variant="light" data-testid="pack-queue-count">{total === null ? '…' : formatNumber(total)}</Badge>
      </Group>
      <Text fz="xl" fw={700}>{t('queue.scanHint')}</Text>
      {missed !== null && <Text fz="xl" fw={800} c="red.9" data-testid="pack-queue-missed">{t('queue.orderNotFound', { code: missed })}</Text>}
      {!loaded ? null : orders.length === 0 ? (
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
              const late = o.shipBy < today;
              return (
                <Table.Tr key={o.id} data-testid="pack-queue-row" data-number={o.number} style={{ cursor: 'pointer' }} onClick={() => open(o.id)}>
                  <Table.Td ff="monospace" fw={800}>{o.number}</Table.Td>
                  <Table.Td>{o.customerName}</Table.Td>
                  <Table.Td>{formatNumber(o.units)}</Table.Td>
                  <Table.Td c={late ? 'red.9' : undefined} fw={late ? 800 : undefined} data-overdue={late} title={late ? t('queue.overdue') : undefined}>
                    {formatDay(o.shipBy)}
                  </Table.Td>
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
      {total !== null && total > orders.length && <Text c="dimmed" data-testid="pack-queue-more">{t('queue.more', { count: total - orders.length, n: formatNumber(total - orders.length) })}</Text>}
    </Stack>
  );
}

type Queue = { rows: QueueRow[] | null; total: number | null };

/**
 * The top of the queue and how many wait, read again whenever a change touches this site's
 * queued orders. The two are read apart, the count after the first rows (queueReaders):
 * counting tens of thousands of waiting orders takes longer than reading the rows shown,
 * and the rows must not wait for it.
 */
function useQueue(siteId: string | null, shown: number): Queue {
  const db = useDb();
  const [rows, setRows] = useState<QueueRow[] | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  useEffect(() => {
    if (siteId === null) return undefined;
    const source = storeQueueSource(db.orders, siteId);
    const readers = queueReaders(() => queueTop(source, shown), setRows, () => queueCount(db.orders, siteId), setTotal, REREAD_GAP_MS);
    const sub = db.orders.eventBulks$.subscribe((bulk) => {
      const events: readonly RxStorageChangeEvent<Order>[] = bulk.events;
      if (events.some((e) => touchesQueue(siteId, e.documentData) || touchesQueue(siteId, e.previousDocumentData))) readers.read();
    });
    readers.read();
    return () => {
      sub.unsubscribe();
      readers.stop();
    };
  }, [db, siteId, shown]);
  return { rows, total };
}
