/**
 * Frames. The page script runs in every frame of a SEA site (all_frames): each frame has its own page
 * core over its own document, and its site is decided by its own URL, so a SEA frame inside a non-SEA
 * workbench gets SEA Kit and a non-SEA frame inside SEA does not.
 */

/**
 * The URL that decides this frame's site. about:blank and srcdoc frames (written by script) have no URL
 * of their own: theirs is the creator's, when the creator is same-origin; else the inherited origin.
 */
export function frameUrl(win: Window = window): string {
  const href = win.location.href;
  if (!/^about:(blank|srcdoc)/.test(href)) return href;
  try {
    const parent = win.parent;
    if (parent !== win) return frameUrl(parent);
  } catch {
    // A cross-origin creator: never read it (it is not ours to touch), fall back to the inherited origin.
  }
  return win.origin && win.origin !== 'null' ? `${win.origin}/` : href;
}
