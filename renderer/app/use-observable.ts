import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/**
 * The latest value of an observable (an RxDB query's `$`). `make` runs again when `deps`
 * change; the previous subscription ends first.
 */
export function useObservable<T>(make: () => Observable<T> | null, initial: T, deps: readonly unknown[]): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const source = make();
    if (source === null) return undefined;
    const sub = source.subscribe(setValue);
    return () => sub.unsubscribe();
    // The caller lists what `make` depends on, as with useMemo.
    // oxlint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
