import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

const loaders: (() => Promise<unknown>)[] = [];

/**
 * A screen loaded on first use: the bundle a station starts with holds the pack queue and the
 * frame, not the pack screen's printing (barcodes, PDF), the orders search, settings, the
 * sync page, sign-in (argon2) or enrolment. preloadScreens() loads them all once the first
 * screen is up, so a browser station that then loses the network still opens every screen.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): (props: P) => ReactNode {
  loaders.push(load);
  const Screen = lazy(async () => ({ default: await load() }));
  return function LazyScreen(props: P): ReactNode {
    return (
      <Suspense fallback={null}>
        <Screen {...props} />
      </Suspense>
    );
  };
}

/** Loads every lazy screen's code now (a failure is retried when the screen is opened). */
export function preloadScreens(): void {
  for (const load of loaders) void load().catch(() => {});
}
