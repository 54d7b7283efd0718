import { AppShell, Badge, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrderScanNavigation } from '../packing/screens.tsx';
import { LanguageSwitch } from '../settings/LanguageSwitch.tsx';
import { SyncStatusBar } from '../syncstatus/SyncStatusBar.tsx';
import { isLead, useSessionStore } from '../session/store.ts';
import { useDb } from './db-context.tsx';

/**
 * An enrolment answers with the site id only; the site's code and country (for numbers and
 * dates in the station's locale) arrive with the first sync of sites.
 */
function useSiteFacts(): void {
  const db = useDb();
  const station = useSessionStore((s) => s.station);
  const missing = station !== null && (station.siteCode === '' || station.siteCountry === undefined);
  const siteId = station?.siteId ?? '';
  useEffect(() => {
    if (!missing) return undefined;
    const sub = db.sites.findOne(siteId).$.subscribe((site) => {
      const current = useSessionStore.getState().station;
      if (site && current) useSessionStore.setState({ station: { ...current, siteCode: site.code, siteCountry: site.country } });
    });
    return () => sub.unsubscribe();
  }, [db, missing, siteId]);
}

/**
 * Scanning an order's barcode on any screen opens it: on the orders screens its order page,
 * elsewhere its pack screen; a number that matches no order is said in a notification. Not
 * mounted on the pack queue (at / and /pack), which listens itself and says it in its own
 * line. Settings leaves scans to its scanner test.
 */
function ScanAnywhere(): null {
  const { t } = useTranslation('packing');
  const path = useRouterState({ select: (s) => s.location.pathname });
  const opens = path.startsWith('/settings') ? 'none' : path.startsWith('/orders') ? 'order' : 'pack';
  useOrderScanNavigation(opens, (code) => {
    notifications.show({ id: 'scan-missed', color: 'red', message: t('queue.orderNotFound', { code }), autoClose: 6000, withBorder: true });
  });
  return null;
}

const NAV = [
  { to: '/pack', key: 'nav.pack', staff: true },
  { to: '/orders', key: 'nav.orders', staff: true },
  { to: '/sync', key: 'nav.sync', staff: false },
  // Settings asks for someone signed in; before that the header offers the language alone.
  { to: '/settings', key: 'nav.settings', staff: true },
] as const;

/** The station's frame: who and where at the top, sync state always visible at the bottom. */
export function Layout({ children }: { children: ReactNode }): ReactNode {
  const { t } = useTranslation();
  const station = useSessionStore((s) => s.station);
  const staff = useSessionStore((s) => s.staff);
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (r) => r.location.pathname });
  useSiteFacts();
  return (
    <AppShell header={{ height: 68 }} footer={{ height: 52 }} padding={0}>
      {staff !== null && pathname !== '/' && pathname !== '/pack' && <ScanAnywhere />}
      <AppShell.Header px="md" bg="dark.8" c="white">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Text component={Link} to="/" fw={900} size="xl" c="white" td="none">
              Packline
            </Text>
            <Text size="md" c="gray.3" maw={180} truncate="end" style={{ whiteSpace: 'nowrap' }} data-testid="station-name" title={station?.stationName}>
              {station?.siteCode ? `${station.siteCode} · ` : ''}
              {station?.stationName}
            </Text>
            <Group gap={2} wrap="nowrap" component="nav" aria-label={t('nav.label')}>
              {NAV.filter((n) => staff !== null || !n.staff).map((n) => (
                <Button key={n.to} component={Link} to={n.to} variant="subtle" color="gray.0" size="md" px="xs" activeProps={{ 'data-active': 'true', style: { textDecoration: 'underline' } }} data-testid={`nav-${n.to.slice(1)}`}>
                  {t(n.key)}
                </Button>
              ))}
            </Group>
          </Group>
          {staff === null && <LanguageSwitch testId="header-locale" onDark />}
          {staff !== null && (
            <Group gap="sm" wrap="nowrap">
              <Text size="lg" fw={700} maw={220} truncate="end" style={{ whiteSpace: 'nowrap' }} data-testid="staff-name">
                {staff.name}
              </Text>
              {isLead(staff) && (
                <Badge size="lg" color="yellow" c="dark" data-testid="staff-role">
                  {t(`roles.${staff.role}`)}
                </Badge>
              )}
              <Button
                variant="outline"
                color="gray.0"
                size="md"
                onClick={() => {
                  useSessionStore.getState().signOut();
                  void navigate({ to: '/signin' });
                }}
                data-testid="sign-out"
              >
                {t('signOut')}
              </Button>
            </Group>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Main>{children}</AppShell.Main>
      <AppShell.Footer p={0} withBorder={false}>
        <SyncStatusBar />
      </AppShell.Footer>
    </AppShell>
  );
}
