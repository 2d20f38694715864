import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

/** One cache for the panel. Client errors (4xx) are not retried: asking again gives the same answer. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
