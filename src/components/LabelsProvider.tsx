import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { defaultLabels, type OzLabels } from './labels';

const LabelsContext = createContext<OzLabels>(defaultLabels);

export interface OzLabelsProviderProps {
  /** Strings to replace; nested providers merge, the innermost wins. */
  labels: Partial<OzLabels>;
  children?: ReactNode;
}

/** Replaces strings for every ozkit component below it (translations, wording). */
export function OzLabelsProvider({ labels, children }: OzLabelsProviderProps): ReactNode {
  const outer = useContext(LabelsContext);
  const value = useMemo(() => ({ ...outer, ...labels }), [outer, labels]);
  return <LabelsContext.Provider value={value}>{children}</LabelsContext.Provider>;
}

/** The labels in effect: defaults, then providers, then the component's own `labels` prop. */
export function useLabels(own?: Partial<OzLabels>): OzLabels {
  const inherited = useContext(LabelsContext);
  return useMemo(() => (own ? { ...inherited, ...own } : inherited), [inherited, own]);
}
