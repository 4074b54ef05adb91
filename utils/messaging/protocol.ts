import { browser, type Browser } from 'wxt/browser';

/**
 * What travels between SEA Kit's parts, and how a refusal or failure reads to the agent. Small and free of
 * background code: the page script and the extension pages import it to send; the background's
 * router (router.ts) answers.
 */

/** Who may send a message: the page script in a SEA site's frame, or an extension page (options, side panel). */
export type Sender = 'page' | 'extension';

/** Field types a message may carry; a trailing ? makes the field optional. */
type FieldType = 'string' | 'number' | 'boolean' | 'string[]';
export type Shape = Record<string, FieldType | `${FieldType}?`>;

type TypeOf<T extends string> = T extends 'string' ? string : T extends 'number' ? number : T extends 'boolean' ? boolean : string[];
type Optional<S extends Shape> = { [K in keyof S]: S[K] extends `${string}?` ? K : never }[keyof S];

/** The request a shape describes: { rev: 'string?' } is { rev?: string }. */
export type RequestOf<S extends Shape> = { [K in Exclude<keyof S, Optional<S>>]: TypeOf<S[K] & string> } & {
  [K in Optional<S>]?: TypeOf<S[K] extends `${infer T}?` ? T : never>;
};

/** Why a message got no answer. */
export type FailureCode = 'bad-message' | 'forbidden' | 'database' | 'failed' | 'stale';

export type Reply<T> = { ok: true; value: T } | { ok: false; code: FailureCode; error: string };

/** What the agent reads for each cause, in the picker and the side panel. */
export const failureText: Record<FailureCode, string> = {
  'bad-message': '扩展版本不一致，请刷新页面',
  forbidden: '无权限：此页面不在 SEA 站点设置中',
  database: '数据库出错，请稍后重试或重启浏览器',
  failed: 'SEA Kit 后台出错，请稍后重试',
  stale: '扩展已更新，请刷新页面',
};

export class MessageError extends Error {
  constructor(readonly code: FailureCode, detail?: string) {
    super(detail ? `${failureText[code]}（${detail}）` : failureText[code]);
  }
}

/** A message's declaration as senders see it: its type, its shape, and (as a type only) its answer. */
export interface MessageType<S extends Shape, Res> {
  type: string;
  shape: S;
  from: Sender[];
  /** Never set: carries the answer's type for `ask`. */
  readonly answer?: Res;
}

function hasType(value: unknown, type: string): boolean {
  const [base, optional] = type.endsWith('?') ? [type.slice(0, -1), true] : [type, false];
  if (value === undefined) return optional;
  if (base === 'string[]') return Array.isArray(value) && value.every((v) => typeof v === 'string');
  return typeof value === base;
}

/** The message when it has exactly the declared fields of the declared types, else null. */
export function parseMessage<S extends Shape>(def: MessageType<S, unknown>, message: unknown): RequestOf<S> | null {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  const fields = message as Record<string, unknown>;
  if (fields.type !== def.type) return null;
  for (const key of Object.keys(fields)) if (key !== 'type' && !(key in def.shape)) return null;
  for (const [key, type] of Object.entries(def.shape)) if (!hasType(fields[key], type)) return null;
  return fields as RequestOf<S>;
}

export function refusal(code: FailureCode, error = ''): Reply<never> {
  return { ok: false, code, error };
}

/** A message from one of the extension's own pages (options, side panel), not from a web page's script. */
export function fromExtensionPage(
  sender: { id?: string; url?: string },
  runtime: { id: string; getURL(path: string): string } = browser.runtime,
): boolean {
  return sender.id === runtime.id && !!sender.url?.startsWith(runtime.getURL('/'));
}

/** A runtime.onMessage answer: its reply's promise, or undefined (in the same turn) for a message not its own. */
export type MessageAnswer = (message: unknown, sender: Browser.runtime.MessageSender) => Promise<unknown> | undefined;

/**
 * Listens with Chrome's own runtime.onMessage (no webextension-polyfill: ~10 KB less to compile on every
 * SEA page, docs/performance.md). Chrome takes a reply through sendResponse, the listener returning true
 * to keep the channel open; a returned promise is no reply. undefined leaves the message to another
 * listener; a failed answer replies undefined (the asker reads it as no answer). Returns the unlisten.
 */
export function answerMessages(answer: MessageAnswer): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (reply?: unknown) => void) => {
    const reply = answer(message, sender);
    if (!reply) return undefined;
    reply.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Reads a reply: the value, or a MessageError saying why not. */
export function unwrap<T>(reply: unknown): T {
  const r = reply as Reply<T> | undefined;
  if (r && r.ok === true) return r.value;
  if (r && r.ok === false && r.code in failureText) throw new MessageError(r.code, r.error || undefined);
  // No router answered: the background is of another version than this page's script.
  throw new MessageError('stale');
}

/**
 * Sends a declared message and returns its answer. A rejected send means this page's script outlived
 * its extension (updated or reloaded): that is 'stale'.
 */
export async function ask<S extends Shape, Res>(
  def: MessageType<S, Res>,
  request: RequestOf<S>,
  send: (message: unknown) => Promise<unknown>,
): Promise<Res> {
  let reply: unknown;
  try {
    reply = await send({ type: def.type, ...request });
  } catch {
    throw new MessageError('stale');
  }
  return unwrap<Res>(reply);
}

/** Declares a message: adding one is this declaration plus its handler in the background (router.ts). */
export function declareMessage<Res>() {
  return <S extends Shape>(type: string, from: Sender[], shape: S): MessageType<S, Res> => ({ type, from, shape });
}
