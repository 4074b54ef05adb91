import { choiceLabels, dateText, parseTemplate } from '~/utils/snippets/template';
import type { PlaceholderValues } from '~/utils/snippets/placeholders';

/**
 * A snippet's text with its placeholders marked: dates and the values known here show as they will be
 * inserted, fields to fill show their name, choices their options, {cursor} where the caret will end.
 * Always rendered as text.
 */
export function SnippetText({ text, values = {} }: { text: string; values?: PlaceholderValues }) {
  const { parts } = parseTemplate(text);
  const labels = choiceLabels(parts);
  const now = new Date();
  return (
    <>
      {parts.map((part, i) => {
        switch (part.type) {
          case 'text':
            return part.text;
          case 'date':
            return <mark key={i} class="ph ph--filled" title="插入时的日期/时间">{dateText(part, now)}</mark>;
          case 'cursor':
            return <mark key={i} class="ph ph--cursor" title="插入后光标停在这里">|</mark>;
          case 'choice':
            return <mark key={i} class="ph" title={`插入时选择“${labels.get(part.key)}”`}>{`〔${part.options.join('/')}〕`}</mark>;
          default:
            return values[part.key]?.length === 1 ? (
              <mark key={i} class="ph ph--filled" title={`{${part.key}}`}>{values[part.key][0]}</mark>
            ) : (
              <mark key={i} class="ph" title="插入时从页面读取，读不到时会请您填写">{`{${part.key}${part.fallback ? `=${part.fallback}` : ''}}`}</mark>
            );
        }
      })}
    </>
  );
}
