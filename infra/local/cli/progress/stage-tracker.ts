import type { ScoringRunEvent } from '../../runtime/scoring-run/index.js';
import { STAGE_LABELS } from './stage-labels.js';

/** A stage of the run as progress shows it; a map stage counts its items (the run's shards). */
export interface StageState {
  label: string;
  /** Epoch milliseconds. */
  startedAt: number;
  /** Items of a map stage; undefined for a single task. */
  total?: number;
  done: number;
}

export interface StageListener {
  started(stage: StageState): void;
  itemDone(stage: StageState): void;
  ended(stage: StageState, at: number, ok: boolean): void;
}

/**
 * Turns the execution's events into stage starts, map items done and stage ends. A map's item
 * count is the run's shard count, which every stage from Prepare on carries in its output.
 */
export function trackStages(listener: StageListener): (event: ScoringRunEvent) => void {
  let shards: number | undefined;
  const running = new Map<string, StageState>();
  return (event) => {
    const shardList = (event.output as { run?: { shards?: unknown[] } } | undefined)?.run?.shards;
    if (event.type === 'StateExited' && Array.isArray(shardList)) shards = shardList.length;
    const name = event.state;
    const label = name ? STAGE_LABELS[name] : undefined;
    if (!name || !label) return;
    const stage = running.get(name);
    if (event.type === 'MapIterationSucceeded' && stage) {
      stage.done += 1;
      listener.itemDone(stage);
      return;
    }
    if (event.mapIndex !== undefined) return;
    if (event.type === 'StateEntered') {
      const entered: StageState = { label, startedAt: event.at, done: 0, ...(event.stateType === 'Map' && shards !== undefined ? { total: shards } : {}) };
      running.set(name, entered);
      listener.started(entered);
    } else if ((event.type === 'StateExited' || event.type === 'StateFailed') && stage) {
      running.delete(name);
      listener.ended(stage, event.at, event.type === 'StateExited');
    }
  };
}

/** "3/8 shards, about 40 s left" style counts; no estimate before the first item is done. */
export function remainingSeconds(stage: StageState, now: number): number | undefined {
  if (stage.total === undefined || stage.done === 0 || stage.done >= stage.total) return undefined;
  const perItem = (now - stage.startedAt) / stage.done;
  return ((stage.total - stage.done) * perItem) / 1000;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}
