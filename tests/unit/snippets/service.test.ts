import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createSnippetService } from '~/utils/snippets/service';
import type { IndexResponse } from '~/utils/snippets/messages';
import { createPersonal, deletePersonal } from '~/utils/snippets/store';
import { buildSearchIndex, searchSnippets } from '~/utils/snippets/search';
import { freshDb } from './helpers';

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('background snippet service', () => {
  it('hands out the search entries once per revision, and a new revision after any write', async () => {
    const d = await freshDb();
    opened.push(d);
    const service = createSnippetService(d);
    const first = (await service.handle({ type: 'seakit:snippets/index' })) as IndexResponse;
    expect(first.entries!.length).toBe(await d.snippets.count());
    const greeting = first.entries!.find((e) => e.title === '欢迎语')!;
    expect(greeting).toMatchObject({ initials: 'hyy', shortcut: 'hy', owner: '公用' });
    expect(Object.keys(greeting).sort()).toEqual(
      ['id', 'initials', 'line', 'owner', 'pinyin', 'shortcut', 'tags', 'text', 'textInitials', 'title', 'useCount'].sort(),
    );
    // Asking again with the revision it holds: nothing to send.
    expect(await service.handle({ type: 'seakit:snippets/index', rev: first.rev })).toEqual({ rev: first.rev });

    const mine = await createPersonal({ line: '保', title: '我的话术', text: '内容', tags: [] }, d);
    const second = (await service.handle({ type: 'seakit:snippets/index', rev: first.rev })) as IndexResponse;
    expect(second.rev).not.toBe(first.rev);
    expect(second.entries!.map((e) => e.id)).toContain(mine.id);

    // A use is the only change: the picker (which counted it itself) gets a revision to adopt, no re-send.
    const used = (await service.handle({ type: 'seakit:snippets/used', id: mine.id })) as { rev?: string };
    expect((await d.snippets.get(mine.id))!.useCount).toBe(1);
    expect(used.rev).toBeDefined();
    expect(used.rev).not.toBe(second.rev);
    expect(await service.handle({ type: 'seakit:snippets/index', rev: used.rev })).toEqual({ rev: used.rev });
    // Whoever asks with the older revision gets the counted entries.
    const third = (await service.handle({ type: 'seakit:snippets/index', rev: second.rev })) as IndexResponse;
    expect(third.entries!.find((e) => e.id === mine.id)!.useCount).toBe(1);

    await deletePersonal(mine.id, d);
    const fourth = (await service.handle({ type: 'seakit:snippets/index', rev: third.rev })) as IndexResponse;
    expect(fourth.entries!.map((e) => e.id)).not.toContain(mine.id);
  });

  it('sends a first-opening picker only the entries its list shows first, ranked as the picker ranks them', async () => {
    const d = await freshDb();
    opened.push(d);
    const service = createSnippetService(d);
    const all = (await service.handle({ type: 'seakit:snippets/index' })) as IndexResponse;
    const first = (await service.handle({ type: 'seakit:snippets/index', top: 3 })) as IndexResponse;
    expect(first.partial).toBe(true);
    expect(first.entries!.map((e) => e.id)).toEqual(searchSnippets(buildSearchIndex(all.entries!), '', 3).map((e) => e.id));
    // A used snippet leads the empty list; the held entries took the count, so no re-read is needed.
    const used = all.entries!.at(-1)!;
    await service.handle({ type: 'seakit:snippets/used', id: used.id });
    const after = (await service.handle({ type: 'seakit:snippets/index', top: 3 })) as IndexResponse;
    expect(after.entries![0]).toMatchObject({ id: used.id, useCount: 1 });
  });

  it('leaves messages that are not its own alone', async () => {
    const d = await freshDb();
    opened.push(d);
    expect(await createSnippetService(d).handle({ type: 'seakit:snippets/target' })).toBeUndefined();
  });
});
