import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageCore } from '~/utils/page/core';
import { defineFeature } from '~/utils/page/feature';
import { coalesced } from '~/utils/coalesced';
import { defaultSettings, demoSite } from '~/utils/settings';
import { settle } from './helpers/page';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('page core stopped while starting', () => {
  it('never observes the page afterwards (no zombie core)', async () => {
    let release!: () => void;
    const started = new Promise<void>((resolve) => (release = resolve));
    const apply = vi.fn();
    const slow = defineFeature({
      id: 'copy-fields', title: '慢', description: '测试用', order: 0, fields: ['policyNo'],
      start: () => started,
      apply,
    });
    document.body.innerHTML = '<dl><dt>保单号</dt><dd>P1</dd></dl>';
    const core = new PageCore(demoSite, defaultSettings);
    const starting = core.start([slow]);
    core.stop();
    release();
    await starting;
    document.body.insertAdjacentHTML('beforeend', '<dl><dt>保单号</dt><dd>P2</dd></dl>');
    await settle();
    expect(apply).not.toHaveBeenCalled();
    expect(core.isRunning('copy-fields')).toBe(false);
  });

  it('an update after stop starts nothing', async () => {
    const start = vi.fn();
    const feature = defineFeature({ id: 'copy-fields', title: 'x', description: 'x', order: 0, start });
    const core = new PageCore(demoSite, defaultSettings);
    core.stop();
    await core.update([feature]);
    expect(start).not.toHaveBeenCalled();
  });
});

describe('coalesced settings sync', () => {
  it('runs one at a time and a burst of calls becomes one more run', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    const sync = coalesced(async () => {
      active++;
      most = Math.max(most, active);
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      active--;
    });
    const first = sync();
    const burst = [sync(), sync(), sync(), sync()];
    await Promise.all([first, ...burst]);
    expect(most).toBe(1);
    expect(runs).toBe(2);
    await sync();
    expect(runs).toBe(3);
  });

  it('goes on after a failed run', async () => {
    let runs = 0;
    const sync = coalesced(async () => {
      runs++;
      if (runs === 1) throw new Error('boom');
    });
    const first = sync().catch(() => 'failed');
    const second = sync();
    expect(await first).toBe('failed');
    await second;
    expect(runs).toBe(2);
  });
});
