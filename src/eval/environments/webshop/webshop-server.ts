// The web shop as a real local HTTP site (127.0.0.1): search, result pages (10 a page, every match
// reachable through `page`), product pages with options, attributes and stock, cart and checkout, per
// session. An out-of-stock product cannot be added to the cart (409). Pages are HTML for people; `Accept: application/json` gets the same
// page as JSON for tools. Every request is logged into the session's trajectory.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bm25Index } from '../../../rag/index.js';
import { available, inStock, type Product } from './catalogue.js';
import type { Purchase } from './webshop-reward.js';

export interface ShopSession {
  id: string;
  /** Every page requested, in order ("search?q=...", "item/B…"). */
  visits: string[];
  cart: Purchase[];
  purchased?: Purchase;
}

export interface WebShopServer {
  url: string;
  session(id: string): ShopSession;
  close(): Promise<void>;
}

const pageSize = 10;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

export async function startWebShopServer(products: readonly Product[]): Promise<WebShopServer> {
  const byAsin = new Map(products.map((p) => [p.asin, p]));
  const index = new Bm25Index();
  for (const p of products) index.add(p.asin, `${p.title} ${p.productType} ${p.description}`);
  const sessions = new Map<string, ShopSession>();
  const session = (id: string) => {
    let s = sessions.get(id);
    if (!s) {
      s = { id, visits: [], cart: [] };
      sessions.set(id, s);
    }
    return s;
  };

  function respond(
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    title: string,
    json: unknown,
    html: string,
  ) {
    const wantsJson = (request.headers.accept ?? '').includes('application/json');
    response.statusCode = status;
    response.setHeader('content-type', wantsJson ? 'application/json' : 'text/html; charset=utf-8');
    response.end(wantsJson ? JSON.stringify(json) : page(title, html));
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://shop.local');
    const match = /^\/s\/([\w-]+)(\/.*)?$/.exec(url.pathname);
    if (!match)
      return respond(
        request,
        response,
        404,
        'Not found',
        { error: 'use /s/<session>/' },
        '<p>Use /s/&lt;session&gt;/</p>',
      );
    const s = session(match[1]);
    const path = match[2] ?? '/';
    const base = `/s/${s.id}`;
    s.visits.push(`${path.slice(1)}${url.search}`);
    const options = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'q' && k !== 'page'));

    if (path === '/' || path === '') {
      return respond(
        request,
        response,
        200,
        'Shop',
        { page: 'search' },
        `<form action="${base}/search"><input name="q"><button>Search</button></form>`,
      );
    }
    if (path === '/search') {
      const query = url.searchParams.get('q') ?? '';
      const pageNumber = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
      const hits = index.search(query, { limit: products.length });
      const pageCount = Math.ceil(hits.length / pageSize);
      const shown = hits
        .slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
        .map((h) => byAsin.get(h.id)!);
      const results = shown.map((p) => ({ asin: p.asin, title: p.title, price: p.price }));
      const html =
        `<h1>Results for "${escapeHtml(query)}" (page ${pageNumber})</h1><ol>` +
        results
          .map(
            (r) =>
              `<li><a href="${base}/item/${r.asin}">${escapeHtml(r.title)}</a> $${r.price.toFixed(2)}</li>`,
          )
          .join('') +
        `</ol>${hits.length > pageNumber * pageSize ? `<a href="${base}/search?q=${encodeURIComponent(query)}&page=${pageNumber + 1}">Next</a>` : ''}`;
      return respond(
        request,
        response,
        200,
        'Results',
        { page: 'results', query, pageNumber, pageCount, total: hits.length, results },
        html,
      );
    }
    const item = /^\/item\/(\w+)$/.exec(path);
    if (item) {
      const p = byAsin.get(item[1]);
      if (!p)
        return respond(
          request,
          response,
          404,
          'Not found',
          { error: `no product ${item[1]}` },
          '<p>No such product</p>',
        );
      const optionHtml = Object.entries(p.options)
        .map(
          ([name, values]) =>
            `<p>${name}: ${values.map((v) => `<a href="${base}/item/${p.asin}?${new URLSearchParams({ ...options, [name]: v })}">${escapeHtml(v)}</a>${p.soldOut?.[name]?.includes(v) ? ' (sold out)' : ''}`).join(' ')}</p>`,
        )
        .join('');
      const stockHtml = inStock(p)
        ? `In stock${p.stock === undefined ? '' : ` (${p.stock} left)`}`
        : 'Out of stock';
      const html = `<h1>${escapeHtml(p.title)}</h1><p>$${p.price.toFixed(2)}${p.priceTier ? ` (${p.priceTier})` : ''}</p><p>${stockHtml}</p><p>${escapeHtml(p.description)}</p><ul>${p.attributes.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>${optionHtml}<a href="${base}/cart/add/${p.asin}?${new URLSearchParams(options)}">Buy now</a>`;
      return respond(request, response, 200, p.title, { page: 'item', product: p, selected: options }, html);
    }
    const add = /^\/cart\/add\/(\w+)$/.exec(path);
    if (add) {
      const p = byAsin.get(add[1]);
      if (!p)
        return respond(
          request,
          response,
          404,
          'Not found',
          { error: `no product ${add[1]}` },
          '<p>No such product</p>',
        );
      if (!available(p, options)) {
        const message = inStock(p)
          ? `${p.asin} is sold out in ${Object.entries(options)
              .filter(([n, v]) => p.soldOut?.[n]?.includes(v))
              .map(([n, v]) => `${n} ${v}`)
              .join(', ')}; choose other options or another product`
          : `${p.asin} is out of stock; choose another product`;
        return respond(
          request,
          response,
          409,
          'Out of stock',
          { error: message },
          `<p>${escapeHtml(message)}</p>`,
        );
      }
      const invalid = Object.entries(options).filter(([name, value]) => !p.options[name]?.includes(value));
      if (invalid.length > 0) {
        const message = `invalid options ${invalid.map(([n, v]) => `${n}=${v}`).join(', ')}; available: ${JSON.stringify(p.options)}`;
        return respond(
          request,
          response,
          400,
          'Invalid options',
          { error: message },
          `<p>${escapeHtml(message)}</p>`,
        );
      }
      s.cart.push({ asin: p.asin, options });
      return respond(
        request,
        response,
        200,
        'Cart',
        { page: 'cart', cart: s.cart },
        `<p>Added. <a href="${base}/checkout">Checkout</a></p>`,
      );
    }
    if (path === '/cart')
      return respond(
        request,
        response,
        200,
        'Cart',
        { page: 'cart', cart: s.cart },
        `<pre>${escapeHtml(JSON.stringify(s.cart))}</pre>`,
      );
    if (path === '/checkout') {
      const last = s.cart.at(-1);
      if (!last)
        return respond(
          request,
          response,
          400,
          'Empty cart',
          { error: 'the cart is empty' },
          '<p>The cart is empty</p>',
        );
      s.purchased = last;
      return respond(
        request,
        response,
        200,
        'Thank you',
        { page: 'done', purchased: last },
        '<p>Thank you for shopping.</p>',
      );
    }
    return respond(request, response, 404, 'Not found', { error: `no page ${path}` }, '<p>Not found</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    session,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
