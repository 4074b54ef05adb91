import { browser } from 'wxt/browser';
import { SnippetPicker } from '~/components/snippets/picker';
import type { FeatureContext } from '../page/feature';
import { ask } from '../messaging/protocol';
import { snippetUsedMessage } from './messages';
import { completeSnippet } from './placeholders';
import { placeholderValues } from './frame-values';
import { caretIn, insertReply, restoreCaret, type Caret, type CaretRect } from './reply-box';
import type { SearchEntry } from './search';

/**
 * Puts a snippet into a reply box for features other than the picker (the 退保预警 note's retention
 * scripts): placeholders from the page and the agent, the rest asked in the picker's small form at
 * `at`; cancelled means nothing is inserted. Counts the use.
 */
export async function insertSnippet(entry: SearchEntry, caret: Caret, count: number, ctx: Pick<FeatureContext, 'page' | 'settings'>, at: CaretRect): Promise<boolean> {
  const reply = await completeSnippet(entry.text, await placeholderValues(ctx), async (plan) => {
    const form = new SnippetPicker({ choose: () => {} });
    form.open(at);
    const answers = await form.ask(entry.title, plan);
    form.close();
    return answers;
  });
  if (!reply) return false;
  restoreCaret(caret);
  if (!insertReply(caretIn(caret.box) ?? caret, count, reply)) return false;
  void ask(snippetUsedMessage, { id: entry.id }, (m) => browser.runtime.sendMessage(m)).catch(() => undefined); // only the ranking misses it
  return true;
}
