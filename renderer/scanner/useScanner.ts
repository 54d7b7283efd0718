import { useEffect, useLayoutEffect, useRef } from 'react';
import { subscribeScans } from './bus.ts';

/**
 * Calls `onScan(code)` for every scanner burst, wherever focus is, while the component is
 * mounted. The latest callback is used without resubscribing, so inline closures are fine.
 */
export function useScanner(onScan: (code: string) => void): void {
  const ref = useRef(onScan);
  useLayoutEffect(() => {
    ref.current = onScan;
  });
  useEffect(() => subscribeScans((scan) => ref.current(scan.code)), []);
}
