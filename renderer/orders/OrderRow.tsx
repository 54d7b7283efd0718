import { Badge, Text } from '@mantine/core';
import { memo, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderStatus } from '../../shared/schema/orders.ts';
import { formatDay, formatMoney } from '../i18n/format.ts';
import type { Locale } from '../session/store.ts';
import type { OrderSummary } from './search-index.ts';

/** Columns shared by the header and the rows, so they line up. */
export const ROW_COLUMNS = 'minmax(110px, 1fr) minmax(160px, 2fr) minmax(150px, 1.2fr) 70px minmax(110px, 1fr) minmax(110px, 1fr)';
export const ROW_HEIGHT = 52;

export const STATUS_COLOR: Record<OrderStatus, string> = {
  pending: 'gray', ready: 'blue', picking: 'cyan', packed: 'teal', partially_shipped: 'lime', shipped: 'green',
  delivered: 'green', on_hold: 'orange', cancelled: 'dark', returned: 'grape',
};

type Props = {
  /** The search index's copy of what a row shows; undefined while the index is not ready. */
  order: OrderSummary | undefined;
  siteCode: string | undefined;
  locale: Locale;
  selected: boolean;
  /** Offset from the top of the list, in px. */
  top: number;
  onOpen: (orderId: string) => void;
};

/** Memoised: its props are plain values and the index's unchanged rows keep their identity. */
export const OrderRow = memo(function OrderRow({ order, siteCode, locale, selected, top, onOpen }: Props): ReactNode {
  const { t } = useTranslation('orders');
  const rowStyle: CSSProperties = {
    position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT, transform: `translateY(${top}px)`,
    display: 'grid', gridTemplateColumns: ROW_COLUMNS, alignItems: 'center', gap: 12, padding: '0 12px',
    borderBottom: '1px solid var(--mantine-color-gray-3)', cursor: 'pointer',
    background: selected ? 'var(--mantine-color-blue-0)' : undefined,
  };
  if (!order) return <div style={rowStyle} data-testid="order-row-loading" />;
  return (
    <div style={rowStyle} role="row" data-testid="order-row" data-order-number={order.number} onClick={() => onOpen(order.id)} title={order.email}>
      <Text role="cell" fw={700} ff="monospace">{order.number}</Text>
      <Text role="cell" truncate>{order.customerName}</Text>
      <span role="cell">
        <Badge color={STATUS_COLOR[order.status]} variant="light" size="lg">{t(`status.${order.status}`)}</Badge>
        {order.openExceptions > 0 && <Badge color="red" ml={4} size="lg" title={t('exceptions.open')}>!</Badge>}
      </span>
      <Text role="cell">{siteCode ?? '—'}</Text>
      <Text role="cell">{formatDay(order.shipBy, locale)}</Text>
      <Text role="cell" ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(order.total, order.currency, locale)}</Text>
    </div>
  );
});
