import {
  observeElementRect,
  useVirtualizer,
  type Rect,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { useCallback, useRef, type KeyboardEvent } from 'react';

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

const STEP: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };

/**
 * A virtualized list: only the visible rows (plus a few) are in the DOM. Arrow keys, Page keys,
 * Home and End move the focus between rows and scroll the target row in first, since a row that
 * is not rendered cannot take focus.
 */
export function useVirtualRows({
  count,
  rowHeight,
  initialRect,
  focusSelector,
}: VirtualRowsOptions) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer: Virtualizer<HTMLDivElement, Element> = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    ...(initialRect && { initialRect }),
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) =>
        cb(rect.height === 0 && initialRect ? initialRect : rect),
      ),
  });

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
      virtualizer.scrollToIndex(to);
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
    [count, focusSelector, virtualizer],
  );

  return {
    scroller,
    items: virtualizer.getVirtualItems(),
    total: virtualizer.getTotalSize(),
    onKeyDown,
  };
}
