import { Alert, Badge, Button, Center, Container, Group, Loader, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import type { Staff } from '../../shared/schema/staff.ts';
import { useDb } from '../app/db-context.tsx';
import { useObservable } from '../app/use-observable.ts';
import { useScanner } from '../scanner/useScanner.ts';
import { useSessionStore } from '../session/store.ts';
import { ForgetModal } from '../settings/StationCard.tsx';
import { PinStep } from './PinStep.tsx';

/** How long a station waits for its staff list before it offers to be set up again. */
const STUCK_AFTER_MS = 15_000;

/**
 * No one can sign in until the site's staff list has arrived, and forgetting the station is
 * otherwise for a signed-in lead. A station that never gets the list (its token revoked, the
 * wrong server, a reset demo) would be stuck: after a while it offers to be set up again,
 * behind the same warning of what would be lost.
 */
function StuckWithoutStaff(): ReactNode {
  const { t } = useTranslation('station');
  const station = useSessionStore((s) => s.station);
  const [stuck, setStuck] = useState(false);
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setStuck(true), STUCK_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  if (!stuck || station === null) return null;
  return (
    <Stack gap="xs" align="center" data-testid="signin-stuck">
      <Text>{t('signin.stuck')}</Text>
      <Button variant="outline" color="red" onClick={() => setAsking(true)} data-testid="signin-set-up-again">{t('signin.setUpAgain')}</Button>
      {asking && <ForgetModal station={station} onClose={() => setAsking(false)} />}
    </Stack>
  );
}

/** Sign in at the station: scan a badge (or pick a name), then a PIN checked offline. */
export function SignInScreen(): ReactNode {
  const { t } = useTranslation('station');
  const db = useDb();
  const siteId = useSessionStore((s) => s.station?.siteId ?? '');
  const staff = useObservable(
    () => db.staff.find({ selector: { siteId } }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as Staff).filter((s) => s.active).sort((a, b) => a.name.localeCompare(b.name)))),
    null as Staff[] | null,
    [db, siteId],
  );
  const [chosen, setChosen] = useState<Staff | null>(null);
  const [badge, setBadge] = useState('');
  const [notFound, setNotFound] = useState<string | null>(null);
  const navigate = useNavigate();

  function byBadge(code: string, typedBefore = ''): void {
    // A busy page can hand the first keys of a burst over late, so they land in the field as
    // typing: a burst that completes what the field holds is that badge.
    // (Depending on when the field's state caught up, it holds the early keys or the whole code.)
    const candidates = [code.trim(), `${typedBefore.trim()}${code.trim()}`, typedBefore.trim()].filter((c) => c !== '');
    const found = staff?.find((s) => candidates.includes(s.badgeCode));
    setBadge('');
    if (found) {
      setNotFound(null);
      setChosen(found);
    } else setNotFound(code.trim());
  }
  // A scan works wherever focus is (DESIGN.md); the badge field is for typing a code by hand.
  useScanner((code) => {
    if (chosen === null) byBadge(code, badge);
  });

  if (chosen !== null) {
    return (
      <PinStep
        person={chosen}
        onBack={() => setChosen(null)}
        onSignedIn={() => {
          useSessionStore.getState().signIn({ id: chosen.id, name: chosen.name, role: chosen.role });
          void navigate({ to: '/' });
        }}
      />
    );
  }
  return (
    <Container size="lg" py="lg" data-testid="signin">
      <Stack gap="lg">
        <Title order={1}>{t('signin.title')}</Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (badge.trim() !== '') byBadge(badge);
          }}
        >
          <TextInput
            label={t('signin.badge')}
            description={t('signin.badgeHelp')}
            value={badge}
            onChange={(e) => setBadge(e.currentTarget.value)}
            data-testid="badge-input"
            autoFocus
            size="xl"
          />
        </form>
        {notFound !== null && (
          <Alert color="red" data-testid="signin-error">
            {t('signin.unknownBadge', { code: notFound })}
          </Alert>
        )}
        <Title order={2}>{t('signin.orPick')}</Title>
        {staff === null || staff.length === 0 ? (
          <Stack>
            <Center py="xl">
              <Group>
                <Loader />
                <Text size="lg">{t('signin.waitingForStaff')}</Text>
              </Group>
            </Center>
            <StuckWithoutStaff />
          </Stack>
        ) : (
          <SimpleGrid cols={{ base: 2, md: 3 }}>
            {staff.map((s) => (
              <Button key={s.id} size="xl" variant="default" h={88} onClick={() => setChosen(s)} data-testid={`staff-${s.badgeCode}`}>
                <Stack gap={2} align="center">
                  <Text size="xl" fw={700}>
                    {s.name}
                  </Text>
                  {s.role !== 'packer' && <Badge size="lg">{t(`roles.${s.role}`)}</Badge>}
                </Stack>
              </Button>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Container>
  );
}
