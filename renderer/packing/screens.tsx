/** Route entry points for the pack station (imported by renderer/app/router.tsx). */
import type { ReactNode } from 'react';
import { PackQueue } from './PackQueue.tsx';
import { PackScreen as PackOrder } from './PackScreen.tsx';

export function PackQueueScreen(): ReactNode {
  return <PackQueue />;
}

export function PackScreen({ orderId }: { orderId: string }): ReactNode {
  // Keyed by order: switching orders by scan starts from a clean screen state.
  return <PackOrder key={orderId} orderId={orderId} />;
}

export { useOrderScanNavigation } from './hooks.ts';
