import type { Rect } from './internal/useVirtualRows';
import {
  useDeferredValue,
  useId,
  useMemo,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import type { Extension } from '../core/types';
import { useCall, useExtensions, useOutsideLines } from '../react';
import { ActionError } from './internal/ActionError';
import { cx } from './internal/format';
import { useAction } from './internal/useAction';
import { useStableCallback } from './internal/useStableCallback';
import { useVirtualRows } from './internal/useVirtualRows';
import { ExtensionRow } from './internal/ExtensionRow';
import type { OzLabels } from './labels';
import { useLabels } from './LabelsProvider';

export interface ExtensionListProps {
  /** Types offered by the type filter. Default: the types found in the directory. */
  types?: readonly string[];
  defaultType?: string;
  defaultQuery?: string;
  /** List the outside lines too. Default false. */
  outsideLines?: boolean;
  /** Replaces the default click action (start a call to the extension). */
  onCall?: (extension: Extension) => void | Promise<void>;
  /** Offer "Pick up" on extensions whose lamp rings. Default true. */
  pickup?: boolean;
  /** Row height in px. Default 48. */
  rowHeight?: number;
  /** Height of the scrolling area (CSS length or px). Default: --oz-list-height. */
  height?: number | string;
  /** The scroller's size before layout; set it where nothing is laid out (jsdom tests). */
  initialRect?: Rect;
  /** Strings to replace for this component (see OzLabels). */
  labels?: Partial<OzLabels>;
  /** Added to the root element's class (`oz-…`). */
  className?: string;
}

const matches = (x: Extension, q: string) =>
  q === '' || x.id.toLowerCase().includes(q) || !!x.displayName?.toLowerCase().includes(q);

/**
 * The directory's extensions with their BLF lamps: filter by type and text, click (or Enter) to
 * call, "Pick up" on a ringing extension. Virtualized, so 5,000 entries scroll smoothly; arrow
 * keys move between rows.
 */
export function ExtensionList(props: ExtensionListProps): ReactNode {
  const { onCall, pickup = true, rowHeight = 48, height, initialRect, className } = props;
  const labels = useLabels(props.labels);
  const extensions = useExtensions();
  const lines = useOutsideLines();
  const [query, setQuery] = useState(props.defaultQuery ?? '');
  const [type, setType] = useState(props.defaultType ?? '');
  const deferred = useDeferredValue(query.trim().toLowerCase());
  const caller = useCall(null);
  const action = useAction();
  const id = useId();

  const all = useMemo(
    () => (props.outsideLines ? [...extensions, ...lines] : extensions),
    [extensions, lines, props.outsideLines],
  );
  const types = useMemo(
    () => props.types ?? [...new Set(all.map((x) => x.type))].sort(),
    [all, props.types],
  );
  const shown = useMemo(
    () => all.filter((x) => (type === '' || x.type === type) && matches(x, deferred)),
    [all, type, deferred],
  );
  const rows = useVirtualRows({
    count: shown.length,
    rowHeight,
    initialRect,
    focusSelector: '.oz-extension-list__call',
  });

  const call = useStableCallback(
    (x: Extension) =>
      void action.run(() => (onCall ? Promise.resolve(onCall(x)) : caller.start(x.id))),
  );
  const style: CSSProperties | undefined = height === undefined ? undefined : { height };

  return (
    <div className={cx('oz-extension-list', className)}>
      <div className="oz-extension-list__filters">
        <label htmlFor={`${id}-q`}>{labels.search}</label>
        <input
          id={`${id}-q`}
          className="oz-input oz-extension-list__search"
          type="search"
          placeholder={labels.searchPlaceholder}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label htmlFor={`${id}-t`}>{labels.typeFilter}</label>
        <select
          id={`${id}-t`}
          className="oz-input oz-extension-list__type"
          value={type}
          onChange={(e) => setType(e.target.value)}
        >
          <option value="">{labels.allTypes}</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <p className="oz-extension-list__count" role="status">
        {shown.length === 0 ? labels.noExtensions : labels.extensionCount(shown.length)}
      </p>
      <ActionError error={action.error} labels={labels} />
      <div ref={rows.scroller} className="oz-extension-list__scroller" style={style}>
        <ul
          className="oz-extension-list__items"
          aria-label={labels.extensions}
          style={{ height: rows.total }}
          onKeyDown={rows.onKeyDown}
        >
          {rows.items.map((item) => {
            const x = shown[item.index];
            return x ? (
              <ExtensionRow
                key={x.kind + x.id}
                extension={x}
                index={item.index}
                count={shown.length}
                top={item.start}
                height={rowHeight}
                pickup={pickup}
                labels={labels}
                onCall={call}
                run={action.run}
              />
            ) : null;
          })}
        </ul>
      </div>
    </div>
  );
}
