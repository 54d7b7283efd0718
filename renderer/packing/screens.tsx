/** Route entry points for the pack station (imported by renderer/app/router.tsx). */
import { lazy, Suspense, type ReactNode } from 'react';
import { PackQueue } from './PackQueue.tsx';
import { loadPackScreen } from './lazy.ts';

// The queue preloads this chunk once it has shown its rows (lazy.ts).
const PackOrder = lazy(() => loadPackScreen().then((m) => ({ default: m.PackScreen })));

export function PackQueueScreen(): ReactNode {
  return <PackQueue />;
}

export function PackScreen({ orderId }: { orderId: string }): ReactNode {
  // Keyed by order: switching orders by scan starts from a clean screen state.
  return (
    <Suspense fallback={null}>
      <PackOrder key={orderId} orderId={orderId} />
    </Suspense>
  );
}

export { useOrderScanNavigation } from './hooks.ts';
