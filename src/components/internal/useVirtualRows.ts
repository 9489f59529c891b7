import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';

/** A scroller size, for where the browser reports none (jsdom, the server). */
export interface Rect {
  width: number;
  height: number;
}

export interface VirtualRowsOptions {
  count: number;
  /** Row height in px (rows have a fixed height, so 5,000 rows need no measuring). */
  rowHeight: number;
  /**
   * The scroller's size until the browser reports one. Where nothing is laid out (jsdom, server)
   * it stays in force, so that tests see rows at all.
   */
  initialRect?: Rect | undefined;
  /** The element that takes focus in a row, for arrow-key movement. */
  focusSelector: string;
}

export interface VirtualRow {
  index: number;
  key: number;
  /** Offset from the top of the list, px. */
  start: number;
  size: number;
}

const OVERSCAN = 8;
const STEP: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };

/**
 * A virtualized list of fixed-height rows: only the visible rows (plus a few) are in the DOM.
 * With fixed heights the window is plain arithmetic over scrollTop and the scroller's height, so
 * this needs no list library (and saves its ~10 KB gz). Arrow keys, Page keys, Home and End move
 * the focus between rows and scroll the target row in first, since a row that is not rendered
 * cannot take focus.
 */
export function useVirtualRows({
  count,
  rowHeight,
  initialRect,
  focusSelector,
}: VirtualRowsOptions) {
  const scroller = useRef<HTMLDivElement>(null);
  const fallback = initialRect?.height ?? 0;
  const [view, setView] = useState({ top: 0, height: fallback });

  const read = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const height = el.clientHeight || fallback;
    const top = el.scrollTop;
    setView((v) => (v.top === top && v.height === height ? v : { top, height }));
  }, [fallback]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    read();
    el.addEventListener('scroll', read, { passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read);
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      resize?.disconnect();
    };
  }, [read]);

  const first = Math.max(0, Math.floor(view.top / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN);
  const items = useMemo(() => {
    const out: VirtualRow[] = [];
    for (let index = first; index < last; index++)
      out.push({ index, key: index, start: index * rowHeight, size: rowHeight });
    return out;
  }, [first, last, rowHeight]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scroller.current;
      if (!el) return;
      const height = el.clientHeight || fallback;
      const top = index * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
      read();
    },
    [fallback, rowHeight, read],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (!row || !(e.key in STEP || e.key === 'Home' || e.key === 'End')) return;
      const from = Number(row.dataset.index);
      const to =
        e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? count - 1
            : Math.min(count - 1, Math.max(0, from + (STEP[e.key] ?? 0)));
      e.preventDefault();
      scrollToIndex(to);
      let tries = 0;
      const focus = () => {
        const el = scroller.current?.querySelector<HTMLElement>(
          `[data-index="${to}"] ${focusSelector}`,
        );
        if (el) el.focus();
        else if (tries++ < 10) requestAnimationFrame(focus);
      };
      requestAnimationFrame(focus);
    },
    [count, focusSelector, scrollToIndex],
  );

  return { scroller, items, total: count * rowHeight, onKeyDown };
}
