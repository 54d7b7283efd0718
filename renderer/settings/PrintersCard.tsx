import { Alert, Button, Card, Group, Radio, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Printer } from '../../shared/bridge/contract.ts';
import { bridgeErrorText } from '../host/bridge-error-text.ts';
import { getHost } from '../host/host.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useTranslate } from '../i18n/use-translate.ts';
import { printFailureText } from '../printing/print-failure-text.ts';
import type { PrintStatus } from '../printing/print.ts';
import { missingPrinter, parseZplTarget, printTest, type ZplTargetProblem } from '../printing/printer-setup.ts';
import { slipPageSize } from '../printing/slip.ts';
import type { Translate } from '../printing/text.ts';
import { useScannerSettings, type ScannerSettingsState } from '../scanner/settings.ts';
import { useSessionStore } from '../session/store.ts';
import { canManageStation } from './permissions.ts';

/** Select's value for "the system's default printer" (a printer's OS name is never empty). */
const DEFAULT = '';

/** Why the printers could not be listed: the host's code, said in words, and its English for the tooltip and the log. */
type ListProblem = { code: string; message: string };

/** This computer's printers, or why they could not be listed. */
function useInstalledPrinters(): { printers: Printer[] | null; problem: ListProblem | null } {
  const [printers, setPrinters] = useState<Printer[] | null>(null);
  const [problem, setProblem] = useState<ListProblem | null>(null);
  useEffect(() => {
    let live = true;
    function failed(p: ListProblem): void {
      getHost().log({ level: 'warn', message: `listing printers failed: ${p.message}`, context: { code: p.code } });
      if (live) setProblem(p);
    }
    getHost()
      .listPrinters()
      .then(
        (r) => {
          if (!live) return;
          if (r.ok) setPrinters(r.value);
          else failed(r.error);
        },
        (err: unknown) => failed({ code: 'internal', message: err instanceof Error ? err.message : String(err) }),
      );
    return () => {
      live = false;
    };
  }, []);
  return { printers, problem };
}

function printerOptions(t: Translate, printers: readonly Printer[], chosen: string | null): { value: string; label: string }[] {
  const options = [{ value: DEFAULT, label: t('systemDefault') }, ...printers.map((p) => ({ value: p.name, label: p.displayName }))];
  const missing = missingPrinter(chosen, printers);
  // Keep a chosen printer that is gone on the list, so the field still says what is set.
  if (missing !== null) options.push({ value: missing, label: t('notInstalledOption', { printer: missing }) });
  return options;
}

/** One of this computer's printers, or the system default; a chosen one that is gone is said. */
function PrinterSelect(p: { label?: string; ariaLabel?: string; printers: readonly Printer[]; chosen: string | null; onChoose: (printer: string | null) => void; testId: string; disabled: boolean }): ReactNode {
  const t = useTranslate('settings');
  const missing = missingPrinter(p.chosen, p.printers);
  return (
    <Select
      label={p.label}
      aria-label={p.ariaLabel}
      size="md"
      data={printerOptions(t, p.printers, p.chosen)}
      value={p.chosen ?? DEFAULT}
      onChange={(v) => p.onChoose(v === null || v === DEFAULT ? null : v)}
      allowDeselect={false}
      disabled={p.disabled}
      error={missing === null ? undefined : t('notInstalled', { printer: missing })}
      data-testid={p.testId}
    />
  );
}

/** Prints a test to the slip or label printer and says how it went. */
function TestPrint({ doc }: { doc: 'slip' | 'label' }): ReactNode {
  const t = useTranslate('settings');
  const tp = useTranslate('packing');
  const station = useSessionStore((s) => s.station);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PrintStatus | null>(null);
  async function run(): Promise<void> {
    setBusy(true);
    setResult(null);
    const facts = { station: station?.stationName ?? '', when: formatDateTime(Date.now()) };
    // The site's paper (Letter in North America), from its country once the site has synced.
    const status = await printTest(getHost(), useScannerSettings.getState(), doc, t, facts, slipPageSize({ country: station?.siteCountry ?? '' }));
    if (!status.ok) getHost().log({ level: 'warn', message: `test ${doc} print: ${status.message}`, context: { code: status.code, printer: status.printer } });
    setResult(status);
    setBusy(false);
  }
  const said = result === null ? null : result.ok ? t(result.how === 'saved-pdf' ? 'testSavedPdf' : 'testSent') : printFailureText(tp, result);
  return (
    <Group>
      <Button variant="default" size="md" loading={busy} onClick={() => void run()} data-testid={`test-${doc}`}>
        {t(doc === 'slip' ? 'testSlip' : 'testLabel')}
      </Button>
      {said !== null && (
        <Text c={result?.ok === true ? 'teal.8' : 'red.8'} fw={600} role={result?.ok === true ? 'status' : 'alert'} data-testid={`test-${doc}-result`} title={result?.ok === false ? result.message : undefined}>
          {said}
        </Text>
      )}
    </Group>
  );
}

/** Where labels go now: the network printer's address, or that none is set yet. */
function ZplTarget(): ReactNode {
  const { t: ts } = useTranslation('settings');
  const zplHost = useScannerSettings((s) => s.zplHost);
  const zplPort = useScannerSettings((s) => s.zplPort);
  return zplHost === null ? (
    <Text c="orange.8" data-testid="zpl-unset">{ts('zplUnset')}</Text>
  ) : (
    <Text c="dimmed" data-testid="zpl-current">{ts('zplCurrent', { printer: `${zplHost}:${zplPort}` })}</Text>
  );
}

/** The network label printer's address, saved only once it is one the desktop host accepts. */
function NetworkLabelPrinter(): ReactNode {
  const { t: ts } = useTranslation('settings');
  const zplHost = useScannerSettings((s) => s.zplHost);
  const zplPort = useScannerSettings((s) => s.zplPort);
  const [host, setHost] = useState(zplHost ?? '');
  const [port, setPort] = useState(String(zplPort));
  const [problem, setProblem] = useState<ZplTargetProblem | null>(null);
  function save(): void {
    const parsed = parseZplTarget(host, port);
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    setHost(parsed.value.host);
    setPort(String(parsed.value.port));
    useScannerSettings.getState().update({ zplHost: parsed.value.host, zplPort: parsed.value.port });
  }
  const saved = zplHost !== null && host.trim() === zplHost && port.trim() === String(zplPort);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Stack gap="xs">
        <Group align="flex-start" wrap="nowrap">
          <TextInput
            label={ts('zplHost')}
            description={ts('zplHostHelp')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            value={host}
            onChange={(e) => setHost(e.currentTarget.value)}
            error={problem === 'host-missing' || problem === 'host-invalid' ? ts(`zplProblem.${problem}`, { host: host.trim() }) : undefined}
            style={{ flex: 1 }}
            autoComplete="off"
            spellCheck={false}
            data-testid="zpl-host"
          />
          <TextInput
            label={ts('zplPort')}
            value={port}
            onChange={(e) => setPort(e.currentTarget.value)}
            error={problem === 'port-invalid' ? ts('zplProblem.port-invalid') : undefined}
            w={110}
            inputMode="numeric"
            autoComplete="off"
            data-testid="zpl-port"
          />
          <Button type="submit" mt={28} variant={saved ? 'default' : 'filled'} data-testid="zpl-save">
            {ts('zplSave')}
          </Button>
        </Group>
        <ZplTarget />
      </Stack>
    </form>
  );
}

/**
 * Settings' printers: where packing slips and shipping labels go from this station. The desktop
 * app prints without a dialog to the printers chosen here, or sends labels as raw ZPL to a
 * network thermal printer; each can be tried with a test print. A browser cannot, and says how
 * it prints instead. Only a lead, manager or admin changes them (permissions.ts): anyone else
 * sees them read-only, and can still print a test.
 */
export function PrintersCard(): ReactNode {
  const t = useTranslate('settings');
  const desktop = getHost().unavailable('printers-list') === null;
  const editable = canManageStation(useSessionStore((s) => s.staff));
  return (
    <Card withBorder padding="lg" data-testid="printers-card" data-editable={editable}>
      <Title order={2} mb="sm">{t('printers')}</Title>
      {desktop && !editable && (
        <Text mb="md" fw={600} data-testid="printers-leads-only">{t('printersLeadsOnly')}</Text>
      )}
      {desktop ? <PrinterChoices editable={editable} /> : (
        <Alert color="gray" data-testid="printers-unavailable">{t('browserPrinting')}</Alert>
      )}
    </Card>
  );
}

function update(patch: Parameters<ScannerSettingsState['update']>[0]): void {
  useScannerSettings.getState().update(patch);
}

function PrinterChoices({ editable }: { editable: boolean }): ReactNode {
  const t = useTranslate('settings');
  const { t: tc } = useTranslation('common');
  const { printers, problem } = useInstalledPrinters();
  const slipPrinter = useScannerSettings((s) => s.slipPrinter);
  const labelPrinter = useScannerSettings((s) => s.labelPrinter);
  const zplHost = useScannerSettings((s) => s.zplHost);
  const [labelKind, setLabelKind] = useState<'installed' | 'network'>(zplHost === null ? 'installed' : 'network');

  if (problem !== null) {
    return (
      <Alert color="red" data-testid="printers-failed" data-code={problem.code} title={problem.message}>
        {t('printersFailed', { reason: bridgeErrorText(tc, problem.code) })}
      </Alert>
    );
  }
  if (printers === null) return <Text>{t('printersLoading')}</Text>;
  return (
    <Stack gap="lg">
      {printers.length === 0 && <Alert color="yellow" data-testid="no-printers">{t('noPrintersPdf')}</Alert>}
      <Stack gap="xs">
        <PrinterSelect label={t('slipPrinter')} printers={printers} chosen={slipPrinter} onChoose={(p) => update({ slipPrinter: p })} testId="slip-printer" disabled={!editable} />
        <TestPrint doc="slip" />
      </Stack>
      <Stack gap="xs">
        <Radio.Group
          label={t('labelPrinter')}
          size="md"
          value={labelKind}
          onChange={(v) => {
            const kind = v === 'network' ? 'network' : 'installed';
            setLabelKind(kind);
            // Labels go back to an installed printer at once; a network printer once its address is saved.
            if (kind === 'installed') update({ zplHost: null });
          }}
          data-testid="label-kind"
        >
          <Group mt="xs">
            <Radio value="installed" label={t('labelInstalled')} disabled={!editable} data-testid="label-kind-installed" />
            <Radio value="network" label={t('labelNetwork')} disabled={!editable} data-testid="label-kind-network" />
          </Group>
        </Radio.Group>
        {labelKind === 'installed' ? (
          <PrinterSelect ariaLabel={t('labelPrinter')} printers={printers} chosen={labelPrinter} onChoose={(p) => update({ labelPrinter: p })} testId="label-printer" disabled={!editable} />
        ) : editable ? (
          <NetworkLabelPrinter />
        ) : (
          <ZplTarget />
        )}
        {(labelKind === 'installed' || zplHost !== null) && <TestPrint doc="label" />}
      </Stack>
    </Stack>
  );
}
