import { splitPlaceholders, type PlaceholderValues } from '~/utils/snippets/placeholders';

/**
 * A snippet's text with its placeholders marked: filled ones show their value, the others their
 * name (filled from the page, or asked for, when inserted). Always rendered as text.
 */
export function SnippetText({ text, values = {} }: { text: string; values?: PlaceholderValues }) {
  return (
    <>
      {splitPlaceholders(text).map((part, i) =>
        'text' in part ? (
          part.text
        ) : values[part.name]?.length === 1 ? (
          <mark key={i} class="ph ph--filled" title={`{${part.name}}`}>{values[part.name][0]}</mark>
        ) : (
          <mark key={i} class="ph" title="插入时从页面读取，读不到时会请您填写">{`{${part.name}}`}</mark>
        ),
      )}
    </>
  );
}
