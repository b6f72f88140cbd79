// Wire shapes of API.md §6 and §8 (snake_case as on the wire).

export type RuleNode =
  | { all: RuleNode[] }
  | { any: RuleNode[] }
  | { not: RuleNode }
  | RuleLeaf;

export interface RuleLeaf {
  source: "contact" | "list" | "event" | "context" | "email_step";
  field?: string;
  operator: string;
  value?: unknown;
  list_id?: string;
  name?: string;
  within_days?: number;
  min_count?: number;
  where?: { property: string; operator: string; value?: unknown }[];
  step_id?: string;
}

export interface Trigger {
  type: string;
  segment?: RuleNode | null;
  [key: string]: unknown;
}

export interface Step {
  step_id: string;
  type: string;
  label?: string | null;
  [key: string]: unknown;
}

export interface FlowSettings {
  session_ttl_minutes?: number | null;
  allow_public_trigger?: boolean;
  timezone?: string;
  exit_on_unsubscribe?: boolean;
  quiet_hours?: { start: string; end: string; timezone?: string } | null;
  [key: string]: unknown;
}

export interface FlowStats {
  total_entered: number;
  active_count: number;
  waiting_count: number;
  completed_count: number;
  dropped_count: number;
  failed_count: number;
  most_recent_entry_at: string | null;
}

export interface UiData {
  positions?: Record<string, { x: number; y: number }>;
  notes?: Record<string, string>;
}

export interface Flow {
  id: string;
  name: string;
  description: string | null;
  status: "draft" | "active" | "paused" | "archived";
  reentry_policy: { mode: string; cooldown_minutes?: number | null };
  triggers: Trigger[];
  entry_step_id: string | null;
  steps: Step[];
  disqualification_rules: RuleNode | null;
  ui?: UiData | null;
  settings: FlowSettings;
  version: number;
  created_at: string;
  updated_at: string;
  activated_at: string | null;
  stats: FlowStats;
}

/** The part of a flow the builder edits: what undo/redo snapshots. */
export interface FlowDoc {
  name: string;
  description: string | null;
  reentry_policy: Flow["reentry_policy"];
  triggers: Trigger[];
  entry_step_id: string | null;
  steps: Step[];
  disqualification_rules: RuleNode | null;
  settings: FlowSettings;
  ui: UiData;
}

export interface Problem {
  path: string;
  message: string;
}

export interface StepStats {
  version: number;
  step_stats: { step_id: string; at_step: number; waiting: number; executed: number; exited: number }[];
  edge_stats: { from_step_id: string; to_step_id: string; edge: string; taken: number }[];
}

export interface TimelineEntry {
  at: string;
  type: string;
  step_id: string | null;
  data: Record<string, unknown>;
}

export interface Member {
  id: string;
  flow_id: string;
  flow_version: number;
  contact_id: string;
  status: string;
  current_step_id: string | null;
  wake_at: string | null;
  entered_at: string;
  exited_at: string | null;
  exit_reason: string | null;
  failure: { step_id: string; error: string; attempts: number } | null;
  context: Record<string, unknown>;
  dynamic_context: Record<string, unknown>;
  timeline?: TimelineEntry[];
}

export interface Pagination {
  page: number;
  limit: number;
  total: number;
  total_pages: number;
}
