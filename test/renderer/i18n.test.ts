import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES_DIR = join(import.meta.dirname, '../../renderer/i18n/locales');
const LANGS = ['en', 'es', 'it'] as const;
/** CLDR plural suffixes: languages need different sets, so compare keys without them. */
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Flat = Map<string, string>;

function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else {
    out.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return out;
}

function load(lang: string, ns: string): Flat {
  const text = readFileSync(join(LOCALES_DIR, lang, `${ns}.json`), 'utf8');
  return flatten(JSON.parse(text) as unknown, '', new Map());
}

function namespacesOf(lang: string): string[] {
  return readdirSync(join(LOCALES_DIR, lang))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

function base(m: Flat): Set<string> {
  return new Set([...m.keys()].map((k) => k.replace(PLURAL, '')));
}


const allNamespaces = [...new Set(LANGS.flatMap(namespacesOf))].sort();

describe('translations', () => {
  it('finds namespaces', () => {
    expect(allNamespaces).toContain('common');
  });

  it.each(LANGS)('%s has every namespace', (lang) => {
    expect(namespacesOf(lang)).toEqual(allNamespaces);
  });

  describe.each(allNamespaces)('namespace %s', (ns) => {
    const byLang = new Map(LANGS.map((l) => [l, namespacesOf(l).includes(ns) ? load(l, ns) : new Map<string, string>()]));
    const every = [...new Set(LANGS.flatMap((l) => [...base(byLang.get(l) ?? new Map())]))].sort();

    it.each(LANGS)('%s has every key, none empty', (lang) => {
      const flat = byLang.get(lang) ?? new Map<string, string>();
      const missing = every.filter((k) => !base(flat).has(k));
      const empty = [...flat].filter(([, v]) => v.trim() === '').map(([k]) => k);
      expect({ missing, empty }).toEqual({ missing: [], empty: [] });
    });
  });
});
