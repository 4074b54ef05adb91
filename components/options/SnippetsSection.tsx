import { SnippetLibrary } from '~/components/snippets/Library';
import { BackupBar } from '~/components/snippets/BackupBar';
import { useSettings } from '~/components/useSettings';

/** 话术: browse the four shelves, edit the personal ones, back them up. */
export function SnippetsSection() {
  const { allowPersonalSnippets, snippetTrigger } = useSettings();
  return (
    <>
      {allowPersonalSnippets && <BackupBar />}
      <div class="card">
        <h2>话术库</h2>
        <p class="hint">在 SEA 回复框输入 {snippetTrigger || '//'} 加关键字（标题、内容、快捷词、拼音或首字母）即可插入话术。公用话术由组长通过话术包下发，只读；个人话术可自由编辑。</p>
        <SnippetLibrary mode="options" />
      </div>
    </>
  );
}
