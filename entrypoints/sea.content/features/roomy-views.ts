import { defineFeature } from '~/utils/page/feature';
import { createInjected } from '~/utils/page/inject';

/**
 * Seed items 24 and 29: a policy detail opened in a dialog or drawer gets room (90 % of the window, at
 * most 1,600 px), and dropdown filter panels show every option without an inner scrollbar. Only an
 * attribute and this feature's stylesheet do it: the page's inline styles are never touched, and
 * switching the feature off removes both.
 */
const WIDE = 'data-seakit-wide';

/** The box that carries a dialog's or drawer's width, in the UI libraries SEA-like admins use. */
const DIALOG_BOX = /(?:^|\s)(?:el-dialog|el-drawer|ant-modal|ant-drawer-content-wrapper|modal-dialog|layui-layer|dialog|drawer|modal)(?:\s|$)/;
const DIALOG_ROLE = '[role="dialog"], [aria-modal="true"], dialog';

const STYLE = `
[${WIDE}] { width: min(90vw, 1600px) !important; max-width: min(90vw, 1600px) !important; }
/* Dropdown option panels: all options, no inner scrollbar (never taller than the window). */
.el-select-dropdown__wrap, .el-select-dropdown .el-scrollbar__wrap, .el-table-filter__wrap, .el-cascader-menu__wrap,
.ant-dropdown-menu, .ant-table-filter-dropdown .ant-dropdown-menu, .dropdown-menu, select[size] {
  max-height: calc(100vh - 48px) !important;
}
.el-select-dropdown__wrap, .el-select-dropdown .el-scrollbar__wrap, .el-table-filter__wrap, .el-cascader-menu__wrap { height: auto !important; }
`;

function dialogBox(el: Element): Element | null {
  let fallback: Element | null = null;
  let depth = 0;
  for (let at = el.parentElement; at && at !== document.body && depth < 12; at = at.parentElement, depth++) {
    if (DIALOG_BOX.test(at.getAttribute('class') ?? '')) return at;
    if (!fallback && at.matches(DIALOG_ROLE)) fallback = at;
  }
  return fallback;
}

const widened = new Set<Element>();

export default defineFeature({
  id: 'roomy-views',
  title: '宽敞视图',
  description: '弹窗或抽屉里的保单详情加宽到窗口的 90%（最宽 1600 像素），下拉筛选框一次显示全部选项。',
  order: 66,
  fields: ['policyNo'],
  marks: [WIDE],
  start({ signal }) {
    const style = createInjected('style', 'roomy-views', STYLE);
    (document.head ?? document.documentElement).append(style);
    signal.addEventListener('abort', () => widened.clear());
  },
  apply(scope, { page }) {
    if (scope.kind !== 'page') return;
    const boxes = new Set<Element>();
    for (const field of scope.fields) {
      if (field.kind !== 'policyNo' || page.inList(field.valueEl)) continue;
      const box = dialogBox(field.valueEl);
      if (box) boxes.add(box);
    }
    for (const box of widened) {
      if (!boxes.has(box)) {
        box.removeAttribute(WIDE);
        widened.delete(box);
      }
    }
    for (const box of boxes) {
      if (!box.hasAttribute(WIDE)) box.setAttribute(WIDE, '');
      widened.add(box);
    }
  },
  onPage() {
    // A dialog that closed (or no longer shows a policy): its box is not the page's to keep marked.
    for (const box of widened) {
      if (!box.isConnected) widened.delete(box);
    }
  },
});
