import { openLink } from '../desktop/links.js';
import { AuthorizeView } from './OAuthViews.js';

/** The URL a step produced, kept with the redirect_to it was built for. */
export interface BuiltUrl {
  url: string;
  redirectTo: string;
}

/** A step's result view for a built /authorize URL, with the button that follows it (coming back to `route`). */
export const authorizeUrlResult = (route: string, goLabel: string) => (data: unknown) => {
  const built = data as BuiltUrl;
  return <AuthorizeView url={built.url} redirectTo={built.redirectTo} goLabel={goLabel} go={() => openLink(built.url, route)} />;
};
