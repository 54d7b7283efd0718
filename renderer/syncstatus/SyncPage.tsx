import { Anchor, Button, Container, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { map, of } from 'rxjs';
import type { CollectionName } from '../../shared/schema/collections.ts';
import type { Refusal } from '../../shared/schema/refusals.ts';
import { useDb } from '../app/db-context.tsx';
import { replicatedFor } from '../app/runtime.tsx';
import { useSessionStore } from '../session/store.ts';
import { useCollectionStatuses, useSyncClient, useSyncStatus } from '../app/sync-context.tsx';
import type { CollectionStatus } from '../sync/status.ts';
import { useObservable } from '../app/use-observable.ts';
import { formatDateTime, formatNumber } from '../i18n/format.ts';
import { collectionLabel, problemText, refusalText } from './problem-text.ts';
import { describeRefusal, refusalOrderId, refusalSubjectText } from './refusal-subject.ts';

const MS_OF_HLC = /^(\d{15})-/;

/**
 * The numbers of the orders the refusals are about, from this station's store: a shipment does
 * not carry its order's number. A refused order is still here, as the server's copy.
 */
function useOrderNumbers(refusals: readonly Refusal[]): ReadonlyMap<string, string> {
  const db = useDb();
  const ids = useMemo(() => [...new Set(refusals.flatMap((r) => refusalOrderId(r) ?? []))].sort(), [refusals]);
  const key = ids.join(',');
  return useObservable(
    () => (ids.length === 0 || !Object.hasOwn(db.collections, 'orders') ? null : db.orders.findByIds(ids).$.pipe(map((found) => new Map([...found].map(([id, d]) => [id, d.number]))))),
    new Map<string, string>(),
    [db, key],
  );
}

/** What one refused write was about, linked to its order's page when it has one and someone is signed in. */
function RefusalSubjectCell({ refusal, orderNumbers }: { refusal: Refusal; orderNumbers: ReadonlyMap<string, string> }): ReactNode {
  const { t } = useTranslation('sync');
  const staff = useSessionStore((s) => s.staff);
  const subject = describeRefusal(refusal, orderNumbers);
  const said = refusalSubjectText(t, subject);
  // The order page asks for someone signed in: before that, the subject is said, not linked.
  const orderId = staff === null ? null : subject.orderId;
  return (
    <Table.Td data-testid="refusal-subject" data-kind={subject.key} title={refusal.documentId}>
      {orderId !== null ? (
        <Anchor
          fw={700}
          title={t('openOrder')}
          data-testid="refusal-order-link"
          renderRoot={(props) => <Link {...props} to="/orders/$orderId" params={{ orderId }} />}
        >
          {said}
        </Anchor>
      ) : (
        <Text fw={subject.key === 'record' ? undefined : 700} ff={subject.key === 'record' ? 'monospace' : undefined}>
          {said}
        </Text>
      )}
    </Table.Td>
  );
}

function CollectionRow({ name, status }: { name: CollectionName; status: CollectionStatus | undefined }): ReactNode {
  const { t } = useTranslation('sync');
  const db = useDb();
  // During a first sync the count says how far the download has got; the store is not
  // counted then (a count re-runs after every page and queues behind the writes).
  const downloading = status?.phase === 'first-sync';
  const count = useObservable(() => (downloading ? of(null) : db.collections[name].count().$), null as number | null, [db, name, downloading]);
  const failing = status?.problem ?? null;
  return (
    <Table.Tr data-testid={`sync-row-${name}`} data-phase={status?.phase ?? 'stopped'}>
      <Table.Td fw={700}>{t(`collections.${name}`)}</Table.Td>
      <Table.Td c={failing === null ? undefined : 'red'} data-testid={`sync-phase-${name}`} title={failing?.message}>
        {failing === null ? t(`phase.${status?.phase ?? 'stopped'}`) : problemText(t, failing)}
      </Table.Td>
      <Table.Td ta="right">{formatNumber(status?.pending ?? 0)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{status?.lastPullAt == null ? t('never') : formatDateTime(status.lastPullAt)}</Table.Td>
      <Table.Td ta="right" data-testid={`sync-count-${name}`}>
        {downloading ? t('downloaded', { n: formatNumber(status.downloaded ?? 0) }) : count === null ? '…' : formatNumber(count)}
      </Table.Td>
    </Table.Tr>
  );
}

/** The /sync page: what the station holds, what waits to go up, and every refused write. */
export function SyncPage(): ReactNode {
  const { t } = useTranslation('sync');
  const db = useDb();
  const client = useSyncClient();
  const status = useSyncStatus();
  const collections = useCollectionStatuses();
  const station = useSessionStore((s) => s.station);
  const replicated = station === null ? [] : replicatedFor(station).filter((n) => Object.hasOwn(db.collections, n));
  const refusals = useObservable(
    () => db.refusals.find().$.pipe(map((docs) => docs.map((d) => d.toJSON() as Refusal).sort((a, b) => (a.at < b.at ? 1 : -1)))),
    [] as Refusal[],
    [db],
  );
  const orderNumbers = useOrderNumbers(refusals);

  return (
    <Container size="lg" py="lg" data-testid="sync-page">
      <Stack gap="lg">
        <Group justify="space-between">
          <Title order={1}>{t('title')}</Title>
          <Button onClick={() => client?.reSync()} disabled={client === null} data-testid="sync-now">
            {t('syncNow')}
          </Button>
        </Group>
        <Table fz="lg" withTableBorder>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th>{t('state')}</Table.Th>
              <Table.Td>{status.online ? t('online') : t('offline')}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('pending')}</Table.Th>
              <Table.Td data-testid="sync-page-pending">{formatNumber(status.pendingUploads)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('lastSync')}</Table.Th>
              <Table.Td>{status.lastSyncAt === null ? t('never') : formatDateTime(status.lastSyncAt)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('error')}</Table.Th>
              <Table.Td c={status.problem === null ? undefined : 'red'} title={status.problem?.message} data-testid="sync-page-problem">
                {status.problem === null ? t('none') : problemText(t, status.problem)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Title order={2}>{t('collectionsTitle')}</Title>
        <Table fz="md" striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('collection')}</Table.Th>
              <Table.Th>{t('collectionState')}</Table.Th>
              <Table.Th ta="right">{t('collectionPending')}</Table.Th>
              <Table.Th>{t('lastPull')}</Table.Th>
              <Table.Th ta="right">{t('localDocs')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {replicated.map((n) => <CollectionRow key={n} name={n} status={collections.get(n)} />)}
          </Table.Tbody>
        </Table>
        <Title order={2}>{t('refusalsTitle', { n: formatNumber(refusals.length) })}</Title>
        {refusals.length === 0 ? (
          <Text size="lg" data-testid="refusals-empty">{t('noRefusals')}</Text>
        ) : (
          <>
          <Text size="lg" data-testid="refusals-help">{t('refusalsHelp')}</Text>
          <Table fz="md" striped withTableBorder data-testid="refusals">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('when')}</Table.Th>
                <Table.Th>{t('collection')}</Table.Th>
                <Table.Th>{t('document')}</Table.Th>
                <Table.Th>{t('why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {refusals.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(Number(MS_OF_HLC.exec(r.at)?.[1] ?? Number.NaN))}</Table.Td>
                  <Table.Td>{collectionLabel(t, r.collectionName)}</Table.Td>
                  <RefusalSubjectCell refusal={r} orderNumbers={orderNumbers} />
                  <Table.Td data-testid="refusal-why" data-rule={r.rule}>
                    <Text>{refusalText(t, r.rule)}</Text>
                    {/* The server's own words, technical and in English: for whoever looks into it. */}
                    <Text size="sm" c="dimmed">{r.message}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          </>
        )}
      </Stack>
    </Container>
  );
}
