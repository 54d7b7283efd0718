import { Alert, Button, Container, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { enrolErrorText } from './enrol-error-text.ts';
import { useSessionStore } from '../session/store.ts';
import { getHost } from '../host/host.ts';
import { defaultServerUrl, enrolStation } from './api.ts';

/** Enrols this station with the server address and the one-time code a manager created. */
export function EnrolScreen(): ReactNode {
  const { t } = useTranslation('station');
  const navigate = useNavigate();
  const [serverUrl, setServerUrl] = useState(defaultServerUrl);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  // The failure itself, said in words at render time: a change of language re-says it.
  const [error, setError] = useState<{ err: unknown; server: string } | null>(null);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      useSessionStore.getState().setStation(await enrolStation(serverUrl, code));
      await navigate({ to: '/signin' });
      // The desktop app reloads, so the page may talk to the server it was enrolled with.
      getHost().serverChanged();
    } catch (err) {
      setError({ err, server: serverUrl });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Container size="sm" py="xl">
      <form onSubmit={(e) => void submit(e)}>
        <Stack gap="lg">
          <Title order={1}>{t('enrol.title')}</Title>
          <Text size="lg">{t('enrol.intro')}</Text>
          <TextInput required label={t('firstRun.serverUrl')} value={serverUrl} onChange={(e) => setServerUrl(e.currentTarget.value)} />
          <TextInput
            required
            label={t('enrol.code')}
            placeholder="ABCD-EFGH-JKMN"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            data-testid="enrol-code"
            styles={{ input: { fontSize: 28, letterSpacing: 3, fontFamily: 'monospace' } }}
          />
          {error !== null && (
            <Alert color="red" title={t('enrol.failed')} data-testid="enrol-error">
              {enrolErrorText(t, error.err, error.server)}
            </Alert>
          )}
          <Button type="submit" size="xl" loading={busy} data-testid="enrol-submit">
            {t('enrol.submit')}
          </Button>
        </Stack>
      </form>
    </Container>
  );
}
