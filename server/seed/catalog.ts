import { makeEan13 } from '../../shared/barcodes/gtin.ts';
import { formatHlc } from '../../shared/clock/hlc.ts';
import type { Customer } from '../../shared/schema/customers.ts';
import type { Product } from '../../shared/schema/products.ts';
import type { Site } from '../../shared/schema/sites.ts';
import type { Staff } from '../../shared/schema/staff.ts';
import type { Rng } from './prng.ts';

export type SiteSpec = {
  code: string;
  name: string;
  country: 'ES' | 'IT' | 'GB';
  timezone: string;
  currency: 'EUR' | 'GBP';
  locale: string;
  city: string;
  line1: string;
  postalCode: string;
};

export const DEMO_SITES: readonly SiteSpec[] = [
  { code: 'MAD', name: 'Madrid — Coslada', country: 'ES', timezone: 'Europe/Madrid', currency: 'EUR', locale: 'es-ES', city: 'Coslada', line1: 'Avenida de la Industria 12', postalCode: '28823' },
  { code: 'MIL', name: 'Milano — Segrate', country: 'IT', timezone: 'Europe/Rome', currency: 'EUR', locale: 'it-IT', city: 'Segrate', line1: 'Via Cassanese 210', postalCode: '20054' },
  { code: 'MAN', name: 'Manchester — Trafford Park', country: 'GB', timezone: 'Europe/London', currency: 'GBP', locale: 'en-GB', city: 'Manchester', line1: '4 Westinghouse Road', postalCode: 'M17 1PY' },
];

const FIRST: Readonly<Record<string, readonly string[]>> = {
  ES: ['Lucía', 'Hugo', 'Martina', 'Mateo', 'Sofía', 'Leo', 'Julia', 'Pablo', 'Carmen', 'Javier', 'Elena', 'Diego'],
  IT: ['Giulia', 'Leonardo', 'Sofia', 'Francesco', 'Aurora', 'Alessandro', 'Ginevra', 'Lorenzo', 'Chiara', 'Matteo', 'Elisa', 'Marco'],
  GB: ['Olivia', 'Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava', 'Noah', 'Emily', 'Jack', 'Grace', 'Thomas'],
};
const LAST: Readonly<Record<string, readonly string[]>> = {
  ES: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz', 'Díaz', 'Moreno'],
  IT: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco'],
  GB: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Evans'],
};
const FIRST_ANY = ['Alex', 'Sam', 'Robin'];
const LAST_ANY = ['Doe', 'Roe'];
const CITIES: Record<SiteSpec['country'], readonly (readonly [string, string, string])[]> = {
  ES: [['Madrid', 'Calle de Alcalá', '28014'], ['Barcelona', 'Carrer de Mallorca', '08036'], ['Valencia', 'Calle de Colón', '46004'], ['Sevilla', 'Calle Sierpes', '41004']],
  IT: [['Milano', 'Via Torino', '20123'], ['Roma', 'Via del Corso', '00186'], ['Torino', 'Via Roma', '10121'], ['Bologna', 'Via Indipendenza', '40121']],
  GB: [['London', 'Baker Street', 'NW1 6XE'], ['Manchester', 'Deansgate', 'M3 2BW'], ['Leeds', 'Briggate', 'LS1 6HD'], ['Bristol', 'Park Street', 'BS1 5NT']],
};

const ADJ = ['Classic', 'Compact', 'Deluxe', 'Eco', 'Everyday', 'Heavy-duty', 'Mini', 'Organic', 'Premium', 'Travel', 'Vintage', 'Wireless'];
const NOUN = ['mug', 'teapot', 'backpack', 'lamp', 'notebook', 'water bottle', 'headphones', 'yoga mat', 'candle', 'scarf', 'phone case', 'desk organiser', 'olive oil', 'coffee beans', 'sneakers', 'umbrella'];
const VARIANT = ['black', 'white', 'blue', 'red', 'green', 'grey', 'small', 'medium', 'large', '500 ml', '1 l', '250 g'];

export type DemoProduct = { doc: Product; price: number };
export type DemoCustomer = { doc: Customer; country: SiteSpec['country'] };

export function makeSites(rng: Rng, stamp: string, baseMs: number): Site[] {
  return DEMO_SITES.map((s) => ({
    id: rng.uuid(baseMs),
    code: s.code,
    name: s.name,
    country: s.country,
    timezone: s.timezone,
    currency: s.currency,
    locale: s.locale,
    address: { name: `Packline ${s.code}`, line1: s.line1, city: s.city, postalCode: s.postalCode, country: s.country },
    hlc: stamp,
  }));
}

export function makeProducts(rng: Rng, count: number, sites: readonly Site[], stamp: string, baseMs: number): DemoProduct[] {
  const out: DemoProduct[] = [];
  for (let i = 1; i <= count; i++) {
    // GS1 prefix 84 (Spain) + an invented company prefix + the item number: valid, not real.
    const ean = makeEan13(`8437001${String(i).padStart(5, '0')}`);
    out.push({
      price: rng.int(2, 120) * 100 - rng.pick([1, 5, 10, 0]),
      doc: {
        id: rng.uuid(baseMs),
        sku: `SKU-${String(i).padStart(5, '0')}`,
        name: `${rng.pick(ADJ)} ${rng.pick(NOUN)}, ${rng.pick(VARIANT)}`,
        barcodes: [{ type: 'EAN13', value: ean }],
        weightGrams: rng.int(50, 5000),
        dimensions: { lengthMm: rng.int(50, 600), widthMm: rng.int(50, 400), heightMm: rng.int(20, 300) },
        bins: sites.map((s) => ({ siteId: s.id, bin: `${'ABCDEFGH'[rng.int(0, 7)]}-${String(rng.int(1, 40)).padStart(2, '0')}-${rng.int(1, 6)}` })),
        active: rng.chance(0.97),
        hlc: stamp,
      },
    });
  }
  return out;
}

export function makeCustomers(rng: Rng, count: number, stamp: string, baseMs: number): DemoCustomer[] {
  const out: DemoCustomer[] = [];
  const countries: SiteSpec['country'][] = ['ES', 'IT', 'GB'];
  for (let i = 1; i <= count; i++) {
    const country = countries[i % 3] ?? 'ES';
    const first = rng.pick(FIRST[country] ?? FIRST_ANY);
    const last = rng.pick(LAST[country] ?? LAST_ANY);
    const [city, street, postalCode] = rng.pick(CITIES[country]);
    const local = `${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
    out.push({
      country,
      doc: {
        id: rng.uuid(baseMs),
        name: `${first} ${last}`,
        email: `${local}.${i}@example.com`,
        addresses: [{ name: `${first} ${last}`, line1: `${street} ${rng.int(1, 200)}`, city, postalCode, country }],
        hlc: stamp,
      },
    });
  }
  return out;
}

export const DEMO_PINS = ['1234', '2468', '1357', '9999'];

/** Packers, a lead and a manager per site. PIN hashes are computed once per distinct PIN. */
export function makeStaff(rng: Rng, sites: readonly Site[], pinHashes: readonly string[], baseMs: number): Staff[] {
  const out: Staff[] = [];
  const roles: Staff['role'][] = ['packer', 'packer', 'packer', 'packer', 'lead', 'manager'];
  for (const site of sites) {
    roles.forEach((role, i) => {
      out.push({
        id: rng.uuid(baseMs),
        siteId: site.id,
        name: `${rng.pick(FIRST[site.country] ?? FIRST_ANY)} ${rng.pick(LAST[site.country] ?? LAST_ANY)}`,
        role,
        badgeCode: `B-${site.code}-${String(i + 1).padStart(3, '0')}`,
        pinHash: pinHashes[i % pinHashes.length] ?? '',
        active: true,
        hlc: formatHlc({ ms: baseMs, counter: 0, node: 'seed' }),
      });
    });
  }
  return out;
}
