import type { Rect } from './internal/useVirtualRows';
import type { CSSProperties, ReactNode } from 'react';
import type { CallHistoryFilter } from '../core/types';
import { useCall, useCallHistory, useConnectionState } from '../react';
import { ActionError } from './internal/ActionError';
import { cx } from './internal/format';
import { HistoryRow } from './internal/HistoryRow';
import { useAction } from './internal/useAction';
import { useStableCallback } from './internal/useStableCallback';
import { useVirtualRows } from './internal/useVirtualRows';
import type { OzLabels } from './labels';
import { useLabels } from './LabelsProvider';

export interface CallHistoryProps {
  /** Only calls of this extension (as source or destination). Default: the whole account. */
  extension?: string;
  /** Ozeki's GetCallHistory filters (direction, general text, from/to, …). */
  filter?: CallHistoryFilter;
  /** Replaces the default redial action (start a call to the party). */
  onRedial?: (number: string) => void | Promise<void>;
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

/**
 * Call records, newest first: direction, party (directory name when known), time, duration or
 * outcome, and a redial button. Virtualized; arrow keys move between rows.
 */
export function CallHistory(props: CallHistoryProps): ReactNode {
  const { extension, filter, onRedial, rowHeight = 48, height, initialRect, className } = props;
  const labels = useLabels(props.labels);
  const records = useCallHistory(extension, filter);
  const { user } = useConnectionState();
  const caller = useCall(null);
  const action = useAction();
  const rows = useVirtualRows({
    count: records.length,
    rowHeight,
    initialRect,
    focusSelector: '.oz-call-history__redial',
  });
  const redial = useStableCallback(
    (n: string) =>
      void action.run(() => (onRedial ? Promise.resolve(onRedial(n)) : caller.start(n))),
  );
  const style: CSSProperties | undefined = height === undefined ? undefined : { height };

  return (
    <div className={cx('oz-call-history', className)}>
      <ActionError error={action.error} labels={labels} />
      {records.length === 0 && <p className="oz-call-history__empty">{labels.noHistory}</p>}
      <div ref={rows.scroller} className="oz-call-history__scroller" style={style}>
        <ul
          className="oz-call-history__items"
          aria-label={labels.history}
          style={{ height: rows.total }}
          onKeyDown={rows.onKeyDown}
        >
          {rows.items.map((item) => {
            const r = records[item.index];
            return r ? (
              <HistoryRow
                key={r.callId}
                record={r}
                me={user}
                index={item.index}
                count={records.length}
                top={item.start}
                height={rowHeight}
                labels={labels}
                onRedial={redial}
              />
            ) : null;
          })}
        </ul>
      </div>
    </div>
  );
}
