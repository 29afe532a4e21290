import { useMemo, useState } from 'react';

export interface Selection {
  /** The picked ids still in the list, in its order. */
  ids: readonly string[];
  has(id: string): boolean;
  toggle(id: string): void;
  /** Selects every id of the list, or none when all already are. */
  toggleAll(): void;
  clear(): void;
  all: boolean;
}

/** Which rows of a list are selected; ids that leave the list stop counting. */
export function useSelection(list: readonly string[]): Selection {
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const ids = useMemo(() => list.filter((id) => picked.has(id)), [list, picked]);
  const all = list.length > 0 && ids.length === list.length;
  return {
    ids,
    has: (id) => picked.has(id),
    toggle: (id) =>
      setPicked((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    toggleAll: () => setPicked(all ? new Set() : new Set(list)),
    clear: () => setPicked(new Set()),
    all,
  };
}
