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
import { keepPackListCached } from '~/utils/packs/list';
import { WRITING_SCRIPT, writingScriptMessage } from '~/utils/page/late';

export default defineBackground(() => {
  // log-return keeps the view an agent came from in memory-only session storage, read by the page script.
  void browser.storage.session
    .setAccessLevel?.({ accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS' })
    .catch(() => {});

  // A fresh install's database (the starter shelf with its search fields) is made here at once, where the
  // dictionary is loaded anyway, rather than by the first page the agent opens: an options page or side
  // panel opened a moment later then finds it made (bench:first-open: 13-67 ms to open it, against
  // 100-300 ms for a page that has to create it on a fresh profile). A page that got there first made it
  // without search fields and fills them once it has painted; closed before, it left them to this open.
  const database = db.open().then(() => db.fillSearchFieldsLeftByPages()).catch(() => {});
  // The copy of the 话术包 list the options page paints first, rewritten whenever packs change.
  const packList = keepPackListCached(db);
  const policy = refreshPolicyCache().catch(() => {});
  // The per-install secret of viewed-row marks exists before a SEA page (in any frame) asks for it.
  const markSecret = ensureMarkSecret().catch(() => {});
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void refreshPolicyCache();
  });

  // Sites added in the options page (beyond the build-time SEA hosts) get the page script registered.
  const siteScripts = syncSiteScripts().catch(() => {});
  // The start-up work is done (database made, policy cached): `npm run bench:first-open` and the e2e
  // first-open test open a view after this, as an agent does after IT installed the extension.
  void Promise.all([database, packList, policy, markSecret, siteScripts]).then(() => performance.mark('seakit:background-settled'));
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
