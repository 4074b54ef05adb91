/** Shown beside anything IT set by policy: the agent sees why the control does not move. */
export const LOCKED_TEXT = '由管理员设置';

export function LockedMark({ show }: { show: boolean }) {
  return show ? <span class="locked">{LOCKED_TEXT}</span> : null;
}
