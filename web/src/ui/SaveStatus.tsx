export type SaveState = 'idle' | 'saving' | 'saved' | 'retrying' | 'failed';

const WORDS: Record<SaveState, string> = {
  idle: 'All answers saved',
  saving: 'Saving…',
  saved: 'Saved',
  retrying: 'Not saved — retrying',
  failed: 'Some answers could not be saved',
};

/** The autosave state, announced politely to screen readers as it changes. */
export function SaveStatus({ state }: { state: SaveState }) {
  return (
    <p className={`save-status save-${state}`} role="status" aria-live="polite">
      {WORDS[state]}
    </p>
  );
}
