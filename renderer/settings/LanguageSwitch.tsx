import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { LOCALES, useSessionStore } from '../session/store.ts';

/**
 * The language, switchable before anyone signs in: Settings asks for a signed-in person, and
 * whoever stands at the sign-in screen may not read the language it is in. Labelled in every
 * language it offers, as on the first-run screen.
 */
export function LanguageSwitch(): ReactNode {
  const locale = useSessionStore((s) => s.locale);
  return (
    <Group gap={4} wrap="nowrap" role="group" aria-label="Language · Idioma · Lingua" data-testid="header-locale">
      {LOCALES.map((l) => (
        <Button
          key={l}
          size="sm"
          lang={l}
          variant={l === locale ? 'filled' : 'outline'}
          color={l === locale ? undefined : 'gray.0'}
          aria-pressed={l === locale}
          onClick={() => useSessionStore.getState().setLocale(l)}
          data-testid={`header-locale-${l}`}
        >
          {l.toUpperCase()}
        </Button>
      ))}
    </Group>
  );
}
