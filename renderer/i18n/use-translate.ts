import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Translate } from '../printing/text.ts';

/**
 * One namespace's i18next `t` as the plain `Translate` that the printing code (slips, labels,
 * print failures) takes, so it can also run on a bundled file without i18next (translatorFor).
 */
export function useTranslate(ns: 'packing' | 'settings'): Translate {
  const { t } = useTranslation(ns);
  return useCallback<Translate>((key, vars) => t(key, vars ?? {}), [t]);
}
