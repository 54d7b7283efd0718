import { Alert, Button, Container, Group, PasswordInput, SimpleGrid, Stack, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../shared/schema/staff.ts';
import { checkPin } from './pin.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

/** The PIN for the chosen person: keyboard or an on-screen pad for touch screens. */
export function PinStep({ person, onBack, onSignedIn }: { person: Staff; onBack: () => void; onSignedIn: () => void }): ReactNode {
  const { t } = useTranslation('station');
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  const [wrong, setWrong] = useState(false);

  async function submit(): Promise<void> {
    setChecking(true);
    const ok = await checkPin(pin, person.pinHash);
    setChecking(false);
    if (ok) onSignedIn();
    else {
      setWrong(true);
      setPin('');
    }
  }

  function press(key: (typeof KEYS)[number]): void {
    setWrong(false);
    if (key === 'clear') setPin('');
    else if (key === 'back') setPin((p) => p.slice(0, -1));
    else setPin((p) => (p + key).slice(0, 12));
  }

  return (
    <Container size="xs" py="lg" data-testid="pin-step">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="lg">
          <Title order={1}>{t('signin.pinFor', { name: person.name })}</Title>
          <PasswordInput
            label={t('signin.pin')}
            value={pin}
            onChange={(e) => {
              setWrong(false);
              setPin(e.currentTarget.value);
            }}
            inputMode="numeric"
            autoComplete="off"
            autoFocus
            size="xl"
            data-testid="pin-input"
          />
          {wrong && (
            <Alert color="red" data-testid="signin-error" role="alert">
              {t('signin.wrongPin')}
            </Alert>
          )}
          <SimpleGrid cols={3}>
            {KEYS.map((k) => (
              <Button key={k} type="button" variant="default" h={72} size="xl" onClick={() => press(k)}>
                {k === 'clear' ? t('signin.clear') : k === 'back' ? '⌫' : k}
              </Button>
            ))}
          </SimpleGrid>
          <Group grow>
            <Button type="button" variant="outline" size="xl" onClick={onBack}>
              {t('signin.back')}
            </Button>
            <Button type="submit" size="xl" loading={checking} disabled={pin === ''} data-testid="pin-submit">
              {t('signin.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Container>
  );
}
