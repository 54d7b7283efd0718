import { assert, constant, constantFrom, domain, ipV4, nat, oneof, property, string } from 'fast-check';
import { Compile } from 'typebox/compile';
import { describe, expect, it, vi } from 'vitest';
import { ZplArgs } from '../../shared/bridge/contract.ts';
import { fail, succeed } from '../../shared/bridge/result.ts';
import type { Host } from '../../renderer/host/host.ts';
import { desktopHost } from '../support/host.ts';
import { missingPrinter, parseZplTarget, printTest, testLabelZpl, testPageHtml } from '../../renderer/printing/printer-setup.ts';
import { translatorFor } from '../../renderer/printing/text.ts';
import enSettings from '../../renderer/i18n/locales/en/settings.json' with { type: 'json' };
import itSettings from '../../renderer/i18n/locales/it/settings.json' with { type: 'json' };

const t = translatorFor(enSettings);
const facts = { station: 'MAD · Pack 2', when: '22 Nov 2026, 16:40' };
const printers = [
  { name: 'office_laser', displayName: 'Office laser', description: '' },
  { name: 'zebra_zd421', displayName: 'Zebra ZD421', description: '' },
];

function desktop(overrides: Partial<Pick<Host, 'printDocument' | 'sendZpl'>>): Host {
  return desktopHost({ listPrinters: () => Promise.resolve(succeed(printers)), ...overrides });
}

describe('a network label printer’s address as typed in Settings', () => {
  it('takes an address or a name, with 9100 as the port left empty', () => {
    expect(parseZplTarget(' 192.168.1.50 ', '')).toEqual({ ok: true, value: { host: '192.168.1.50', port: 9100 } });
    expect(parseZplTarget('zebra-dock3.warehouse.local', '6101')).toEqual({ ok: true, value: { host: 'zebra-dock3.warehouse.local', port: 6101 } });
    // Copied whole from the printer's configuration page.
    expect(parseZplTarget('10.0.0.9:9100', '')).toEqual({ ok: true, value: { host: '10.0.0.9', port: 9100 } });
    expect(parseZplTarget('10.0.0.9:6101', '6101')).toEqual({ ok: true, value: { host: '10.0.0.9', port: 6101 } });
  });

  it('says what is wrong with anything else', () => {
    expect(parseZplTarget('   ', '9100')).toEqual({ ok: false, problem: 'host-missing' });
    expect(parseZplTarget('10.0.0.300', '9100')).toEqual({ ok: false, problem: 'host-invalid' });
    expect(parseZplTarget('http://10.0.0.9', '9100')).toEqual({ ok: false, problem: 'host-invalid' });
    expect(parseZplTarget('zebra dock', '9100')).toEqual({ ok: false, problem: 'host-invalid' });
    expect(parseZplTarget('-zebra', '9100')).toEqual({ ok: false, problem: 'host-invalid' });
    expect(parseZplTarget('10.0.0.9', '0')).toEqual({ ok: false, problem: 'port-invalid' });
    expect(parseZplTarget('10.0.0.9', '65536')).toEqual({ ok: false, problem: 'port-invalid' });
    expect(parseZplTarget('10.0.0.9', '91OO')).toEqual({ ok: false, problem: 'port-invalid' });
    // Two different ports: which one was meant is not guessed.
    expect(parseZplTarget('10.0.0.9:9100', '6101')).toEqual({ ok: false, problem: 'host-invalid' });
  });

  it('never accepts what the desktop host’s bridge schema would refuse', () => {
    const bridge = Compile(ZplArgs);
    const hostChars = constantFrom(...'abz09.-:_ /'.split(''), 'é');
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    console.log(`fast-check seed ${seed} (FC_SEED=${seed} to repeat)`);
    assert(
      property(oneof(string({ unit: hostChars, maxLength: 24 }), ipV4(), domain()), oneof(constant(''), nat({ max: 70_000 }).map(String)), (host, port) => {
        const parsed = parseZplTarget(host, port);
        // Refused here, or accepted by the bridge too.
        return !parsed.ok || bridge.Check({ ...parsed.value, zpl: '^XA^XZ' });
      }),
      { seed, numRuns: 2000 },
    );
    // And what it accepts, the bridge does too, for the usual shapes.
    for (const host of ['10.0.0.9', 'zebra-1', 'printers.example.com']) expect(bridge.Check({ host, port: 9100, zpl: '^XA^XZ' })).toBe(true);
  });
});

describe('a chosen printer this computer no longer has', () => {
  it('is named, unless it is the default, still installed, or the list is not known yet', () => {
    expect(missingPrinter('old_inkjet', printers)).toBe('old_inkjet');
    expect(missingPrinter('zebra_zd421', printers)).toBeNull();
    expect(missingPrinter(null, printers)).toBeNull();
    expect(missingPrinter('old_inkjet', null)).toBeNull();
  });
});

describe('test prints', () => {
  it('say which station and printer, in the station’s language, on the site’s paper', () => {
    const html = testPageHtml(translatorFor(itSettings), { ...facts, printer: 'Office <laser>' }, 'Letter');
    expect(html).toContain('@page{size:Letter');
    expect(html).toContain('La postazione MAD · Pack 2 stampa le distinte su Office &#60;laser&#62;.');
    expect(html).toContain('<svg');
  });

  it('send a label as ZPL that a printer cannot mistake for commands', () => {
    const zpl = testLabelZpl(t, { ...facts, station: 'Pack ^XZ~JR', printer: '10.0.0.9:9100' });
    expect(zpl.startsWith('^XA\n^CI28')).toBe(true);
    expect(zpl.endsWith('^XZ')).toBe(true);
    // The station's name is text: its ^ and ~ are hex-escaped, so the label is one format.
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl).toContain('Pack _5EXZ_7EJR');
    expect(zpl).toContain('^BCN,200,Y,N,N^FH_^FDPACKLINE-TEST^FS');
  });

  it('go where the shipment documents go: the slip printer, then the network or installed label printer', async () => {
    const printDocument = vi.fn<Host['printDocument']>(() => Promise.resolve(succeed({ outcome: 'printed' as const, printer: null })));
    const sendZpl = vi.fn<Host['sendZpl']>(() => Promise.resolve(succeed({ bytes: 412 })));
    const host = desktop({ printDocument, sendZpl });
    const settings = { slipPrinter: 'office_laser', labelPrinter: null, zplHost: null, zplPort: 9100 };

    expect(await printTest(host, settings, 'slip', t, facts, 'A4')).toEqual({ ok: true, how: 'printed' });
    expect(printDocument).toHaveBeenLastCalledWith(expect.objectContaining({ kind: 'slip', pageSize: 'A4', printer: 'office_laser' }));

    expect(await printTest(host, settings, 'label', t, facts, 'A4')).toEqual({ ok: true, how: 'printed' });
    const label = printDocument.mock.lastCall?.[0];
    expect(label).toMatchObject({ kind: 'label', pageSize: '4x6' });
    // The system default: no printer named at all.
    expect(label !== undefined && 'printer' in label).toBe(false);
    expect(label?.html).toContain('the system’s default printer');

    expect(await printTest(host, { ...settings, zplHost: '10.0.0.9', zplPort: 6101 }, 'label', t, facts, 'A4')).toEqual({ ok: true, how: 'printed' });
    expect(sendZpl).toHaveBeenCalledOnce();
    expect(sendZpl.mock.lastCall?.[0]).toMatchObject({ host: '10.0.0.9', port: 6101 });
    expect(sendZpl.mock.lastCall?.[0].zpl).toContain('10.0.0.9:6101');
  });

  it('report a failure with the printer it went to', async () => {
    const host = desktop({ sendZpl: () => Promise.resolve(fail('printer-unreachable', 'Label printer 10.0.0.9:9100 cannot be reached')) });
    const status = await printTest(host, { slipPrinter: null, labelPrinter: null, zplHost: '10.0.0.9', zplPort: 9100 }, 'label', t, facts, 'A4');
    expect(status).toEqual({ ok: false, code: 'printer-unreachable', doc: 'label', printer: '10.0.0.9:9100', message: 'Label printer 10.0.0.9:9100 cannot be reached' });
  });
});
