import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribeKeys } from './bus.ts';
import type { ScanResult } from './detector.ts';
import { useScannerSettings } from './settings.ts';

type Row = { n: number; key: string; sincePrevMs: number | null; scan: ScanResult | null };

const MAX_ROWS = 60;

/** Diagnostics: every key with its gap to the previous one, and what the detector made of them. */
export function ScannerTest(): ReactNode {
  const { t } = useTranslation('packing');
  const maxGapMs = useScannerSettings((s) => s.maxGapMs);
  const [rows, setRows] = useState<Row[]>([]);
  const [scans, setScans] = useState<ScanResult[]>([]);

  useEffect(() => {
    let prev: number | null = null;
    let n = 0;
    return subscribeKeys((log) => {
      const sincePrevMs = prev === null ? null : log.time - prev;
      prev = log.time;
      n += 1;
      const row: Row = { n, key: log.key, sincePrevMs, scan: log.scan };
      setRows((r) => [row, ...r].slice(0, MAX_ROWS));
      const scan = log.scan;
      if (scan !== null) setScans((s) => [scan, ...s].slice(0, 20));
    });
  }, []);

  return (
    <Stack p="md" data-testid="scanner-test">
      <Title order={2}>{t('scannerTest.title')}</Title>
      <Text>{t('scannerTest.help', { maxGapMs })}</Text>
      <TextInput label={t('scannerTest.tryField')} data-testid="scanner-test-field" size="lg" />
      <Group>
        <Button variant="default" onClick={() => { setRows([]); setScans([]); }}>{t('scannerTest.clear')}</Button>
      </Group>
      <Title order={3}>{t('scannerTest.scans')}</Title>
      {scans.length === 0 ? <Text c="dimmed">{t('scannerTest.noScans')}</Text> : null}
      <Stack gap="xs" data-testid="scanner-test-scans">
        {scans.map((s, i) => (
          <Text key={`${i}-${s.code}`} size="xl" ff="monospace" data-testid="scanner-test-scan">
            {s.code} <Badge>{s.terminator}</Badge>
          </Text>
        ))}
      </Stack>
      <Title order={3}>{t('scannerTest.keys')}</Title>
      <Table striped data-testid="scanner-test-keys">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('scannerTest.key')}</Table.Th>
            <Table.Th>{t('scannerTest.sincePrev')}</Table.Th>
            <Table.Th>{t('scannerTest.detected')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.n}>
              <Table.Td>{r.n}</Table.Td>
              <Table.Td ff="monospace">{r.key}</Table.Td>
              <Table.Td c={r.sincePrevMs !== null && r.sincePrevMs <= maxGapMs ? 'teal' : undefined}>
                {r.sincePrevMs === null ? '—' : t('scannerTest.ms', { ms: Math.round(r.sincePrevMs) })}
              </Table.Td>
              <Table.Td ff="monospace">{r.scan?.code ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
