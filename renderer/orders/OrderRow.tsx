import { Badge, Text } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderStatus, Order } from '../../shared/schema/orders.ts';
import type { Site } from '../../shared/schema/sites.ts';
import { formatMoney } from '../i18n/format.ts';
import type { Locale } from '../session/store.ts';
import { orderTotal } from './describe.ts';

/** Columns shared by the header and the rows, so they line up. */
export const ROW_COLUMNS = 'minmax(110px, 1fr) minmax(160px, 2fr) minmax(150px, 1.2fr) 70px minmax(110px, 1fr) minmax(110px, 1fr)';
export const ROW_HEIGHT = 52;

export const STATUS_COLOR: Record<OrderStatus, string> = {
  pending: 'gray', ready: 'blue', picking: 'cyan', packed: 'teal', partially_shipped: 'lime', shipped: 'green',
  delivered: 'green', on_hold: 'orange', cancelled: 'dark', returned: 'grape',
};

/** A ship-by date is a calendar day: shown in the locale without a time, never shifted by time zone. */
export function formatDay(isoDate: string, locale: Locale): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  const tag = { en: 'en-GB', es: 'es-ES', it: 'it-IT' }[locale];
  return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

type Props = {
  order: Order | undefined;
  site: Site | undefined;
  locale: Locale;
  selected: boolean;
  style: CSSProperties;
  onOpen: () => void;
};

export function OrderRow({ order, site, locale, selected, style, onOpen }: Props): ReactNode {
  const { t } = useTranslation('orders');
  const rowStyle: CSSProperties = {
    ...style, display: 'grid', gridTemplateColumns: ROW_COLUMNS, alignItems: 'center', gap: 12, padding: '0 12px',
    borderBottom: '1px solid var(--mantine-color-gray-3)', cursor: 'pointer',
    background: selected ? 'var(--mantine-color-blue-0)' : undefined,
  };
  if (!order) return <div style={rowStyle} data-testid="order-row-loading" />;
  return (
    <div style={rowStyle} role="row" data-testid="order-row" data-order-number={order.number} onClick={onOpen} title={order.email}>
      <Text fw={700} ff="monospace">{order.number}</Text>
      <Text truncate>{order.customerName}</Text>
      <span>
        <Badge color={STATUS_COLOR[order.status]} variant="light" size="lg">{t(`status.${order.status}`)}</Badge>
        {order.openExceptions > 0 && <Badge color="red" ml={4} size="lg" title={t('exceptions.open')}>!</Badge>}
      </span>
      <Text>{site?.code ?? '—'}</Text>
      <Text>{formatDay(order.shipBy, locale)}</Text>
      <Text ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(orderTotal(order), order.currency, locale)}</Text>
    </div>
  );
}
