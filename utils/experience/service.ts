import { browser } from 'wxt/browser';
import { loadSettings } from '../settings-store';
import { sendQueued } from './reports';
import { recordTiming } from './timings';
import { timingMessage, type Touchpoint } from './touchpoints';
import { declareMessage } from '../messaging/protocol';
import type { MessageRouter } from '../messaging/router';

export interface SendOutcome {
  sent: number;
  left: number;
  error?: string;
}
/** 立即发送 in the side panel's 体验反馈 tab. */
export const sendReportsMessage = declareMessage<SendOutcome>()('seakit:experience/send', ['extension'], {});
const ALARM = 'seakit-experience-send';
/** The keyboard shortcut (manifest commands) that opens the report form beside any SEA page. */
export const REPORT_COMMAND = 'experience-report';

let sending: Promise<SendOutcome> | null = null;

/** One round at a time: the alarm and a click on 立即发送 never post the same report twice. */
export function sendNow(): Promise<SendOutcome> {
  sending ??= loadSettings()
    .then(({ settings }) => (settings.experienceEndpoint ? sendQueued(settings.experienceEndpoint) : { sent: 0, left: 0 }))
    .finally(() => (sending = null));
  return sending;
}

/** Background: retries the queue every minute (offline for a day loses nothing), answers 立即发送, opens the form. */
export function startExperienceService(router: MessageRouter): void {
  void browser.alarms.create(ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void sendNow().catch(() => undefined);
  });
  router
    .on(timingMessage, ({ touchpoint, view, ms }) => recordTiming(view, touchpoint as Touchpoint, ms).then(() => true as const))
    .on(sendReportsMessage, () => sendNow());
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== REPORT_COMMAND || tab?.id === undefined) return;
    // Must stay synchronous up to open(): the shortcut's user gesture allows opening the panel.
    void browser.sidePanel.setOptions({ tabId: tab.id, path: 'sidepanel.html#report', enabled: true });
    void browser.sidePanel.open({ tabId: tab.id }).catch(() => undefined);
  });
}
