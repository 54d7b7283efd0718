import type { Page } from '@playwright/test';

/**
 * A disk that fills up under one collection's store: once `refuseWritesTo(page, name)` is set,
 * every IndexedDB put into a database whose name ends in `--<name>` (RxDB's Dexie storage names
 * one database per collection that way) throws QuotaExceededError, as a full disk makes it.
 * The app's own write path runs; only the browser's answer is changed.
 */
export async function installFullDisk(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const put = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put');
    if (put === undefined) return;
    Object.defineProperty(IDBObjectStore.prototype, 'put', {
      ...put,
      value(this: IDBObjectStore, ...args: unknown[]) {
        const refused: unknown = Reflect.get(window, 'packlineRefuseWrites');
        if (typeof refused === 'string' && this.transaction.db.name.endsWith(`--${refused}`)) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return Reflect.apply(put.value, this, args);
      },
    });
  });
}

/** From now on, writes into the collection `name` fail as on a full disk; null: the disk has room again. */
export async function refuseWritesTo(page: Page, name: string | null): Promise<void> {
  await page.evaluate((n) => Reflect.set(window, 'packlineRefuseWrites', n), name);
}
