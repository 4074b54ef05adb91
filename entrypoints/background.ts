import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';

import { syncSiteScripts } from '~/utils/site-scripts';
import { refreshPolicyCache } from '~/utils/settings-store';
import { startSnippetService } from '~/utils/snippets/service';
import { startPackSubscriptions } from '~/utils/packs/subscriptions';
import { startPhraseService } from '~/utils/phrases-service';
import { startKnowledgeService } from '~/utils/knowledge-service';
import { MessageRouter } from '~/utils/messaging/router';
import { startExperienceService } from '~/utils/experience/service';
import { ensureMarkSecret } from '~/utils/mark-key';
import { db } from '~/utils/db';
import { WRITING_SCRIPT, writingScriptMessage } from '~/utils/page/late';

/** How long after start-up the background opens (on a fresh install: creates) the database. */
const DATABASE_AFTER_MS = 3000;

export default defineBackground(() => {
  // log-return keeps the view an agent came from in memory-only session storage, read by the page script.
  void browser.storage.session
    .setAccessLevel?.({ accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS' })
    .catch(() => {});

  // A fresh install's database (the starter shelf with its search fields) is made here, where the
  // dictionary is loaded anyway, rather than by the first page the agent opens; but a few seconds after
  // start-up, not at once: the worker is still compiling itself then, and an options page or side panel
  // opened right after install would wait for its database upgrade (0.3-0.6 s on a busy PC,
  // bench:first-open). A page that gets there first makes the database itself and fills the search
  // fields once it has painted (utils/db.ts); a picker asking sooner opens it on demand.
  setTimeout(() => void db.open().catch(() => {}), DATABASE_AFTER_MS);
  void refreshPolicyCache();
  // The per-install secret of viewed-row marks exists before a SEA page (in any frame) asks for it.
  void ensureMarkSecret().catch(() => {});
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void refreshPolicyCache();
  });

  // Sites added in the options page (beyond the build-time SEA hosts) get the page script registered.
  void syncSiteScripts();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && ('settings' in changes || 'policyCache' in changes)) void syncSiteScripts();
  });
  browser.permissions.onAdded.addListener(() => void syncSiteScripts());
  browser.permissions.onRemoved.addListener(() => void syncSiteScripts());

  // Every message to the background: declared, sender-checked, refused with a code when bad.
  const router = new MessageRouter();
  router.listen();

  // The writing script (utils/page/late.ts): into the frame that asks, once it shows somewhere to write.
  router.on(writingScriptMessage, async (_request, sender) => {
    if (sender.tab?.id === undefined || sender.frameId === undefined) return null;
    await browser.scripting.executeScript({ target: { tabId: sender.tab.id, frameIds: [sender.frameId] }, files: [WRITING_SCRIPT] });
    return null;
  });

  // Snippets (话术): answers the in-page picker, counts uses, action click opens the side panel.
  startSnippetService(router);

  // Packs (话术包): subscribed URLs fetched at start-up, on the policy's interval and on "check now".
  startPackSubscriptions(router);

  // 服务禁语: packs' phrase lists for the reply check in SEA pages.
  startPhraseService(router);

  // 产品知识与术语: packs' products and glossary terms for the page (once per page), chips open the FAQ.
  startKnowledgeService(router);

  // 体验反馈: queued reports go to the policy's endpoint, retried every minute; the shortcut opens the form.
  startExperienceService(router);
});
