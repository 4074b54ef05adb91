import { declareMessage } from '../messaging/protocol';

/*
 * What the side panel asks a SEA frame (tabs.sendMessage with its frameId). Declared like the background's
 * messages: the frame answers only the extension's own pages, and only the declared shape.
 */
/** The page inspector's look at the frame (no values, only counts). */
export const inspectMessage = declareMessage<InspectReport>()('seakit:inspect', ['extension'], {});
/** The inspector's outline toggle; answers the frame's report after it. */
export const outlineMessage = declareMessage<InspectReport>()('seakit:inspect/outline', ['extension'], { on: 'boolean' });
/** What a 体验反馈 takes from the page: view, site, labels found, and the structure screenshot when asked. */
export const captureMessage = declareMessage<PageContext>()('seakit:experience/capture', ['extension'], { screenshot: 'boolean' });

export interface PageContext {
  view: string;
  siteId: string;
  siteName: string;
  /** "保单号（列表列）": the kinds and labels found, never a value. */
  labels: string[];
  screenshot?: string;
  /** What the screenshot shows as text (structure only). */
  screenshotTexts?: string[];
}

export type Decider = 'default' | 'agent' | 'policy';

export interface InspectedFeature {
  id: string;
  title: string;
  on: boolean;
  decidedBy: Decider;
  /** On, but stopped on this page after an error. */
  failed: boolean;
}

export interface InspectedField {
  kind: string;
  kindName: string;
  /** The label as the page shows it. */
  label: string;
  /** Where it was found: a list column, or a label/value pair. */
  where: 'row' | 'page';
  count: number;
}

export interface FeatureError {
  feature: string;
  message: string;
  at: number;
}

export interface InspectReport {
  href: string;
  /** The route with every run of digits masked: what a report may carry. */
  view: string;
  site: { id: string; name: string; pattern: string; lockedByPolicy: boolean } | null;
  /** The sites tried, in order, when none matched. */
  sitesTried: Array<{ id: string; name: string; matches: string[] }>;
  features: InspectedFeature[];
  fields: InspectedField[];
  errors: FeatureError[];
  outlined: boolean;
}

/** A route as a report may carry it: digit runs become #, anything not a plain ASCII word becomes *, query values go. */
export function maskedView(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return '';
  }
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const mask = (s: string) => decode(s).replace(/\d+/g, '#').replace(/[^A-Za-z#/_.\-]+/g, '*');
  const route = (path: string, search: string) => {
    const keys = [...new URLSearchParams(search).keys()].map((k) => `${mask(k)}=*`).join('&');
    return mask(path) + (keys ? `?${keys}` : '');
  };
  const [hashPath, hashSearch = ''] = url.hash.slice(1).split('?');
  return url.host + route(url.pathname, url.search) + (url.hash ? `#${route(hashPath, hashSearch)}` : '');
}
