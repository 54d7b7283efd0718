import { Button, Group, Kbd, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { useEffect, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { BOX_SIZES } from './boxes.ts';

/** Box buttons: touch-sized (48 px high), grown to fill their row; a name wider than the panel wraps rather than being cut. */
const BOX_BUTTON_STYLES = {
  root: { flex: '1 1 auto', height: 'auto', minHeight: 48, paddingBlock: 6 },
  label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.2, overflow: 'visible' },
} as const;

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
  /** The weight field, so the screen can send the packer there (Ctrl+Enter with no weight). */
  weightRef: RefObject<HTMLInputElement | null>;
  busy: boolean;
  /**
   * A shipment started and not finished (the store refused a write, or the station stopped):
   * its box and weight are settled, and "Complete and ship" finishes that one, so they cannot
   * be changed here.
   */
  settled: boolean;
  onComplete: () => void;
  error: string | null;
};

/** Box, weight, undo and "Complete and ship": all reachable with Tab, Enter and the shortcuts shown. */
export function PackActions(p: Props): ReactNode {
  const { t } = useTranslation('packing');
  const { weightRef, focusWeight } = p;
  useEffect(() => {
    if (focusWeight) weightRef.current?.focus();
  }, [focusWeight, weightRef]);
  return (
    <Paper withBorder p="md" bg="white" c="dark">
      <Stack gap="md">
        <div role="radiogroup" aria-label={t('pack.box')}>
          <Text fw={700} mb={4}>{t('pack.box')}</Text>
          {/* Each button as wide as its name, as many to a row as fit, stretched to fill the row: a
              fixed grid of three cut "Extragrande" and "Molto grande" at 1280 px. */}
          <Group gap="xs" wrap="wrap" data-testid="pack-box">
            {BOX_SIZES.map((b) => (
              <Button
                key={b.code}
                role="radio"
                aria-checked={p.box === b.code}
                variant={p.box === b.code ? 'filled' : 'default'}
                size="md"
                px="xs"
                styles={BOX_BUTTON_STYLES}
                disabled={p.settled && p.box !== b.code}
                onClick={() => p.onBox(b.code)}
                data-box={b.code}
              >
                {t(`boxes.${b.code}`)}
              </Button>
            ))}
          </Group>
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
          readOnly={p.settled}
          onChange={p.onWeight}
          min={1}
          max={1_000_000}
          allowDecimal={false}
          thousandSeparator={false}
          data-testid="pack-weight"
          onKeyDown={(e) => {
            // Enter ships like Ctrl+Enter (which the screen handles itself: not twice), and says
            // what is missing when it cannot yet.
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) p.onComplete();
          }}
        />
        {p.error !== null && <Text c="red.9" fw={700} role="alert" data-testid="pack-complete-error">{p.error}</Text>}
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
