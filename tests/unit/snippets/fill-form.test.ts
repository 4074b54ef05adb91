import { describe, expect, it } from 'vitest';
import { buildFillForm } from '~/components/snippets/fill-form';
import { planFill } from '~/utils/snippets/placeholders';

/** The shared form in a shadow root, as the picker and the side panel draw it. */
function mount(text: string, values = {}) {
  const host = document.createElement('div');
  document.body.replaceChildren(host);
  const root = host.attachShadow({ mode: 'open' });
  const result: { done?: Record<string, string>; cancelled: boolean } = { cancelled: false };
  const { form, focus } = buildFillForm(document, {
    title: '回访预约', plan: planFill(text, values),
    onDone: (answers) => (result.done = answers), onCancel: () => (result.cancelled = true),
  });
  root.append(form);
  focus();
  const active = () => root.activeElement as HTMLInputElement;
  const key = (k: string, init: KeyboardEventInit = {}) => active().dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
  return { form, root, result, active, key };
}

describe('the fill form (picker and side panel)', () => {
  it('asks each field once: text with its default, choices as a radio group with the first picked; preview follows', () => {
    const { form, active } = mount('{填写:称呼=先生}您好，{选项:时段=上午|下午}{称呼}{退款金额}');
    expect([...form.querySelectorAll('input[type="text"]')].map((i) => (i as HTMLInputElement).name)).toEqual(['称呼', '退款金额']);
    expect(form.querySelector('[role="radiogroup"]')!.getAttribute('aria-label')).toBe('时段');
    expect((form.querySelector('input[type="radio"]:checked') as HTMLInputElement).value).toBe('上午');
    expect(active().name).toBe('称呼');
    expect(form.querySelector('.preview')!.textContent).toBe('先生您好，上午先生〔退款金额〕');
    active().value = '<b>王</b>';
    active().dispatchEvent(new Event('input'));
    expect(form.querySelector('.preview')!.textContent).toBe('<b>王</b>您好，上午<b>王</b>〔退款金额〕');
    expect(form.querySelector('.preview b')).toBeNull();
  });

  it('Tab and Shift+Tab go round the form, never out of it', () => {
    const { key, active } = mount('{填写:称呼=先生}{选项:上午|下午}');
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      order.push(active().value || active().textContent!);
      key('Tab');
    }
    expect(order).toEqual(['先生', '上午', '取消', '插入', '先生']);
    // Now on 上午: back to 先生, and back again round to 插入.
    key('Tab', { shiftKey: true });
    expect(active().value).toBe('先生');
    key('Tab', { shiftKey: true });
    expect(active().textContent).toBe('插入');
  });

  it('refuses empty fields naming each, then Enter (from a choice too) gives the answers; Esc cancels', () => {
    const { form, key, root, result } = mount('{退款金额}{填写:备注}{选项:上午|下午}');
    form.requestSubmit();
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('请填写“退款金额”、“备注”，填好后回车插入');
    expect(result.done).toBeUndefined();
    (form.querySelector('input[name="退款金额"]') as HTMLInputElement).value = ' 99 ';
    (form.querySelector('input[name="备注"]') as HTMLInputElement).value = '加急';
    const radio = form.querySelector('input[value="下午"]') as HTMLInputElement;
    radio.checked = true;
    radio.focus();
    key('Enter');
    expect(result.done).toEqual({ 退款金额: '99', 备注: '加急', '选项#1': '下午' });
    key('Escape');
    expect(result.cancelled).toBe(true);
  });

  it('keys of an IME composition are left alone', () => {
    const { key, result } = mount('{退款金额}');
    key('Escape', { isComposing: true });
    expect(result.cancelled).toBe(false);
  });
});
