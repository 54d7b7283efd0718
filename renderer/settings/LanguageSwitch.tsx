import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { LOCALES, useSessionStore } from '../session/store.ts';

/**
 * The language, switchable before anyone signs in (first run, and the header until someone
 * signs in: Settings asks for a signed-in person). Labelled in every language it offers:
 * whoever needs it may not read the language it is in. `onDark`: on the dark header.
 */
export function LanguageSwitch({ testId, onDark }: { testId: string; onDark: boolean }): ReactNode {
  const locale = useSessionStore((s) => s.locale);
  return (
    <Group gap={4} wrap="nowrap" role="group" aria-label="Language · Idioma · Lingua" data-testid={testId}>
      {LOCALES.map((l) => (
        <Button
          key={l}
          size="sm"
          lang={l}
          variant={l === locale ? 'filled' : onDark ? 'outline' : 'default'}
          color={l === locale || !onDark ? undefined : 'gray.0'}
          aria-pressed={l === locale}
          onClick={() => useSessionStore.getState().setLocale(l)}
          data-testid={`${testId}-${l}`}
        >
          {l.toUpperCase()}
        </Button>
      ))}
    </Group>
  );
}
