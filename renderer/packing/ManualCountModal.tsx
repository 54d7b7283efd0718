import { Button, Group, Modal, NumberInput, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderLine } from '../../shared/schema/orders.ts';

type Props = { line: OrderLine; min: number; current: number; onSave: (total: number) => string | null; onClose: () => void };

/** A lead sets a line's packed count by hand (a pallet of 200 is counted, not scanned). */
export function ManualCountModal({ line, min, current, onSave, onClose }: Props): ReactNode {
  const { t } = useTranslation('packing');
  const [value, setValue] = useState<number | string>(current);
  const [error, setError] = useState<string | null>(null);
  const save = () => setError(onSave(typeof value === 'number' ? value : Number(value)));
  return (
    <Modal opened onClose={onClose} title={t('pack.setCountTitle', { sku: line.sku })} size="md" data-testid="pack-count-modal">
      <form onSubmit={(e) => { e.preventDefault(); save(); }}>
        <Text mb="sm">{line.name}</Text>
        <NumberInput
          label={t('pack.setCountLabel', { ordered: line.quantity })}
          value={value}
          onChange={setValue}
          min={min}
          max={line.quantity}
          allowDecimal={false}
          data-autofocus
          error={error}
          data-testid="pack-count-input"
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>{t('pack.cancel')}</Button>
          <Button type="submit" data-testid="pack-count-save">{t('pack.save')}</Button>
        </Group>
      </form>
    </Modal>
  );
}
