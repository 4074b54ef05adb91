import Dexie from 'dexie';
import { browser, type Browser } from 'wxt/browser';
import { siteFor } from '../settings';
import { loadSettings, onSettingsChanged } from '../settings-store';
import { answerMessages, fromExtensionPage, parseMessage, refusal, type MessageType, type Reply, type RequestOf, type Sender, type Shape } from './protocol';

type MessageSender = Browser.runtime.MessageSender;

interface Route {
  def: MessageType<Shape, unknown>;
  handle(request: never, sender: MessageSender): unknown;
}

/** IndexedDB's and Dexie's failures: the agent should hear it is the database, not "refresh". */
function isDatabaseError(error: unknown): boolean {
  if (error instanceof Dexie.DexieError) return true;
  const name = (error as Error | null)?.name ?? '';
  return ['QuotaExceededError', 'InvalidStateError', 'UnknownError', 'VersionError', 'DataError', 'TransactionInactiveError'].includes(name);
}

/**
 * The background's one runtime.onMessage listener. Each message is declared (protocol.ts) with its shape
 * and who may send it; the router refuses anything else with a code, and turns a handler's failure into
 * one too, so the picker and the side panel can say what went wrong.
 */
export class MessageRouter {
  private routes = new Map<string, Route>();
  private gestures = new Map<string, (sender: MessageSender) => void>();
  /** The sites, read once and again after a settings change: a sender check needs no storage read. */
  private sites: Promise<(url: string) => boolean> | null = null;

  constructor(private readonly runtime: Pick<typeof browser.runtime, 'id' | 'getURL'> = browser.runtime) {}

  /** Answers a declared message; adding a message is its declaration and this one call. */
  on<S extends Shape, Res>(def: MessageType<S, Res>, handle: (request: RequestOf<S>, sender: MessageSender) => Res | Promise<Res>): this {
    if (this.routes.has(def.type)) throw new Error(`message ${def.type} already has a handler`);
    this.routes.set(def.type, { def, handle: handle as Route['handle'] });
    return this;
  }

  /**
   * Something a declared message must do in the listener's own turn, before the (awaited) sender check:
   * Chrome lets sidePanel.open() follow a page click only while that click still counts as a user gesture.
   * It runs only for a well-formed message from this extension's own page script in a tab, and must be
   * harmless alone (opening the panel); the handler given to on() still does the work after the checks.
   */
  onGesture<S extends Shape>(def: MessageType<S, unknown>, act: (sender: MessageSender) => void): this {
    this.gestures.set(def.type, act);
    return this;
  }

  /** The gesture part of a message, synchronously (see onGesture). */
  gesture(message: unknown, sender: MessageSender): void {
    const route = this.routes.get((message as { type?: string } | null)?.type as string);
    const act = route && this.gestures.get(route.def.type);
    if (!act || sender.id !== this.runtime.id || sender.tab === undefined || !parseMessage(route.def, message)) return;
    try {
      act(sender);
    } catch (error) {
      console.warn('SEA Kit 后台处理消息失败', route.def.type, error);
    }
  }

  /** Registers the listener (once, from the background's main()). */
  listen(): void {
    onSettingsChanged(() => (this.sites = null));
    // Undefined, synchronously, for what has no route here: a listener returning true claims the answer.
    answerMessages((message, sender) => {
      if (!this.routes.has((message as { type?: string } | null)?.type as string)) return undefined;
      this.gesture(message, sender);
      return this.dispatch(message, sender);
    });
  }

  private isSeaFrame(url: string): Promise<boolean> {
    // The policy as the page scripts read it (the background keeps that copy): no multi-second managed read.
    this.sites ??= loadSettings({ cachedPolicy: true }).then(({ settings }) => (href: string) => siteFor(settings, href) !== undefined);
    return this.sites.then((test) => test(url));
  }

  /** Whether the sender is of a kind the message allows. */
  private async allowed(from: Sender[], sender: MessageSender): Promise<boolean> {
    if (sender.id !== this.runtime.id) return false;
    if (fromExtensionPage(sender, this.runtime)) return from.includes('extension');
    // A content script: SEA may run in an iframe, so the frame's own URL must be a configured site.
    // An editor's about:blank / srcdoc frame has no URL of its own: its origin (the SEA page's) stands in.
    const frameUrl = /^https?:/.test(sender.url ?? '') ? sender.url! : sender.origin ? `${sender.origin}/` : '';
    return from.includes('page') && sender.tab !== undefined && (await this.isSeaFrame(frameUrl));
  }

  /** The reply to one message; undefined for what is not SEA Kit's (another listener may answer). */
  async dispatch(message: unknown, sender: MessageSender): Promise<Reply<unknown> | undefined> {
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !type.startsWith('seakit:')) return undefined;
    const route = this.routes.get(type);
    // Not declared here: another listener (if any) answers it.
    if (!route) return undefined;
    if (!(await this.allowed(route.def.from, sender))) return refusal('forbidden');
    const request = parseMessage(route.def, message);
    if (!request) return refusal('bad-message', `消息 ${type} 格式不对`);
    try {
      return { ok: true, value: await route.handle(request as never, sender) };
    } catch (error) {
      console.warn('SEA Kit 后台处理消息失败', type, error);
      return refusal(isDatabaseError(error) ? 'database' : 'failed', (error as Error)?.message ?? String(error));
    }
  }
}
