import { Box, Button, Center, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Order } from '../../shared/schema/orders.ts';
import type { Product } from '../../shared/schema/products.ts';
import type { Shipment } from '../../shared/schema/shipments.ts';
import { useDb } from '../app/db-context.tsx';
import { getHost } from '../host/host.ts';
import { useTranslate } from '../i18n/use-translate.ts';
import { useShipmentPrinting } from '../printing/usePrint.ts';
import { useScanner } from '../scanner/useScanner.ts';
import { suggestBox } from './boxes.ts';
import { canSetManualQuantity, completeAndShip, recordScan, setManualQuantity, undoLastScan, type PackView } from './commands.ts';
import { findOrderByNumber, useOrder, usePackContext, usePackScreenClaim, useProductIndex, useSite } from './hooks.ts';
import { ManualCountModal } from './ManualCountModal.tsx';
import { completeErrorMessage, decisionMessage } from './messages.ts';
import { PackActions } from './PackActions.tsx';
import { PackLines } from './PackLines.tsx';
import { completeRefusal, type CompleteRefusal } from './readiness.ts';
import { ReadOnlyPanel } from './ReadOnlyPanel.tsx';
import { isFullyPacked, isPackable, packedSoFar } from './scan.ts';
import { sessionQuantities, usePackSession } from './session.ts';
import { ShippedPanel } from './ShippedPanel.tsx';
import { playBad, playGood } from './sound.ts';
import { useOrderShipments } from '../app/use-order-shipments.ts';

/** Ctrl+Z belongs to a field only while it holds text to undo; an empty field leaves it to the scans. */
function fieldWantsUndo(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return target.value !== '';
  return target instanceof HTMLElement && target.isContentEditable;
}

const NO_SIZE = { lengthMm: 0, widthMm: 0, heightMm: 0 };

/**
 * The carton for what is left to ship of an order, from its products' sizes in the catalog;
 * null when a product's size is unknown (the screen then starts on Medium, as before).
 */
function suggestedBoxFor(order: Order, products: readonly Product[]): string | null {
  const byId = new Map(products.map((p) => [p.id, p]));
  return (
    suggestBox(order.lines.map((l) => ({ dimensions: byId.get(l.productId)?.dimensions ?? NO_SIZE, quantity: l.quantity - packedSoFar(order, l.lineId, new Map()) })))?.code ??
    null
  );
}

/** Packing one order: scan every item, choose the box, weigh, complete and ship. */
export function PackScreen({ orderId }: { orderId: string }): ReactNode {
  const t = useTranslate('packing');
  const db = useDb();
  const navigate = useNavigate();
  const order = useOrder(orderId);
  const catalog = useProductIndex();
  const ctx = usePackContext();
  const session = usePackSession((s) => s.sessions[orderId]);
  const feedback = usePackSession((s) => (s.feedback?.orderId === orderId ? s.feedback : null));
  const qty = useMemo(() => sessionQuantities(session), [session]);
  const site = useSite(ctx?.siteId);
  const printer = useShipmentPrinting();
  // The box the packer chose; until then, the one suggested for the order's items.
  const [chosenBox, setBox] = useState<string | null>(null);
  const suggested = useMemo(() => (order && catalog ? suggestedBoxFor(order, catalog.products) : null), [order, catalog]);
  const box = chosenBox ?? suggested ?? 'M';
  const [weight, setWeight] = useState<number | string>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shipped, setShipped] = useState<{ order: Order; shipment: Shipment } | null>(null);
  const [countLine, setCountLine] = useState<string | null>(null);
  // Why the last Ctrl+Enter could not ship; said until the packer has done what it asks.
  const [refusal, setRefusal] = useState<CompleteRefusal | null>(null);
  const weightRef = useRef<HTMLInputElement>(null);
  // Set from the first key to the end of shipping: `busy` is state, seen by a second key only after a render.
  const shipping = useRef(false);
  // A shipped order scanned again shows its shipments (tracking number, print again).
  const shipments = useOrderShipments(orderId);
  usePackScreenClaim();

  // The scan handler reads the latest view without waiting for a render.
  const view = useRef<PackView | null>(null);
  // Scans that arrive while the order or the catalog is still loading wait here, in order.
  const pending = useRef<string[]>([]);
  useEffect(() => () => usePackSession.getState().clearFeedback(), []);

  /** Opens another order's pack screen; true if the code was an order number at all. */
  const openOther = (id: string | null) => {
    if (id !== null && id !== orderId) void navigate({ to: '/pack/$orderId', params: { orderId: id } });
    return id !== null;
  };

  const handleScan = (code: string) => {
    const v = view.current;
    if (v === null && (order === undefined || catalog === null)) {
      pending.current.push(code);
      return;
    }
    // Not an item code: perhaps another order's number (scanned to switch orders).
    if (v === null || shipped !== null || (!/^\d+$/.test(code) && !v.products.byCode.has(code))) {
      if (ctx === null) return;
      findOrderByNumber(db, ctx.siteId, code).then(
        (id) => {
          if (!openOther(id) && v !== null && shipped === null) {
            recordScan(v, code);
            playBad();
          }
        },
        () => undefined,
      );
      return;
    }
    // Synchronous from here to the store update: the line ticks in the next frame.
    const d = recordScan(v, code);
    if (d.ok) playGood();
    else playBad();
  };
  useScanner(handleScan);
  useLayoutEffect(() => {
    view.current = order && catalog ? { order, products: catalog.index } : null;
    if (view.current !== null && pending.current.length > 0) {
      const waiting = pending.current;
      pending.current = [];
      for (const code of waiting) handleScan(code);
    }
  });

  // A shipped, cancelled or held order is shown read-only: nothing of it counts as "packed" here.
  const packable = order ? isPackable(order) : false;
  const fullyPacked = order && packable ? isFullyPacked(order, qty) : false;
  const weightGrams = typeof weight === 'number' ? weight : Number(weight);
  // A shipment started and not finished is finished as it was planned: its box and weight stand.
  const planned = session?.plan?.shipment.packages[0] ?? null;
  const shownBox = planned?.box ?? box;
  const shownWeight = planned?.weightGrams ?? weight;
  const canComplete = fullyPacked && (planned !== null || completeRefusal(fullyPacked, weightGrams) === null) && !busy && shipped === null;
  const refused = refusal !== null && shipped === null && planned === null && completeRefusal(fullyPacked, weightGrams) === refusal ? refusal : null;

  const complete = async () => {
    if (ctx === null || !packable || busy || shipping.current || shipped !== null) return;
    // Ctrl+Enter too early says what is missing, where the packer is looking, instead of nothing.
    // From the session store, not the last render: Ctrl+Enter can come right after the last scan.
    const now = usePackSession.getState().sessions[orderId];
    const packedNow = order !== undefined && order !== null && isFullyPacked(order, sessionQuantities(now));
    const why = now?.plan != null ? null : completeRefusal(packedNow, weightGrams);
    setRefusal(why);
    if (why !== null) {
      if (why === 'bad_weight') weightRef.current?.focus();
      return;
    }
    shipping.current = true;
    setBusy(true);
    setError(null);
    try {
      const r = await completeAndShip(db, ctx, orderId, { box, weightGrams });
      if (!r.ok) {
        setError(completeErrorMessage(t, r.reason));
        return;
      }
      setShipped({ order: r.order, shipment: r.shipment });
      await printer.print(r.order, site, r.shipment);
    } catch (err) {
      // The store refused the write (full disk, a broken database): nothing was shipped. The
      // technical reason goes to the log; the packer gets what to do, in their language.
      const message = err instanceof Error ? err.message : String(err);
      getHost().log({ level: 'error', message: `complete and ship ${order?.number ?? orderId}: the local store refused the write: ${message}` });
      setError(t('errors.write_failed'));
    } finally {
      shipping.current = false;
      setBusy(false);
    }
  };
  const undo = () => {
    if (undoLastScan(orderId) === null) playBad();
  };

  const keys = useRef({ complete, undo });
  useLayoutEffect(() => {
    keys.current = { complete, undo };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const undoKey = e.key === 'F9' || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !fieldWantsUndo(e.target));
      if (undoKey) {
        e.preventDefault();
        keys.current.undo();
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void keys.current.complete();
      }
    };
    // Capture phase: fields (the weight's number input) must not swallow the station's shortcuts.
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);

  if (order === undefined || catalog === null) return <Center h="60vh"><Loader size="xl" aria-label={t('pack.loading')} /></Center>;
  if (order === null) return <Center h="60vh"><Text fz="xl" data-testid="pack-not-found">{t('pack.notFound')}</Text></Center>;

  // Once shipped, a wrong scan made before it is history: the screen says "Shipped", not red.
  const wrong = shipped === null && feedback !== null && !feedback.decision.ok;
  const lastLine = feedback?.decision.ok === true ? feedback.decision.lineId : null;
  const total = order.lines.reduce((s, l) => s + l.quantity, 0);
  const done = order.lines.reduce((s, l) => s + Math.min(l.quantity, packedSoFar(order, l.lineId, qty)), 0);
  const isLeadNow = canSetManualQuantity(ctx?.staff ?? null);
  const lineForCount = order.lines.find((l) => l.lineId === countLine);

  return (
    <Box p="lg" mih="calc(100vh - 120px)" bg={wrong ? 'red.8' : undefined} c={wrong ? 'white' : undefined} data-testid="pack-screen" data-order-id={orderId} data-wrong={wrong}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Button variant={wrong ? 'white' : 'default'} color="dark" onClick={() => void navigate({ to: '/pack' })} data-testid="pack-back">{t('pack.back')}</Button>
            <Title order={1} data-testid="pack-title">{t('pack.title', { number: order.number })}</Title>
          </Group>
          <Text fz="xl" fw={800} data-testid="pack-progress">{t('pack.progress', { done, total })}</Text>
        </Group>
        <Text fz="lg">{order.customerName} · {order.shippingAddress.city} ({order.shippingAddress.country})</Text>
        {shipped === null && (packable || feedback !== null) && (
          <Box p="md" bg={wrong ? 'red.9' : feedback?.decision.ok ? 'teal.1' : 'gray.1'} style={{ borderRadius: 8 }} data-testid="pack-feedback" data-seq={feedback?.seq ?? 0} data-kind={feedback === null ? 'none' : wrong ? 'error' : 'ok'} role="status" aria-live="assertive">
            <Text fz={wrong ? 34 : 24} fw={900}>
              {feedback === null ? t(fullyPacked ? 'pack.allPacked' : 'pack.scanHint') : feedback.decision.ok ? t('pack.good', { name: order.lines.find((l) => l.lineId === lastLine)?.name ?? '', packed: feedback.decision.packed, expected: feedback.decision.expected }) : decisionMessage(t, feedback.decision)}
            </Text>
          </Box>
        )}
        {session?.plan != null && packable && shipped === null && <Text fz="lg" fw={700}>{t('pack.resume')}</Text>}
        {shipped !== null ? (
          <ShippedPanel shipment={shipped.shipment} printing={printer.printing} report={printer.report} onReprint={() => void printer.print(shipped.order, site, shipped.shipment)} onNext={() => void navigate({ to: '/pack' })} {...(printer.canDownload ? { onDownload: printer.download } : {})} />
        ) : !packable && !busy ? (
          // (While shipping, the order turns "shipped" a moment before the shipped panel shows.)
          <ReadOnlyPanel order={order} site={site} shipments={shipments} onNext={() => void navigate({ to: '/pack' })} onOrderPage={() => void navigate({ to: '/orders/$orderId', params: { orderId } })} />
        ) : (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <PackLines order={order} session={qty} products={catalog.products} siteId={ctx?.siteId ?? ''} lastLineId={lastLine} {...(isLeadNow ? { onSetCount: setCountLine } : {})} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <PackActions box={shownBox} suggestedBox={suggested} onBox={setBox} weight={shownWeight} onWeight={setWeight} settled={planned !== null} canUndo={(session?.actions.length ?? 0) > 0 && session?.plan == null} onUndo={undo} canComplete={canComplete} focusWeight={fullyPacked} weightRef={weightRef} busy={busy} onComplete={() => void complete()} error={error ?? (refused === null ? null : t(`errors.${refused}`))} />
            </Grid.Col>
          </Grid>
        )}
      </Stack>
      {lineForCount !== undefined && ctx !== null && (
        <ManualCountModal
          line={lineForCount}
          min={packedSoFar(order, lineForCount.lineId, new Map())}
          current={packedSoFar(order, lineForCount.lineId, qty)}
          onClose={() => setCountLine(null)}
          onSave={(n) => {
            const r = setManualQuantity(ctx, { order, products: catalog.index }, lineForCount.lineId, n);
            if (r.ok) {
              setCountLine(null);
              // The last scan's sentence no longer describes the line.
              usePackSession.getState().clearFeedback();
            }
            return r.ok ? null : t(`errors.${r.reason}`, { min: packedSoFar(order, lineForCount.lineId, new Map()), max: lineForCount.quantity });
          }}
        />
      )}
    </Box>
  );
}
