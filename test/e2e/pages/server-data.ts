import type { Order } from '../../../shared/schema/orders.ts';
import type { Product } from '../../../shared/schema/products.ts';
import type { Site } from '../../../shared/schema/sites.ts';
import type { PullResponse } from '../../../shared/sync/protocol.ts';
import type { ServerApi } from '../fixtures.ts';

/** Every document of a collection the admin token can see, page by page. */
export async function pullAll<D>(server: ServerApi, collection: string): Promise<D[]> {
  const out: D[] = [];
  let checkpoint: unknown = null;
  for (;;) {
    const page = await server.get<PullResponse<D>>(`/api/v1/sync/${collection}/pull?limit=1000&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}`);
    out.push(...page.documents);
    if (page.documents.length < 1000) return out;
    checkpoint = page.checkpoint;
  }
}

export async function demoSite(server: ServerApi, code: string): Promise<Site> {
  const site = (await pullAll<Site>(server, 'sites')).find((s) => s.code === code);
  if (site === undefined) throw new Error(`the demo seed has no site ${code}`);
  return site;
}

/** Active products with a barcode to scan. */
export async function scannableProducts(server: ServerApi): Promise<Product[]> {
  return (await pullAll<Product>(server, 'products')).filter((p) => p.active && p.barcodes.length > 0);
}

export function ean(p: Product): string {
  const code = p.barcodes[0]?.value;
  if (code === undefined) throw new Error(`${p.sku} has no barcode`);
  return code;
}

let orderSeq = 0;

/** A fresh order of the test's own, through the storefront intake (ready to pack); returns its number. */
export async function newOrder(server: ServerApi, siteId: string, lines: { sku: string; quantity: number }[], customerName = 'Giulia Bianchi'): Promise<string> {
  orderSeq += 1;
  const res = await fetch(`${server.url}/api/v1/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${process.env.PACKLINE_E2E_ADMIN_TOKEN ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: 'e2e',
      externalId: `e2e-${Date.now()}-${orderSeq}`,
      siteId,
      customer: { name: customerName, email: 'giulia@example.com' },
      currency: 'EUR',
      lines: lines.map((l) => ({ ...l, unitPrice: 1000 })),
      shippingAddress: { name: customerName, line1: 'Calle Mayor 10', city: 'Madrid', postalCode: '28013', country: 'ES' },
      shippingMethod: 'standard',
      priority: 9,
      shipBy: new Date().toISOString().slice(0, 10),
    }),
  });
  if (!res.ok) throw new Error(`intake: ${res.status} ${await res.text()}`);
  const body: unknown = await res.json();
  if (typeof body !== 'object' || body === null || !('number' in body) || typeof body.number !== 'string') throw new Error('intake answered without a number');
  return body.number;
}

/** The server's copy of an order, by number. */
export async function serverOrder(server: ServerApi, number: string): Promise<Order | undefined> {
  return (await pullAll<Order>(server, 'orders')).find((o) => o.number === number);
}
