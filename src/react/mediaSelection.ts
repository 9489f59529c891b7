import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OzStore } from '../core/store';

/** Chosen devices (deviceIds; null = the browser default), one selection per client. */
export interface MediaSelection {
  readonly microphone: string | null;
  readonly speaker: string | null;
  readonly camera: string | null;
}

export interface ClientMedia {
  readonly selection: StoreApi<MediaSelection>;
  /** Elements that play through the selected speaker (attachSpeaker). */
  readonly speakers: Set<HTMLMediaElement>;
}

// Keyed by the client's store (one per client): two providers never share a selection, and a
// client that is dropped takes its selection with it.
const perClient = new WeakMap<OzStore, ClientMedia>();

export function clientMedia(store: OzStore): ClientMedia {
  let media = perClient.get(store);
  if (!media) {
    media = {
      selection: createStore<MediaSelection>()(() => ({
        microphone: null,
        speaker: null,
        camera: null,
      })),
      speakers: new Set(),
    };
    perClient.set(store, media);
  }
  return media;
}
