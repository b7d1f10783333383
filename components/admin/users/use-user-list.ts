"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "@/lib/client/api";
import { fetchUsers, type UserListQuery } from "@/lib/client/admin-users";
import type { AdminUserPage, UserSort } from "@/lib/shared/admin-users";

// Long enough that typing a name sends one request, short enough to feel live.
const SEARCH_DEBOUNCE_MS = 300;

export const DEFAULT_QUERY: UserListQuery = {
  q: "",
  sort: "created",
  dir: "desc",
  filter: "all",
  page: 1,
  pageSize: 25,
};

/**
 * The users list's state: the query (search typed now, sent once typing
 * pauses), the page the server answered, whether a newer one is loading, and
 * the error of the last attempt. Starts from the server-rendered first page.
 */
export function useUserList(initial: AdminUserPage) {
  const [query, setQuery] = useState<UserListQuery>(DEFAULT_QUERY);
  const [search, setSearchText] = useState("");
  const [data, setData] = useState<AdminUserPage>(initial);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const first = useRef(true);

  // Typing waits for a pause, then starts again from page 1.
  useEffect(() => {
    if (search === query.q) return;
    const timer = setTimeout(() => setQuery((q) => ({ ...q, q: search, page: 1 })), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, query.q]);

  useEffect(() => {
    // The server rendered the first page of the default query.
    if (first.current) {
      first.current = false;
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    fetchUsers(query, controller.signal)
      .then((page) => {
        setData(page);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(err));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [query, version]);

  /** Sorts by a column: ascending first for text, newest first for dates; again flips it. */
  const sortBy = useCallback((sort: UserSort) => {
    setQuery((q) => ({
      ...q,
      sort,
      dir:
        q.sort === sort
          ? q.dir === "asc"
            ? "desc"
            : "asc"
          : sort === "created" || sort === "lastActive"
            ? "desc"
            : "asc",
      page: 1,
    }));
  }, []);

  return {
    query,
    search,
    setSearch: setSearchText,
    data,
    loading,
    error,
    sortBy,
    setFilter: (filter: UserListQuery["filter"]) => setQuery((q) => ({ ...q, filter, page: 1 })),
    setPage: (page: number) => setQuery((q) => ({ ...q, page })),
    setPageSize: (pageSize: number) => setQuery((q) => ({ ...q, pageSize, page: 1 })),
    /** Loads the current page again, after a change. */
    reload: useCallback(() => setVersion((v) => v + 1), []),
  };
}
