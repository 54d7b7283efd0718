import { Alert, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDb } from '../app/db-context.tsx';
import { stationStorage } from '../app/station-storage.ts';
import { useSyncClient, useSyncStatus } from '../app/sync-context.tsx';
import { bridgeErrorText } from '../host/bridge-error-text.ts';
import { getHost } from '../host/host.ts';
import { usePackSession } from '../packing/session.ts';
import { useSessionStore, type Station } from '../session/store.ts';
import { forgetLocalData, forgetRisk } from './forget-station.ts';
import { canManageStation } from './permissions.ts';

/** The version as support asks for it, or why the host could not say (its code, and its English for the tooltip). */
type AppVersion = { ok: true; text: string } | { ok: false; code: string; message: string };

/** "0.1.0 (Electron 45.4.1, linux)" in the desktop app, "0.1.0 (web, Chromium 142)" in a browser: for support. */
function useAppVersion(): AppVersion | null {
  const [version, setVersion] = useState<AppVersion | null>(null);
  useEffect(() => {
    let live = true;
    function failed(code: string, message: string): void {
      getHost().log({ level: 'warn', message: `app version: ${message}`, context: { code } });
      if (live) setVersion({ ok: false, code, message });
    }
    getHost()
      .appVersion()
      .then(
        (r) => {
          if (!live) return;
          if (!r.ok) failed(r.error.code, r.error.message);
          else {
            const v = r.value;
            setVersion({ ok: true, text: v.electron === '' ? `${v.version} (web${v.chrome === '' ? '' : `, Chromium ${v.chrome}`})` : `${v.version} (Electron ${v.electron}, ${v.platform})` });
          }
        },
        (err: unknown) => failed('internal', err instanceof Error ? err.message : String(err)),
      );
    return () => {
      live = false;
    };
  }, []);
  return version;
}

/**
 * Which station this is, and a way to forget it (to enrol again, or leave the demo). Forgetting
 * deletes what was not uploaded yet, so only a lead, manager or admin may (permissions.ts).
 */
export function StationCard(): ReactNode {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation('common');
  const station = useSessionStore((s) => s.station);
  const mayForget = canManageStation(useSessionStore((s) => s.staff));
  const [asking, setAsking] = useState(false);
  const version = useAppVersion();
  if (station === null) return null;

  return (
    <Card withBorder padding="lg">
      <Stack>
        <Title order={2}>{t('station')}</Title>
        <Table fz="lg">
          <Table.Tbody>
            <Table.Tr><Table.Th>{t('stationName')}</Table.Th><Table.Td>{station.stationName}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('site')}</Table.Th><Table.Td>{station.siteCode}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('server')}</Table.Th><Table.Td>{station.serverUrl}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('host')}</Table.Th><Table.Td>{t(`hostKind.${getHost().kind}`)}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('version')}</Table.Th><Table.Td data-testid="app-version" c={version?.ok === false ? 'red.8' : undefined} title={version?.ok === false ? version.message : undefined}>
                {version === null ? '…' : version.ok ? version.text : t('versionUnknown', { reason: bridgeErrorText(tc, version.code) })}
              </Table.Td></Table.Tr>
          </Table.Tbody>
        </Table>
        <Button color="red" variant="outline" onClick={() => setAsking(true)} disabled={!mayForget} data-testid="forget-station">
          {t('forget')}
        </Button>
        {!mayForget && <Text fw={600} data-testid="forget-leads-only">{t('forgetLeadsOnly')}</Text>}
      </Stack>
      {asking && mayForget && <ForgetModal station={station} onClose={() => setAsking(false)} />}
    </Card>
  );
}

/**
 * Forgetting deletes this computer's copy of the station's data, so it asks first and says
 * what would be lost: changes not uploaded yet, and orders scanned but not shipped.
 */
export function ForgetModal({ station, onClose }: { station: Station; onClose: () => void }): ReactNode {
  const { t } = useTranslation('settings');
  const navigate = useNavigate();
  const db = useDb();
  const sync = useSyncClient();
  const { pendingUploads } = useSyncStatus();
  const scanned = usePackSession((s) => Object.values(s.sessions).filter((p) => p.actions.length > 0).length);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const risk = forgetRisk({ syncStarted: sync !== null, pendingUploads, scanned });
  const losing = risk === 'losing';

  async function forget(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      getHost().log({ level: 'info', message: 'forgetting this station', context: { deviceId: station.deviceId, site: station.siteCode, pendingUploads, scanned } });
      await forgetLocalData({ db, sync, deviceId: station.deviceId, storage: stationStorage() });
      usePackSession.setState({ sessions: {}, feedback: null });
      await getHost().setConfig({ serverUrl: station.serverUrl, siteId: station.siteId, stationName: station.stationName, token: null });
      useSessionStore.getState().setStation(null);
      await navigate({ to: '/' });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      setBusy(false);
      getHost().log({ level: 'error', message: `forgetting this station failed: ${message}` });
      setError(t('forgetFailed', { error: message }));
    }
  }

  return (
    <Modal opened onClose={busy ? () => {} : onClose} title={t('forgetTitle')} size="lg" data-testid="forget-modal">
      <Stack>
        <Text>{t('forgetWhat', { site: station.siteCode })}</Text>
        {losing ? (
          <Alert color="red" variant="light" data-testid="forget-losses">
            <Stack gap={4}>
              {pendingUploads > 0 && <Text fw={700}>{t('forgetPending', { count: pendingUploads })}</Text>}
              {scanned > 0 && <Text fw={700}>{t('forgetScanned', { count: scanned })}</Text>}
              <Text>{t('forgetWait')}</Text>
            </Stack>
          </Alert>
        ) : risk === 'unknown' ? (
          <Alert color="yellow" variant="light" data-testid="forget-unknown">
            {t('forgetUnknown')}
          </Alert>
        ) : (
          <Text data-testid="forget-safe">{t('forgetSafe')}</Text>
        )}
        {error !== null && (
          <Text c="red.8" role="alert" data-testid="forget-error">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
            {t('forgetCancel')}
          </Button>
          <Button color="red" onClick={() => void forget()} loading={busy} data-testid="forget-confirm">
            {losing ? t('forgetLosing') : t('forgetConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
