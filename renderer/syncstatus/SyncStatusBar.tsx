import { Anchor, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../app/sync-context.tsx';
import { formatDateTime, formatNumber } from '../i18n/format.ts';
import { problemText } from './problem-text.ts';

/**
 * The bar is one line high, so each fact keeps to one line. Where a language's words do not fit
 * (Spanish at 1280 px), the last sync time and the problem are cut short, never the state, the
 * uploads waiting or the refusals.
 */
const NOWRAP = { whiteSpace: 'nowrap', flexShrink: 0 } as const;
const SHRINKS = { minWidth: 0, flexShrink: 1 } as const;

/**
 * Always on screen (DESIGN.md): connected or not, how many changes wait to go up, when the
 * last sync was, and whether the server refused anything. Words as well as colour.
 */
export function SyncStatusBar(): ReactNode {
  const { t } = useTranslation();
  const { t: ts } = useTranslation('sync');
  const s = useSyncStatus();
  const last = s.lastSyncAt === null ? t('sync.neverSynced') : t('sync.lastSync', { when: formatDateTime(s.lastSyncAt) });
  return (
    <Group
      gap="lg"
      px="md"
      h="100%"
      wrap="nowrap"
      bg={s.online ? 'green.9' : 'dark.7'}
      c="white"
      data-testid="sync-bar"
      data-online={s.online ? 'true' : 'false'}
      role="status"
      aria-live="polite"
    >
      <Text fw={800} size="lg" style={NOWRAP} data-testid="sync-state">
        {s.online ? `● ${t('sync.online')}` : `○ ${t('sync.offline')}`}
      </Text>
      <Text size="lg" style={NOWRAP} data-testid="sync-pending" data-count={s.pendingUploads}>
        {t('sync.pending', { count: s.pendingUploads, n: formatNumber(s.pendingUploads) })}
      </Text>
      <Text size="lg" truncate="end" style={SHRINKS} data-testid="sync-last" title={last}>
        {last}
      </Text>
      {s.refusals > 0 && (
        <Anchor component={Link} to="/sync" c="yellow.3" fw={800} size="lg" style={NOWRAP} data-testid="sync-refusals">
          {t('sync.refusals', { count: s.refusals, n: formatNumber(s.refusals) })}
        </Anchor>
      )}
      {s.problem !== null && (
        <Text size="md" c="yellow.3" truncate="end" style={{ ...SHRINKS, flex: 1 }} data-testid="sync-error" data-kind={s.problem.kind} title={s.problem.message}>
          {t('sync.error', { error: problemText(ts, s.problem) })}
        </Text>
      )}
    </Group>
  );
}
