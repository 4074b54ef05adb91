import { declareMessage } from '../messaging/protocol';
import type { PlaceholderValues } from './placeholders';
import type { SearchEntry } from './search';

/**
 * The snippet messages between the three places snippets live:
 * - content script → background (runtime.sendMessage): the picker's data and use counts;
 * - side panel → content script of the active tab (tabs.sendMessage): what the page can fill, and insert.
 */

/**
 * Picker asks for the search entries; `rev` is the revision it already holds. `top`: only the first
 * `top` entries of the empty query's list, what a picker opening for the first time shows at once
 * (the whole library, 20,000 snippets, follows in a second request).
 */
export interface IndexRequest {
  type: 'seakit:snippets/index' | 'seakit:snippets/retention';
  rev?: string;
  top?: number;
  /** Retention scripts: whether the page's policy shows personal snippets and the starter shelf (default yes). */
  personal?: boolean;
  starter?: boolean;
}
/** `entries` is left out when the caller's `rev` is still current; `partial` when only the `top` were asked for. */
export interface IndexResponse {
  rev: string;
  entries?: SearchEntry[];
  partial?: boolean;
}

/**
 * The retention scripts (退保挽留) the surrender note offers: only those, not the whole library (20,000
 * snippets were 4.7 MB to send to every page with a reply box). At most MAX_RETENTION_SCRIPTS, in the
 * library's order, of those the page's policy shows (counted after the hidden shelves are left out).
 */
export interface RetentionResponse {
  entries: SearchEntry[];
}
export const MAX_RETENTION_SCRIPTS = 50;

/** A snippet was inserted: count it for ranking. */
export interface UsedRequest {
  type: 'seakit:snippets/used';
  id: string;
}
/** `rev` when the count was the only change since the picker's revision: it may adopt it. */
export interface UsedResponse {
  rev?: string;
}

/** Side panel asks the page where an insert would go and what the page's placeholders are. */
export interface TargetRequest {
  type: 'seakit:snippets/target';
}
export interface TargetResponse {
  /** A description of the reply box that last had focus (回复框), absent when there is none. */
  target?: string;
  values: PlaceholderValues;
}

/** Side panel inserts finished text (placeholders already filled) into that reply box; the caret ends `after` characters before its end ({cursor}). */
export interface InsertRequest {
  type: 'seakit:snippets/insert';
  id: string;
  text: string;
  after?: number;
}
export type InsertResponse = { ok: true; target: string } | { ok: false; error: string };

/** To the background (its router checks the shape and that the sender is a SEA page). */
export const snippetIndexMessage = declareMessage<IndexResponse>()('seakit:snippets/index', ['page'], { rev: 'string?', top: 'number?' });
export const snippetUsedMessage = declareMessage<UsedResponse>()('seakit:snippets/used', ['page'], { id: 'string' });
export const snippetRetentionMessage = declareMessage<RetentionResponse>()('seakit:snippets/retention', ['page'], { personal: 'boolean?', starter: 'boolean?' });
/** Frames: a reply box got focus here; a frame without a policy asks the tab's other frames for values. */
export const snippetFocusMessage = declareMessage<null>()('seakit:snippets/focus', ['page'], {});
export const snippetFrameValuesMessage = declareMessage<PlaceholderValues | null>()('seakit:snippets/frame-values', ['page'], { from: 'string' });
/** To the page script of the SEA tab (it checks the sender is one of the extension's pages). */
export const snippetTargetMessage = declareMessage<TargetResponse>()('seakit:snippets/target', ['extension'], {});
export const snippetInsertMessage = declareMessage<InsertResponse>()('seakit:snippets/insert', ['extension'], { id: 'string', text: 'string', after: 'number?' });

/**
 * The side panel's 建议: the snippets answering the customer's latest messages in the conversation open in
 * a tab. Side panel → background (`suggestions`, the tab it shows) → the tab's reply frame (`page-suggestions`),
 * which ranks its library against the conversation and answers snippet ids only: no customer text leaves the
 * page, and nothing about the customer is kept anywhere.
 */
export interface SuggestionsResponse {
  ids: string[];
}
export const snippetSuggestionsMessage = declareMessage<SuggestionsResponse>()('seakit:snippets/suggestions', ['extension'], { tab: 'number' });
export const snippetPageSuggestionsMessage = declareMessage<SuggestionsResponse>()('seakit:snippets/page-suggestions', ['extension'], {});

/** The `open-snippets` command (chrome://extensions/shortcuts): the reply frame opens the picker at its caret. */
export const OPEN_PICKER_COMMAND = 'open-snippets';
export const snippetOpenPickerMessage = declareMessage<true>()('seakit:snippets/open-picker', ['extension'], {});

/**
 * Frames (issue 10). A reply box got focus: the background notes this frame as the tab's reply frame, where
 * the side panel's requests go (content script → background; the sender says which tab and frame).
 */
export interface FocusRequest {
  type: 'seakit:snippets/focus';
}

/**
 * A frame whose view shows no policy asks the other frames of its tab (the policy tab beside the chat tab)
 * for their placeholder values: content script → background (`frame-values`), which asks the tab's frames
 * (`page-values`); `from` is the asking page script, which does not answer itself.
 */
export interface FrameValuesRequest {
  type: 'seakit:snippets/frame-values' | 'seakit:snippets/page-values';
  from: string;
}

export interface PageSuggestionsRequest {
  type: 'seakit:snippets/page-suggestions';
}

export type SnippetMessage = IndexRequest | UsedRequest | TargetRequest | InsertRequest | FocusRequest | FrameValuesRequest | PageSuggestionsRequest;

export function isSnippetMessage(message: unknown): message is SnippetMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('seakit:snippets/');
}

/** storage.session key of the frame (id) of a tab whose reply box last had focus. */
export const replyFrameKey = (tab: number) => `snippets:replyFrame:${tab}`;
