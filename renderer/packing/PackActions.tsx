import { Button, Group, Kbd, NumberInput, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BOX_SIZES } from './boxes.ts';

type Props = {
  box: string;
  /** The carton suggested for the order's items (boxes.ts), said under the choice; null: none. */
  suggestedBox: string | null;
  onBox: (box: string) => void;
  weight: number | string;
  onWeight: (w: number | string) => void;
  canUndo: boolean;
  onUndo: () => void;
  canComplete: boolean;
  /** True once every line is packed: the weight is the next thing to type. */
  focusWeight: boolean;
  busy: boolean;
  onComplete: () => void;
  error: string | null;
};

/** Box, weight, undo and "Complete and ship": all reachable with Tab, Enter and the shortcuts shown. */
export function PackActions(p: Props): ReactNode {
  const { t } = useTranslation('packing');
  const weightRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (p.focusWeight) weightRef.current?.focus();
  }, [p.focusWeight]);
  return (
    <Paper withBorder p="md" bg="white" c="dark">
      <Stack gap="md">
        <div role="radiogroup" aria-label={t('pack.box')}>
          <Text fw={700} mb={4}>{t('pack.box')}</Text>
          <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="xs" data-testid="pack-box">
            {BOX_SIZES.map((b) => (
              <Button
                key={b.code}
                role="radio"
                aria-checked={p.box === b.code}
                variant={p.box === b.code ? 'filled' : 'default'}
                size="md"
                px="xs"
                onClick={() => p.onBox(b.code)}
                data-box={b.code}
              >
                {t(`boxes.${b.code}`)}
              </Button>
            ))}
          </SimpleGrid>
          {p.suggestedBox !== null && (
            <Text size="sm" c="dimmed" mt={4} data-testid="pack-box-suggested" data-box={p.suggestedBox}>
              {t('pack.boxSuggested', { box: t(`boxes.${p.suggestedBox}`) })}
            </Text>
          )}
        </div>
        <NumberInput
          label={t('pack.weight')}
          ref={weightRef}
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
        <Button color="teal.9" size="xl" fullWidth onClick={p.onComplete} disabled={!p.canComplete} loading={p.busy} data-testid="pack-complete">
          <Group gap={8} wrap="nowrap">{t('pack.complete')} <Kbd>{t('pack.completeKey')}</Kbd></Group>
        </Button>
        <Button variant="default" size="lg" fullWidth onClick={p.onUndo} disabled={!p.canUndo} data-testid="pack-undo">
          <Group gap={8} wrap="nowrap">{t('pack.undo')} <Kbd>{t('pack.undoKey')}</Kbd></Group>
        </Button>
      </Stack>
    </Paper>
  );
}
