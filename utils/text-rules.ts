/** Site rules as agents and IT write them: plain text to find, or `/regex/flags` for patterns such as 工号 followed by digits. */
export function matchesRule(rule: string, text: string): boolean {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(rule);
  if (regex) {
    try {
      return new RegExp(regex[1], regex[2]).test(text);
    } catch {
      return false; // a broken site rule matches nothing rather than breaking the page
    }
  }
  return text.includes(rule);
}
