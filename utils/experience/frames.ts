import { browser } from 'wxt/browser';
import { seaTab } from '../snippets/panel';
import { captureMessage, inspectMessage, outlineMessage, type InspectReport, type PageContext } from './inspect-types';

export interface PageFrame {
  frameId: number;
  href: string;
  /** SEA Kit's page script runs in it (the frame's address is a configured site). */
  running: boolean;
}

/** The frames of the SEA tab the side panel works on, top frame first. */
export async function listFrames(): Promise<{ tabId: number; frames: PageFrame[] } | undefined> {
  const tabId = await seaTab().catch(() => undefined);
  if (tabId === undefined) return undefined;
  const results = await browser.scripting
    .executeScript({
      target: { tabId, allFrames: true },
      // Runs in SEA Kit's isolated world, where the page script marks itself started.
      func: () => ({ href: location.href, running: !!(window as { seaKitStarted?: boolean }).seaKitStarted }),
    })
    .catch(() => []);
  const frames = results
    .filter((r) => r.result)
    .map((r) => ({ frameId: r.frameId, ...(r.result as { href: string; running: boolean }) }))
    .sort((a, b) => a.frameId - b.frameId);
  return { tabId, frames };
}

export async function inspect(tabId: number, frameId: number, outline?: boolean): Promise<InspectReport | undefined> {
  const message = outline === undefined ? { type: inspectMessage.type } : { type: outlineMessage.type, on: outline };
  return ((await browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => undefined)) ?? undefined) as InspectReport | undefined;
}

/** The view, site and labels of the SEA page's top frame (or the given frame), and its structure screenshot when asked. */
export async function pageContext(screenshot: boolean, frameId = 0): Promise<PageContext | undefined> {
  const tabId = await seaTab().catch(() => undefined);
  if (tabId === undefined) return undefined;
  return ((await browser.tabs.sendMessage(tabId, { type: captureMessage.type, screenshot }, { frameId }).catch(() => undefined)) ?? undefined) as PageContext | undefined;
}
