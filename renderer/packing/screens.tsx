/** Route entry points for the pack station (imported by renderer/app/router.tsx). */
import type { ReactNode } from 'react';
import { lazyScreen } from '../app/lazy-screens.tsx';
import { PackQueue } from './PackQueue.tsx';

// The pack screen and its printing are a chunk of their own, preloaded once the queue is up.
const PackOrder = lazyScreen(async () => (await import('./PackScreen.tsx')).PackScreen);

export function PackQueueScreen(): ReactNode {
  return <PackQueue />;
}

export function PackScreen({ orderId }: { orderId: string }): ReactNode {
  // Keyed by order: switching orders by scan starts from a clean screen state.
  return <PackOrder key={orderId} orderId={orderId} />;
}

export { useOrderScanNavigation } from './hooks.ts';
