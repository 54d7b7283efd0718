import { Anchor, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../app/sync-context.tsx';
import { formatDateTime, formatNumber } from '../i18n/format.ts';
import { problemText } from './problem-text.ts';

/**
 * Always on screen (DESIGN.md): connected or not, how many changes wait to go up, when the
 * last sync was, and whether the server refused anything. Words as well as colour.
 */
export function SyncStatusBar(): ReactNode {
  const { t } = useTranslation();
  const { t: ts } = useTranslation('sync');
  const s = useSyncStatus();
  return (
    <Group
      gap="xl"
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
      <Text fw={800} size="lg" data-testid="sync-state">
        {s.online ? `● ${t('sync.online')}` : `○ ${t('sync.offline')}`}
      </Text>
      <Text size="lg" data-testid="sync-pending" data-count={s.pendingUploads}>
        {t('sync.pending', { count: s.pendingUploads, n: formatNumber(s.pendingUploads) })}
      </Text>
      <Text size="lg" data-testid="sync-last">
        {s.lastSyncAt === null ? t('sync.neverSynced') : t('sync.lastSync', { when: formatDateTime(s.lastSyncAt) })}
      </Text>
      {s.refusals > 0 && (
        <Anchor component={Link} to="/sync" c="yellow.3" fw={800} size="lg" data-testid="sync-refusals">
          {t('sync.refusals', { count: s.refusals, n: formatNumber(s.refusals) })}
        </Anchor>
      )}
      {s.problem !== null && (
        <Text size="md" c="yellow.3" truncate="end" style={{ flex: 1 }} data-testid="sync-error" data-kind={s.problem.kind} title={s.problem.message}>
          {t('sync.error', { error: problemText(ts, s.problem) })}
        </Text>
      )}
    </Group>
  );
}
