import { Button, Card, Stack, Table, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { getHost } from '../host/host.ts';
import { useSessionStore } from '../session/store.ts';

/** Which station this is, and a way to forget it (to enrol again, or leave the demo). */
export function StationCard(): ReactNode {
  const { t } = useTranslation('settings');
  const station = useSessionStore((s) => s.station);
  const navigate = useNavigate();
  if (station === null) return null;

  async function forget(): Promise<void> {
    if (station === null) return;
    await getHost().setConfig({ serverUrl: station.serverUrl, siteId: station.siteId, stationName: station.stationName, token: null });
    useSessionStore.getState().setStation(null);
    await navigate({ to: '/' });
  }

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
          </Table.Tbody>
        </Table>
        <Button color="red" variant="outline" onClick={() => void forget()} data-testid="forget-station">
          {t('forget')}
        </Button>
      </Stack>
    </Card>
  );
}
