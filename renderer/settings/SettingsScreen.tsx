import { Button, Card, Container, Group, Stack, Switch, TextInput, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScannerTest } from '../scanner/ScannerTest.tsx';
import { useScannerSettings } from '../scanner/settings.ts';
import { LOCALES, useSessionStore } from '../session/store.ts';
import { PrintersCard } from './PrintersCard.tsx';
import { StationCard } from './StationCard.tsx';

const LANGUAGE_NAMES = { en: 'English', es: 'Español', it: 'Italiano' } as const;

/** Station settings: language, printers, sound, the scanner's prefix and suffix, and a scanner test. */
export function SettingsScreen(): ReactNode {
  const { t } = useTranslation('settings');
  const locale = useSessionStore((s) => s.locale);
  const scanner = useScannerSettings();
  return (
    <Container size="md" py="lg" data-testid="settings">
      <Stack gap="lg">
        <Title order={1}>{t('title')}</Title>
        <Card withBorder padding="lg">
          <Title order={2} mb="sm">{t('language')}</Title>
          <Group>
            {LOCALES.map((l) => (
              <Button
                key={l}
                size="xl"
                variant={l === locale ? 'filled' : 'default'}
                aria-pressed={l === locale}
                onClick={() => useSessionStore.getState().setLocale(l)}
                data-testid={`locale-${l}`}
                lang={l}
              >
                {LANGUAGE_NAMES[l]}
              </Button>
            ))}
          </Group>
        </Card>
        <PrintersCard />
        <Card withBorder padding="lg">
          <Title order={2} mb="sm">{t('scanner')}</Title>
          <Stack>
            <Switch checked={scanner.soundOn} onChange={(e) => scanner.update({ soundOn: e.currentTarget.checked })} label={t('sound')} data-testid="sound-switch" />
            <Group grow>
              <TextInput label={t('prefix')} description={t('affixHelp')} value={scanner.prefix} onChange={(e) => scanner.update({ prefix: e.currentTarget.value })} data-testid="scanner-prefix" />
              <TextInput label={t('suffix')} description={t('affixHelp')} value={scanner.suffix} onChange={(e) => scanner.update({ suffix: e.currentTarget.value })} data-testid="scanner-suffix" />
            </Group>
            <ScannerTest />
          </Stack>
        </Card>
        <StationCard />
      </Stack>
    </Container>
  );
}
