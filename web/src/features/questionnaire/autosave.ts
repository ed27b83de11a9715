import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiProblem, call } from '../../api/client';
import { keys } from '../../api/keys';
import type { SaveState } from '../../ui/SaveStatus';
import type { Draft, Drafts } from './model';

const QUIET_MS = 500;
/** However fast someone types, a change is sent within this long. */
const MAX_WAIT_MS = 900;
const MAX_RETRY_MS = 10_000;

/** Unsaved answers survive a reload: they are answers, not secrets, and never a token. */
const STORAGE_PREFIX = 'assay:unsaved-answers:';
const storageKey = (assessmentId: string) => `${STORAGE_PREFIX}${assessmentId}`;

/** On sign-out: a shared computer keeps nobody's unsent answers. */
export function forgetUnsavedAnswers(): void {
  const stale = Array.from({ length: window.localStorage.length }, (_, i) => window.localStorage.key(i)).filter((key) => key?.startsWith(STORAGE_PREFIX));
  for (const key of stale) window.localStorage.removeItem(key!);
}

function loadDrafts(assessmentId: string): Drafts {
  try {
    return JSON.parse(window.localStorage.getItem(storageKey(assessmentId)) ?? '{}') as Drafts;
  } catch {
    return {};
  }
}

function storeDrafts(assessmentId: string, drafts: Drafts): void {
  if (Object.keys(drafts).length) window.localStorage.setItem(storageKey(assessmentId), JSON.stringify(drafts));
  else window.localStorage.removeItem(storageKey(assessmentId));
}

/** A not-applicable mark waits for its reason: the API refuses one without. */
const sendable = (draft: Draft) => !draft.notApplicable || (draft.reason ?? '').trim() !== '';

function asInput(questionId: string, draft: Draft) {
  return draft.notApplicable ? { questionId, notApplicable: true, reason: draft.reason!.trim() } : { questionId, value: draft.value };
}

const retryable = (error: unknown) => !(error instanceof ApiProblem) || error.status === 0 || error.status === 429 || error.status >= 500;

export interface Autosave {
  drafts: Drafts;
  state: SaveState;
  errors: Record<string, string>;
  change: (questionId: string, draft: Draft) => void;
  flush: () => Promise<void>;
}

/**
 * Answers are saved a moment after each change (a debounced PUT of everything unsaved), kept in
 * memory and local storage until the server has them, and retried with back-off while it cannot
 * be reached. Typing never waits for a save.
 */
export function useAutosave(assessmentId: string): Autosave {
  const queries = useQueryClient();
  const [drafts, setDrafts] = useState<Drafts>(() => loadDrafts(assessmentId));
  const [state, setState] = useState<SaveState>('idle');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const latest = useRef(drafts);
  const rejected = useRef(new Map<string, Draft>());
  const timer = useRef<number | undefined>(undefined);
  const firstPendingAt = useRef<number | null>(null);
  const saving = useRef<Promise<void> | null>(null);
  const attempt = useRef(0);
  const flushRef = useRef<() => Promise<void>>(async () => undefined);

  const update = useCallback(
    (next: Drafts) => {
      latest.current = next;
      storeDrafts(assessmentId, next);
      setDrafts(next);
    },
    [assessmentId],
  );

  const send = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    firstPendingAt.current = null;
    const batch = Object.entries(latest.current).filter(([id, draft]) => sendable(draft) && rejected.current.get(id) !== draft);
    if (batch.length === 0) return;
    setState('saving');
    try {
      await call(api.PUT('/api/v1/assessments/{id}/responses', { params: { path: { id: assessmentId } }, body: { responses: batch.map(([id, d]) => asInput(id, d)) } }));
      // Read the saved answers (and the questions they show or hide) before letting go of the drafts.
      await Promise.all([queries.invalidateQueries({ queryKey: keys.questions(assessmentId) }), queries.invalidateQueries({ queryKey: keys.assessment(assessmentId) })]);
      const remaining = { ...latest.current };
      for (const [id, draft] of batch) if (remaining[id] === draft) delete remaining[id];
      update(remaining);
      attempt.current = 0;
      setState(Object.keys(remaining).some((id) => !rejected.current.has(id)) ? 'saving' : rejected.current.size ? 'failed' : 'saved');
    } catch (error) {
      handleFailure(error, batch);
    }
  }, [assessmentId, queries, update]);

  const handleFailure = (error: unknown, batch: [string, Draft][]) => {
    if (retryable(error)) {
      setState('retrying');
      const wait = Math.min(1000 * 2 ** attempt.current++, MAX_RETRY_MS);
      timer.current = window.setTimeout(() => void flushRef.current(), wait);
      return;
    }
    const problem = error instanceof ApiProblem ? error.problem : undefined;
    const named = new Map((problem?.errors ?? []).map((e) => [e.field.split('.')[0], e.message]));
    const next: Record<string, string> = {};
    for (const [id, draft] of batch) {
      const message = named.get(id) ?? (named.size ? undefined : problem?.detail);
      if (message) {
        rejected.current.set(id, draft);
        next[id] = message;
      }
    }
    setErrors((current) => ({ ...current, ...next }));
    setState('failed');
    // The answers nobody objected to go again at once.
    if (batch.some(([id]) => !next[id])) timer.current = window.setTimeout(() => void flushRef.current(), 0);
  };

  const flush = useCallback(async () => {
    while (saving.current) await saving.current;
    saving.current = send().finally(() => (saving.current = null));
    await saving.current;
  }, [send]);
  flushRef.current = flush;

  const schedule = useCallback(() => {
    const now = Date.now();
    firstPendingAt.current ??= now;
    window.clearTimeout(timer.current);
    const wait = Math.max(0, Math.min(QUIET_MS, firstPendingAt.current + MAX_WAIT_MS - now));
    timer.current = window.setTimeout(() => void flush(), wait);
  }, [flush]);

  const change = useCallback(
    (questionId: string, draft: Draft) => {
      rejected.current.delete(questionId);
      setErrors(({ [questionId]: _, ...rest }) => rest);
      update({ ...latest.current, [questionId]: draft });
      schedule();
    },
    [schedule, update],
  );

  useEffect(() => {
    if (Object.keys(latest.current).length) schedule();
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      window.clearTimeout(timer.current);
    };
  }, [flush, schedule]);

  return { drafts, state, errors, change, flush };
}
