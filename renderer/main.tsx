import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/notifications.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createAppRouter } from './app/router.tsx';
import { getHost } from './host/host.ts';
import { cssVariablesResolver, theme } from './app/theme.ts';
import { changeLocale, initI18n } from './i18n/index.ts';
import { useSessionStore } from './session/store.ts';

// What the screens did not catch goes to the station's log, not only to a console nobody sees.
window.addEventListener('error', (e) => {
  getHost().log({ level: 'error', message: `uncaught: ${e.message || String(e.error)}`, context: { source: e.filename, line: e.lineno } });
});
window.addEventListener('unhandledrejection', (e) => {
  const reason: unknown = e.reason;
  getHost().log({ level: 'error', message: `unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}` });
});

const i18n = initI18n(useSessionStore.getState().locale);
document.documentElement.lang = useSessionStore.getState().locale;
useSessionStore.subscribe((s, prev) => {
  if (s.locale !== prev.locale) void changeLocale(s.locale);
});

// A browser keeps the app's files for opening again offline (renderer/sw); the desktop app
// loads them from its own protocol and needs no worker.
if (import.meta.env.PROD && getHost().kind === 'browser' && 'serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  navigator.serviceWorker.register('/sw.js').catch((err: unknown) => {
    getHost().log({ level: 'warn', message: `the offline app shell could not be installed: ${err instanceof Error ? err.message : String(err)}` });
  });
}

const router = createAppRouter();
const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
        {/* Below the header (app/notifications.css), clear of the navigation and of the sync bar. */}
        <Notifications position="top-right" />
        <RouterProvider router={router} />
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
