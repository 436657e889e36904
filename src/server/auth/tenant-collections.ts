// RAG collections per tenant, by name: the default tenant's collections keep their plain names (those
// the CLI makes); another tenant's are stored as '<tenant>::<name>'. So two tenants may both have a
// 'docs' collection and neither can name, list or search the other's.
import { GantryError } from '../../errors/index.js';
import { defaultTenant } from '../../store/index.js';

const separator = '::';

/** The stored name of a tenant's collection; names may not contain '::' (400). */
export function tenantCollection(tenant: string, name: string): string {
  if (name.includes(separator) || name.length > 200) {
    throw new GantryError(
      'REQUEST_INVALID',
      `A collection name has at most 200 characters and no '${separator}'.`,
      {
        details: { name: name.slice(0, 200) },
      },
    );
  }
  return tenant === defaultTenant ? name : `${tenant}${separator}${name}`;
}

/** The tenant's own collections among stored names, by the names the tenant knows them by. */
export function tenantCollections(tenant: string, storedNames: readonly string[]): Map<string, string> {
  const own = new Map<string, string>();
  const prefix = `${tenant}${separator}`;
  for (const stored of storedNames) {
    if (tenant === defaultTenant) {
      if (!stored.includes(separator)) own.set(stored, stored);
    } else if (stored.startsWith(prefix)) own.set(stored.slice(prefix.length), stored);
  }
  return own;
}
