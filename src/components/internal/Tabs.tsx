import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cx } from './format';

export interface Tab {
  key: string;
  label: string;
  render: () => ReactNode;
}

/** WAI-ARIA tabs: one tab stop, arrow keys / Home / End move between tabs and select them. */
export function Tabs(props: { tabs: readonly Tab[]; label: string; className: string }): ReactNode {
  const { tabs, label, className } = props;
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const id = useId();
  const current = Math.min(active, tabs.length - 1);
  const onKeyDown = (e: KeyboardEvent) => {
    const n = tabs.length;
    const next =
      e.key === 'ArrowRight'
        ? (current + 1) % n
        : e.key === 'ArrowLeft'
          ? (current + n - 1) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    setActive(next);
    refs.current[next]?.focus();
  };
  const tab = tabs[current];
  return (
    <div className={cx('oz-tabs', className)}>
      <div className="oz-tabs__list" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((t, i) => (
          <button
            key={t.key}
            ref={(el) => {
              refs.current[i] = el;
            }}
            id={`${id}-${t.key}`}
            type="button"
            role="tab"
            className="oz-tabs__tab"
            aria-selected={i === current}
            aria-controls={`${id}-panel`}
            tabIndex={i === current ? 0 : -1}
            onClick={() => setActive(i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab && (
        <div
          id={`${id}-panel`}
          role="tabpanel"
          className="oz-tabs__panel"
          aria-labelledby={`${id}-${tab.key}`}
        >
          {tab.render()}
        </div>
      )}
    </div>
  );
}
