import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { LateCode } from '~/utils/page/feature';
import type { FeatureId } from '~/utils/settings';

/**
 * The writing script (utils/page/late.ts): the code of the late features, injected by the background into
 * a frame that has somewhere to write. It only hands the code over; the page script runs it. The list is
 * the features that declare `late: true` (tests/unit/late-features.test.ts checks the two agree).
 */
const code = import.meta.glob<LateCode>('./sea.content/features/{phrase-check,snippets,surrender-alert}.ts', {
  eager: true,
  import: 'late',
});

export default defineUnlistedScript(() => {
  // Injected again (two page scripts asking at once): the first copy stays.
  window.seaKitLateCode ??= Object.fromEntries(
    Object.entries(code).map(([path, late]) => [/([^/]+)\.ts$/.exec(path)![1] as FeatureId, late]),
  );
});
