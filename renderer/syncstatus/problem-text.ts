import type { TFunction } from 'i18next';
import { isCollectionName } from '../../shared/schema/collections.ts';
import { isRefusalRule } from '../../shared/sync/protocol.ts';
import type { SyncProblem } from '../sync/status.ts';

/**
 * A sync failure in the station's language: which work failed (downloading orders, live
 * updates…) and why, with the server's own reason where it gave one. The technical English
 * (SyncProblem.message) stays for the tooltip and the log.
 */
export function problemText(t: TFunction<'sync'>, p: SyncProblem): string {
  const what =
    p.action === 'start' || p.collection === null
      ? t('doing.start')
      : p.action === 'stream'
        ? t('doing.stream')
        : t(`doing.${p.action}`, { collection: t(`inText.${p.collection}`) });
  return t(`problem.${p.kind}`, { what, status: p.status ?? '', detail: p.detail, seconds: p.seconds ?? '' });
}

/** Why the server refused a write, in the station's language; the server's own words are its `message`. */
export function refusalText(t: TFunction<'sync'>, rule: string): string {
  return t(`refusalRules.${isRefusalRule(rule) ? rule : 'other'}`);
}

/** A collection's name as the Sync page lists it, or the name itself when this app does not know it. */
export function collectionLabel(t: TFunction<'sync'>, name: string): string {
  return isCollectionName(name) ? t(`collections.${name}`) : name;
}
