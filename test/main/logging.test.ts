import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, createRotatingFile } from '../../main/logging.ts';

describe('station log', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'packline-logs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rolls the file over by size and keeps only the newest few', async () => {
    const file = createRotatingFile(path.join(dir, 'packline.log'), { maxBytes: 100, keep: 2 });
    for (let i = 0; i < 10; i++) file.write(`${String(i).padStart(2, '0')} ${'x'.repeat(36)}\n`); // 40 bytes a line
    file.close();
    expect((await readdir(dir)).sort()).toEqual(['packline.1.log', 'packline.2.log', 'packline.log']);
    // Two lines fit in 100 bytes: the newest two are current, the ones before are rolled.
    expect(await readFile(path.join(dir, 'packline.log'), 'utf8')).toMatch(/^08 x+\n09 x+\n$/);
    expect(await readFile(path.join(dir, 'packline.1.log'), 'utf8')).toMatch(/^06 x+\n07 x+\n$/);
    expect(await readFile(path.join(dir, 'packline.2.log'), 'utf8')).toMatch(/^04 x+\n05 x+\n$/);
  });

  it('appends to the existing file across restarts', async () => {
    const first = createRotatingFile(path.join(dir, 'packline.log'), { maxBytes: 1000, keep: 2 });
    first.write('one\n');
    first.close();
    const second = createRotatingFile(path.join(dir, 'packline.log'), { maxBytes: 1000, keep: 2 });
    second.write('two\n');
    second.close();
    expect(await readFile(path.join(dir, 'packline.log'), 'utf8')).toBe('one\ntwo\n');
  });

  it('writes JSON lines and redacts tokens', async () => {
    const log = createLogger({ dir });
    log.info({ siteId: 's1', token: 'tok_secret', context: { token: 'tok_nested' } }, 'Station configuration saved');
    log.flush();
    const [line] = (await readFile(path.join(dir, 'packline.log'), 'utf8')).trim().split('\n');
    const entry: unknown = JSON.parse(line ?? '{}');
    expect(entry).toMatchObject({ level: 30, msg: 'Station configuration saved', siteId: 's1', token: '[redacted]', context: { token: '[redacted]' } });
    expect(line).not.toContain('tok_');
  });
});
