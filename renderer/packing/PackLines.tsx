import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../shared/schema/orders.ts';
import type { Product } from '../../shared/schema/products.ts';
import { packedSoFar } from './scan.ts';

type Props = {
  order: Order;
  session: ReadonlyMap<string, number>;
  products: readonly Product[];
  siteId: string;
  /** The line the last good scan ticked, highlighted so the eye finds it. */
  lastLineId: string | null;
  /** Present for leads only: opens the manual count for a line. */
  onSetCount?: (lineId: string) => void;
};

/** One big row per order line: what it is, where it lives, and "packed of ordered" in large type. */
export function PackLines({ order, session, products, siteId, lastLineId, onSetCount }: Props): ReactNode {
  const { t } = useTranslation('packing');
  return (
    <Stack gap="sm" data-testid="pack-lines">
      {order.lines.map((line) => {
        const packed = packedSoFar(order, line.lineId, session);
        const done = packed >= line.quantity;
        const bin = products.find((p) => p.id === line.productId)?.bins.find((b) => b.siteId === siteId)?.bin;
        return (
          <Paper
            key={line.lineId}
            withBorder
            p="md"
            c="dark"
            bg={done ? 'teal.1' : lastLineId === line.lineId ? 'blue.0' : 'white'}
            style={{ borderWidth: lastLineId === line.lineId ? 3 : 1, borderColor: done ? 'var(--mantine-color-teal-7)' : undefined }}
            data-testid="pack-line"
            data-sku={line.sku}
            data-packed={packed}
            data-expected={line.quantity}
            data-done={done}
          >
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text fz={26} fw={800} lineClamp={2}>{line.name}</Text>
                <Group gap="sm">
                  <Text ff="monospace" fz="lg">{line.sku}</Text>
                  {bin !== undefined && <Badge size="lg" variant="outline" color="dark">{t('pack.bin', { bin })}</Badge>}
                </Group>
              </Stack>
              <Group gap="md" wrap="nowrap" style={{ flexShrink: 0 }}>
                {onSetCount !== undefined && !done && (
                  <Button variant="default" onClick={() => onSetCount(line.lineId)} data-testid="pack-set-count">
                    {t('pack.setCount')}
                  </Button>
                )}
                <Text fz={44} fw={900} c={done ? 'teal.9' : 'dark'} style={{ whiteSpace: 'nowrap' }} data-testid="pack-line-count">
                  {t('pack.count', { packed, ordered: line.quantity })}
                </Text>
                {done && <Badge size="xl" color="teal.8">{t('pack.lineDone')}</Badge>}
              </Group>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
