// @vitest-environment node
/** startPackSubscriptions wiring: install/start-up, the alarm at the policy's interval, "check now", policy changes. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '~/utils/db';
import { CHECK_MESSAGE, PACK_ALARM, startPackSubscriptions } from '~/utils/packs/subscriptions';
import { MessageRouter } from '~/utils/messaging/router';
import { basePack, newSigner, signed } from './helpers';
import { readPackSnippets } from '~/utils/snippets/pack-rows';

let body = '';
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bao.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const installedVersion = async () => (await db.packs.get('bao-callback'))?.version;

it('checks on install, on the alarm and on request, follows the policy interval, and drops a withdrawn URL', async () => {
  fakeBrowser.reset();
  const lead = await newSigner();
  body = JSON.stringify(await signed(basePack(), lead));
  await fakeBrowser.storage.managed.set({ packUrls: [url], trustedKeys: [lead.publicKey], packPollMinutes: 15 });

  const router = new MessageRouter();
  router.listen();
  startPackSubscriptions(router);
  await expect.poll(async () => (await fakeBrowser.alarms.get(PACK_ALARM))?.periodInMinutes).toBe(15);

  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as any);
  await expect.poll(installedVersion, { timeout: 5000 }).toBe(3);
  expect(await db.subscriptions.get(url)).toMatchObject({ byPolicy: true, packId: 'bao-callback' });

  body = JSON.stringify(await signed(basePack({ version: 4 }), lead));
  await fakeBrowser.alarms.onAlarm.trigger({ name: PACK_ALARM, scheduledTime: Date.now() });
  await expect.poll(installedVersion, { timeout: 5000 }).toBe(4);

  body = JSON.stringify(await signed(basePack({ version: 5 }), await newSigner()));
  const optionsPage = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
  const reply: any = await new Promise((resolve) => void fakeBrowser.runtime.onMessage.trigger({ type: CHECK_MESSAGE }, optionsPage, resolve));
  expect(reply.ok).toBe(true);
  expect(reply.value).toEqual([{ url, status: 'error', error: expect.stringContaining('不在管理员信任的公钥列表中') }]);
  expect(await installedVersion()).toBe(4);

  await fakeBrowser.storage.managed.set({ packUrls: [], packPollMinutes: 60 });
  await expect.poll(installedVersion, { timeout: 5000 }).toBeUndefined();
  expect(await db.subscriptions.count()).toBe(0);
  expect(await readPackSnippets(db, 'bao-callback').then((r) => r.length)).toBe(0);
  await expect.poll(async () => (await fakeBrowser.alarms.get(PACK_ALARM))?.periodInMinutes).toBe(60);
});
