import { render } from 'preact';
import { SnippetLibrary } from '~/components/snippets/Library';
import '~/assets/options.css';

/** The snippet library beside SEA: a click inserts into the reply box the agent was typing in. */
function SidePanel() {
  return (
    <main class="panel">
      <h1>SEA Kit 话术</h1>
      <SnippetLibrary mode="panel" />
    </main>
  );
}

render(<SidePanel />, document.getElementById('app')!);
