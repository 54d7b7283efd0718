import { createBrowserHistory, createHashHistory, createRootRoute, createRoute, createRouter, Navigate, Outlet } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { getHost } from '../host/host.ts';
import { PackQueueScreen, PackScreen } from '../packing/screens.tsx';
import { useSessionStore } from '../session/store.ts';
import { Layout } from './Layout.tsx';
import { lazyScreen } from './lazy-screens.tsx';
import { StationRuntime } from './runtime.tsx';

const FirstRunScreen = lazyScreen(async () => (await import('../enrol/FirstRunScreen.tsx')).FirstRunScreen);
const EnrolScreen = lazyScreen(async () => (await import('../enrol/EnrolScreen.tsx')).EnrolScreen);
const OrdersScreen = lazyScreen(async () => (await import('../orders/screens.tsx')).OrdersScreen);
const OrderScreen = lazyScreen(async () => (await import('../orders/screens.tsx')).OrderScreen);
const SettingsScreen = lazyScreen(async () => (await import('../settings/SettingsScreen.tsx')).SettingsScreen);
const SignInScreen = lazyScreen(async () => (await import('../signin/SignInScreen.tsx')).SignInScreen);
const SyncPage = lazyScreen(async () => (await import('../syncstatus/SyncPage.tsx')).SyncPage);

/** Without a station only first run and enrolment exist; with one, everything runs over its store. */
function Root(): ReactNode {
  const station = useSessionStore((s) => s.station);
  if (station === null) return <Outlet />;
  return (
    <StationRuntime station={station}>
      <Layout>
        <Outlet />
      </Layout>
    </StationRuntime>
  );
}

function RequireStation({ children }: { children: ReactNode }): ReactNode {
  const station = useSessionStore((s) => s.station);
  return station === null ? <Navigate to="/" /> : children;
}

/** Screens that act for a person: the packer signs in first. */
function RequireStaff({ children }: { children: ReactNode }): ReactNode {
  const station = useSessionStore((s) => s.station);
  const staff = useSessionStore((s) => s.staff);
  if (station === null) return <Navigate to="/" />;
  return staff === null ? <Navigate to="/signin" /> : children;
}

function Home(): ReactNode {
  const station = useSessionStore((s) => s.station);
  const staff = useSessionStore((s) => s.staff);
  if (station === null) return <FirstRunScreen />;
  if (staff === null) return <Navigate to="/signin" />;
  // A person session (the browser manager) has no pack bench: it starts at the orders.
  if (station.principal === 'person') return <Navigate to="/orders" />;
  return <PackQueueScreen />;
}

const rootRoute = createRootRoute({ component: Root });
const routes = [
  createRoute({ getParentRoute: () => rootRoute, path: '/', component: Home }),
  createRoute({ getParentRoute: () => rootRoute, path: '/enrol', component: EnrolScreen }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/signin',
    component: () => {
      const staff = useSessionStore((s) => s.staff);
      return <RequireStation>{staff === null ? <SignInScreen /> : <Navigate to="/" />}</RequireStation>;
    },
  }),
  createRoute({ getParentRoute: () => rootRoute, path: '/pack', component: () => <RequireStaff><PackQueueScreen /></RequireStaff> }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/pack/$orderId',
    component: function PackRoute() {
      const { orderId } = packRoute.useParams();
      return <RequireStaff><PackScreen orderId={orderId} /></RequireStaff>;
    },
  }),
  createRoute({ getParentRoute: () => rootRoute, path: '/orders', component: () => <RequireStaff><OrdersScreen /></RequireStaff> }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/orders/$orderId',
    component: function OrderRoute() {
      const { orderId } = orderRoute.useParams();
      return <RequireStaff><OrderScreen orderId={orderId} /></RequireStaff>;
    },
  }),
  createRoute({ getParentRoute: () => rootRoute, path: '/sync', component: () => <RequireStation><SyncPage /></RequireStation> }),
  // Settings changes the station for everyone who uses it: someone signs in first (the sign-in
  // screen's header switches the language; first run has its own switch).
  createRoute({ getParentRoute: () => rootRoute, path: '/settings', component: () => <RequireStaff><SettingsScreen /></RequireStaff> }),
] as const;
const packRoute = routes[4];
const orderRoute = routes[6];

/**
 * Electron loads app://packline/index.html, whose path is not a route: it routes by hash.
 * The browser host is served at / with a fallback to index.html, so it routes by path.
 */
export function createAppRouter() {
  return createRouter({
    routeTree: rootRoute.addChildren([...routes]),
    history: getHost().kind === 'electron' ? createHashHistory() : createBrowserHistory(),
    defaultPreload: false,
  });
}

declare module '@tanstack/react-router' {
  // oxlint-disable-next-line typescript/consistent-type-definitions -- the router's registration is an interface merge.
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
