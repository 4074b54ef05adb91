import type { ComponentChildren, DetailsHTMLAttributes } from 'preact';
import { useState } from 'preact/hooks';

type DetailsProps = Omit<DetailsHTMLAttributes<HTMLDetailsElement>, 'open' | 'children' | 'onToggle'>;

/**
 * A `<details>` whose content is created the first time it opens, and kept after: folded IT detail (a
 * site's 高级 rules, the pack policy card) costs the view's first render nothing (`npm run bench:first-open`).
 * Pass the content as a component element (`<SiteRules … />`): its own render then runs only when shown.
 */
export function Disclosure({ summary, open = false, children, ...props }: DetailsProps & { summary: ComponentChildren; open?: boolean; children: ComponentChildren }) {
  const [shown, setShown] = useState(open);
  return (
    // The click renders the content before the browser paints the opened box; toggle covers opening from script.
    <details {...props} open={open} onToggle={(e) => e.currentTarget.open && setShown(true)}>
      <summary onClick={() => setShown(true)}>{summary}</summary>
      {(shown || open) && children}
    </details>
  );
}
