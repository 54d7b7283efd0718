import { Alert, Anchor, Button, Card, Container, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { enrolErrorText } from './enrol-error-text.ts';
import { useSessionStore } from '../session/store.ts';
import { getHost } from '../host/host.ts';
import { LanguageSwitch } from '../settings/LanguageSwitch.tsx';
import { defaultServerUrl, enrolledHostStation, startDemo } from './api.ts';

const DEMO_SITES = ['MAD', 'MIL', 'MAN'] as const;
/** Long labels (Italian, Spanish) wrap onto a second line rather than being cut off. */
const WRAPPING = { root: { height: 'auto', minHeight: 64, paddingBlock: 12 }, label: { whiteSpace: 'normal', textAlign: 'center' } } as const;

/** First run: enrol this station with a code from a manager, or try the demo in one click. */
export function FirstRunScreen(): ReactNode {
  const { t } = useTranslation('station');
  const navigate = useNavigate();
  const [serverUrl, setServerUrl] = useState(defaultServerUrl);
  const [site, setSite] = useState<string>(DEMO_SITES[0]);
  const [busy, setBusy] = useState<'station' | 'manager' | null>(null);
  // The failure itself, said in words at render time: a change of language re-says it.
  const [error, setError] = useState<{ err: unknown; server: string } | null>(null);

  // A station the host enrolled already (the desktop app started by npm start): go to sign-in.
  useEffect(() => {
    let live = true;
    enrolledHostStation().then(
      async (station) => {
        if (!live || station === null || useSessionStore.getState().station !== null) return;
        useSessionStore.getState().setStation(station);
        await navigate({ to: '/signin' });
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [navigate]);

  async function demo(as: 'station' | 'manager'): Promise<void> {
    setBusy(as);
    setError(null);
    try {
      const { station, staff } = await startDemo(serverUrl, as, site);
      useSessionStore.getState().setStation(station);
      if (staff) useSessionStore.getState().signIn(staff);
      await navigate({ to: staff ? '/orders' : '/signin' });
      // The desktop app reloads, so the page may talk to the server it was enrolled with.
      getHost().serverChanged();
    } catch (err) {
      setError({ err, server: serverUrl });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Container size="md" py="xl" data-testid="first-run">
      <Stack gap="lg">
        <Group justify="space-between" wrap="nowrap">
          <Title order={1}>{t('firstRun.title')}</Title>
          <LanguageSwitch testId="first-run-locale" onDark={false} />
        </Group>
        <Text size="lg">{t('firstRun.intro')}</Text>
        <TextInput label={t('firstRun.serverUrl')} value={serverUrl} onChange={(e) => setServerUrl(e.currentTarget.value)} data-testid="server-url" />
        <Card withBorder padding="lg">
          <Stack>
            <Title order={2}>{t('firstRun.demoTitle')}</Title>
            <Text>{t('firstRun.demoIntro')}</Text>
            <Text fw={700}>{t('firstRun.demoSite')}</Text>
            <SegmentedControl value={site} onChange={setSite} data={DEMO_SITES.map((s) => ({ value: s, label: s }))} data-testid="demo-site" />
            <Stack>
              <Button size="xl" styles={WRAPPING} loading={busy === 'station'} disabled={busy !== null} onClick={() => void demo('station')} data-testid="demo-station">
                {t('firstRun.demoStation')}
              </Button>
              <Button size="xl" styles={WRAPPING} variant="outline" loading={busy === 'manager'} disabled={busy !== null} onClick={() => void demo('manager')} data-testid="demo-manager">
                {t('firstRun.demoManager')}
              </Button>
            </Stack>
          </Stack>
        </Card>
        {error !== null && (
          <Alert color="red" title={t('firstRun.failed')} data-testid="first-run-error">
            {enrolErrorText(t, error.err, error.server)}
          </Alert>
        )}
        <Text size="lg">
          {t('firstRun.haveCode')}{' '}
          <Anchor component={Link} to="/enrol" data-testid="go-enrol">
            {t('firstRun.enrolLink')}
          </Anchor>
        </Text>
      </Stack>
    </Container>
  );
}
