import { Button, Group, Kbd, NumberInput, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BOX_SIZES } from './boxes.ts';

type Props = {
  box: string;
  onBox: (box: string) => void;
  weight: number | string;
  onWeight: (w: number | string) => void;
  canUndo: boolean;
  onUndo: () => void;
  canComplete: boolean;
  busy: boolean;
  onComplete: () => void;
  error: string | null;
};

/** Box, weight, undo and "Complete and ship": all reachable with Tab, Enter and the shortcuts shown. */
export function PackActions(p: Props): ReactNode {
  const { t } = useTranslation('packing');
  return (
    <Paper withBorder p="md" bg="white" c="dark">
      <Stack gap="md">
        <div>
          <Text fw={700} mb={4}>{t('pack.box')}</Text>
          <SegmentedControl
            fullWidth
            value={p.box}
            onChange={p.onBox}
            data={BOX_SIZES.map((b) => ({ value: b.code, label: t(`boxes.${b.code}`) }))}
            data-testid="pack-box"
          />
        </div>
        <NumberInput
          label={t('pack.weight')}
          value={p.weight}
          onChange={p.onWeight}
          min={1}
          max={1_000_000}
          allowDecimal={false}
          thousandSeparator={false}
          data-testid="pack-weight"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && p.canComplete) p.onComplete();
          }}
        />
        {p.error !== null && <Text c="red.9" fw={700} data-testid="pack-complete-error">{p.error}</Text>}
        <Group grow>
          <Button variant="default" size="xl" onClick={p.onUndo} disabled={!p.canUndo} data-testid="pack-undo">
            <Group gap={8} wrap="nowrap">{t('pack.undo')} <Kbd>{t('pack.undoKey')}</Kbd></Group>
          </Button>
          <Button color="teal.9" size="xl" onClick={p.onComplete} disabled={!p.canComplete} loading={p.busy} data-testid="pack-complete">
            <Group gap={8} wrap="nowrap">{t('pack.complete')} <Kbd>{t('pack.completeKey')}</Kbd></Group>
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
