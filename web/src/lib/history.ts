// Undo/redo over whole snapshots of the edited document. Snapshots are immutable, so keeping one per edit is cheap
// (unchanged parts are shared) and undo gives back exactly the JSON there was.

export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  constructor(public present: T, private readonly limit = 500) {}

  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }
  get depth(): number {
    return this.past.length;
  }

  /** Records an edit; a new edit forgets what could be redone. */
  push(next: T): void {
    if (next === this.present) return;
    this.past.push(this.present);
    if (this.past.length > this.limit) this.past.shift();
    this.present = next;
    this.future = [];
  }

  /** Replaces the present without a new undo level (typing into one field coalesces into one edit). */
  replace(next: T): void {
    this.present = next;
    this.future = [];
  }

  undo(): T {
    const previous = this.past.pop();
    if (previous !== undefined) {
      this.future.push(this.present);
      this.present = previous;
    }
    return this.present;
  }

  redo(): T {
    const next = this.future.pop();
    if (next !== undefined) {
      this.past.push(this.present);
      this.present = next;
    }
    return this.present;
  }

  /** Starts over from a document that is not an edit (loaded from the server). */
  reset(present: T): void {
    this.present = present;
    this.past = [];
    this.future = [];
  }
}
