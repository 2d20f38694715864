// The shop's panel at /panel: router, query cache, session and notices around the routes.
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { queryClient } from './lib/query.ts';
import { SessionProvider } from './lib/session.tsx';
import { ToastProvider } from './lib/ui/toast.tsx';
import { PanelRoutes } from './routes.tsx';

export default function PanelApp() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider>
          <ToastProvider>
            <PanelRoutes />
          </ToastProvider>
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
