import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import * as path from 'node:path';

/** A tree of folders being watched. */
export interface FolderWatcher {
  close(): void;
}

/**
 * Watches every folder under `root` (one non-recursive `fs.watch` each, new folders added as they
 * appear) and reports the absolute path of each file changed, created, renamed or deleted in them.
 * Not `fs.watch(root, { recursive: true })`: on Linux, Node 20 implements that with a watch per
 * file, which is lost once an editor saves by writing a new file and renaming it over the old one
 * (the next edits go unseen). A folder's watch sees those saves, in place or by rename.
 *
 * @example
 * const watcher = watchFolders('/repo/functions', (file) => console.log('changed', file));
 * watcher.close();
 */
export function watchFolders(root: string, onChange: (file: string) => void): FolderWatcher {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  const add = (dir: string): void => {
    if (closed || watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        if (closed || name === null) return;
        const file = path.join(dir, name.toString());
        if (isFolder(file)) addTree(file);
        onChange(file);
      });
    } catch {
      return; // gone already
    }
    // A watched folder that is deleted ends its watch; nothing else to do.
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
  };
  const addTree = (dir: string): void => {
    add(dir);
    let entries: string[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
        .map((e) => e.name);
    } catch {
      return;
    }
    for (const name of entries) addTree(path.join(dir, name));
  };
  addTree(root);
  return {
    close() {
      closed = true;
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
