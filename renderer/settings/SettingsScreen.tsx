import { Alert, Button, Card, Container, Group, List, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Printer } from '../../shared/bridge/contract.ts';
import { getHost } from '../host/host.ts';
import { ScannerTest } from '../scanner/ScannerTest.tsx';
import { useScannerSettings } from '../scanner/settings.ts';
import { LOCALES, useSessionStore } from '../session/store.ts';
import { StationCard } from './StationCard.tsx';

const LANGUAGE_NAMES = { en: 'English', es: 'Español', it: 'Italiano' } as const;

function Printers(): ReactNode {
  const { t } = useTranslation('settings');
  const [printers, setPrinters] = useState<Printer[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The host says what it lacks in English; the screen says it in the station's language.
  const missing = getHost().unavailable('printers-list') !== null;
  useEffect(() => {
    if (missing) return undefined;
    let live = true;
    getHost()
      .listPrinters()
      .then(
        (r) => {
          if (!live) return;
          if (r.ok) setPrinters(r.value);
          else setProblem(r.error.message);
        },
        (err: unknown) => live && setProblem(String(err)),
      );
    return () => {
      live = false;
    };
  }, [missing]);
  if (missing) return <Alert color="gray" data-testid="printers-unavailable">{t('unavailable.printers-list')}</Alert>;
  if (problem !== null) return <Alert color="gray" data-testid="printers-unavailable">{t('printersFailed', { detail: problem })}</Alert>;
  if (printers === null) return <Text>{t('printersLoading')}</Text>;
  if (printers.length === 0) return <Text>{t('noPrinters')}</Text>;
  return (
    <List size="lg" data-testid="printers">
      {printers.map((p) => (
        <List.Item key={p.name}>{p.displayName}</List.Item>
      ))}
    </List>
  );
}

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
        <Card withBorder padding="lg">
          <Title order={2} mb="sm">{t('printers')}</Title>
          <Printers />
        </Card>
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
