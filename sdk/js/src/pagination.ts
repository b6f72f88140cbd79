import type { Query, RequestOptions } from "./core.js";

export interface Pagination {
  page: number;
  limit: number;
  total: number;
  totalPages: number;
}

/** One page of a list. */
export interface Page<T> {
  items: T[];
  pagination: Pagination;
}

export interface ListParams {
  /** From 1, default 1. */
  page?: number;
  /** 1–100, default 20. */
  limit?: number;
}

type Fetcher<T> = (query: Query) => Promise<Page<T>>;

/**
 * What `list()` returns: awaited, the page asked for (`{ items, pagination }`); walked with `for await`, every item
 * of that page and the pages after it, fetched one page at a time as the loop needs them.
 */
export class ListPromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  private first: Promise<Page<T>> | undefined;

  constructor(private readonly fetchPage: Fetcher<T>, private readonly query: Query) {}

  private firstPage(): Promise<Page<T>> {
    return (this.first ??= this.fetchPage(this.query));
  }

  then<A = Page<T>, B = never>(
    onfulfilled?: ((value: Page<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.firstPage().then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<T> | B> {
    return this.firstPage().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<Page<T>> {
    return this.firstPage().finally(onfinally);
  }

  /** Every page from the one asked for to the last. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let page = await this.firstPage();
    for (;;) {
      yield page;
      const { page: n, totalPages } = page.pagination;
      if (n >= totalPages || page.items.length === 0) return;
      page = await this.fetchPage({ ...this.query, page: n + 1 });
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Collects every item of every page (at most `max`, default 10,000) into an array. */
  async toArray(max = 10000): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this) {
      if (out.length >= max) break;
      out.push(item);
    }
    return out;
  }

  readonly [Symbol.toStringTag] = "ListPromise";
}

export type { RequestOptions };
