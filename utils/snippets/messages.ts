import { declareMessage } from '../messaging/protocol';
import type { PlaceholderValues } from './placeholders';
import type { SearchEntry } from './search';

/**
 * The snippet messages between the three places snippets live:
 * - content script → background (runtime.sendMessage): the picker's data and use counts;
 * - side panel → content script of the active tab (tabs.sendMessage): what the page can fill, and insert.
 */

/** Picker asks for the search entries; `rev` is the revision it already holds. */
export interface IndexRequest {
  type: 'seakit:snippets/index';
  rev?: string;
}
/** `entries` is left out when the caller's `rev` is still current. */
export interface IndexResponse {
  rev: string;
  entries?: SearchEntry[];
}

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

/** Side panel inserts finished text (placeholders already filled) into that reply box. */
export interface InsertRequest {
  type: 'seakit:snippets/insert';
  id: string;
  text: string;
}
export type InsertResponse = { ok: true; target: string } | { ok: false; error: string };

/** To the background (its router checks the shape and that the sender is a SEA page). */
export const snippetIndexMessage = declareMessage<IndexResponse>()('seakit:snippets/index', ['page'], { rev: 'string?' });
export const snippetUsedMessage = declareMessage<UsedResponse>()('seakit:snippets/used', ['page'], { id: 'string' });
/** To the page script of the SEA tab (it checks the sender is one of the extension's pages). */
export const snippetTargetMessage = declareMessage<TargetResponse>()('seakit:snippets/target', ['extension'], {});
export const snippetInsertMessage = declareMessage<InsertResponse>()('seakit:snippets/insert', ['extension'], { id: 'string', text: 'string' });

export type SnippetMessage = IndexRequest | UsedRequest | TargetRequest | InsertRequest;
