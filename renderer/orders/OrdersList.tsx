import { Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format.ts';
import { useSessionStore } from '../session/store.ts';
import { useLocale, useOrderSearch, useSites } from './hooks.ts';
import { OrderRow, ROW_COLUMNS, ROW_HEIGHT } from './OrderRow.tsx';
import { looksLikeNumber } from './search-index.ts';

/**
 * Customer service's way in: one box that finds an order by number, customer, email, SKU or
 * tracking number across the whole local store, answered by the in-memory index, and a
 * virtualised list that renders only the rows on screen, each from the index's own copy of
 * its fields, so a row shows in the same render as its result.
 */
export function OrdersList(): ReactNode {
  const { t } = useTranslation('orders');
  const navigate = useNavigate();
  const locale = useLocale();
  const sites = useSites();
  const station = useSessionStore((s) => s.station);
  // The site list is a store query that waits behind the index's reads on a first visit; the
  // station's own site (most rows) is known at once from the session.
  const siteCodeOf = (siteId: string): string | undefined => sites.get(siteId)?.code ?? (station !== null && siteId === station.siteId && station.siteCode !== '' ? station.siteCode : undefined);
  const [query, setQuery] = useState('');
  // Typing stays responsive while a broad query (one letter) lists many thousands of ids; a
  // number finds one or a few orders, so it is answered in the keystroke's own render.
  const deferred = useDeferredValue(query);
  const shown = looksLikeNumber(query) ? query : deferred;
  const { ready, indexed, lookup, ids, rowOf } = useOrderSearch(shown);
  const [cursor, setCursor] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: ids.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtual.getVirtualItems();

  const openOrder = useCallback((orderId: string): void => void navigate({ to: '/orders/$orderId', params: { orderId } }), [navigate]);
  const open = (orderId: string | undefined): void => {
    if (orderId !== undefined) openOrder(orderId);
  };
  // Keyboard-first: arrows move through the results, Enter opens the one selected.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.min(Math.max(0, cursor + (e.key === 'ArrowDown' ? 1 : -1)), Math.max(0, ids.length - 1));
      setCursor(next);
      virtual.scrollToIndex(next);
    } else if (e.key === 'Enter') {
      open(ids[Math.min(cursor, ids.length - 1)]);
    }
  };

  return (
    <Stack gap="sm" p="md" h="100%" data-testid="orders-screen">
      <Title order={2}>{t('title')}</Title>
      <TextInput
        data-testid="orders-search"
        label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={query}
        autoFocus
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setCursor(0);
        }}
        onKeyDown={onKeyDown}
        rightSection={ready ? null : <Loader size="sm" />}
      />
      <Group justify="space-between">
        <Text c="dimmed" data-testid="orders-count" data-ready={ready}>
          {ready ? t('search.count', { count: ids.length, n: formatNumber(ids.length, locale) }) : t('search.indexing', { indexed: formatNumber(indexed, locale) })}
        </Text>
      </Group>
      {lookup !== null && (ids.length > 0 || lookup.error === null) && (
        <Text size="sm" data-testid="orders-exact" data-complete={lookup.complete}>
          {ids.length > 0
            ? t('search.exact', { count: ids.length })
            : lookup.complete
              ? t('search.exactNone', { query: shown.trim() })
              : t('search.looking', { query: shown.trim() })}
        </Text>
      )}
      {lookup?.error != null && (
        <Text size="sm" c="red.8" role="alert" data-testid="orders-exact-error">
          {t('search.exactFailed', { query: shown.trim(), error: lookup.error })}
        </Text>
      )}
      {!ready && lookup === null && shown.trim() !== '' && (
        <Text size="sm" data-testid="orders-wait">
          {t('search.wait')}
        </Text>
      )}
      <div role="table" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 300 }}>
        <div role="row" style={{ display: 'grid', gridTemplateColumns: ROW_COLUMNS, gap: 12, padding: '6px 12px', fontWeight: 700, borderBottom: '2px solid var(--mantine-color-gray-5)' }}>
          <span role="columnheader">{t('columns.number')}</span>
          <span role="columnheader">{t('columns.customer')}</span>
          <span role="columnheader">{t('columns.status')}</span>
          <span role="columnheader">{t('columns.site')}</span>
          <span role="columnheader">{t('columns.shipBy')}</span>
          <span role="columnheader" style={{ textAlign: 'right' }}>{t('columns.total')}</span>
        </div>
        {/* A fixed height, never `flex: 1`: a flex item in a column of auto height grows to its
            content, and the virtualiser would then see every one of 100,000 rows as on screen. */}
        <div ref={scroller} role="rowgroup" data-testid="orders-results" style={{ overflow: 'auto', height: 'calc(100vh - 300px)', minHeight: 300 }}>
          {ready && ids.length === 0 && shown.trim() !== '' && <Text p="md" data-testid="orders-none">{t('search.none', { query: shown })}</Text>}
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const id = ids[item.index];
              const order = id === undefined ? undefined : rowOf(id);
              // Keyed by position: a new result updates the row already there (a few text
              // nodes) instead of removing it and building another.
              return (
                <OrderRow
                  key={item.index}
                  order={order}
                  siteCode={order ? siteCodeOf(order.siteId) : undefined}
                  locale={locale}
                  selected={item.index === cursor}
                  onOpen={openOrder}
                  top={item.start}
                />
              );
            })}
          </div>
        </div>
      </div>
    </Stack>
  );
}
