import { Alert, Button, Container, Group, PasswordInput, SimpleGrid, Stack, Title } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../shared/schema/staff.ts';
import { stationStorage } from '../app/station-storage.ts';
import { getHost } from '../host/host.ts';
import { FIRST_LOCK_MS, lockDuration, pinAttempts, waitParts } from './lockout.ts';
import { checkPin } from './pin.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

const attempts = pinAttempts(stationStorage());

/** When the person's wait ends, ms since epoch; null when they may try. */
function lockedUntilNow(staffId: string): number | null {
  const state = attempts.state(staffId);
  return state.locked ? state.until : null;
}

/** The PIN for the chosen person: keyboard or an on-screen pad for touch screens. */
export function PinStep({ person, onBack, onSignedIn }: { person: Staff; onBack: () => void; onSignedIn: () => void }): ReactNode {
  const { t } = useTranslation('station');
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  // Null: no message; otherwise the tries left before a wait, when the person should know.
  const [wrong, setWrong] = useState<{ triesLeft: number | null } | null>(null);
  const [lockedUntil, setLockedUntil] = useState(() => lockedUntilNow(person.id));
  const [now, setNow] = useState(Date.now);
  // State updates land after a render; a second Enter during the check must not start another.
  const inFlight = useRef(false);
  const locked = lockedUntil !== null && now < lockedUntil;

  useEffect(() => {
    if (lockedUntil === null) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = (): void => {
      const at = Date.now();
      setNow(at);
      const left = lockedUntil - at;
      if (left <= 0) {
        setLockedUntil(null);
        return;
      }
      // Wake when the shown second changes, so the keypad opens the moment the wait ends.
      timer = setTimeout(tick, ((left - 1) % 1000) + 1);
    };
    tick();
    return () => clearTimeout(timer);
  }, [lockedUntil]);

  function waitText(ms: number): string {
    const { minutes, seconds } = waitParts(ms);
    if (minutes === 0) return t('signin.waitSeconds', { s: seconds });
    if (seconds === 0) return t('signin.waitMinutes', { m: minutes });
    return t('signin.waitMinutesSeconds', { m: minutes, s: seconds });
  }

  async function submit(): Promise<void> {
    if (inFlight.current || pin === '') return;
    const until = lockedUntilNow(person.id);
    if (until !== null) {
      setWrong(null);
      setNow(Date.now());
      setLockedUntil(until);
      return;
    }
    inFlight.current = true;
    setChecking(true);
    const ok = await checkPin(pin, person.pinHash);
    inFlight.current = false;
    setChecking(false);
    if (ok) {
      attempts.succeed(person.id);
      onSignedIn();
      return;
    }
    const after = attempts.fail(person.id);
    setPin('');
    if (after.lock.locked) {
      setWrong(null);
      setNow(Date.now());
      setLockedUntil(after.lock.until);
      const seconds = lockDuration(after.failures) / 1000;
      getHost().log({
        level: 'warn',
        message: `PIN sign-in locked for staff ${person.id} for ${seconds} s after ${after.failures} wrong PINs in a row`,
        context: { staffId: person.id, failures: after.failures, lockedUntil: new Date(after.lock.until).toISOString() },
      });
    } else setWrong({ triesLeft: after.triesLeft });
  }

  function press(key: (typeof KEYS)[number]): void {
    setWrong(null);
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
              setWrong(null);
              setPin(e.currentTarget.value);
            }}
            inputMode="numeric"
            autoComplete="off"
            autoFocus
            size="xl"
            data-testid="pin-input"
          />
          {locked ? (
            <Alert color="red" data-testid="signin-locked" role="alert">
              {t('signin.locked', { wait: waitText(lockedUntil - now) })}
            </Alert>
          ) : (
            wrong !== null && (
              <Alert color="red" data-testid="signin-error" role="alert">
                {wrong.triesLeft === null
                  ? t('signin.wrongPin')
                  : t('signin.wrongPinTriesLeft', { count: wrong.triesLeft, wait: waitText(FIRST_LOCK_MS) })}
              </Alert>
            )
          )}
          <SimpleGrid cols={3}>
            {KEYS.map((k) => (
              <Button
                key={k}
                type="button"
                variant="default"
                h={72}
                size="xl"
                disabled={locked && k !== 'clear' && k !== 'back'}
                onClick={() => press(k)}
              >
                {k === 'clear' ? t('signin.clear') : k === 'back' ? '⌫' : k}
              </Button>
            ))}
          </SimpleGrid>
          <Group grow>
            <Button type="button" variant="outline" size="xl" onClick={onBack}>
              {t('signin.back')}
            </Button>
            <Button type="submit" size="xl" loading={checking} disabled={pin === '' || locked} data-testid="pin-submit">
              {t('signin.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Container>
  );
}
