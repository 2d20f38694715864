/** The token of an emailed link: after '#token=' (kept out of server logs) or as ?token=. */
export function tokenFromLink(location: { hash: string; search: string }): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  return fromHash ?? new URLSearchParams(location.search).get('token');
}
