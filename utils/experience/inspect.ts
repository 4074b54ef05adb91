import type { Feature, Field } from '../page/feature';
import { recentErrors, type PageCore } from '../page/core';
import { fieldKindNames } from '../page/labels';
import { frameUrl } from '../page/frame';
import { isFeatureOn, matchesPattern, siteFor, type Settings } from '../settings';
import { isFeatureLocked } from '../settings-store';
import { captureMessage, inspectMessage, maskedView, outlineMessage, type InspectReport, type InspectedField, type PageContext } from './inspect-types';
import { captureStructure } from './structure';
import { answerMessages, fromExtensionPage, parseMessage } from '../messaging/protocol';

/** The mark the outline toggle sets on found values; page.css draws it with the kind's name. */
const OUTLINE = 'data-seakit-inspect';

export interface InspectedFrame {
  settings: Settings;
  locked: Set<string>;
  core: PageCore | null;
  features: Feature[];
}

/** Every field the page core finds in this frame now: the label/value pairs and every list row. */
export function foundFields(core: PageCore | null): { page: Field[]; rows: Field[] } {
  if (!core) return { page: [], rows: [] };
  const scanner = core.scanner;
  return { page: scanner.pageScope().fields, rows: scanner.rows().flatMap((row) => scanner.rowScope(row)?.fields ?? []) };
}

function summarize({ page, rows }: { page: Field[]; rows: Field[] }): InspectedField[] {
  const groups = new Map<string, InspectedField>();
  const all = [...page.map((field) => ({ field, where: 'page' as const })), ...rows.map((field) => ({ field, where: 'row' as const }))];
  for (const { field, where } of all) {
    const key = `${field.kind}\u0000${field.label}\u0000${where}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { kind: field.kind, kindName: fieldKindNames[field.kind], label: field.label, where, count: 1 });
  }
  return [...groups.values()];
}

export function clearOutline(): void {
  for (const el of document.querySelectorAll(`[${OUTLINE}]`)) el.removeAttribute(OUTLINE);
}

function outline(fields: Field[]): void {
  clearOutline();
  for (const field of fields) field.valueEl.setAttribute(OUTLINE, fieldKindNames[field.kind]);
}

export function inspectFrame({ settings, locked, core, features }: InspectedFrame): InspectReport {
  const href = frameUrl();
  const site = siteFor(settings, href);
  const pattern = site?.matches.find((p) => matchesPattern(p, href)) ?? '';
  return {
    href,
    view: maskedView(href),
    site: site ? { id: site.id, name: site.name, pattern, lockedByPolicy: locked.has(`sites.${site.id}`) } : null,
    sitesTried: site ? [] : settings.sites.map(({ id, name, matches }) => ({ id, name, matches })),
    features: site
      ? features.map((f) => ({
          id: f.id,
          title: f.title,
          on: isFeatureOn(site, f.id),
          decidedBy: isFeatureLocked(locked, site.id, f.id) ? 'policy' : site.features[f.id] !== undefined ? 'agent' : 'default',
          failed: isFeatureOn(site, f.id) && !!core && !core.isRunning(f.id),
        }))
      : [],
    fields: summarize(foundFields(core)),
    errors: [...recentErrors],
    outlined: !!document.querySelector(`[${OUTLINE}]`),
  };
}

/** The page side of a 体验反馈: no value leaves this function, only the view, site, labels and the wireframe. */
export function pageContext(frame: InspectedFrame, screenshot: boolean): PageContext {
  const report = inspectFrame(frame);
  const context: PageContext = {
    view: report.view,
    siteId: report.site?.id ?? '',
    siteName: report.site?.name ?? '',
    labels: report.fields.map((f) => `${f.label}（${f.kindName}，${f.where === 'row' ? '列表列' : '标签/值'}）`),
  };
  if (screenshot) {
    const wasOutlined = report.outlined;
    clearOutline();
    const structure = captureStructure(new Set(frame.core?.scanner.index.keys() ?? []));
    if (wasOutlined) {
      const { page, rows } = foundFields(frame.core);
      outline([...page, ...rows]);
    }
    context.screenshot = structure.png;
    context.screenshotTexts = structure.texts;
  }
  return context;
}

/** Answers the side panel for this frame (tabs.sendMessage with its frameId); returns the unlisten. */
export function answerInspector(frame: () => InspectedFrame): () => void {
  const listener = (message: unknown, sender: { id?: string; url?: string }): Promise<InspectReport | PageContext> | undefined => {
    // The side panel only: another extension, or a page script posing as one, gets nothing from this frame.
    if (!fromExtensionPage(sender)) return undefined;
    const capture = parseMessage(captureMessage, message);
    if (capture) return Promise.resolve(pageContext(frame(), capture.screenshot));
    if (parseMessage(inspectMessage, message)) return Promise.resolve(inspectFrame(frame()));
    const toggle = parseMessage(outlineMessage, message);
    if (toggle) {
      if (toggle.on) {
        const { page, rows } = foundFields(frame().core);
        outline([...page, ...rows]);
      } else clearOutline();
      return Promise.resolve(inspectFrame(frame()));
    }
    return undefined;
  };
  const unlisten = answerMessages(listener);
  return () => {
    unlisten();
    clearOutline();
  };
}
